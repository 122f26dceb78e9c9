/**
 * Full-device backup as one JSON file. Tombstones are included, so a restore keeps deletes.
 * Pure: the caller passes the data and the time; writing and reading storage is elsewhere.
 */
import { z } from 'zod';
import {
	ALL_ENTITIES,
	listEntities,
	type KnownEntity,
	type RecordOfTable
} from '../domain/entities';
import { schemaOf } from '../domain/entities/schemas';
import { issueText, say } from './messages';

export const BACKUP_FORMAT = 'so-hop-534-backup';
export const BACKUP_VERSION = 1;

type ListKind = Exclude<KnownEntity, { singleton: true }>;
type SingleKind = Extract<KnownEntity, { singleton: true }>;

/**
 * Every record kind by its table: a list for each kind (tombstones included), and the one record
 * of a singleton kind (settings), null on a device where it was never saved.
 */
export type BackupData = { [E in ListKind as E['table']]: RecordOfTable<E['table']>[] } & {
	[E in SingleKind as E['table']]: RecordOfTable<E['table']> | null;
};

const backupDataSchema = z.object(
	Object.fromEntries(
		ALL_ENTITIES.map((e) => {
			const schema = schemaOf(e.name);
			if (e.singleton) return [e.table, schema.nullable()];
			// A kind added after backups existed (incoming, reports) is simply empty in an older one.
			return [e.table, e.backupOptional ? z.array(schema).default([]) : z.array(schema)];
		})
	)
);

export const backupSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	version: z.literal(BACKUP_VERSION),
	exportedAt: z.number().int().nonnegative(),
	data: backupDataSchema
});

export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	exportedAt: number;
	data: BackupData;
}

/**
 * JSON text of a backup made at `now` (epoch ms). `invalidRecords`: records that fail their
 * schema, kept as they are for a person to recover by hand; restore ignores them.
 */
export function makeBackup(
	data: BackupData,
	now: number,
	invalidRecords?: Record<string, unknown[]>
): string {
	const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, data };
	return JSON.stringify(invalidRecords ? { ...backup, invalidRecords } : backup);
}

export type BackupResult = { ok: true; backup: Backup } | { ok: false; error: string };

const MAX_REASONS = 5;
function duplicateKeys(data: BackupData): string[] {
	const out: string[] = [];
	for (const { table: collection, key } of listEntities()) {
		const seen = new Set<string>();
		const records = (data as Record<string, unknown>)[collection] as Record<string, unknown>[];
		for (const record of records) {
			const value = String(record[key]);
			if (seen.has(value)) out.push(say('csv.backup.twice', { collection, value }));
			seen.add(value);
		}
	}
	return out;
}

const fail = (error: string): BackupResult => ({ ok: false, error });

export function parseBackup(text: string): BackupResult {
	let json: unknown;
	try {
		json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch {
		return fail(say('csv.backup.json'));
	}
	const head = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
	if (head.format !== BACKUP_FORMAT) return fail(say('csv.backup.format'));
	const version = head.version;
	if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
		return fail(say('csv.backup.newer', { version }));
	}
	const parsed = backupSchema.safeParse(json);
	if (!parsed.success) {
		const issues = parsed.error.issues;
		const shown = issues
			.slice(0, MAX_REASONS)
			.map((i) => `${i.path.map(String).join('.') || say('csv.backup.root')}: ${issueText(i)}`);
		const more =
			issues.length > MAX_REASONS ? say('csv.backup.more', { n: issues.length - MAX_REASONS }) : '';
		return fail(say('csv.backup.invalid', { list: shown.join('; '), more }));
	}
	const backup = parsed.data as Backup;
	const duplicates = duplicateKeys(backup.data);
	if (duplicates.length > 0) {
		return fail(
			say('csv.backup.duplicates', { list: duplicates.slice(0, MAX_REASONS).join('; ') })
		);
	}
	return { ok: true, backup };
}
