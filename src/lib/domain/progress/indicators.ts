/** The indicators of one unit (or the commune) from its counts, in the spec's order. */
import { DEFAULT_TARGETS, INDICATORS, type IndicatorCode } from '../codes';
import { formatCount, formatPercent } from './rounding';
import { ratioStatus, reductionCap, reductionStatus } from './status';
import type { Tally } from './tally';
import type { IndicatorResult } from './types';

/** What every indicator of a report shares. */
export interface IndicatorContext {
	targets: Record<IndicatorCode, number | null>;
	/** D >= end of P. */
	periodOver: boolean;
	/** Days from the start of the target year to min(D, end of P), inclusive (<= 0 before it starts). */
	elapsed: number;
	yearDays: number;
	/** D >= year end and P ends at year end. */
	yearFinished: boolean;
}

/** A reduction's inputs: the baseline (null when not set) and the year-to-date count it is held against. */
export interface ReductionFigures {
	baseline: number | null;
	count: number;
	excludedUnits?: string[];
}

export function mergeTargets(
	overrides: Partial<Record<IndicatorCode, number | null>> | undefined
): Record<IndicatorCode, number | null> {
	return { ...DEFAULT_TARGETS, ...overrides };
}

/** A count shown as a whole number; a count has no direction to judge it by, so never a status. */
function countOf(code: IndicatorCode, n: number, ctx: IndicatorContext): IndicatorResult {
	return {
		code,
		value: n,
		display: formatCount(n),
		target: ctx.targets[code],
		status: null,
		count: n
	};
}

function ratio(
	code: IndicatorCode,
	num: number,
	den: number,
	ctx: IndicatorContext
): IndicatorResult {
	const target = ctx.targets[code];
	const hasData = den > 0;
	return {
		code,
		value: hasData ? (num * 100) / den : null,
		display: hasData ? formatPercent(num, den) : '',
		target,
		status: ratioStatus(num, den, target, ctx.periodOver),
		numerator: num,
		denominator: den
	};
}

/** Cap of a reduction, or null without a usable baseline or target. */
export function capOf(baseline: number | null, target: number | null): number | null {
	return baseline === null || baseline <= 0 || target === null
		? null
		: reductionCap(baseline, target);
}

function reduction(
	code: IndicatorCode,
	r: ReductionFigures,
	ctx: IndicatorContext
): IndicatorResult {
	const target = ctx.targets[code];
	const base: IndicatorResult = {
		code,
		value: null,
		display: '',
		target,
		status: null,
		count: r.count
	};
	if (r.excludedUnits !== undefined) base.excludedUnits = r.excludedUnits;
	const B = r.baseline;
	if (B === null || B <= 0) return { ...base, status: target === null ? null : 'no_data' };
	const cap = capOf(B, target);
	if (cap !== null) base.cap = cap;
	base.baseline = B;
	let num: number;
	let den: number;
	if (ctx.yearFinished) {
		// (B - count) / B
		num = B - r.count;
		den = B;
		base.projected = r.count;
	} else if (ctx.elapsed > 0) {
		// (B - count*yearDays/elapsed) / B = (B*elapsed - count*yearDays) / (B*elapsed)
		num = B * ctx.elapsed - r.count * ctx.yearDays;
		den = B * ctx.elapsed;
		base.projected = (r.count * ctx.yearDays) / ctx.elapsed;
	} else {
		// The target year has not started by D: nothing to project.
		return { ...base, status: target === null ? null : 'no_data' };
	}
	const status =
		cap === null
			? null
			: reductionStatus({
					count: r.count,
					cap,
					elapsed: ctx.elapsed,
					yearDays: ctx.yearDays,
					yearFinished: ctx.yearFinished
				});
	return { ...base, value: (num * 100) / den, display: formatPercent(num, den), status };
}

/** The indicators in INDICATORS order. */
export function buildIndicators(
	t: Tally,
	conferences: ReductionFigures,
	documents: ReductionFigures,
	ctx: IndicatorContext
): IndicatorResult[] {
	const byCode: Record<IndicatorCode, () => IndicatorResult> = {
		conferences_held: () => countOf('conferences_held', t.conferences, ctx),
		conferences_attended: () => countOf('conferences_attended', t.attended, ctx),
		online_share: () => ratio('online_share', t.online, t.conferences, ctx),
		conference_reduction: () => reduction('conference_reduction', conferences, ctx),
		document_reduction: () => reduction('document_reduction', documents, ctx),
		electronic_share: () => ratio('electronic_share', t.electronic, t.documents, ctx),
		incoming_electronic_share: () =>
			ratio('incoming_electronic_share', t.incomingElectronic, t.incomingReceived, ctx),
		digital_procedures_share: () =>
			ratio('digital_procedures_share', t.procDigital, t.procTotal, ctx),
		digitized_share: () => ratio('digitized_share', t.procDigitized, t.procTotal, ctx),
		duration_compliance_share: () =>
			ratio('duration_compliance_share', t.withinLimit, t.conferences, ctx),
		paperless_share: () => ratio('paperless_share', t.paperless, t.meetings, ctx)
	};
	return INDICATORS.map((code) => byCode[code]());
}
