/** What every validator shares: the context, the result shape, per-row error collection. */
import type { ZodType } from 'zod';
import type { CsvRow } from './parse';
import { cellReason, issueReasons, say } from './messages';
import type { Parsed } from './values';

export interface Rejected {
	line: number;
	/** Vietnamese; names the column and the bad value. */
	reason: string;
}

export interface ValidationResult<T> {
	records: T[];
	rejected: Rejected[];
}

export interface ValidateContext<T> {
	/** Codes of the units already stored plus those in the same import batch (upper case). */
	knownUnitCodes: ReadonlySet<string>;
	/** Epoch ms stamped as updatedAt (and createdAt of new records); injected, never read here. */
	now: number;
	/** Maker of new ids (UUID v7) for rows without one. */
	newId: () => string;
	/** The stored record with this id (unit: code), to keep its createdAt and app-only fields. */
	existing?: (id: string) => T | undefined;
}

/** Row-at-a-time validation, so a caller can feed rows in chunks (see chunk.ts). */
export interface ValidationSession<T> {
	add(row: CsvRow, index: number): void;
	finish(): ValidationResult<T>;
}

export const cell = (row: CsvRow, column: string): string => row.cells[column] ?? '';

export const byLine = (a: Rejected, b: Rejected): number => a.line - b.line;

/** Collects the cell errors of one row; `take` gives the parsed value or a fallback. */
export class RowErrors {
	readonly reasons: string[] = [];
	constructor(private readonly row: CsvRow) {}

	take<T>(column: string, parsed: Parsed<T>, fallback: T): T {
		if (parsed.ok) return parsed.value;
		this.reasons.push(cellReason(column, cell(this.row, column), parsed.error));
		return fallback;
	}

	add(column: string, text: string): void {
		this.reasons.push(cellReason(column, cell(this.row, column), text));
	}

	get any(): boolean {
		return this.reasons.length > 0;
	}
}

/** Upper-cased, trimmed unit code that must be a known unit. */
export function unitCode(
	errors: RowErrors,
	row: CsvRow,
	column: string,
	known: ReadonlySet<string>
): string {
	const code = cell(row, column).trim().toUpperCase();
	if (code === '') errors.add(column, say('csv.unitEmpty'));
	else if (!known.has(code)) errors.add(column, say('csv.unitUnknown'));
	return code;
}

export function stamps(
	ctx: ValidateContext<{ createdAt: number }>,
	id: string
): { createdAt: number; updatedAt: number; deleted: false } {
	return {
		createdAt: ctx.existing?.(id)?.createdAt ?? ctx.now,
		updatedAt: ctx.now,
		deleted: false
	};
}

export interface RowBuild {
	/** Duplicate key inside one file (id, code, unit+year, unit+month). */
	key: string;
	candidate: unknown;
}

/**
 * Session for kinds with one record per row. Duplicates of a key inside one file: the later row
 * wins (as if the rows were imported one after the other) and the earlier row is listed as
 * rejected, naming the line that replaced it, so nothing is dropped silently.
 */
export function keyedSession<T>(spec: {
	schema: ZodType<T>;
	/** Record field -> CSV column, to name the column of a schema issue. */
	columns: Record<string, string>;
	build: (row: CsvRow, index: number, errors: RowErrors) => RowBuild;
	describeKey: (key: string) => string;
}): ValidationSession<T> {
	const rejected: Rejected[] = [];
	const latest = new Map<string, { line: number; record: T }>();
	return {
		add(row, index) {
			const errors = new RowErrors(row);
			const built = spec.build(row, index, errors);
			if (errors.any) {
				rejected.push({ line: row.line, reason: errors.reasons.join('; ') });
				return;
			}
			const parsed = spec.schema.safeParse(built.candidate);
			if (!parsed.success) {
				const reasons = issueReasons(parsed.error.issues, (path) => {
					const column = spec.columns[String(path[0])];
					return column ? { column, value: cell(row, column) } : null;
				});
				rejected.push({ line: row.line, reason: reasons.join('; ') });
				return;
			}
			const prev = latest.get(built.key);
			if (prev) {
				rejected.push({
					line: prev.line,
					reason: say('csv.repeated', { what: spec.describeKey(built.key), line: row.line })
				});
				latest.delete(built.key);
			}
			latest.set(built.key, { line: row.line, record: parsed.data });
		},
		finish() {
			return {
				records: [...latest.values()].map((v) => v.record),
				rejected: rejected.sort(byLine)
			};
		}
	};
}

export function runSession<T>(
	session: ValidationSession<T>,
	rows: readonly CsvRow[]
): ValidationResult<T> {
	rows.forEach((row, i) => session.add(row, i));
	return session.finish();
}
