/** Column lists of ../shared/spec/import-export.md: the one place export order and detection come from. */

export const IMPORT_KINDS = ['units', 'plans', 'meetings', 'documents', 'procedures'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type CsvKind = ImportKind | 'report';

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
		'attendees'
	],
	documents: ['id', 'unit_code', 'number', 'kind', 'issued_on', 'electronic', 'secret', 'title'],
	procedures: ['unit_code', 'month', 'total', 'digital', 'digitized'],
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

/** Columns a file may leave out: `id` of meetings and documents (the app then assigns one). */
export const OPTIONAL_COLUMNS: Partial<Record<CsvKind, readonly string[]>> = {
	meetings: ['id'],
	documents: ['id']
};

export const requiredColumns = (kind: CsvKind): string[] => {
	const optional = OPTIONAL_COLUMNS[kind] ?? [];
	return HEADERS[kind].filter((c) => !optional.includes(c));
};
