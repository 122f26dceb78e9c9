/**
 * CSV injection: Excel and LibreOffice run a cell that starts with = + - @ (or a tab or carriage
 * return before one) as a formula; ASVS 1.2.10 also lists a leading NUL, and a line feed is the
 * other line break a reader may drop before the formula, so those are quoted too (text of normal
 * records never starts with either, so their export is unchanged), so a record's title could become `=HYPERLINK(...)` on an
 * official's computer. OWASP's defence: prefix such a cell with a single quote, which the
 * spreadsheet shows as text. Cells that already start with quotes before such a character get one
 * more, so the import can strip exactly one and every text round-trips unchanged.
 * Only text cells go through this: numbers (which may be negative) are written as numbers.
 */

/** A text cell that needs the quote on export. */
export const FORMULA_LEADING = /^'*[=+\-@\t\r\n\0]/;
const ESCAPED = /^'+[=+\-@\t\r\n\0]/;

export const escapeFormula = (text: string): string =>
	FORMULA_LEADING.test(text) ? `'${text}` : text;

/** The import's inverse: drop the one quote `escapeFormula` added; other text is unchanged. */
export const unescapeFormula = (text: string): string =>
	ESCAPED.test(text) ? text.slice(1) : text;
