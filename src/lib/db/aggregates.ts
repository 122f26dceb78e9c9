/**
 * The per (unit, month) aggregates the dashboard and reports read ($lib/domain/progress/aggregates):
 * a device-only table, never synced or backed up, kept true in the SAME transaction as every
 * record write. Not by each caller: a Dexie middleware (below, installed by AppDatabase) sees
 * every add, put, delete and clear of the meeting, document, procedure and incoming tables,
 * whoever makes it (write.ts for forms, import, restore and deletes; sync/apply-pull.ts for pulls;
 * a test writing a table directly), widens each read-write transaction to the aggregates, and
 * applies the records' before/after difference to the rows in that transaction.
 *
 * They are rebuilt from the records whenever they may be stale: when the stored meta's version is
 * not AGGREGATE_VERSION (a new app version, a new database) or its counting-settings key differs
 * from the settings' (e.g. a meeting limit changed, by a form or by a pull). A write transaction
 * that finds them stale rebuilds them before it ends; a reader that finds them stale reads the
 * raw records instead (exact, slower) and schedules the rebuild.
 */
import { defaultSettings } from '$lib/domain/defaults';
import {
	AGGREGATE_VERSION,
	applyContribution,
	buildRows,
	contributionOf,
	countingSettingsKey,
	emptyRow,
	isEmptyRow,
	rowId,
	type AggregatedEntity,
	type AggregateRow,
	type CheckRecord,
	type Contribution
} from '$lib/domain/progress/aggregates';
import type { Settings } from '$lib/domain/schemas';
import { loadChecker } from './checked';
import type { AppDatabase } from './database';
import Dexie, {
	type DBCore,
	type DBCoreMutateRequest,
	type DBCoreTable,
	type DBCoreTransaction,
	type Middleware
} from 'dexie';

export const AGGREGATES_META_KEY = 'aggregates';

export interface AggregatesMeta {
	version: number;
	/** countingSettingsKey of the limits the rows were counted with. */
	settingsKey: string;
}

type Checker = Awaited<ReturnType<typeof loadChecker>>;

/** A CheckRecord from record-check's partition (zod, loaded lazily by the caller). */
export function checkerOf(checker: Checker): CheckRecord {
	return (entity, record) => checker.partitionRecords(entity, [record]).invalid[0] ?? null;
}

/** Records just parsed by their schema (an import's rows): the middleware does not parse them again. */
const parsed = new WeakSet<object>();
export function markParsed(records: readonly object[]): void {
	for (const r of records) parsed.add(r);
}

let loaded: Checker | undefined;
/** The record checker, loaded before any transaction opens (never await an import inside one). */
export async function aggregateChecker(): Promise<CheckRecord> {
	loaded ??= await loadChecker();
	return checkerOf(loaded);
}
/** The checker when already loaded (inside an outer transaction), else undefined. */
export function aggregateCheckerNow(): CheckRecord | undefined {
	return loaded === undefined ? undefined : checkerOf(loaded);
}

const limitsOf = (s: Settings | undefined): Settings['limits'] => (s ?? defaultSettings(0)).limits;

/** Whether the stored rows were counted by this app version with these settings. */
export function isFresh(meta: unknown, limits: Settings['limits']): boolean {
	const m = meta as AggregatesMeta | undefined;
	return (
		m !== undefined &&
		m !== null &&
		m.version === AGGREGATE_VERSION &&
		m.settingsKey === countingSettingsKey(limits)
	);
}

export function freshMeta(limits: Settings['limits']): AggregatesMeta {
	return { version: AGGREGATE_VERSION, settingsKey: countingSettingsKey(limits) };
}

async function readMeta(db: AppDatabase): Promise<unknown> {
	return (await db.syncState.get(AGGREGATES_META_KEY))?.value;
}

