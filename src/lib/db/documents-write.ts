/** Document writes: parse with the domain schema before anything is written. */
import { documentSchema, type DocumentRecord } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

export type DocumentInput = Omit<DocumentRecord, 'id' | 'createdAt' | 'updatedAt' | 'deleted'> & {
	id?: string;
};

/** Builds the stored record (id, timestamps) and validates it; writes nothing. */
export function buildDocument(
	input: DocumentInput,
	existing: DocumentRecord | undefined,
	clock: Clock
): Validated<DocumentRecord> {
	const now = clock.now();
	const parsed = documentSchema.safeParse({
		...input,
		id: input.id ?? existing?.id ?? clock.newId(),
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		deleted: false
	});
	return parsed.success
		? { ok: true, value: parsed.data }
		: { ok: false, errors: fieldErrors(parsed.error) };
}

export async function saveDocument(
	db: AppDatabase,
	input: DocumentInput,
	clock: Clock
): Promise<Validated<DocumentRecord>> {
	const existing = input.id ? await db.documents.get(input.id) : undefined;
	const built = buildDocument(input, existing, clock);
	if (built.ok) await writeRecords(db, 'document', [built.value], clock);
	return built;
}
