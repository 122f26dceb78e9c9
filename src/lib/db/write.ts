/**
 * Every local write goes through here: the records and their outbox entries are written in one
 * IndexedDB transaction, so a record is never saved without the change that will sync it. The
 * progress aggregates change in that same transaction (./aggregates.ts, a Dexie middleware).
 */
import Dexie, { type Table } from 'dexie';
import { OUTBOX_STEP, type AppDatabase, type Entity, type OutboxEntry } from './database';
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

/** Progress and cancel of a long batch write (the CSV import). */
export interface BatchOptions {
	/** Records per step: each step is a few IndexedDB requests, so no step holds the main thread long. */
	chunkSize?: number;
	/** Called after each step with the records written so far and the total. */
	onProgress?: (done: number, total: number) => void;
	/** Aborting rolls the whole transaction back: nothing is written. */
	signal?: AbortSignal;
	/**
	 * 'step': one outbox entry per step holding each record's change as an item (its own mutation
	 * id and clock; the sync still sends one mutation per record): the import. Default 'record'.
	 */
	outbox?: 'record' | 'step';
}

/** A failed `add` of a key already stored (IndexedDB's ConstraintError). */
const isTaken = (e: unknown): boolean => e instanceof Error && e.name === 'ConstraintError';

/**
 * Writes one step's records and returns what each replaced (undefined: new). New records are
 * added without being read first (an add fails on a stored key, and only those are read and put);
 * after a step that was mostly replacements, `readFirst` reads the whole step before one put.
 */
async function putStep(
	table: Table<Record<string, unknown>, string>,
	records: readonly Record<string, unknown>[],
	keys: readonly string[],
	readFirst: boolean
): Promise<(Record<string, unknown> | undefined)[]> {
	if (readFirst) {
		const before = await table.bulkGet([...keys]);
		await table.bulkPut([...records]);
		return before;
	}
	const before: (Record<string, unknown> | undefined)[] = new Array(records.length);
	let taken: number[] = [];
	try {
		await table.bulkAdd([...records]);
	} catch (e) {
		if (!(e instanceof Dexie.BulkError)) throw e;
		const failures = Object.entries(e.failuresByPos);
		const other = failures.find(([, f]) => !isTaken(f));
		if (other) throw other[1];
		taken = failures.map(([pos]) => Number(pos));
	}
	if (taken.length === 0) return before;
	const stored = await table.bulkGet(taken.map((i) => keys[i]!));
	taken.forEach((i, j) => (before[i] = stored[j]));
	await table.bulkPut(taken.map((i) => records[i]!));
	return before;
}

/**
 * Several entities in ONE transaction, each record with its outbox entry: either every part is
 * written or (on any failure, or a cancel) none is. Parts are written in order, so a later part
 * wins on the same key. Used by the CSV import and the backup restore.
 *
 * The records go in steps of `chunkSize` inside the one transaction: between steps the browser
 * runs other tasks (paint, input) while IndexedDB works, so a 10,000-row import never freezes
 * the screen, and the transaction stays open because each step is queued from the last one's
 * completion.
 */
export async function writeBatch(
	db: AppDatabase,
	parts: readonly BatchPart[],
	clock: Clock,
	options: BatchOptions = {}
): Promise<number> {
	const nonEmpty = parts.filter((p) => p.records.length > 0);
	if (nonEmpty.length === 0) return 0;
	const now = clock.now();
	const size = Math.max(1, Math.floor(options.chunkSize ?? 250));
	const total = nonEmpty.reduce((n, p) => n + p.records.length, 0);
	const tables = [...new Set(nonEmpty.map((p) => p.entity))].map((e) => db.recordTable(e));
	// The aggregates' record checker (zod) loads before the transaction: awaiting an import inside
	// one would let it commit early. Inside a caller's transaction (restore) it loaded before that.
	if (aggregateCheckerNow() === undefined) await aggregateChecker();
	options.signal?.throwIfAborted();
	let written = 0;
	await db.transaction('rw', [...tables, db.outbox, db.syncState], async () => {
		// Every change's clock in one read and write of the device clock, in the records' order.
		const clocks = await stampLocal(db, total, now);
		let next = 0;
		for (const part of nonEmpty) {
			const table = db.recordTable(part.entity);
			const descriptor = entityOf(part.entity);
			const op = part.op ?? 'put';
			let readFirst = op === 'delete';
			for (let start = 0; start < part.records.length; start += size) {
				// A cancel throws inside the transaction, which rolls every step back.
				options.signal?.throwIfAborted();
				const records = part.records.slice(start, start + size) as Record<string, unknown>[];
				// Sync metadata: the change's clock and the fields it wrote (compared with the stored record).
				const keys = records.map((r) => keyOf(descriptor, r));
				const before = await putStep(table, records, keys, readFirst);
				const replaced = before.filter((b) => b !== undefined).length;
				readFirst = op === 'delete' || replaced * 2 > records.length;
				const first = next;
				next += records.length;
				const change = (r: object, i: number) => {
					const fields = changedFields(before[i], r);
					return {
						mutationId: clock.newId(),
						recordId: keys[i]!,
						hlc: clocks[first + i]!,
						...(fields ? { fields } : {})
					};
				};
				const entries: OutboxEntry[] =
					options.outbox === 'step'
						? [
								{
									mutationId: clock.newId(),
									entity: part.entity,
									recordId: OUTBOX_STEP,
									op,
									createdAt: now,
									rejected: null,
									hlc: clocks[next - 1]!,
									items: records.map(change)
								}
							]
						: records.map((r, i) => ({
								...change(r, i),
								entity: part.entity,
								op,
								createdAt: now,
								rejected: null
							}));
				await db.outbox.bulkAdd(entries);
				written += records.length;
				options.onProgress?.(written, total);
			}
		}
		options.signal?.throwIfAborted();
	});
	// New meeting limits change counts: the aggregates are recounted now rather than on next read.
	if (nonEmpty.some((p) => p.entity === 'settings') && Dexie.currentTransaction === null)
		await refreshAggregates(db);
	return written;
}
