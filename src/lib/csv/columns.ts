/**
 * Column lists of the import-export spec (version 2), taken from the record kinds' descriptors
 * ($lib/domain/entities): the one place export order and detection come from.
 */
import {
	csvEntities,
	entityByTable,
	type EntityDescriptor,
	type KnownEntity
} from '../domain/entities';

/** A kind with a CSV file, named by its file (`units` for units.csv). */
export type ImportKind = Extract<KnownEntity, { csv: readonly unknown[] }>['table'];
export type CsvKind = ImportKind | 'report';

/** The kinds with a CSV file, in import order (units first). */
export const IMPORT_KINDS = csvEntities().map((e) => e.table) as ImportKind[];

/** The descriptor of a CSV file kind. */
export const ENTITY_OF_KIND = (kind: ImportKind): EntityDescriptor => entityByTable(kind);

const REPORT_HEADERS = [
	'unit_code',
	'period_start',
	'period_end',
	'as_of',
	'indicator',
	'value',
	'target',
	'status'
] as const;

/** Columns in the order the spec writes them; export writes exactly this order. */
export const HEADERS = Object.fromEntries([
	...csvEntities().map((e) => [e.table, (e.csv ?? []).map((c) => c.name)] as const),
	['report', REPORT_HEADERS] as const
]) as Record<CsvKind, readonly string[]>;

/**
 * Columns a file may leave out (`optional` in the descriptor): `id` of meetings and documents (the
 * app then assigns one), and the meeting `role` (v2; missing means `chu_tri`, so version-1 files
 * import as before).
 */
export const OPTIONAL_COLUMNS = Object.fromEntries(
	csvEntities().map((e) => [e.table, (e.csv ?? []).filter((c) => c.optional).map((c) => c.name)])
) as Partial<Record<CsvKind, readonly string[]>>;

export const requiredColumns = (kind: CsvKind): string[] => {
	const optional = OPTIONAL_COLUMNS[kind] ?? [];
	return HEADERS[kind].filter((c) => !optional.includes(c));
};
