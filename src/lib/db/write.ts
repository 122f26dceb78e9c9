/**
 * Every local write goes through here: the records and their outbox entries are written in one
 * IndexedDB transaction, so a record is never saved without the change that will sync it.
 */
import type { Table } from 'dexie';
import type { AppDatabase, Entity, OutboxEntry } from './database';
import type { Clock } from './clock';
import { stampLocal } from '$lib/sync/device';
import { canonicalJson } from '$lib/sync/merge';

export const TABLE_OF: Record<Entity, keyof AppDatabase> = {
	unit: 'units',
	meeting: 'meetings',
	document: 'documents',
	procedure: 'procedures',
	plan: 'plans',
	settings: 'settings'
};

function keyOf(entity: Entity, record: Record<string, unknown>): string {
	return String(entity === 'unit' ? record.code : record.id);
}

export async function writeRecords<T extends object>(
	db: AppDatabase,
	entity: Entity,
	records: readonly T[],
	clock: Clock,
	op: 'put' | 'delete' = 'put'
): Promise<void> {
	if (records.length === 0) return;
	const table = db[TABLE_OF[entity]] as unknown as Table<T, string>;
	const now = clock.now();
	const entries: OutboxEntry[] = records.map((r) => ({
		mutationId: clock.newId(),
		entity,
		recordId: keyOf(entity, r as Record<string, unknown>),
		op,
		createdAt: now,
		rejected: null
	}));
	await db.transaction('rw', [table, db.outbox, db.syncState], async () => {
		// Sync metadata: the change's clock and the fields it wrote (compared with the stored record).
		const before = await table.bulkGet(entries.map((e) => e.recordId));
		const clocks = await stampLocal(db, entries.length, now);
		entries.forEach((e, i) => {
			e.hlc = clocks[i];
			const fields = changedFields(before[i], records[i]);
			if (fields) e.fields = fields;
		});
		await table.bulkPut(records as T[]);
		await db.outbox.bulkAdd(entries);
	});
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
	const tables = [...new Set(nonEmpty.map((p) => TABLE_OF[p.entity]))].map(
		(name) => db[name] as unknown as Table<object, string>
	);
	let written = 0;
	await db.transaction('rw', [...tables, db.outbox, db.syncState], async () => {
		for (const part of nonEmpty) {
			const table = db[TABLE_OF[part.entity]] as unknown as Table<object, string>;
			const op = part.op ?? 'put';
			const entries: OutboxEntry[] = part.records.map((r) => ({
				mutationId: clock.newId(),
				entity: part.entity,
				recordId: keyOf(part.entity, r as Record<string, unknown>),
				op,
				createdAt: now,
				rejected: null
			}));
			// The same sync metadata as writeRecords: a clock per change and the fields it wrote.
			const before = await table.bulkGet(entries.map((e) => e.recordId));
			const clocks = await stampLocal(db, entries.length, now);
			entries.forEach((e, i) => {
				e.hlc = clocks[i];
				const fields = changedFields(before[i], part.records[i]);
				if (fields) e.fields = fields;
			});
			await table.bulkPut(part.records as object[]);
			await db.outbox.bulkAdd(entries);
			written += part.records.length;
		}
	});
	return written;
}
