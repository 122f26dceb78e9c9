/** Every record of every kind, for exports (live records) and backups (with tombstones). */
import type { BackupData } from '$lib/csv/backup';
import { ALL_ENTITIES } from '$lib/domain/entities';
import type { AppDatabase } from './database';

/** Each kind's records by table (the singleton settings as one record or null). */
export type Snapshot = BackupData;

/** One consistent read (a single read transaction) of all record tables. */
export async function readSnapshot(db: AppDatabase, withDeleted = false): Promise<Snapshot> {
	return db.transaction(
		'r',
		ALL_ENTITIES.map((e) => db.recordTable(e.name)),
		async () => {
			const out: Record<string, unknown> = {};
			for (const e of ALL_ENTITIES) {
				const table = db.recordTable(e.name);
				if (e.singleton) {
					out[e.table] = (await table.toCollection().first()) ?? null;
					continue;
				}
				const rows = await (e.orderBy ? table.orderBy(e.orderBy) : table).toArray();
				out[e.table] = withDeleted ? rows : rows.filter((r) => !r.deleted);
			}
			return out as Snapshot;
		}
	);
}
