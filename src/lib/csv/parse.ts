/**
 * RFC 4180 reading (papaparse does the quoting) plus what the import needs on top: BOM removal,
 * delimiter detection from the header line, normalised header names and the physical line on
 * which every row starts, so a rejected row can be found in the file. The quote the export puts
 * before a formula-leading text (`'=…`) is taken off again, so such text round-trips.
 */
import Papa from 'papaparse';
import type { MessageKey } from '../i18n/messages';
import { say } from './messages';
import { unescapeFormula } from '../domain/csv-formula';

export type Delimiter = ',' | ';';

export interface CsvRow {
	/** 1-based physical line where the row starts (the header is line 1). */
	line: number;
	/** Cell text keyed by lower-cased, trimmed header; every header has a key ('' when missing). */
	cells: Record<string, string>;
}

export interface ParsedCsv {
	delimiter: Delimiter;
	headers: string[];
	rows: CsvRow[];
	/** Rows papaparse could not read (broken quotes); they are left out of `rows`. Vietnamese. */
	errors: { line: number; reason: string }[];
}

const BREAK = /\r\n|\r|\n/g;

function countBreaks(text: string): number {
	let n = 0;
	BREAK.lastIndex = 0;
	while (BREAK.exec(text) !== null) n++;
	return n;
}

/** ';' when the header line holds more semicolons than commas outside quotes, else ','. */
export function detectDelimiter(text: string): Delimiter {
	let commas = 0;
	let semicolons = 0;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch === ',') commas++;
		else if (!quoted && ch === ';') semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

const QUOTE_ERRORS: Record<string, MessageKey> = {
	MissingQuotes: 'csv.quotesMissing',
	InvalidQuotes: 'csv.quotesInvalid'
};

export function parseCsv(input: string): ParsedCsv {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const delimiter = detectDelimiter(text);
	const result = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });

	// Start line of every papaparse row: each row ends with one line break, plus the breaks
	// inside its quoted cells.
	const starts: number[] = [];
	let line = 1;
	for (const cells of result.data) {
		starts.push(line);
		line += 1;
		for (const c of cells) line += countBreaks(c);
	}

	const errors: ParsedCsv['errors'] = [];
	const broken = new Set<number>();
	for (const e of result.errors) {
		if (e.row === undefined || broken.has(e.row)) continue;
		broken.add(e.row);
		const reason = say(QUOTE_ERRORS[e.code] ?? 'csv.rowUnreadable');
		errors.push({ line: starts[e.row] ?? line, reason: say('csv.format', { reason }) });
	}

	let headers: string[] = [];
	let headerFound = false;
	const rows: CsvRow[] = [];
	result.data.forEach((raw, i) => {
		if (isBlank(raw) || broken.has(i)) return;
		if (!headerFound) {
			headerFound = true;
			headers = raw.map((h) => h.trim().toLowerCase());
			return;
		}
		const cells: Record<string, string> = {};
		headers.forEach((h, j) => {
			// First column of a repeated name wins; a later duplicate is ignored.
			if (!(h in cells)) cells[h] = unescapeFormula(raw[j] ?? '');
		});
		rows.push({ line: starts[i] ?? 0, cells });
	});
	return { delimiter, headers, rows, errors };
}
