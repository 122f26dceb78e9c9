/** The document register: typed reads, search and tombstone deletes (no zod here). */
import type { DocumentRecord } from '$lib/domain/schemas';
import type { DocumentKind } from '$lib/domain/codes';
import type { AppDatabase } from './database';
import { partition, type InvalidRecord } from './checked';
import type { Clock } from './clock';
import { writeRecords } from './write';

export interface DocumentFilter {
	unitCode?: string | null;
	kind?: DocumentKind | null;
	electronic?: boolean | null;
	/** 'YYYY-MM', both ends inclusive. */
	fromMonth?: string | null;
	toMonth?: string | null;
	/** Matches the number or the title, ignoring case and Vietnamese accents. */
	search?: string | null;
}

/** Lower case, no diacritics (đ -> d), single spaces: 'Kế hoạch  ĐẢNG' -> 'ke hoach dang'. */
export function foldText(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

export async function getDocument(
	db: AppDatabase,
	id: string
): Promise<DocumentRecord | undefined> {
	const d = await db.documents.get(id);
	return d && !d.deleted ? d : undefined;
}

/** The valid documents of listDocumentsChecked. */
export async function listDocuments(
	db: AppDatabase,
	f: DocumentFilter = {}
): Promise<DocumentRecord[]> {
	return (await listDocumentsChecked(db, f)).documents;
}

/**
 * Newest first (issue date, then number). Uses the date or [unitCode+issuedOn] index for the range.
 * Records that fail the document schema are left out and listed in `invalid`.
 */
export async function listDocumentsChecked(
	db: AppDatabase,
	f: DocumentFilter = {}
): Promise<{ documents: DocumentRecord[]; invalid: InvalidRecord[] }> {
	const from = f.fromMonth ? `${f.fromMonth}-01` : '0000-00-00';
	const to = f.toMonth ? `${f.toMonth}-31` : '9999-99-99';
	const coll = f.unitCode
		? db.documents
				.where('[unitCode+issuedOn]')
				.between([f.unitCode, from], [f.unitCode, to], true, true)
		: db.documents.where('issuedOn').between(from, to, true, true);
	const needle = f.search ? foldText(f.search) : '';
	const rows = await coll
		.filter(
			(d) =>
				!d.deleted &&
				(!f.kind || d.kind === f.kind) &&
				(f.electronic === null || f.electronic === undefined || d.electronic === f.electronic) &&
				(needle === '' || foldText(d.number).includes(needle) || foldText(d.title).includes(needle))
		)
		.toArray();
	const { valid, invalid } = await partition('document', rows);
	const documents = valid.sort(
		(a, b) =>
			b.issuedOn.localeCompare(a.issuedOn) ||
			b.number.localeCompare(a.number, 'vi', { numeric: true })
	);
	return { documents, invalid };
}

/**
 * A số/ký hiệu as a clerk may retype it from paper: without case, spaces or accents ("168 /qđ-ubnd"
 * is 168/QĐ-UBND; clerk review r20, 1). Only for finding the same number, never stored.
 */
export const numberKey = (number: string): string =>
	number
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.replace(/\s+/g, '')
		.toLowerCase();

/**
 * Other live documents of the same unit with the same number (as `numberKey` reads it) issued in
 * the same calendar year (numbering restarts each year). A warning for the user, never a block.
 * Reads the unit's documents of the year (the [unitCode+issuedOn] index).
 */
export async function findDuplicateNumbers(
	db: AppDatabase,
	q: { unitCode: string; number: string; year: string; excludeId?: string | null }
): Promise<DocumentRecord[]> {
	const key = numberKey(q.number);
	if (!q.unitCode || key === '' || !/^\d{4}$/.test(q.year)) return [];
	return db.documents
		.where('[unitCode+issuedOn]')
		.between([q.unitCode, `${q.year}-01-01`], [q.unitCode, `${q.year}-12-31`], true, true)
		.filter((d) => !d.deleted && d.id !== q.excludeId && numberKey(d.number) === key)
		.toArray();
}

/** Deleting keeps a tombstone so the delete can sync; the document disappears from every list. */
export async function deleteDocument(db: AppDatabase, id: string, clock: Clock): Promise<boolean> {
	const existing = await db.documents.get(id);
	if (!existing || existing.deleted) return false;
	await writeRecords(
		db,
		'document',
		[{ ...existing, deleted: true, updatedAt: clock.now() }],
		clock,
		'delete'
	);
	return true;
}
