/**
 * Exact comparisons of rationals by integer cross-multiplication (BigInt, so no product can
 * overflow). Every status in the spec is decided here, never on rounded floats.
 */

/** Sign of a/b - c/d for integers with b > 0 and d > 0: -1, 0 or 1. */
export function compareFractions(a: number, b: number, c: number, d: number): -1 | 0 | 1 {
	const left = BigInt(a) * BigInt(d);
	const right = BigInt(c) * BigInt(b);
	return left < right ? -1 : left > right ? 1 : 0;
}

/** A target in percent as an integer fraction (60 -> 60/1, 62.5 -> 625/10). */
export function targetFraction(target: number): { num: number; den: number } {
	let den = 1;
	while (!Number.isInteger(target * den) && den < 1_000_000) den *= 10;
	return { num: Math.round(target * den), den };
}

/** Whether num/den, as a percentage, reaches `target` percent: num*100 >= target*den. */
export function reachesPercent(num: number, den: number, target: number): boolean {
	const t = targetFraction(target);
	return compareFractions(num * 100, den, t.num, t.den) >= 0;
}