/** Inside a rw transaction over the record tables: every row again from the stored records. */
async function rebuildInTransaction(
	db: AppDatabase,
	limits: Settings['limits'],
	check: CheckRecord
): Promise<number> {
	const tables: [AggregatedEntity, Promise<unknown[]>][] = [
		['meeting', db.meetings.toArray()],
		['document', db.documents.toArray()],
		['procedure', db.procedures.toArray()],
		['incoming', db.incoming.toArray()]
	];
	const all: { entity: AggregatedEntity; record: unknown }[] = [];
	for (const [entity, rows] of tables)
		for (const record of await rows) all.push({ entity, record });
	const rows = buildRows(all, limits, check);
	await db.aggregates.clear();
	await db.aggregates.bulkPut([...rows.values()]);
	await db.syncState.put({ key: AGGREGATES_META_KEY, value: freshMeta(limits) });
	return rows.size;
}

/**
 * The rebuild-from-records command: recounts every row in one transaction (skipped when another
 * one already brought them up to date). `force` recounts even fresh rows (a repair).
 */
export async function rebuildAggregates(db: AppDatabase, force = false): Promise<boolean> {
	const check = await aggregateChecker();
	const scope = [
		db.aggregates,
		db.settings,
		db.syncState,
		db.meetings,
		db.documents,
		db.procedures,
		db.incoming
	];
	return db.transaction('rw', scope, async () => {
		const limits = limitsOf(await db.settings.get('settings'));
		if (!force && isFresh(await readMeta(db), limits)) return false;
		await rebuildInTransaction(db, limits, check);
		return true;
	});
}

/** Record tables counted in the aggregates, by table name. */
const COUNTED: Readonly<Record<string, AggregatedEntity>> = {
	meetings: 'meeting',
	documents: 'document',
	procedures: 'procedure',
	incoming: 'incoming'
};
/** What a read-write transaction over a counted table (or the settings) also needs. */
const WIDEN = ['aggregates', 'syncState', 'settings'];

interface Change {
	key: string;
	before: unknown;
	after: unknown;
}

// The middleware chains Dexie's own promises (.then), never async/await: a native await would
// leave Dexie's zone, and the layers below read the current transaction from it.
const P = Dexie.Promise;

/** The keys a mutation touches, and the new values by key (null for a delete). */
function touched(
	table: DBCoreTable,
	req: DBCoreMutateRequest
): PromiseLike<{ keys: unknown[]; values: unknown[] | null }> {
	switch (req.type) {
		case 'add':
		case 'put': {
			const extract = table.schema.primaryKey.extractKey;
			const keys = req.keys ?? req.values.map((v) => (extract ? extract(v) : undefined));
			return P.resolve({ keys, values: [...req.values] });
		}
		case 'delete':
			return P.resolve({ keys: req.keys, values: null });
		case 'deleteRange':
			return table
				.query({
					trans: req.trans,
					values: false,
					query: { index: table.schema.primaryKey, range: req.range }
				})
				.then((res) => ({ keys: res.result, values: null }));
	}
}

type CountingState = { fresh: boolean; limits: Settings['limits'] };

/** The settings' limits and whether the stored rows were counted with them by this version. */
function stateOf(core: DBCore, trans: DBCoreTransaction): PromiseLike<CountingState> {
	// Both reads queued at once: one round trip to IndexedDB, not two.
	return P.all([
		core.table('syncState').get({ trans, key: AGGREGATES_META_KEY }),
		core.table('settings').get({ trans, key: 'settings' })
	]).then(([meta, settings]: [{ value?: unknown } | undefined, Settings | undefined]) => {
		const limits = limitsOf(settings);
		return { fresh: isFresh(meta?.value, limits), limits };
	});
}

function markStale(core: DBCore, trans: DBCoreTransaction): PromiseLike<unknown> {
	return core.table('syncState').mutate({ trans, type: 'delete', keys: [AGGREGATES_META_KEY] });
}

/** The rows after the differences (`stored`: the rows read, by id). */
function applied(
	stored: ReadonlyMap<string, AggregateRow>,
	deltas: readonly [Contribution, 1 | -1][]
): AggregateRow[] {
	const rows = new Map<string, AggregateRow>();
	for (const [id, row] of stored) rows.set(id, structuredClone(row));
	for (const [c, sign] of deltas) {
		const id = rowId(c.month, c.unitCode);
		let row = rows.get(id);
		if (row === undefined) rows.set(id, (row = emptyRow(c.month, c.unitCode)));
		applyContribution(row, c, sign);
	}
	return [...rows.values()];
}

