/**
 * What the figures say, for the text of the report: each target that is missed or at risk, by how
 * much, and which units are off track. Pure: the engine's result in, plain facts out.
 */
import type { IndicatorStatus } from '../codes';

/** The engine's figures as the document needs them (ReportResult or a final report's snapshot). */
export interface FigureRow {
	code: string;
	value: number | null;
	display: string;
	target: number | null;
	status: IndicatorStatus | null;
	numerator?: number;
	denominator?: number;
	count?: number;
	baseline?: number;
	cap?: number;
	projected?: number;
	/** The commune's reduction rows: units left out (no baseline, or 0). */
	excludedUnits?: string[];
}
export interface FigureScope {
	unitCode: string;
	indicators: readonly FigureRow[];
}

export const REDUCTION_CODES: ReadonlySet<string> = new Set([
	'conference_reduction',
	'document_reduction'
]);

/** Worst first: the order of the text. */
const SHORTFALL: readonly IndicatorStatus[] = ['missed', 'off_track', 'at_risk'];
export type Shortfall = 'missed' | 'off_track' | 'at_risk';

export interface Finding {
	row: FigureRow;
	status: Shortfall;
}

export const isShortfall = (s: IndicatorStatus | null): s is Shortfall =>
	s !== null && (SHORTFALL as readonly string[]).includes(s);

/** Some indicator of the scope has data to judge (a status other than no data). */
export const anyAssessed = (scope: Pick<FigureScope, 'indicators'>): boolean =>
	scope.indicators.some((i) => i.status !== null && i.status !== 'no_data');

/** The scope's missed and at-risk targets, worst first, in the spec's row order within a status. */
export function findingsOf(scope: FigureScope): Finding[] {
	const out: Finding[] = [];
	for (const status of SHORTFALL)
		for (const row of scope.indicators)
			if (row.status === status) out.push({ row, status: status as Shortfall });
	return out;
}

export interface UnitStanding {
	unitCode: string;
	/** Targets missed, off track or at risk. */
	shortfalls: number;
	/** Targets with a status other than no_data. */
	assessed: number;
	/** No target has data. */
	noData: boolean;
}

export function unitStandings(units: readonly FigureScope[]): UnitStanding[] {
	return units.map((u) => {
		const rated = u.indicators.filter((i) => i.status !== null);
		const assessed = rated.filter((i) => i.status !== 'no_data').length;
		return {
			unitCode: u.unitCode,
			shortfalls: rated.filter((i) => isShortfall(i.status)).length,
			assessed,
			noData: rated.length > 0 && assessed === 0
		};
	});
}
