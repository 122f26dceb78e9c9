/**
 * A count typed into a text field: '' -> null (not set), a number -> that number (the schema then
 * refuses negatives and fractions with its own message), anything else -> NaN ('Phải là một số.').
 */
export function parseCount(text: string): number | null {
	const v = text.trim();
	if (v === '') return null;
	return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

export const countText = (n: number | null | undefined): string =>
	n === null || n === undefined ? '' : String(n);
