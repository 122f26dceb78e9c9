/**
 * Dates typed by the user as text. Apart from time.ts, which the app shell imports: a module shared
 * with the shell puts every export any screen uses into the shell's chunk (first-screen budget).
 */
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A date typed as 'dd/MM/yyyy' (or 'd/M/yyyy'; '.' or '-' also separate) -> 'YYYY-MM-DD'; null
 * when the text is not a real calendar date ('31/02/2026', '2026-04-15', '15/4/26').
 */
export function parseTextDate(text: string): string | null {
	const r = readTextDate(text);
	return r.ok ? r.date : null;
}

/**
 * As parseTextDate, saying why a text is not a date: `format` (not dd/MM/yyyy at all) or
 * `no_such_day` (written right, but the calendar has no such day: '31/02/2026', '00/04/2026'), so a
 * form can tell the user which of the two to fix.
 */
export function readTextDate(
	text: string
): { ok: true; date: string } | { ok: false; reason: 'format' | 'no_such_day' } {
	const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
	if (!m) return { ok: false, reason: 'format' };
	const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
		return { ok: false, reason: 'no_such_day' };
	return { ok: true, date: `${pad(y, 4)}-${pad(mo)}-${pad(d)}` };
}
