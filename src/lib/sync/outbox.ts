/**
 * The outbox as the sync engine sees it: pending entries coalesced into one mutation per record,
 * results written back (sent entries removed, rejected ones marked with the server's reason).
 *
 * Coalescing keeps retries safe: a group is sent under the mutationId of its latest entry. A retry of
 * the same group resends the same id (the server answers `duplicate`); a group that gained a newer
 * entry is sent under that newer id, and its record carries every earlier change too.
 */
import {
	itemsOf,
	OUTBOX_STEP,
	stepRecordIds,
	withItems,
	type AppDatabase,
	type Entity,
	type OutboxEntry
} from '$lib/db/database';
import { recordLabel, type RecordLabel } from '$lib/domain/record-label';
import { compareHlcText, DEFAULT_MAX_SKEW_MS } from '$lib/domain/sync/hlc';
import { partsOf } from '$lib/domain/sync/merge';
import { entityOf } from '$lib/domain/entities';
import { readState, resetHlcIfAhead } from '$lib/db/device';
import { aggregateChecker } from '$lib/db/aggregates';
import { systemClock } from '$lib/db/clock';
import { keepLostEdits, lostEditKeys, lostKey, settleLostEdits } from '$lib/db/lost-edits';
import type { Mutation, MutationResult } from '$lib/domain/sync/protocol';

export interface PendingGroup {
	entity: Entity;
	recordId: string;
	/** Every outbox entry this mutation settles (an item's mutation id for an item of a step). */
	entryIds: string[];
	mutation: Mutation;
	/** For the entries that are items of a step entry: the step's id, by the item's id. */
	steps?: Record<string, string>;
}

/** An outbox entry as the engine reads it: one record's change; `step` when it is a step's item. */
export type PendingEntry = OutboxEntry & { step?: string };

/**
 * Every record's change, a step entry (an import's step in one entry, db/write.ts) opened into one
 * entry per item: each item is sent as its own mutation under its own id.
 */
export function expandEntries(entries: readonly OutboxEntry[]): PendingEntry[] {
	const out: PendingEntry[] = [];
	for (const e of entries) {
		const items = itemsOf(e);
		if (!items) {
			out.push(e);
			continue;
		}
		for (const it of items)
			out.push({
				mutationId: it.mutationId,
				entity: e.entity,
				recordId: it.recordId,
				op: e.op,
				createdAt: e.createdAt,
				rejected: null,
				hlc: it.hlc,
				...(it.fields ? { fields: it.fields } : {}),
				step: e.mutationId
			});
	}
	return out;
}

/**
 * The items of an entity's step entries by record id (the pull merges a record with its unsent
 * changes: its own entries from the [entity+recordId] index and these).
 */
export async function stepItemsOf(
	db: AppDatabase,
	entity: Entity
): Promise<Map<string, PendingEntry[]>> {
	const steps = await db.outbox.where('[entity+recordId]').equals([entity, OUTBOX_STEP]).toArray();
	const out = new Map<string, PendingEntry[]>();
	for (const e of expandEntries(steps)) {
		const list = out.get(e.recordId);
		if (list) list.push(e);
		else out.set(e.recordId, [e]);
	}
	return out;
}

/**
 * Settles entries by id: sent ones leave the outbox, rejected ones are marked. An item of a step
 * leaves its step (the step goes with its last item); a rejected item becomes an entry of its own,
 * under the same mutation id, so it is shown, retried and re-sent like any other.
 */
async function settle(
	db: AppDatabase,
	stepOf: (id: string) => string | undefined,
	done: readonly string[],
	rejected: readonly { ids: string[]; code: string; reason: string }[],
	/** More writes to the device's sync state in the same transaction (lost fields). */
	within: () => Promise<void> = async () => {}
): Promise<void> {
	const byStep = new Map<string, Map<string, { code: string; reason: string } | null>>();
	const plain: string[] = [];
	const mark = (id: string, r: { code: string; reason: string } | null) => {
		const step = stepOf(id);
		if (step === undefined) return false;
		const m = byStep.get(step) ?? byStep.set(step, new Map()).get(step)!;
		m.set(id, r);
		return true;
	};
	for (const id of done) if (!mark(id, null)) plain.push(id);
	const plainRejected: typeof rejected = rejected
		.map((x) => ({
			...x,
			ids: x.ids.filter((id) => !mark(id, { code: x.code, reason: x.reason }))
		}))
		.filter((x) => x.ids.length > 0);
	await db.transaction('rw', [db.outbox, db.syncState], async () => {
		await db.outbox.bulkDelete(plain);
		for (const x of plainRejected) await markRejected(db, x.ids, x.code, x.reason);
		for (const [stepId, settled] of byStep) {
			const step = await db.outbox.get(stepId);
			const stepItems = step && itemsOf(step);
			if (!step || !stepItems) continue;
			const split: OutboxEntry[] = [];
			for (const { step: _, ...e } of expandEntries([step])) {
				const r = settled.get(e.mutationId);
				if (r) split.push({ ...e, rejected: r });
			}
			const items = stepItems.filter((it) => !settled.has(it.mutationId));
			if (items.length === 0) await db.outbox.delete(stepId);
			else await db.outbox.put(withItems(step, items));
			if (split.length > 0) await db.outbox.bulkPut(split);
		}
		await within();
	});
}

