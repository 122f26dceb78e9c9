/** Inputs and results of the progress engine. Plain data: arrays in, numbers out. */
import type { IndicatorCode, IndicatorStatus, PeriodMode } from '../codes';
import type {
	DocumentRecord,
	IncomingMonth,
	Meeting,
	Plan,
	ProcedureMonth,
	Settings,
	Unit
} from '../schemas';
import type { Period } from '../periods';
import type { AggregateInput } from './aggregates';

export interface ProgressInput {
	units: readonly Unit[];
	plans: readonly Plan[];
	meetings: readonly Meeting[];
	documents: readonly DocumentRecord[];
	procedures: readonly ProcedureMonth[];
	/** Incoming-documents months (v2). */
	incoming: readonly IncomingMonth[];
	limits: Settings['limits'];
	periodMode: PeriodMode;
	/** Overrides of DEFAULT_TARGETS; null removes a target. */
	targets?: Partial<Record<IndicatorCode, number | null>>;
	/**
	 * Per (unit, month) counts ($lib/domain/progress/aggregates). When given, the raw meetings and
	 * documents stand only for the halves in `rawHalves` (the ones a window may cut), and the
	 * monthly figures come from the rows (the raw procedures and incoming arrays are not read).
	 */
	aggregates?: AggregateInput;
}

/** The commune row's unit code. */
export const COMMUNE = '*';

export interface IndicatorResult {
	code: IndicatorCode;
	/** Float for display and charts; null when there is no data. */
	value: number | null;
	/** '' when no data; counts as whole numbers; percentages with one decimal and a dot. */
	display: string;
	target: number | null;
	/** null for indicators without a target. */
	status: IndicatorStatus | null;
	/** Ratio indicators: the exact fraction. */
	numerator?: number;
	denominator?: number;
	/** conferences_held, conferences_attended; reduction indicators: the year-to-date count. */
	count?: number;
	/** Reduction indicators. */
	baseline?: number;
	cap?: number;
	/** Reduction indicators: count * yearDays / elapsed, or the count itself once the year is over. */
	projected?: number;
	/** Commune reduction indicators: units left out (no baseline or baseline 0). */
	excludedUnits?: string[];
}

export interface UnitProgress {
	unitCode: string;
	/** In INDICATORS order. */
	indicators: IndicatorResult[];
	/** cap - conferences held so far in the target year (negative when over); null without a cap. */
	conferencesLeft: number | null;
	documentsLeft: number | null;
	conferenceCap: number | null;
	documentCap: number | null;
	/** The annual plan's planned conferences (the sum for the commune); null when not set. */
	plannedConferences: number | null;
	planAboveCap: boolean;
	/** Held organised conferences dated in P whose duration is over their limit. */
	overLimitMeetingIds: string[];
	/** Commune only: units left out of either reduction indicator, in report order. */
	excludedFromReduction?: string[];
}

export interface ReportResult {
	period: Period;
	asOf: string;
	/** min(asOf, period.end). */
	effectiveEnd: string;
	units: UnitProgress[];
	commune: UnitProgress;
}
