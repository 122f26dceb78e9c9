/** The shape of an entity descriptor (see ./kinds.ts for the declared kinds). */

/** The permission a write needs (server/auth/permissions.ts says which roles hold it, for which unit). */
export type WriteAction = 'record.write' | 'plan.write' | 'settings.write' | 'unit.write';

/** How a CSV cell maps to a record field, for kinds imported and exported by the generic CSV code. */
export type CsvCellType =
	| 'text'
	/** A code of a closed list (`category`, `status`...): trimmed, lower-case; empty is absent. */
	| 'code'
	| 'count'
	| 'countOrEmpty'
	| 'month'
	| 'date'
	| 'bool'
	| 'unitCode';

export interface CsvColumn {
	/** Header in the file (spec column name). */
	name: string;
	/** May be left out of a file (the app then makes the value, e.g. a new id). */
	optional?: boolean;
	/** Record field and cell type; given for kinds handled by the generic CSV code (csv/generic.ts). */
	field?: string;
	type?: CsvCellType;
}

/** How a field is shown on a record's detail screen (components/RecordDetails.svelte). */
export interface DetailField {
	field: string;
	/** i18n key of its label. */
	label: string;
	/**
	 * `minutes`: a duration in minutes; `multiline`: free text kept with its line breaks; `bool`:
	 * yes/no; `date`: a local date (dd/MM/yyyy); `code`: a code shown as the text `codes.<value>`;
	 * `sittings`: a meeting's sittings (date and times); `items`: a list, shown by its length.
	 */
	format?: 'text' | 'minutes' | 'multiline' | 'bool' | 'date' | 'code' | 'sittings' | 'items';
	/** For `code`: the i18n key prefix of the code's text (`category` gives `category.hop`). */
	codes?: string;
}

export interface EntityDescriptor {
	/** Name on the wire (sync protocol `entity`) and in the outbox. */
	name: string;
	/** Dexie table, backup collection and CSV file kind (`<table>.csv`). */
	table: string;
	/** Field holding the record's key (`id`, or `code` for units). */
	key: 'id' | 'code';
	/**
	 * Dexie index spec by database version (primary key first). Append a new version to change the
	 * indexes, never edit an old one: existing devices upgrade step by step.
	 */
	stores: Readonly<Record<number, string>>;
	/** The id is these fields joined with ':' (e.g. procedures `UNIT:YYYY-MM`); absent: a free id. */
	idFields?: readonly string[];
	/** `unit`: owned by `record.unitCode` (checked on write, scoped on read); `commune`: shared. */
	owner: 'unit' | 'commune';
	write: WriteAction;
	/** i18n key of the kind's name. */
	label: string;
	/** Fields naming a record for the user (the first non-empty wins), e.g. in rejected changes. */
	title?: readonly string[];
	/** Index that gives the display order of a list (units by `order`); absent: key order. */
	orderBy?: string;
	/** One record per commune (settings): no tombstone, no delete, backed up as one object. */
	singleton?: boolean;
	/**
	 * Fields holding a list of items keyed by one of their properties (settings' `plans` by
	 * `year`): merged item by item, each item with a clock of its own (`domain/sync/merge.ts`,
	 * docs/sync-protocol.md "Plans merged year by year"), so two devices changing different items both keep theirs.
	 */
	keyedLists?: Readonly<Record<string, string>>;
	/**
	 * Backups made before the kind existed have no collection for it: read as an empty list (a
	 * restore never removes anything, so nothing is lost). Set on every kind added after the first.
	 */
	backupOptional?: boolean;
	/** CSV columns in spec order; absent when the kind has no CSV file. */
	csv?: readonly CsvColumn[];
	/** Plain fields listed on the record's detail screen, in order (shown when not empty). */
	details?: readonly DetailField[];
	/**
	 * The other fields a user edits, with their label and format: with `details`, how a field the
	 * user's edit lost to a newer edit is told on the record's screen (components/LostEdits.svelte).
	 */
	edits?: readonly DetailField[];
}