/** The step of each item in `list`, by the item's id; undefined when none is an item. */
function stepsOf(list: readonly PendingEntry[]): Record<string, string> | undefined {
	let out: Record<string, string> | undefined;
	for (const e of list) if (e.step !== undefined) (out ??= {})[e.mutationId] = e.step;
	return out;
}

const groupKey = (e: Pick<OutboxEntry, 'entity' | 'recordId'>) => `${e.entity}\u0000${e.recordId}`;

/**
 * Entries not rejected by the server, oldest first. A record rejected as too large goes again with
 * its next edit, every change of it in one mutation, so the edit that shortened it clears the mark.
 */
async function sendable(db: AppDatabase): Promise<PendingEntry[]> {
	const all = expandEntries(await db.outbox.orderBy('createdAt').toArray());
	const edited = new Set(all.filter((e) => !e.rejected).map(groupKey));
	return all.filter(
		(e) => !e.rejected || (e.rejected.code === 'too_large' && edited.has(groupKey(e)))
	);
}

/** Coalesce entries of one record into the mutation that sends them. */
export function coalesce(
	entries: readonly OutboxEntry[],
	record: Record<string, unknown>
): Mutation {
	const sorted = [...entries].sort(
		(a, b) => compareHlcText(a.hlc, b.hlc) || a.createdAt - b.createdAt
	);
	const last = sorted[sorted.length - 1]!;
	let fields: string[] | undefined = [];
	for (const e of sorted) {
		if (!e.fields) {
			fields = undefined;
			break;
		}
		for (const f of e.fields) if (!fields.includes(f)) fields.push(f);
	}
	const mutation: Mutation = {
		mutationId: last.mutationId,
		entity: last.entity,
		recordId: last.recordId,
		op: sorted.every((e) => e.op === 'delete') ? 'delete' : 'put',
		record,
		hlc: last.hlc
	};
	if (fields) {
		mutation.fields = fields.filter((f) => Object.hasOwn(record, f));
		// The items of keyed lists the edits wrote (`plans.2027`; kept in the entries' fields).
		const keyed = entityOf(last.entity).keyedLists;
		const parts = keyed
			? partsOf(
					keyed,
					sorted.map((e) => e.fields)
				)
			: undefined;
		if (parts) mutation.parts = parts;
	}
	return mutation;
}

/**
 * Up to `maxGroups` records to send, each as one coalesced mutation. Entries whose record is gone
 * from the device cannot be sent; they are marked rejected so they never block the queue.
 */
export async function pendingGroups(db: AppDatabase, maxGroups = 200): Promise<PendingGroup[]> {
	const entries = await sendable(db);
	const byRecord = new Map<string, PendingEntry[]>();
	for (const e of entries) {
		const key = groupKey(e);
		const list = byRecord.get(key);
		if (list) list.push(e);
		else if (byRecord.size < maxGroups) byRecord.set(key, [e]);
	}
	const groups: PendingGroup[] = [];
	for (const list of byRecord.values()) {
		const first = list[0]!;
		const steps = stepsOf(list);
		const record = await db.recordTable(first.entity).get(first.recordId);
		if (!record) {
			const ids = list.map((e) => e.mutationId);
			const steps = stepsOf(list);
			await settle(
				db,
				(id) => steps?.[id],
				[],
				[{ ids, code: 'missing', reason: 'record not on this device' }]
			);
			continue;
		}
		groups.push({
			entity: first.entity,
			recordId: first.recordId,
			entryIds: list.map((e) => e.mutationId),
			mutation: coalesce(list, record),
			...(steps ? { steps } : {})
		});
	}
	return groups;
}

