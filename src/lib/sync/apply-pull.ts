/**
 * Write pulled changes into Dexie WITHOUT creating outbox entries. A record with local changes the
 * server has not accepted yet (pending or rejected outbox entries) is merged per field with the same
 * rule as the server (merge.ts): a field the device wrote keeps its local value unless the server's
 * clock for that field is newer. So a local unsent edit is never overwritten by an older server
 * value, and the device ends on the record the server will hold once the edit is pushed.
 */
import type { AppDatabase, OutboxEntry } from '$lib/db/database';
import { observeRemote, writeState } from '$lib/db/device';
import { compareHlcText } from '$lib/domain/sync/hlc';
import {
	itemsByKey,
	mergeStates,
	maxClock,
	partName,
	partsOf,
	UNWRITTEN,
	type FieldState,
	type KeyedLists
} from '$lib/domain/sync/merge';
import { entityOf } from '$lib/domain/entities';
import type { Change } from '$lib/domain/sync/protocol';
import { aggregateChecker, refreshAggregates } from '$lib/db/aggregates';
import { stepItemsOf, type PendingEntry } from './outbox';

export const CURSOR_KEY = 'cursor';

export interface StoredCursor {
	/** The user the cursor belongs to: another user's pull starts again from 0. */
	userId: string;
	cursor: number;
}

/** The local state of a record's unsent fields: each written field with its newest local clock. */
export function localPendingState(
	local: Record<string, unknown>,
	entries: readonly OutboxEntry[],
	keyed?: KeyedLists
): FieldState {
	const clocks: Record<string, string> = {};
	for (const e of entries) {
		const c = e.hlc;
		const fields = e.fields ?? Object.keys(local);
		for (const f of fields) {
			if (!Object.hasOwn(local, f)) continue;
			if (compareHlcText(c, clocks[f] ?? UNWRITTEN) > 0) clocks[f] = c;
		}
	}
	const data: Record<string, unknown> = {};
	for (const f of Object.keys(clocks)) data[f] = local[f];
	// A keyed list's items (plans by year) the unsent edits named have their clocks; the others
	// it holds none, so what the server has of them (another device's year) comes in.
	const parts = keyed
		? partsOf(
				keyed,
				entries.map((e) => e.fields)
			)
		: undefined;
	if (keyed && parts)
		for (const [field, prop] of Object.entries(keyed)) {
			if (clocks[field] === undefined) continue;
			for (const key of itemsByKey(local[field], prop).keys())
				clocks[partName(field, key)] = UNWRITTEN;
			for (const e of entries)
				for (const n of e.fields ?? [])
					if (parts.includes(n) && n.startsWith(`${field}.`))
						if (compareHlcText(e.hlc, clocks[n] ?? UNWRITTEN) > 0) clocks[n] = e.hlc;
		}
	return { data, clocks };
}

/** The record to store for a pulled change, given the local record and its unsent entries. */
export function mergePulled(
	change: Pick<Change, 'entity' | 'record' | 'clocks'>,
	local: Record<string, unknown> | undefined,
	entries: readonly OutboxEntry[]
): Record<string, unknown> {
	if (!local || entries.length === 0) return { ...change.record };
	const keyed = entityOf(change.entity).keyedLists;
	const merged = mergeStates(
		localPendingState(local, entries, keyed),
		{ data: change.record, clocks: change.clocks },
		keyed
	);
	return { ...merged.data };
}

export interface ApplyOutcome {
	written: number;
	/** A server clock was more than 5 minutes ahead of this device's clock. */
	clockBehind: boolean;
}

/** Apply one pull page and move the cursor, in one transaction. */
export async function applyPull(
	db: AppDatabase,
	changes: readonly Change[],
	cursor: StoredCursor,
	now: number
): Promise<ApplyOutcome> {
	const tables = [...new Set(changes.map((c) => c.entity))].map((e) => db.recordTable(e));
	let clockBehind = false;
	// The progress aggregates change in this transaction too (db/aggregates.ts, a Dexie
	// middleware); their record checker must be loaded before it opens.
	await aggregateChecker();
	await db.transaction('rw', [...tables, db.outbox, db.syncState], async () => {
		let newest = UNWRITTEN;
		// Unsent changes held in an import's step entries, read once per kind (the pull writes none).
		const stepItems = new Map<string, Map<string, PendingEntry[]>>();
		for (const change of changes) {
			const table = db.recordTable(change.entity);
			let items = stepItems.get(change.entity);
			if (!items) stepItems.set(change.entity, (items = await stepItemsOf(db, change.entity)));
			const entries = [
				...(await db.outbox
					.where('[entity+recordId]')
					.equals([change.entity, change.recordId])
					.toArray()),
				...(items.get(change.recordId) ?? [])
			];
			const local = entries.length > 0 ? await table.get(change.recordId) : undefined;
			await table.put(mergePulled(change, local, entries));
			const c = maxClock({ data: change.record, clocks: change.clocks });
			if (compareHlcText(c, newest) > 0) newest = c;
		}
		if (newest !== UNWRITTEN && !(await observeRemote(db, newest, now))) clockBehind = true;
		await writeState(db, CURSOR_KEY, cursor);
	});
	// Pulled meeting limits change counts: recount now rather than on the next read.
	if (changes.some((c) => c.entity === 'settings')) await refreshAggregates(db);
	return { written: changes.length, clockBehind };
}
