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
	const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
	if (!m) return null;
	const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
		return null;
	return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}