async function markRejected(db: AppDatabase, ids: string[], code: string, reason: string) {
	await db.outbox.bulkUpdate(ids.map((key) => ({ key, changes: { rejected: { code, reason } } })));
}

export interface ResultSummary {
	applied: number;
	rejected: number;
}

/** Write the server's per-mutation results back: sent entries leave the outbox, rejected ones stay marked. */
export async function applyResults(
	db: AppDatabase,
	groups: readonly PendingGroup[],
	results: readonly MutationResult[]
): Promise<ResultSummary> {
	const byId = new Map(results.map((r) => [r.mutationId, r]));
	const steps = new Map<string, string>();
	for (const g of groups)
		for (const [id, step] of Object.entries(g.steps ?? {})) steps.set(id, step);
	const done: string[] = [];
	const rejected: { ids: string[]; code: string; reason: string }[] = [];
	const applied: { group: PendingGroup; lost: NonNullable<MutationResult['lost']> }[] = [];
	for (const g of groups) {
		const r = byId.get(g.mutation.mutationId);
		if (!r) continue; // not answered: stays pending, resent with the same id
		if (r.status === 'rejected') {
			rejected.push({ ids: g.entryIds, code: r.code ?? 'invalid', reason: r.reason ?? '' });
		} else {
			done.push(...g.entryIds);
			applied.push({ group: g, lost: r.lost ?? [] });
		}
	}
	// Fields that lost to a newer edit: the values sent are kept (db/lost-edits.ts) in the same
	// transaction that takes the change off the outbox, so the user's value is never lost silently.
	await settle(
		db,
		(id) => steps.get(id),
		done,
		rejected,
		async () => {
			const kept = await lostEditKeys(db);
			for (const { group, lost } of applied) {
				const { entity, recordId, mutation } = group;
				// A kept value the user's newer edit (taken now) wrote over is out of date.
				if (kept.has(lostKey(entity, recordId)))
					await settleLostEdits(
						db,
						entity,
						recordId,
						mutation.fields ?? Object.keys(mutation.record),
						lost.map((l) => l.field)
					);
				if (lost.length > 0) await keepLostEdits(db, entity, recordId, mutation.record, lost);
			}
		}
	);
	return { applied: done.length, rejected: rejected.reduce((n, x) => n + x.ids.length, 0) };
}

export interface OutboxSummary {
	/** Records with changes not yet accepted by the server (rejected ones excluded). */
	pendingRecords: number;
	/** createdAt of the oldest unsent change, or null. */
	oldestPendingAt: number | null;
	rejected: RejectedRecord[];
}

export interface RejectedRecord {
	entity: Entity;
	recordId: string;
	code: string;
	reason: string;
	/** What the user calls the record (title, or kind, unit and period), never its internal id. */
	label: RecordLabel;
	/** The name of the unit the label names (month, year and unit reports), when on the device. */
	unitName: string | null;
}

export async function summarise(db: AppDatabase): Promise<OutboxSummary> {
	const pending = new Set<string>();
	let oldest: number | null = null;
	const rejected = new Map<string, OutboxEntry>();
	for (const e of await db.outbox.toArray()) {
		// A step's items are never rejected (a rejected item becomes an entry of its own): only
		// their record ids are opened, not an object per item (the badge re-reads after each write).
		const ids = stepRecordIds(e);
		if (ids) {
			for (const recordId of ids) pending.add(groupKey({ entity: e.entity, recordId }));
			if (ids.length > 0 && (oldest === null || e.createdAt < oldest)) oldest = e.createdAt;
			continue;
		}
		if (e.rejected) {
			rejected.set(groupKey(e), e);
			continue;
		}
		pending.add(groupKey(e));
		if (oldest === null || e.createdAt < oldest) oldest = e.createdAt;
	}
	const list: RejectedRecord[] = [];
	const names =
		rejected.size === 0
			? new Map<string, string>()
			: new Map((await db.units.toArray()).map((u) => [u.code, u.name]));
	for (const e of rejected.values()) {
		const record = (await db.recordTable(e.entity).get(e.recordId)) as
			Record<string, unknown> | undefined;
		const label = recordLabel(e.entity, record, e.recordId);
		const unit = 'unitCode' in label ? label.unitCode : null;
		list.push({
			entity: e.entity,
			recordId: e.recordId,
			code: e.rejected?.code ?? 'invalid',
			reason: e.rejected?.reason ?? '',
			label,
			unitName: unit === null ? null : (names.get(unit) ?? unit)
		});
	}
	return { pendingRecords: pending.size, oldestPendingAt: oldest, rejected: list };
}

