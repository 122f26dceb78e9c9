/**
 * Every local write goes through here: the records and their outbox entries are written in one
 * IndexedDB transaction, so a record is never saved without the change that will sync it. The
 * progress aggregates change in that same transaction (./aggregates.ts, a Dexie middleware).
 */
import Dexie, { type PromiseExtended, type Table } from 'dexie';
import {
	OUTBOX_STEP,
	packItems,
	type AppDatabase,
	type Entity,
	type OutboxEntry
} from './database';
import type { Clock } from './clock';
import { entityOf, keyOf } from '$lib/domain/entities';
import { stampLocal } from './device';
import { canonicalJson, changedParts } from '$lib/domain/sync/merge';
import {
	aggregateChecker,
	aggregateCheckerNow,
	deferAggregates,
	refreshAggregates
} from './aggregates';

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

type Stored = Record<string, unknown> | undefined;

/**
 * Writes one step's records and returns what each replaced (undefined: new). New records are
 * added without being read first (an add fails on a stored key, and only those are read and put);
 * after a step that was mostly replacements, `readFirst` reads the whole step before one put.
 *
 * Dexie promise chains, never async/await: steps of an import run two at a time in the one
 * transaction, and only Dexie's own promises keep its zone (the current transaction) through
 * interleaved flows; a native await there may lose it and run the next write outside.
 */
function putStep(
	table: Table<Record<string, unknown>, string>,
	records: readonly Record<string, unknown>[],
	keys: readonly string[],
	readFirst: boolean
): PromiseExtended<Stored[]> {
	if (readFirst)
		return table
			.bulkGet([...keys])
			.then((before) => table.bulkPut([...records]).then(() => before));
	const before: Stored[] = new Array(records.length);
	return table
		.bulkAdd([...records])
		.then(
			(): number[] => [],
			(e: unknown): number[] => {
				if (!(e instanceof Dexie.BulkError)) throw e;
				const failures = Object.entries(e.failuresByPos);
				const other = failures.find(([, f]) => !isTaken(f));
				if (other) throw other[1];
				return failures.map(([pos]) => Number(pos));
			}
		)
		.then((taken) => {
			if (taken.length === 0) return before;
			return table.bulkGet(taken.map((i) => keys[i]!)).then((stored) => {
				taken.forEach((i, j) => (before[i] = stored[j]));
				return table.bulkPut(taken.map((i) => records[i]!)).then(() => before);
			});
		});
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
 *
 * With `outbox: 'step'` (the import) the next step is queued before the last one has answered
 * (two in flight: IndexedDB always has work queued, as a raw put of every record would), and the
 * aggregates are counted in memory and written once at the end (`deferAggregates`), so no step
 * reads rows another has not written yet. Only for a part whose keys are all different (an
 * import's are); a part that names a key twice goes one step at a time.
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
	const stepOutbox = options.outbox === 'step';
	// The aggregates' record checker (zod) loads before the transaction: awaiting an import inside
	// one would let it commit early. Inside a caller's transaction (restore) it loaded before that.
	if (aggregateCheckerNow() === undefined) await aggregateChecker();
	options.signal?.throwIfAborted();
	let written = 0;
	await db.transaction('rw', [...tables, db.outbox, db.syncState], async () => {
		const aggregates = stepOutbox ? deferAggregates() : null;
		// Every change's clock in one read and write of the device clock, in the records' order.
		const clocks = await stampLocal(db, total, now);
		let next = 0;
		/** Outbox writes queued and not awaited yet (a step's entry follows its records). */
		const queued: PromiseExtended<unknown>[] = [];
		for (const part of nonEmpty) {
			const table = db.recordTable(part.entity);
			const descriptor = entityOf(part.entity);
			const op = part.op ?? 'put';
			const keysOf = (records: readonly Record<string, unknown>[]) =>
				records.map((r) => keyOf(descriptor, r));
			const allKeys = keysOf(part.records as Record<string, unknown>[]);
			const inFlight = stepOutbox && new Set(allKeys).size === allKeys.length ? 2 : 1;
			let readFirst = op === 'delete';
			/** A step: its records written (queued at once), then its outbox entry queued. */
			const issue = (start: number) => {
				const records = part.records.slice(start, start + size) as Record<string, unknown>[];
				const keys = allKeys.slice(start, start + size);
				const first = next;
				next += records.length;
				const put = putStep(table, records, keys, readFirst);
				// Handled here so that a step still in flight when another fails is no unhandled error.
				put.catch(() => undefined);
				return { records, keys, first, put };
			};
			// A Dexie promise chain (see putStep): it may run beside the next step's write.
			const finish = (step: ReturnType<typeof issue>): PromiseExtended<unknown> =>
				step.put.then((before) => {
					// Sync metadata: the change's clock and the fields it wrote (compared with the stored record).
					const { records, keys, first } = step;
					const replaced = before.filter((b) => b !== undefined).length;
					readFirst = op === 'delete' || replaced * 2 > records.length;
					const keyed = descriptor.keyedLists;
					const change = (r: object, i: number) => {
						const changed = changedFields(before[i], r);
						// The items of a keyed list it changed are named beside the fields (`plans.2027`).
						const fields =
							changed && keyed
								? [
										...changed,
										...changedParts(
											keyed,
											before[i] as Record<string, unknown>,
											r as Record<string, unknown>,
											changed
										)
									]
								: changed;
						return {
							mutationId: clock.newId(),
							recordId: keys[i]!,
							hlc: clocks[first + i]!,
							...(fields ? { fields } : {})
						};
					};
					const entries: OutboxEntry[] = stepOutbox
						? [
								{
									mutationId: clock.newId(),
									entity: part.entity,
									recordId: OUTBOX_STEP,
									op,
									createdAt: now,
									rejected: null,
									hlc: clocks[first + records.length - 1]!,
									packed: packItems(records.map(change))
								}
							]
						: records.map((r, i) => ({
								...change(r, i),
								entity: part.entity,
								op,
								createdAt: now,
								rejected: null
							}));
					const add = db.outbox.bulkAdd(entries);
					const progress = () => {
						written += records.length;
						options.onProgress?.(written, total);
					};
					if (inFlight === 1) return add.then(progress);
					// Queued behind the next step's records; awaited with the part.
					add.catch(() => undefined);
					queued.push(add);
					progress();
					return undefined;
				});
			const pending: ReturnType<typeof issue>[] = [];
			for (let start = 0; start < part.records.length; start += size) {
				// A cancel throws inside the transaction, which rolls every step back.
				options.signal?.throwIfAborted();
				pending.push(issue(start));
				if (pending.length >= inFlight) await finish(pending.shift()!);
			}
			while (pending.length > 0) await finish(pending.shift()!);
			await Dexie.Promise.all(queued.splice(0));
		}
		options.signal?.throwIfAborted();
		await aggregates?.flush();
	});
	// New meeting limits change counts: the aggregates are recounted now rather than on next read.
	if (nonEmpty.some((p) => p.entity === 'settings') && Dexie.currentTransaction === null)
		await refreshAggregates(db);
	return written;
}
