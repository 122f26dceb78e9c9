/** Document writes: parse with the domain schema before anything is written. */
import { documentSchema, type DocumentRecord } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { buildRecord, writeIfValid } from './record';

export type DocumentInput = Omit<DocumentRecord, 'id' | 'createdAt' | 'updatedAt' | 'deleted'> & {
	id?: string;
};

/** Builds the stored record (id, timestamps) and validates it; writes nothing. */
export function buildDocument(
	input: DocumentInput,
	existing: DocumentRecord | undefined,
	clock: Clock
): Validated<DocumentRecord> {
	const id = input.id ?? existing?.id ?? clock.newId();
	return buildRecord(documentSchema, { ...input, id }, existing, clock.now());
}

export async function saveDocument(
	db: AppDatabase,
	input: DocumentInput,
	clock: Clock
): Promise<Validated<DocumentRecord>> {
	const existing = input.id ? await db.documents.get(input.id) : undefined;
	return writeIfValid(db, 'document', buildDocument(input, existing, clock), clock);
}