/**
 * The records' differences as row contributions (+1 after, -1 before), or 'stale' when no record
 * checker is loaded (a write outside write.ts and the pull: the rows cannot tell a record that
 * fails its schema; readers count from the records until the rebuild), or null when the rows are
 * stale anyway (a rebuild recounts everything).
 */
function deltasOf(
	entity: AggregatedEntity,
	changes: readonly Change[],
	state: CountingState
): [Contribution, 1 | -1][] | 'stale' | null {
	if (!state.fresh) return null;
	const full = aggregateCheckerNow();
	if (full === undefined) return 'stale';
	const check: CheckRecord = (entity, record) =>
		typeof record === 'object' && record !== null && parsed.has(record)
			? null
			: full(entity, record);
	const deltas: [Contribution, 1 | -1][] = [];
	for (const c of changes) {
		const before = contributionOf(entity, c.before, state.limits, check);
		const after = contributionOf(entity, c.after, state.limits, check);
		if (before !== null) deltas.push([before, -1]);
		if (after !== null) deltas.push([after, 1]);
	}
	return deltas;
}

/** Reads the rows the differences touch, applies them and writes the rows back (one read, one write). */
function writeDeltas(
	core: DBCore,
	trans: DBCoreTransaction,
	deltas: readonly [Contribution, 1 | -1][]
): PromiseLike<unknown> {
	if (deltas.length === 0) return P.resolve(undefined);
	const table = core.table('aggregates');
	const ids = [...new Set(deltas.map(([c]) => rowId(c.month, c.unitCode)))];
	return table.getMany({ trans, keys: ids }).then((found: (AggregateRow | undefined)[]) => {
		const stored = new Map<string, AggregateRow>();
		found.forEach((row) => {
			if (row !== undefined) stored.set(row.id, row);
		});
		const all = applied(stored, deltas);
		const keep = all.filter((r) => !isEmptyRow(r));
		const drop = all.filter(isEmptyRow).map((r) => r.id);
		const put =
			keep.length > 0
				? table.mutate({ trans, type: 'put', values: keep, keys: keep.map((r) => r.id) })
				: P.resolve(undefined);
		return put.then(() =>
			drop.length > 0 ? table.mutate({ trans, type: 'delete', keys: drop }) : undefined
		);
	});
}

/** Applies the records' differences to the rows, in the mutation's transaction. */
function applyChanges(
	core: DBCore,
	trans: DBCoreTransaction,
	entity: AggregatedEntity,
	changes: readonly Change[],
	stateRead: PromiseLike<CountingState>
): PromiseLike<unknown> {
	return P.resolve(stateRead).then((state) => {
		const deltas = deltasOf(entity, changes, state);
		if (deltas === null) return undefined;
		if (deltas === 'stale') return markStale(core, trans);
		return writeDeltas(core, trans, deltas);
	});
}

/**
 * A transaction whose aggregates are counted in memory and written once (deferAggregates): the
 * counting state is read once, each mutation adds its differences here, and the flush reads and
 * writes the rows they touch. Steps of an import may then be in flight together: no step reads
 * rows another step has not written yet.
 */
interface Deferred {
	core?: DBCore;
	state?: PromiseLike<CountingState>;
	deltas: [Contribution, 1 | -1][];
	/** Some mutation could not be counted (no checker): the rows are marked stale at the flush. */
	stale: boolean;
	/** Some mutation found the rows stale already: nothing to write. */
	skip: boolean;
}
const deferred = new WeakMap<object, Deferred>();

/** Counts a mutation of a deferred transaction in memory (see Deferred). */
function deferChanges(
	batch: Deferred,
	entity: AggregatedEntity,
	changes: readonly Change[]
): PromiseLike<unknown> {
	return P.resolve(batch.state!).then((state) => {
		const deltas = deltasOf(entity, changes, state);
		if (deltas === null) batch.skip = true;
		else if (deltas === 'stale') batch.stale = true;
		else for (const d of deltas) batch.deltas.push(d);
	});
}

/**
 * Inside a read-write Dexie transaction: the aggregates of its record writes are counted in memory
 * until `flush()`, which writes them in the same transaction (call it after the last write, before
 * the transaction ends: a transaction that ends without it would keep rows that miss those
 * writes). Exact: the same differences as the per-write path, added up once (aggregates.spec.ts).
 */
