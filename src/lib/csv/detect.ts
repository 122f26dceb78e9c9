/** Which kind of file a header line belongs to, from the required columns of each format. */
import { type CsvKind, HEADERS, requiredColumns } from './columns';

const KINDS = Object.keys(HEADERS) as CsvKind[];

/**
 * The kind whose required columns are all present; extra columns are ignored. When two kinds
 * match (a header carrying the columns of both), the one with more required columns wins, since
 * it explains more of the file; a tie gives null rather than a guess.
 */
export function detectKind(headers: readonly string[]): CsvKind | null {
	const have = new Set(headers.map((h) => h.trim().toLowerCase()));
	let best: CsvKind | null = null;
	let bestSize = 0;
	let tie = false;
	for (const kind of KINDS) {
		const required = requiredColumns(kind);
		if (!required.every((c) => have.has(c))) continue;
		if (required.length > bestSize) {
			best = kind;
			bestSize = required.length;
			tie = false;
		} else if (required.length === bestSize) tie = true;
	}
	return tie ? null : best;
}
