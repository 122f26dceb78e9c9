/**
 * A projected yearly count as an official writes it (clerk review 11): a whole number of
 * conferences or documents ("khoảng 624 văn bản", not "623,7"), never a figure that contradicts
 * the status beside it. The status compares the exact projection with the whole-number cap
 * (indicators.md): 10.03 against a cap of 10 is at risk, yet rounds to 10; such a projection is
 * written "trên 10" (over the cap), never "10" or "10,0". The engine's figures (report.csv, the
 * exports) keep their decimals; this is only how a person reads them.
 */
export interface ProjectedCount {
	/** The whole number to write. */
	n: number;
	/** True when the projection is over `n` (the cap) though it rounds to it: write "trên n". */
	over: boolean;
}

export function projectedCount(projected: number, cap?: number): ProjectedCount {
	// Half away from zero, as every figure of the app (projections are never negative).
	const whole = Math.sign(projected) * Math.round(Math.abs(projected) + 1e-9);
	if (cap !== undefined && projected > cap && whole <= cap) return { n: cap, over: true };
	return { n: whole, over: false };
}
