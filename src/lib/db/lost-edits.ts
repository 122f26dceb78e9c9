/**
 * Edits of this device that lost to a newer edit made on another device (issue 12, point 15).
 * The server answers such fields in the push result (`lost`); the sync writes the values this
 * device had sent into `syncState` under `lost:<entity>:<id>`, in the transaction that takes the
 * change off the outbox, so nothing is overwritten silently. The record's screen tells the user
 * (components/LostEdits.svelte) and offers to re-apply a value (a normal local write, synced as a
 * new edit) or to dismiss it.
 */
import type { AppDatabase, Entity } from './database';
import type { Clock } from './clock';
import { parseHlc } from '$lib/domain/sync/hlc';
import { canonicalJson } from '$lib/domain/sync/merge';
import type { Validated } from '$lib/domain/issues';
import { buildRecord } from './record';
import { writeRecords } from './write';

export const LOST_PREFIX = 'lost:';
export const lostKey = (entity: Entity, recordId: string): string =>
	`${LOST_PREFIX}${entity}:${recordId}`;

export interface LostEdit {
	field: string;
	/** The value this device sent. */
	value: unknown;
	/** Clock of the value that won; `at` is its wall time (when the other edit was made). */
	clock: string;
	at: number;
	/** Who made the winning edit; null when the server could not tell. */
	byUserName: string | null;
}

export interface LostEdits {
	entity: Entity;
	recordId: string;
	fields: LostEdit[];
}

/** What the server answered for one sent mutation. */
export interface LostAnswer {
	field: string;
	clock: string;
	byUserName?: string | null;
}

/**
 * Keep the sent values of the fields that lost, merged with what is kept already (a field lost
 * again keeps the newest). Call inside a transaction that includes `db.syncState`.
 */
export async function keepLostEdits(
	db: AppDatabase,
	entity: Entity,
	recordId: string,
	sent: Readonly<Record<string, unknown>>,
	lost: readonly LostAnswer[]
): Promise<void> {
	const fresh: LostEdit[] = [];
	for (const l of lost) {
		const at = parseHlc(l.clock)?.wall;
		if (at === undefined || !Object.hasOwn(sent, l.field)) continue;
		fresh.push({
			field: l.field,
			value: sent[l.field],
			clock: l.clock,
			at,
			byUserName: l.byUserName ?? null
		});
	}
	if (fresh.length === 0) return;
	const key = lostKey(entity, recordId);
	const kept = (await db.syncState.get(key))?.value as LostEdits | undefined;
	const replaced = new Set(fresh.map((f) => f.field));
	const fields = [...(kept?.fields ?? []).filter((f) => !replaced.has(f.field)), ...fresh];
	await db.syncState.put({ key, value: { entity, recordId, fields } satisfies LostEdits });
}

/** Keys of the records with kept lost edits (one indexed read; usually none). */
export async function lostEditKeys(db: AppDatabase): Promise<Set<string>> {
	return new Set(
		(await db.syncState.where('key').startsWith(LOST_PREFIX).primaryKeys()) as string[]
	);
}

/**
 * A later edit of this device that the server took: the kept values of the fields it wrote and
 * did not lose are out of date (the user has moved on), so they are forgotten. Call inside a
 * transaction that includes `db.syncState`.
 */
export async function settleLostEdits(
	db: AppDatabase,
	entity: Entity,
	recordId: string,
	written: readonly string[],
	lostAgain: readonly string[]
): Promise<void> {
	const key = lostKey(entity, recordId);
	const kept = (await db.syncState.get(key))?.value as LostEdits | undefined;
	if (!kept) return;
	const fields = kept.fields.filter(
		(f) => !written.includes(f.field) || lostAgain.includes(f.field)
	);
	if (fields.length === kept.fields.length) return;
	if (fields.length === 0) await db.syncState.delete(key);
	else await db.syncState.put({ key, value: { ...kept, fields } });
}

export async function readLostEdits(
	db: AppDatabase,
	entity: Entity,
	recordId: string
): Promise<LostEdits | undefined> {
	return (await db.syncState.get(lostKey(entity, recordId)))?.value as LostEdits | undefined;
}

/** The kept edits whose value differs from the record's current one (the others need no word). */
export function stillLost(
	kept: LostEdits | undefined,
	record: object | undefined
): readonly LostEdit[] {
	if (!kept || !record) return [];
	const current = record as Record<string, unknown>;
	return kept.fields.filter((f) => canonicalJson(current[f.field]) !== canonicalJson(f.value));
}

/** Forget kept edits of these fields (all when omitted). */
export async function dismissLostEdits(
	db: AppDatabase,
	entity: Entity,
	recordId: string,
	fields?: readonly string[]
): Promise<void> {
	const key = lostKey(entity, recordId);
	await db.transaction('rw', db.syncState, async () => {
		const kept = (await db.syncState.get(key))?.value as LostEdits | undefined;
		if (!kept) return;
		const left = fields ? kept.fields.filter((f) => !fields.includes(f.field)) : [];
		if (left.length === 0) await db.syncState.delete(key);
		else await db.syncState.put({ key, value: { ...kept, fields: left } });
	});
}

/**
 * Write the kept values of `fields` over the current record: a normal local edit through
 * db/write.ts (checked by the kind's schema, with an outbox entry), so it syncs as a new edit and
 * wins over the older one. The kept fields no one shows (e.g. a meeting's `date`, derived from its
 * sittings) go with them. Returns the checked record; nothing is written when it fails its schema.
 */
export async function reapplyLostEdits(
	db: AppDatabase,
	entity: Entity,
	recordId: string,
	fields: readonly string[],
	shown: ReadonlySet<string>,
	clock: Clock
): Promise<Validated<object>> {
	const { schemaOf } = await import('$lib/domain/entities/schemas');
	const kept = await readLostEdits(db, entity, recordId);
	const current = (await db.recordTable(entity).get(recordId)) as
		(Record<string, unknown> & { createdAt: number }) | undefined;
	if (!kept || !current || current.deleted === true)
		return { ok: false, errors: { '': 'common.notFound' } };
	const chosen = kept.fields.filter((f) => fields.includes(f.field) || !shown.has(f.field));
	const values = Object.fromEntries(chosen.map((f) => [f.field, f.value]));
	const built = buildRecord(schemaOf(entity), { ...current, ...values }, current, clock.now());
	if (!built.ok) return built;
	await writeRecords(db, entity, [built.value as object], clock);
	await dismissLostEdits(
		db,
		entity,
		recordId,
		chosen.map((f) => f.field)
	);
	return { ok: true, value: built.value as object };
}
