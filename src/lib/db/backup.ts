/**
 * Full-device backup and restore (the JSON format of $lib/csv/backup).
 *
 * Restore rule, per record (units by code, the others by id, settings as one record):
 * - a record missing on the device is written from the backup (tombstones too, so a delete is kept);
 * - a record on the device is replaced only when the backup's copy is newer (larger updatedAt);
 *   an equal or newer device copy is kept — except an untouched built-in unit (a default unit the
 *   device created itself and nobody edited), which a different copy in the backup replaces (a new
 *   phone's defaults are younger than the backup but must not undo the commune's own unit list);
 * - a restore never removes or hides anything: records only on the device stay, and a tombstone in
 *   the backup does not hide a live record on the device.
 * Everything is written in one transaction with outbox entries, so the restored data syncs.
 */
import { makeBackup, type Backup, type BackupData } from '$lib/csv/backup';
import { DEFAULT_UNITS, EARLIER_DEFAULT_NAMES } from '$lib/domain/default-units';
import { ALL_ENTITIES, entityByTable, keyOf, listEntities, nameOf } from '$lib/domain/entities';
import type { Unit } from '$lib/domain/schemas';
import { toLocalDate } from '$lib/domain/time';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { loadChecker, type InvalidRecord } from './checked';
import { readSnapshot } from './snapshot';
import { writeBatch, type BatchPart } from './write';
import { aggregateChecker, refreshAggregates } from './aggregates';

/** The list kinds of a backup, by table (settings, the singleton kind, apart). */
export const COLLECTIONS = listEntities().map((e) => e.table) as Collection[];
export type Collection = Exclude<keyof BackupData, 'settings'>;

type Rec = { createdAt: number; updatedAt: number; deleted: boolean };

/**
 * The JSON text of a backup of everything on the device, and its file name. A record that fails
 * its schema would make the whole file unrestorable, so it goes to the file's `invalidRecords`
 * (kept as it is, ignored by restore) and is listed in `skipped` for the screen.
 */
export async function createBackup(
	db: AppDatabase,
	clock: Clock
): Promise<{ text: string; filename: string; skipped: InvalidRecord[] }> {
	const snapshot: BackupData = await readSnapshot(db, true);
	const { partitionRecords, CHECKED_SCHEMAS } = await loadChecker();
	const data = { ...snapshot };
	const skipped: InvalidRecord[] = [];
	const invalidRecords: Record<string, unknown[]> = {};
	for (const c of COLLECTIONS) {
		const rows = snapshot[c] as object[];
		const { valid, invalid } = partitionRecords(nameOf(entityByTable(c)), rows);
		if (invalid.length === 0) continue;
		(data as Record<Collection, object[]>)[c] = valid;
		const kept = new Set(valid);
		invalidRecords[c] = rows.filter((r) => !kept.has(r));
		skipped.push(...invalid);
	}
	if (data.settings && !CHECKED_SCHEMAS.settings.safeParse(data.settings).success) {
		invalidRecords.settings = [data.settings];
		skipped.push({
			entity: 'settings',
			key: 'settings',
			label: '',
			path: '',
			reason: 'err.invalid'
		});
		data.settings = null;
	}
	const now = clock.now();
	const text = makeBackup(data, now, skipped.length > 0 ? invalidRecords : undefined);
	return { text, filename: `so-hop-534-sao-luu-${toLocalDate(now)}.json`, skipped };
}

export interface CollectionCount {
	/** Live records in the backup. */
	live: number;
	/** Deleted records (tombstones) in the backup. */
	deleted: number;
}

/** What a backup holds, to show before the user confirms. */
export function summarizeBackup(
	backup: Backup
): Record<Collection, CollectionCount> & { settings: boolean } {
	const out = { settings: backup.data.settings !== null } as Record<Collection, CollectionCount> & {
		settings: boolean;
	};
	for (const c of COLLECTIONS) {
		const rows = backup.data[c] as Rec[];
		const deleted = rows.filter((r) => r.deleted).length;
		out[c] = { live: rows.length - deleted, deleted };
	}
	return out;
}

const DEFAULT_BY_CODE = new Map(DEFAULT_UNITS.map((u) => [u.code, u]));

/** A default unit exactly as the database's first-open seed wrote it, never edited. */
function isUntouchedDefault(u: Unit): boolean {
	const d = DEFAULT_BY_CODE.get(u.code);
	return (
		!!d &&
		!u.deleted &&
		!u.archived &&
		u.createdAt === u.updatedAt &&
		(u.name === d.name || (EARLIER_DEFAULT_NAMES[u.code] ?? []).includes(u.name)) &&
		u.kind === d.kind
	);
}

/** Whether the backup's copy replaces the device's copy (see the rule at the top). */
function backupWins(c: Collection, incoming: Rec, local: Rec | undefined): boolean {
	if (!local) return true;
	if (c === 'units' && !incoming.deleted && isUntouchedDefault(local as Unit)) {
		const a = local as Unit;
		const b = incoming as Unit;
		return (
			a.name !== b.name || a.kind !== b.kind || a.archived !== b.archived || a.order !== b.order
		);
	}
	if (incoming.deleted && !local.deleted) return false;
	return incoming.updatedAt > local.updatedAt;
}

export interface RestoreResult {
	/** Records written per collection. */
	written: Record<Collection, number>;
	/** Records kept as they are on the device (same or newer there). */
	kept: number;
	settings: 'restored' | 'kept' | 'none';
}

/** Writes a parsed backup into the device's data in one transaction (rule at the top). */
export async function restoreBackup(
	db: AppDatabase,
	backup: Backup,
	clock: Clock
): Promise<RestoreResult> {
	// Every table: the batch write below also touches the sync tables (outbox, clock state).
	const tables = db.tables;
	// The batch write keeps the progress aggregates; their checker must load before the transaction.
	await aggregateChecker();
	const result = await db.transaction('rw', tables, async (): Promise<RestoreResult> => {
		const parts: BatchPart[] = [];
		const written = {} as Record<Collection, number>;
		let kept = 0;
		for (const d of listEntities()) {
			const c = d.table as Collection;
			const incoming = backup.data[c] as (Rec & object)[];
			const locals = (await db.recordTable(d.name).bulkGet(incoming.map((r) => keyOf(d, r)))) as (
				Rec | undefined
			)[];
			const puts: object[] = [];
			const deletes: object[] = [];
			incoming.forEach((r, i) => {
				if (!backupWins(c, r, locals[i])) {
					kept++;
					return;
				}
				(r.deleted ? deletes : puts).push(r);
			});
			written[c] = puts.length + deletes.length;
			parts.push(
				{ entity: nameOf(d), records: puts },
				{ entity: nameOf(d), records: deletes, op: 'delete' }
			);
		}
		// The singleton kind (settings): the backup's record wins when it is newer.
		let settings: RestoreResult['settings'] = 'none';
		for (const d of ALL_ENTITIES.filter((e) => e.singleton)) {
			const incoming = (backup.data as Record<string, unknown>)[d.table] as {
				updatedAt: number;
			} | null;
			if (!incoming) continue;
			const local = await db.recordTable(d.name).get(keyOf(d, incoming));
			if (!local || incoming.updatedAt > (local.updatedAt as number)) {
				parts.push({ entity: nameOf(d), records: [incoming] });
				settings = 'restored';
			} else settings = 'kept';
		}
		await writeBatch(db, parts, clock);
		return { written, kept, settings };
	});
	// Restored meeting limits change counts: recount now rather than on the next read.
	if (result.settings === 'restored') await refreshAggregates(db);
	return result;
}
