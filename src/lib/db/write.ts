/**
 * Every local write goes through here: the records and their outbox entries are written in one
 * IndexedDB transaction, so a record is never saved without the change that will sync it.
 */
import type { Table } from 'dexie';
import type { AppDatabase, Entity, OutboxEntry } from './database';
import type { Clock } from './clock';

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
	await db.transaction('rw', [table, db.outbox], async () => {
		await table.bulkPut(records as T[]);
		await db.outbox.bulkAdd(entries);
	});
}
