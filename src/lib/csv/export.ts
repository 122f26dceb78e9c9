/**
 * CSV export in exactly the import formats: spec column order, UTF-8 BOM (so Excel reads the
 * Vietnamese text), CRLF, RFC 4180 quoting by papaparse. Tombstoned records are left out.
 * Text cells that a spreadsheet would run as a formula get a leading quote (domain/csv-formula);
 * numbers are passed as numbers, so they are never touched.
 */
import Papa from 'papaparse';
import { roleOf } from '../domain/codes';
import type { DocumentRecord, Meeting, Plan, ProcedureMonth, Unit } from '../domain/schemas';
import { FORMULA_LEADING } from '../domain/csv-formula';
import { toLocalDate, toLocalTime, VN_OFFSET_MS } from '../domain/time';
import { ENTITY_OF_KIND, HEADERS, type ImportKind } from './columns';
import { formatCell, genericRows } from './generic';
import type { KindRecord } from './validate';

const BOM = '\uFEFF';
const CRLF = '\r\n';

type Cell = string | number;

function write(kind: ImportKind, rows: Cell[][]): string {
	const body = Papa.unparse(
		{ fields: [...HEADERS[kind]], data: rows },
		{
			newline: CRLF,
			delimiter: ',',
			// papaparse quotes commas, quotes and line breaks; semicolons too, so a reader that takes
			// ';' as the delimiter (Excel in some locales) still sees one field.
			quotes: (value: unknown) => typeof value === 'string' && value.includes(';'),
			// Quote-prefix formula-leading text (papaparse skips number cells).
			escapeFormulae: FORMULA_LEADING,
			header: true
		}
	);
	return BOM + body + CRLF;
}

const bool = (b: boolean): string => (b ? '1' : '0');
const optional = (n: number | null): Cell => n ?? '';
const live = <T extends { deleted: boolean }>(records: readonly T[]): T[] =>
	records.filter((r) => !r.deleted);

/**
 * 'YYYY-MM-DD HH:mm' in UTC+7 for whole minutes. An instant with seconds (a sitting started with
 * the live timer) is written as ISO 8601 with its +07:00 offset, which the import also reads, so
 * the round trip keeps durations exact.
 */
export function formatDateTimeCell(ms: number): string {
	const local = `${toLocalDate(ms)} ${toLocalTime(ms)}`;
	if (ms % 60_000 === 0) return local;
	const shifted = new Date(ms + VN_OFFSET_MS).toISOString(); // 'YYYY-MM-DDTHH:mm:ss.sssZ'
	return `${shifted.slice(0, 23)}+07:00`;
}

/** Units in display order (`order`, then code), so a re-import keeps that order. */
export function unitsToCsv(units: readonly Unit[]): string {
	const rows = live(units)
		.sort((a, b) => a.order - b.order || a.code.localeCompare(b.code))
		.map((u) => [u.code, u.name, u.kind]);
	return write('units', rows);
}

export function plansToCsv(plans: readonly Plan[]): string {
	const rows = live(plans).map((p) => [
		p.unitCode,
		p.year,
		optional(p.baselineConferences),
		optional(p.baselineDocuments),
		optional(p.plannedConferences)
	]);
	return write('plans', rows);
}

/**
 * One row per sitting, sittings in time order; every row repeats the meeting's columns, written
 * from the kind's column list (only `start` and `end` are the sitting's).
 */
export function meetingsToCsv(meetings: readonly Meeting[]): string {
	const columns = ENTITY_OF_KIND('meetings').csv ?? [];
	const rows: Cell[][] = [];
	for (const m of live(meetings)) {
		// Stored meetings from before roles existed have none: they are organised ones.
		const meeting: Record<string, unknown> = { ...m, role: roleOf(m) };
		const sittings = [...m.sittings].sort((a, b) => a.start - b.start);
		for (const s of sittings) {
			rows.push(
				columns.map((c) =>
					c.name === 'start'
						? formatDateTimeCell(s.start)
						: c.name === 'end'
							? s.end === null
								? ''
								: formatDateTimeCell(s.end)
							: formatCell(c, c.field === undefined ? undefined : meeting[c.field])
				)
			);
		}
	}
	return write('meetings', rows);
}

export function documentsToCsv(documents: readonly DocumentRecord[]): string {
	const rows = live(documents).map((d) => [
		d.id,
		d.unitCode,
		d.number,
		d.kind,
		d.issuedOn,
		bool(d.electronic),
		bool(d.secret),
		d.title
	]);
	return write('documents', rows);
}

export function proceduresToCsv(procedures: readonly ProcedureMonth[]): string {
	const rows = live(procedures).map((p) => [p.unitCode, p.month, p.total, p.digital, p.digitized]);
	return write('procedures', rows);
}

/** Kinds with their own export rules; any other kind is written from its descriptor's columns. */
const WRITERS: { [K in ImportKind]?: (records: readonly KindRecord[K][]) => string } = {
	units: unitsToCsv,
	plans: plansToCsv,
	meetings: meetingsToCsv,
	documents: documentsToCsv,
	procedures: proceduresToCsv
};

export const toCsv = <K extends ImportKind>(kind: K, records: readonly KindRecord[K][]): string =>
	WRITERS[kind]?.(records) ?? write(kind, genericRows(ENTITY_OF_KIND(kind), records));
