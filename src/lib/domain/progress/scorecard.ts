/**
 * The yearly scorecard (the plan makes results part of each unit's annual rating and awards):
 * per unit, the targets met out of the targets that apply, the missed ones, and a rank.
 *
 * Rules:
 * - A target applies to a unit when the indicator has a target and the unit has data for it
 *   (status not `no_data`); indicators without a target (counts, paperless share) never apply.
 * - Met: status `met` or `on_track`. Missed (listed): `missed`, `off_track` or `at_risk`, in the
 *   spec's indicator order, each with its value and target.
 * - Rank: by the share met / applicable, higher first, compared exactly (cross-multiplication);
 *   equal shares by more targets met; still equal, the same rank (1, 1, 3: competition
 *   ranking) and report order. A unit with no applicable target has no rank and comes last.
 */
import type { IndicatorCode, IndicatorStatus } from '../codes';
import { compareFractions } from './rational';
import type { IndicatorResult } from './types';

/** What the scorecard reads of a unit's (or the commune's) results: a report's or an issued snapshot's. */
export interface ScoredScope {
	unitCode: string;
	indicators: readonly Pick<
		IndicatorResult,
		| 'code'
		| 'display'
		| 'target'
		| 'status'
		| 'value'
		| 'numerator'
		| 'denominator'
		| 'count'
		| 'baseline'
		| 'cap'
		| 'projected'
	>[];
}

const MET: ReadonlySet<IndicatorStatus> = new Set(['met', 'on_track']);

export interface ScorecardMiss {
	code: IndicatorCode;
	/** As report.csv has it ('61.5', '-20.0'); never empty (a missed target has data). */
	display: string;
	target: number;
	status: IndicatorStatus;
	/** The exact figure, so the screen can show it without contradicting the status. */
	value: number | null;
	numerator?: number;
	denominator?: number;
	/**
	 * A reduction's count so far, last year's count, cap and projected count, shown beside its
	 * percentage (the annex prints them as the unit's own table does).
	 */
	count?: number;
	baseline?: number;
	cap?: number;
	projected?: number;
}

export interface ScorecardEntry {
	unitCode: string;
	/** Targets met or on track. */
	met: number;
	/** Targets with a target and data. */
	applicable: number;
	missed: ScorecardMiss[];
	/** 1 for the best; null when no target applies. */
	rank: number | null;
}

export interface Scorecard {
	/** Units ranked (see the rules above); units without an applicable target last. */
	units: ScorecardEntry[];
	/** The whole commune, unranked. */
	commune: ScorecardEntry;
}

/** One unit's (or the commune's) entry, unranked. */
export function scorecardEntry(p: ScoredScope): ScorecardEntry {
	let met = 0;
	let applicable = 0;
	const missed: ScorecardMiss[] = [];
	for (const i of p.indicators) {
		if (i.target === null || i.status === null || i.status === 'no_data') continue;
		applicable++;
		if (MET.has(i.status)) met++;
		else {
			const miss: ScorecardMiss = {
				code: i.code,
				display: i.display,
				target: i.target,
				status: i.status,
				value: i.value
			};
			if (i.numerator !== undefined) miss.numerator = i.numerator;
			if (i.denominator !== undefined) miss.denominator = i.denominator;
			if (i.count !== undefined) miss.count = i.count;
			if (i.baseline !== undefined) miss.baseline = i.baseline;
			if (i.cap !== undefined) miss.cap = i.cap;
			if (i.projected !== undefined) miss.projected = i.projected;
			missed.push(miss);
		}
	}
	return { unitCode: p.unitCode, met, applicable, missed, rank: null };
}

/** Negative when `a` ranks before `b`, 0 when they share a rank. */
function compareEntries(a: ScorecardEntry, b: ScorecardEntry): number {
	const aNone = a.applicable === 0;
	const bNone = b.applicable === 0;
	if (aNone || bNone) return Number(aNone) - Number(bNone);
	return -compareFractions(a.met, a.applicable, b.met, b.applicable) || b.met - a.met;
}

/** The scorecard of a report (for the year: pass the annual report of the target year). */
export function scorecard(report: {
	units: readonly ScoredScope[];
	commune: ScoredScope;
}): Scorecard {
	// Array.prototype.sort is stable: ties keep report order.
	const units = report.units.map(scorecardEntry).sort(compareEntries);
	units.forEach((e, i) => {
		if (e.applicable === 0) return;
		const prev = units[i - 1];
		e.rank = prev !== undefined && compareEntries(prev, e) === 0 ? prev.rank : i + 1;
	});
	return { units, commune: scorecardEntry(report.commune) };
}
