/**
 * A count typed by a clerk. Vietnamese groups thousands with dots (1.200) or spaces (1 200); in a
 * field that only takes whole numbers that reading is unambiguous, so it is accepted. A decimal
 * ("1.5", "1,5", "1.20") is read as the fraction it says, so the schema refuses it as not whole
 * (err.integer: "Nhập số nguyên, ví dụ 1200 hoặc 1.200."), never silently as 15 or 120.
 *
 * '' -> null (not set); a whole or fractional number -> that number; anything else -> NaN.
 */
export function readWholeNumber(text: string): number | null {
	const s = text.trim();
	if (s === '') return null;
	if (/^-?\d+$/.test(s)) return Number(s);
	// Groups of three after the first, one separator throughout: dots, or spaces (also the
	// no-break and narrow no-break spaces a copy from a document brings).
	if (/^\d{1,3}(\.\d{3})+$/.test(s)) return Number(s.replaceAll('.', ''));
	if (/^\d{1,3}([ \u00a0\u202f]\d{3})+$/.test(s)) return Number(s.replace(/[ \u00a0\u202f]/g, ''));
	if (/^-?\d+[.,]\d+$/.test(s)) return Number(s.replace(',', '.'));
	return Number.NaN;
}