/** Send rejected changes again (after the cause is fixed, e.g. a unit un-archived or the clock set). */
export async function retryRejected(db: AppDatabase, now: number): Promise<number> {
	return db.transaction('rw', [db.outbox, db.syncState], async () => {
		const rejected = (await db.outbox.toArray()).filter((e) => e.rejected);
		// A change rejected for a clock far ahead gets a fresh clock once the device clock is right.
		if (rejected.some((e) => e.rejected?.code === 'clock_skew'))
			await resetHlcIfAhead(db, now, DEFAULT_MAX_SKEW_MS);
		await db.outbox.bulkUpdate(
			rejected.map((e) => ({
				key: e.mutationId,
				changes:
					e.rejected?.code === 'clock_skew'
						? { rejected: null, hlc: undefined }
						: { rejected: null }
			}))
		);
		return rejected.length;
	});
}

/** Anything on this device that the server does not have yet (pending or rejected). */
export async function hasUnsent(db: AppDatabase): Promise<boolean> {
	return (await db.outbox.count()) > 0;
}

/**
 * Set when a discarded change's record must come back as the server has it: the next pull starts
 * from 0 (the device does not know the record's seq), and clears the mark when it has read every
 * page, unless another discard set a new one meanwhile (its `nonce`). A pull that ran at the same
 * time and moved the cursor cannot skip the record: the mark, not the cursor, says "pull again".
 */
export const REFETCH_KEY = 'refetch';
export interface RefetchMark {
	nonce: string;
	/**
	 * How far the full pull it asks for has read: a run that ends before the last page (stopped by
	 * its time limit, or a page that failed) writes it, so the next run goes on from there instead
	 * of starting at 0 again, which on a link too slow to read everything within one run would
	 * never end (code review r11, 1).
	 */
	cursor?: number;
}

export const readRefetch = (db: AppDatabase): Promise<RefetchMark | undefined> =>
	readState<RefetchMark>(db, REFETCH_KEY);

/**
 * A full pull answered the mark: `done` (every page read) clears it, else it records how far the
 * pull read (`cursor`), so the next run goes on from there. A newer discard's mark is left alone
 * (its pull starts at 0).
 */
export async function settleRefetch(
	db: AppDatabase,
	answered: RefetchMark,
	reached: { done: true } | { cursor: number }
): Promise<void> {
	await db.transaction('rw', db.syncState, async () => {
		const now = (await db.syncState.get(REFETCH_KEY))?.value as RefetchMark | undefined;
		if (now?.nonce !== answered.nonce) return;
		if ('done' in reached) await db.syncState.delete(REFETCH_KEY);
		else
			await db.syncState.put({
				key: REFETCH_KEY,
				value: { nonce: now.nonce, cursor: reached.cursor } satisfies RefetchMark
			});
	});
}

/**
 * "Bỏ thay đổi của tôi": drops every unsent change of one record (its own entries, rejected or
 * not, and its items in an import's steps) and the record itself, in one transaction, and marks
 * the device to pull everything again: the record comes back exactly as the server holds it (a
 * record the server never had, or that this account may not read, stays gone). Changes of other
 * records are untouched. For refusals the user cannot fix by editing (`discardOnly`).
 */
export async function discardChanges(
	db: AppDatabase,
	entity: Entity,
	recordId: string,
	nonce: string = systemClock.newId()
): Promise<void> {
	const table = db.recordTable(entity);
	// The progress aggregates follow the record's delete in the same transaction (db/aggregates.ts).
	await aggregateChecker();
	await db.transaction('rw', [table, db.outbox, db.syncState], async () => {
		const own = await db.outbox.where('[entity+recordId]').equals([entity, recordId]).primaryKeys();
		await db.outbox.bulkDelete(own);
		const steps = await db.outbox
			.where('[entity+recordId]')
			.equals([entity, OUTBOX_STEP])
			.toArray();
		for (const step of steps) {
			const items = itemsOf(step);
			if (!items) continue;
			const left = items.filter((it) => it.recordId !== recordId);
			if (left.length === items.length) continue;
			if (left.length === 0) await db.outbox.delete(step.mutationId);
			else await db.outbox.put(withItems(step, left));
		}
		await table.delete(recordId);
		await db.syncState.delete(lostKey(entity, recordId));
		await db.syncState.put({ key: REFETCH_KEY, value: { nonce } satisfies RefetchMark });
	});
}
