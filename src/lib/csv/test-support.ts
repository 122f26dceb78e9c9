/** Shared helpers of the csv specs (imported by *.spec.ts only). */
import { parseCsv, type CsvRow } from './parse';
import type { ValidateContext } from './validate-common';

/** A fixed "now" for the specs: 2026-06-01 10:00 in UTC+7. */
export const NOW = Date.UTC(2026, 5, 1, 3, 0);

export const UNIT_CODES: ReadonlySet<string> = new Set(['VP', 'KT', 'THON01']);

/** Deterministic id maker: new-1, new-2, ... */
export function idMaker(prefix = 'new'): () => string {
	let n = 0;
	return () => `${prefix}-${++n}`;
}

export function makeCtx<T>(extra: Partial<ValidateContext<T>> = {}): ValidateContext<T> {
	return { knownUnitCodes: UNIT_CODES, now: NOW, newId: idMaker(), ...extra };
}

/** Rows of a CSV text given as lines (joined with \n). */
export const rowsOf = (...lines: string[]): CsvRow[] => parseCsv(lines.join('\n')).rows;

/** Epoch ms of a local (UTC+7) wall-clock time, computed independently of the code under test. */
export const vn = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number =>
	Date.UTC(y, m - 1, d, hh - 7, mm, ss);
