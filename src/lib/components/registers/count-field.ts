import { readWholeNumber } from '$lib/domain/whole-number';

/**
 * A count typed into a text field: '' -> null (not set), a number -> that number ("1.200" and
 * "1 200" -> 1200; the schema then refuses negatives and fractions with its own message), anything
 * else -> NaN ('Phải là một số.').
 */
export function parseCount(text: string): number | null {
	return readWholeNumber(text);
}

export const countText = (n: number | null | undefined): string =>
	n === null || n === undefined ? '' : String(n);
