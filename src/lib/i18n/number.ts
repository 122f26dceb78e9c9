/**
 * Numbers on screen in the user's language through Intl.NumberFormat: Vietnamese "4.020" and
 * "92,5%", English "4,020" and "92.5%". Pure (the language is a parameter); the screens pass the
 * active language. Machine formats (report.csv, the engine's `display`) keep their dot and no
 * grouping; only what a person reads goes through here.
 */
import type { Lang } from './translate';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const cache = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, digits: number): Intl.NumberFormat {
	const key = `${lang}:${digits}`;
	let f = cache.get(key);
	if (f === undefined) {
		f = new Intl.NumberFormat(LOCALES[lang], {
			minimumFractionDigits: digits,
			maximumFractionDigits: digits,
			useGrouping: true
		});
		cache.set(key, f);
	}
	return f;
}

/** A whole number: "4.020" (vi), "4,020" (en). */
export function formatInteger(lang: Lang, n: number): string {
	return formatter(lang, 0).format(Math.trunc(n));
}

/** A number with exactly `digits` decimals (the value is rounded by Intl, half away from zero). */
export function formatDecimal(lang: Lang, n: number, digits: number): string {
	return formatter(lang, digits).format(n);
}

/** A number with at most one decimal, none when whole ("11", "11,5"). */
export function formatUpToOne(lang: Lang, n: number): string {
	return Number.isInteger(n) ? formatInteger(lang, n) : formatDecimal(lang, n, 1);
}

/**
 * A machine decimal string ("61.5", "-20.0", "94.95", "12") in the language's form, keeping its
 * decimals exactly (no float rounding: the digits are the engine's).
 */
export function localizeDecimal(lang: Lang, machine: string): string {
	const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(machine);
	if (m === null) return machine;
	const [, sign, int, frac] = m;
	const whole = formatInteger(lang, Number(int));
	const sep = lang === 'vi' ? ',' : '.';
	return `${sign}${whole}${frac === undefined ? '' : sep + frac}`;
}

/** "92,5%" (vi) / "92.5%" (en) from a machine decimal string. */
export const localizePercent = (lang: Lang, machine: string): string =>
	`${localizeDecimal(lang, machine)}%`;
