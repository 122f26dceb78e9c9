/**
 * A percentage shown next to a status must never contradict it (issue #12.10): the figure and the
 * shortfall, decided on the exact fraction. Machine strings (dot, no grouping); the screens put
 * them in the user's language (i18n/number.ts), the report document in Vietnamese.
 */
import type { IndicatorStatus } from '../codes';

const NOT_REACHED: ReadonlySet<IndicatorStatus> = new Set(['at_risk', 'missed', 'off_track']);

/** floor(100 * num / den * 10^digits) as a machine decimal string with `digits` decimals. */
function floorPercent(num: number, den: number, digits: number): string {
	let n = BigInt(num) * 100n * 10n ** BigInt(digits);
	let d = BigInt(den);
	if (d < 0n) {
		n = -n;
		d = -d;
	}
	let q = n / d;
	if (n < 0n && q * d !== n) q -= 1n; // BigInt division truncates; floor for negatives
	const neg = q < 0n;
	const abs = (neg ? -q : q).toString().padStart(digits + 1, '0');
	return `${neg ? '-' : ''}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

function floorFloat(value: number, digits: number): string {
	const f = 10 ** digits;
	return (Math.floor(value * f) / f).toFixed(digits);
}

/** What the percentage formatter needs of an indicator result. */
export interface PercentFigure {
	/** The engine's one-decimal machine string ('94.9'); '' without data. */
	display: string;
	value: number | null;
	target: number | null;
	status: IndicatorStatus | null;
	numerator?: number;
	denominator?: number;
}

/**
 * The machine percentage to show next to a status, so that the two never contradict each other.
 * One decimal as a rule ('61.5'). When the status says the target is not reached but one decimal
 * would read as reaching it (3817/4020 = 94.95…% shows '95.0' against a 95% target), more
 * decimals, rounded down so the shown figure stays under the target: '94.95'. Exact on the
 * fraction when it is known; '' without data.
 */
export function honestPercent(i: PercentFigure): string {
	if (i.display === '') return '';
	const { target, status } = i;
	if (target === null || status === null || !NOT_REACHED.has(status)) return i.display;
	if (Number(i.display) < target) return i.display;
	const exact = i.numerator !== undefined && i.denominator !== undefined && i.denominator !== 0;
	for (let digits = 2; digits <= 4; digits++) {
		const s = exact
			? floorPercent(i.numerator as number, i.denominator as number, digits)
			: i.value === null
				? null
				: floorFloat(i.value, digits);
		if (s === null) break;
		if (Number(s) < target) return s;
	}
	// The figure itself reaches the target (a reduction judged on its yearly cap): as computed.
	return i.display;
}

/**
 * How many more (of the numerator) a ratio needs to reach its target: ceil(target * den / 100) - num.
 * null when it does not apply (no fraction, no target, reached).
 */
export function ratioShortfall(i: PercentFigure): number | null {
	if (i.numerator === undefined || i.denominator === undefined || i.denominator <= 0) return null;
	if (i.target === null) return null;
	const need = BigInt(Math.round(i.target * 100)) * BigInt(i.denominator);
	// ceil(need / 10000)
	const required = (need + 9999n) / 10000n;
	const missing = Number(required) - i.numerator;
	return missing > 0 ? missing : null;
}

/**
 * How many more records, each of them counted in the numerator, a ratio needs to reach a target
 * under 100%: a new record adds to the denominator too (a conference held online is one more
 * conference), so the smallest k with (num + k) / (den + k) >= target, i.e.
 * ceil((target * den - 100 * num) / (100 - target)); 3817/4020 against 95% needs 40 more, not the
 * 2 of `ratioShortfall` (which holds the total fixed: right only where existing records can still
 * change, such as dossiers digitized later). null when it does not apply (no fraction, no target,
 * a 100% target, reached).
 */
export function ratioCatchUp(i: PercentFigure): number | null {
	if (i.numerator === undefined || i.denominator === undefined || i.denominator <= 0) return null;
	if (i.target === null) return null;
	const t = BigInt(Math.round(i.target * 100)); // hundredths of a percent
	if (t >= 10000n) return null;
	const lack = t * BigInt(i.denominator) - 10000n * BigInt(i.numerator);
	if (lack <= 0n) return null;
	const room = 10000n - t;
	return Number((lack + room - 1n) / room);
}

/**
 * For a ratio whose target is the whole (= 100%): how many records of the period already fall
 * outside it (denominator - numerator: conferences over their time limit, documents not sent
 * electronically). Once one does, no later record can bring the ratio back to 100% within the
 * year, so "còn thiếu N" would be wrong advice (clerk review 6). null when it does not apply.
 */
export function fullTargetMisses(i: PercentFigure): number | null {
	if (i.target !== 100 || i.numerator === undefined || i.denominator === undefined) return null;
	const missing = i.denominator - i.numerator;
	return missing > 0 ? missing : null;
}
