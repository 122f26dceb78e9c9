/**
 * CSV import and export of a record kind from its descriptor's columns (field and cell type), for
 * kinds whose file is one record per row with no special rules. Kinds with their own rules
 * (meetings of several sittings, unit order, ...) have a hand-written session and writer instead.
 */
import type { z } from 'zod';
import { composedId, type CsvColumn, type EntityDescriptor } from '../domain/entities';
import { schemaOf } from '../domain/entities/schemas';
import { codeOfCell, LABELLED, type LabelPrefix } from './labels';
import { say } from './messages';
import type { CsvRow } from './parse';
import {
	cell,
	keyedSession,
	type RowErrors,
	stamps,
	unitCode,
	type ValidateContext,
	type ValidationSession
} from './validate-common';
import { parseBool, parseCount, parseLocalDate, parseMonth, type Parsed } from './values';

type Cell = string | number;

const mapped = (d: EntityDescriptor): (CsvColumn & { field: string })[] =>
	(d.csv ?? []).filter((c): c is CsvColumn & { field: string } => c.field !== undefined);

function parseCell(c: CsvColumn, raw: string): Parsed<unknown> {
	switch (c.type) {
		case 'count':
			return parseCount(raw);
		case 'countOrEmpty':
			return parseCount(raw, true);
		case 'month':
			return parseMonth(raw);
		case 'date':
			return parseLocalDate(raw);
		case 'bool':
			return parseBool(raw);
		case 'code': {
			// A column of an enumeration the app labels ("Trực tuyến" for truc_tuyen) takes either.
			const code =
				c.name in LABELLED ? codeOfCell(c.name as LabelPrefix, raw) : raw.trim().toLowerCase();
			// Absent, not '': the schema's default (or its "required" reason) applies.
			return { ok: true, value: code === '' ? undefined : code };
		}
		default:
			return { ok: true, value: raw.trim() };
	}
}

/** The cells of `row` under the descriptor's mapped columns, by field (a bad cell is noted in `errors`). */
export function readFields(
	columns: readonly CsvColumn[],
	row: CsvRow,
	errors: RowErrors,
	knownUnitCodes: ReadonlySet<string>
): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const c of columns) {
		if (c.field === undefined) continue;
		fields[c.field] =
			c.type === 'unitCode'
				? unitCode(errors, row, c.name, knownUnitCodes)
				: errors.take(c.name, parseCell(c, cell(row, c.name)), null);
	}
	return fields;
}

/** Validation of a file of the kind: cells by type, the id made by the kind's rule, the schema. */
export function genericSession<T extends object>(
	d: EntityDescriptor,
	ctx: ValidateContext<T & { createdAt: number }>
): ValidationSession<T> {
	const columns = mapped(d);
	return keyedSession<T>({
		schema: schemaOf(d.name) as z.ZodType<T>,
		columns: Object.fromEntries(columns.map((c) => [c.field, c.name])),
		describeKey: (key) => say('csv.key.record', { key }),
		build(row: CsvRow, _index, errors) {
			const fields = readFields(columns, row, errors, ctx.knownUnitCodes);
			const given = fields[d.key];
			const key =
				composedId(d, fields) ?? (typeof given === 'string' && given !== '' ? given : ctx.newId());
			return { key, candidate: { ...fields, [d.key]: key, ...stamps(ctx, key) } };
		}
	});
}

/** A record field as a cell of its column. */
export function formatCell(c: CsvColumn, value: unknown): Cell {
	if (value === null || value === undefined) return '';
	if (c.type === 'bool') return value ? '1' : '0';
	return typeof value === 'number' ? value : String(value);
}

/** The rows of a file of the kind (live records only), in the descriptor's column order. */
export function genericRows(d: EntityDescriptor, records: readonly object[]): Cell[][] {
	const columns = d.csv ?? [];
	return records
		.filter((r) => !(r as { deleted?: boolean }).deleted)
		.map((r) =>
			columns.map((c) => (c.field ? formatCell(c, (r as Record<string, unknown>)[c.field]) : ''))
		);
}