export function deferAggregates(): { flush: () => PromiseLike<unknown> } {
	const trans = Dexie.currentTransaction?.idbtrans;
	if (!trans) throw new Error('deferAggregates: outside a transaction');
	const batch: Deferred = { deltas: [], stale: false, skip: false };
	deferred.set(trans, batch);
	return {
		flush: () => {
			deferred.delete(trans);
			const core = batch.core;
			if (core === undefined) return P.resolve(undefined);
			const dbTrans = trans as unknown as DBCoreTransaction;
			// The state again: a settings write in the same transaction may have made the rows stale.
			return P.resolve(stateOf(core, dbTrans)).then((now) => {
				if (batch.skip || !now.fresh) return undefined;
				if (batch.stale) return markStale(core, dbTrans);
				return P.resolve(batch.state!).then((then) =>
					countingSettingsKey(then.limits) === countingSettingsKey(now.limits)
						? writeDeltas(core, dbTrans, batch.deltas)
						: markStale(core, dbTrans)
				);
			});
		}
	};
}

/** A record table whose every mutation also changes the aggregates in the same transaction. */
function countedTable(core: DBCore, table: DBCoreTable, entity: AggregatedEntity): DBCoreTable {
	return {
		...table,
		mutate(req) {
			// An add that succeeds replaced nothing (it fails on a stored key): no read before it.
			const read = (keys: unknown[]): PromiseLike<unknown[]> =>
				keys.length === 0 || req.type === 'add'
					? P.resolve(new Array<unknown>(keys.length))
					: table.getMany({ trans: req.trans, keys });
			return P.resolve(touched(table, req)).then(({ keys, values }) =>
				read(keys).then((befores: unknown[]) => {
					const batch = deferred.get(req.trans);
					if (batch) batch.core ??= core;
					// The counting state is read while the records are written (the record write
					// changes neither the settings nor the aggregates' meta): one round trip less.
					// A deferred transaction reads it once.
					const state = batch
						? (batch.state ??= stateOf(core, req.trans))
						: stateOf(core, req.trans);
					return table.mutate(req).then((res) => {
						// Several writes of one key in a request: the first "before", the last "after".
						const net = new Map<string, Change>();
						keys.forEach((key, i) => {
							if (res.failures[i] !== undefined) return;
							const k = String(key);
							const prev = net.get(k);
							const after = values === null ? undefined : values[i];
							net.set(k, { key: k, before: prev ? prev.before : befores[i], after });
						});
						if (net.size === 0) return res;
						const changes = [...net.values()];
						const counted = batch
							? deferChanges(batch, entity, changes)
							: applyChanges(core, req.trans, entity, changes, state);
						return P.resolve(counted).then(() => res);
					});
				})
			);
		}
	};
}

/** The settings: a change of the counting settings (meeting limits) makes the rows stale. */
function settingsTable(core: DBCore, table: DBCoreTable): DBCoreTable {
	return {
		...table,
		mutate(req) {
			return table.mutate(req).then((res) =>
				P.resolve(stateOf(core, req.trans))
					.then(({ fresh }) => (fresh ? undefined : markStale(core, req.trans)))
					.then(() => res)
			);
		}
	};
}

/** Installed by AppDatabase (db.use): see the top of this file. */
export const aggregatesMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'aggregates',
	create(down) {
		return {
			...down,
			transaction(stores, mode, options) {
				const widen = mode === 'readwrite' && stores.some((s) => s in COUNTED || s === 'settings');
				const all = widen ? [...new Set([...stores, ...WIDEN])] : stores;
				return down.transaction(all, mode, options);
			},
			table(name) {
				const table = down.table(name);
				const entity = COUNTED[name];
				if (entity !== undefined) return countedTable(down, table, entity);
				if (name === 'settings') return settingsTable(down, table);
				return table;
			}
		};
	}
};

/** After a write that may have made the rows stale (a settings change): rebuild them now. */
export async function refreshAggregates(db: AppDatabase): Promise<void> {
	await rebuildAggregates(db);
}
