/** Column lists of the import-export spec (version 2): the one place export order and detection come from. */

/** Kinds the device imports into its database, in import order. */
export const IMPORT_KINDS = ['units', 'plans', 'meetings', 'documents', 'procedures'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
/**
 * Record kinds the csv layer parses, validates and exports: the import kinds and `incoming`
 * (incoming documents, v2), whose table on the device is not there yet.
 */
export const RECORD_KINDS = [...IMPORT_KINDS, 'incoming'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export type CsvKind = RecordKind | 'report';

export const isImportKind = (kind: CsvKind | null): kind is ImportKind =>
	(IMPORT_KINDS as readonly (CsvKind | null)[]).includes(kind);

/** Columns in the order the spec writes them; export writes exactly this order. */
export const HEADERS: Record<CsvKind, readonly string[]> = {
	units: ['code', 'name', 'kind'],
	plans: ['unit_code', 'year', 'baseline_conferences', 'baseline_documents', 'planned_conferences'],
	meetings: [
		'id',
		'unit_code',
		'title',
		'category',
		'format',
		'paperless',
		'status',
		'start',
		'end',
		'attendees',
		'role'
	],
	documents: ['id', 'unit_code', 'number', 'kind', 'issued_on', 'electronic', 'secret', 'title'],
	procedures: ['unit_code', 'month', 'total', 'digital', 'digitized'],
	incoming: ['unit_code', 'month', 'received', 'electronic'],
	report: [
		'unit_code',
		'period_start',
		'period_end',
		'as_of',
		'indicator',
		'value',
		'target',
		'status'
	]
};

/**
 * Columns a file may leave out: `id` of meetings and documents (the app then assigns one), and
 * the meeting `role` (v2; missing means `chu_tri`, so version-1 files import as before).
 */
export const OPTIONAL_COLUMNS: Partial<Record<CsvKind, readonly string[]>> = {
	meetings: ['id', 'role'],
	documents: ['id']
};

export const requiredColumns = (kind: CsvKind): string[] => {
	const optional = OPTIONAL_COLUMNS[kind] ?? [];
	return HEADERS[kind].filter((c) => !optional.includes(c));
};
