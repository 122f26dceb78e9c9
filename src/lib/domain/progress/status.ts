/** Statuses of the indicator spec (indicators.md), decided on exact integers. */
import type { IndicatorStatus } from '../codes';
import { compareFractions, reachesPercent } from './rational';

/**
 * A ratio indicator num/den against a target in percent. `periodOver` is D >= end of P.
 * No target: no status. Denominator 0: no_data.
 */
export function ratioStatus(
	num: number,
	den: number,
	target: number | null,
	periodOver: boolean
): IndicatorStatus | null {
	if (target === null) return null;
	if (den === 0) return 'no_data';
	const reached = reachesPercent(num, den, target);
	if (periodOver) return reached ? 'met' : 'missed';
	return reached ? 'on_track' : 'at_risk';
}

/** cap = floor(B * (100 - T) / 100): the most a unit may hold in the target year. */
export function reductionCap(baseline: number, targetPercent: number): number {
	const scaled = BigInt(baseline) * BigInt(100 - Math.round(targetPercent));
	const cap = scaled / 100n;
	// BigInt division truncates toward zero; floor for a negative product (T > 100).
	return Number(scaled < 0n && cap * 100n !== scaled ? cap - 1n : cap);
}

export interface ReductionInput {
	count: number;
	cap: number;
	/** Days from the start of the target year to min(D, end of P), inclusive. */
	elapsed: number;
	yearDays: number;
	/** D >= year end and P ends at year end. */
	yearFinished: boolean;
}

/**
 * A reduction indicator: met/missed once the year is over; otherwise off_track when the count is
 * already above the cap, at_risk when the projection count*yearDays/elapsed is above the cap.
 */
export function reductionStatus(r: ReductionInput): IndicatorStatus {
	if (r.yearFinished) return r.count <= r.cap ? 'met' : 'missed';
	if (r.count > r.cap) return 'off_track';
	if (r.elapsed <= 0) return 'no_data';
	return compareFractions(r.count * r.yearDays, r.elapsed, r.cap, 1) > 0 ? 'at_risk' : 'on_track';
}

/** How good a status is, for sorting and for monotonicity checks: higher is better; no_data lowest. */
export const STATUS_RANK: Record<IndicatorStatus, number> = {
	no_data: -1,
	off_track: 0,
	missed: 0,
	at_risk: 1,
	on_track: 2,
	met: 2
};
