/**
 * Every local write goes through here: the records and their outbox entries are written in one
 * IndexedDB transaction, so a record is never saved without the change that will sync it. The
 * progress aggregates change in that same transaction (./aggregates.ts, a Dexie middleware).
 */
import Dexie from 'dexie';
import type { AppDatabase, Entity, OutboxEntry } from './database';
import type { Clock } from './clock';
import { entityOf, keyOf } from '$lib/domain/entities';
import { stampLocal } from './device';
import { canonicalJson } from '$lib/domain/sync/merge';
import { aggregateChecker, aggregateCheckerNow, refreshAggregates } from './aggregates';

/** Records of one kind with their outbox entries, in one transaction (see writeBatch). */
export async function writeRecords<T extends object>(
	db: AppDatabase,
	entity: Entity,
	records: readonly T[],
	clock: Clock,
	op: 'put' | 'delete' = 'put'
): Promise<void> {
	await writeBatch(db, [{ entity, records, op }], clock);
}

/** Names of the fields `next` changes against `prev`; undefined for a new record (all fields). */
export function changedFields(
	prev: object | undefined,
	next: object | undefined
): string[] | undefined {
	if (!prev || !next) return undefined;
	const a = prev as Record<string, unknown>;
	const b = next as Record<string, unknown>;
	return Object.keys(b).filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
}

/** One entity's records in a batch write. */
export interface BatchPart {
	entity: Entity;
	records: readonly object[];
	op?: 'put' | 'delete';
}

/**
 * Several entities in ONE transaction, each record with its outbox entry: either every part is
 * written or (on any failure) none is. Parts are written in order, so a later part wins on the
 * same key. Used by the CSV import and the backup restore.
 */
export async function writeBatch(
	db: AppDatabase,
	parts: readonly BatchPart[],
	clock: Clock
): Promise<number> {
	const nonEmpty = parts.filter((p) => p.records.length > 0);
	if (nonEmpty.length === 0) return 0;
	const now = clock.now();
	const tables = [...new Set(nonEmpty.map((p) => p.entity))].map((e) => db.recordTable(e));
	// The aggregates' record checker (zod) loads before the transaction: awaiting an import inside
	// one would let it commit early. Inside a caller's transaction (restore) it loaded before that.
	if (aggregateCheckerNow() === undefined) await aggregateChecker();
	let written = 0;
	await db.transaction('rw', [...tables, db.outbox, db.syncState], async () => {
		for (const part of nonEmpty) {
			const table = db.recordTable(part.entity);
			const descriptor = entityOf(part.entity);
			const op = part.op ?? 'put';
			// Sync metadata: the change's clock and the fields it wrote (compared with the stored record).
			const keys = part.records.map((r) => keyOf(descriptor, r));
			const before = await table.bulkGet(keys);
			const clocks = await stampLocal(db, keys.length, now);
			const entries: OutboxEntry[] = part.records.map((r, i) => {
				const fields = changedFields(before[i], r);
				return {
					mutationId: clock.newId(),
					entity: part.entity,
					recordId: keys[i]!,
					op,
					createdAt: now,
					rejected: null,
					hlc: clocks[i]!,
					...(fields ? { fields } : {})
				};
			});
			await table.bulkPut(part.records as Record<string, unknown>[]);
			await db.outbox.bulkAdd(entries);
			written += part.records.length;
		}
	});
	// New meeting limits change counts: the aggregates are recounted now rather than on next read.
	if (nonEmpty.some((p) => p.entity === 'settings') && Dexie.currentTransaction === null)
		await refreshAggregates(db);
	return written;
}
