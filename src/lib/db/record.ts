/** The shared shape of every validated write: stamp the record's meta fields, parse, then write. */
import type { z } from 'zod';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { AppDatabase, Entity } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

/** Adds createdAt (kept from the existing record), updatedAt and a live tombstone; writes nothing. */
export function buildRecord<T>(
	schema: z.ZodType<T>,
	fields: object,
	existing: { createdAt: number } | undefined,
	now: number
): Validated<T> {
	const parsed = schema.safeParse({
		...fields,
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		deleted: false
	});
	return parsed.success
		? { ok: true, value: parsed.data }
		: { ok: false, errors: fieldErrors(parsed.error) };
}

/** Writes a built record (with its outbox entry) only when it is valid; returns the result as is. */
export async function writeIfValid<T extends object>(
	db: AppDatabase,
	entity: Entity,
	built: Validated<T>,
	clock: Clock
): Promise<Validated<T>> {
	if (built.ok) await writeRecords(db, entity, [built.value], clock);
	return built;
}
