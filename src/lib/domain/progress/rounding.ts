/**
 * Display of exact values: percentages with one decimal and a dot, rounded half away from zero,
 * computed in BigInt on the rational itself (never Math.round on a float ratio).
 */

/** Integer division rounded half away from zero (den > 0). */
function divRoundHalfAway(num: bigint, den: bigint): bigint {
	const negative = num < 0n;
	const abs = negative ? -num : num;
	const q = (2n * abs + den) / (2n * den);
	return negative ? -q : q;
}

/**
 * The percentage 100 * num / den with one decimal: formatPercent(8, 13) === '61.5'.
 * Integers (or bigints) only; den must not be 0. A value that rounds to zero prints '0.0', never '-0.0'.
 */
export function formatPercent(num: number | bigint, den: number | bigint): string {
	let n = BigInt(num);
	let d = BigInt(den);
	if (d === 0n) throw new RangeError('formatPercent: denominator 0');
	if (d < 0n) {
		n = -n;
		d = -d;
	}
	const tenths = divRoundHalfAway(n * 1000n, d);
	const abs = tenths < 0n ? -tenths : tenths;
	const sign = tenths < 0n ? '-' : '';
	return `${sign}${abs / 10n}.${abs % 10n}`;
}

/** A count as a whole number. */
export const formatCount = (n: number): string => String(Math.trunc(n));
