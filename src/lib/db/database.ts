/**
 * The one IndexedDB database. Versioned schema: each version's stores come from DEVICE_STORES below
 * and from the record kinds' descriptors ($lib/domain/entities); a change adds a new version, never
 * edits an old one (Dexie upgrades existing devices step by step).
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import { ALL_ENTITIES, entityOf, type EntityName, type RecordOf } from '$lib/domain/entities';
import type { Clock } from './clock';
import { defaultUnitRecords } from './units';
import type {
	DocumentRecord,
	IncomingMonth,
	Meeting,
	Plan,
	ProcedureMonth,
	Settings,
	Unit
} from '$lib/domain/schemas';
import type { ReportDraft } from '$lib/domain/report-document/schema';
import type { AggregateRow } from '$lib/domain/progress/aggregates';
import { defaultSettings } from '$lib/domain/defaults';
import { AGGREGATES_META_KEY, aggregatesMiddleware, freshMeta } from './aggregates';

/** An unsaved form kept on the device so it survives a reload or an app update. */
export interface Draft {
	key: string;
	value: unknown;
	updatedAt: number;
}

/** A record kind (declared in $lib/domain/entities). */
export type Entity = EntityName;

/** Tables that hold no records of a kind: device-only data, by the database version that added them. */
const DEVICE_STORES: Readonly<Record<number, Record<string, string>>> = {
	1: { drafts: 'key', outbox: 'mutationId, createdAt, [entity+recordId]' },
	2: { syncState: 'key' },
	// Per (unit, month) counts for the progress engine, kept by every write (./aggregates.ts).
	5: { aggregates: 'id, month' }
};

/**
 * The `stores()` spec of every database version: the device tables plus each kind's table at the
 * versions its descriptor names. A kind added later brings its own version; old blocks never change.
 */
export function storesByVersion(): Map<number, Record<string, string>> {
	const out = new Map<number, Record<string, string>>();
	const at = (v: number) => out.get(v) ?? out.set(v, {}).get(v)!;
	for (const [v, stores] of Object.entries(DEVICE_STORES)) Object.assign(at(Number(v)), stores);
	for (const d of ALL_ENTITIES)
		for (const [v, spec] of Object.entries(d.stores)) at(Number(v))[d.table] = spec;
	return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** A local change waiting to be sent to the server (written in the same transaction as the record). */
export interface OutboxEntry {
	mutationId: string;
	entity: Entity;
	recordId: string;
	op: 'put' | 'delete';
	createdAt: number;
	/** Set when the server rejected this change; the user sees the reason. */
	rejected?: { code: string; reason: string } | null;
	/** Hybrid logical clock of the change (sync/hlc.ts), stamped at write time. */
	hlc: string;
	/** Fields the change wrote; absent = every field (a new record). */
	fields?: string[];
	/**
	 * A step of an import in ONE entry (recordId is OUTBOX_STEP): one item per record, each with its
	 * own mutation id and clock. The sync engine still sends one mutation per record
	 * ($lib/sync/outbox.ts `expandEntries`); `entity`, `op`, `createdAt` are the items' too.
	 * Written as `packed` (see PackedItems); `items` is the form of app versions before it, still read.
	 */
	items?: OutboxItem[];
	packed?: PackedItems;
}

/**
 * A step entry's items as a few JSON texts, one per column, instead of an object per item: a
 * string is read back from IndexedDB (and cloned by Dexie's live-query cache) at once, where
 * 1,000 objects a step cost the page's main thread tens of milliseconds each time the sync
 * badge re-read the outbox after an import. The badge needs only `records`.
 */
export interface PackedItems {
	/** JSON array: each item's mutation id. */
	ids: string;
	/** JSON array: each item's record id. */
	records: string;
	/** JSON array: each item's clock. */
	hlcs: string;
	/** JSON object: the fields each replaced record's item wrote, by item position (new: none). */
	fields: string;
}

/** Items packed into a step entry (see PackedItems). */
export function packItems(items: readonly OutboxItem[]): PackedItems {
	const fields: Record<number, string[]> = {};
	items.forEach((it, i) => {
		if (it.fields) fields[i] = it.fields;
	});
	return {
		ids: JSON.stringify(items.map((it) => it.mutationId)),
		records: JSON.stringify(items.map((it) => it.recordId)),
		hlcs: JSON.stringify(items.map((it) => it.hlc)),
		fields: JSON.stringify(fields)
	};
}

/** The items of a step entry (either form); undefined for an entry of one record. */
export function itemsOf(entry: OutboxEntry): OutboxItem[] | undefined {
	if (entry.items) return entry.items;
	if (!entry.packed) return undefined;
	const ids = JSON.parse(entry.packed.ids) as string[];
	const records = JSON.parse(entry.packed.records) as string[];
	const hlcs = JSON.parse(entry.packed.hlcs) as string[];
	const fields = JSON.parse(entry.packed.fields) as Record<string, string[]>;
	return ids.map((mutationId, i) => ({
		mutationId,
		recordId: records[i]!,
		hlc: hlcs[i]!,
		...(fields[i] ? { fields: fields[i] } : {})
	}));
}

/** The record ids of a step entry's items, without opening the rest; undefined for a plain entry. */
export function stepRecordIds(entry: OutboxEntry): string[] | undefined {
	if (entry.items) return entry.items.map((it) => it.recordId);
	return entry.packed ? (JSON.parse(entry.packed.records) as string[]) : undefined;
}

/** A step entry holding `items` (packed), e.g. after some of them were settled. */
export function withItems(entry: OutboxEntry, items: readonly OutboxItem[]): OutboxEntry {
	const { items: _old, ...rest } = entry;
	return { ...rest, packed: packItems(items) };
}

/** One record's change inside a step entry (see OutboxEntry.items). */
export interface OutboxItem {
	mutationId: string;
	recordId: string;
	hlc: string;
	fields?: string[];
}

/** The recordId of a step entry: never a record's key (keys are not empty). */
export const OUTBOX_STEP = '';

/** Small sync bookkeeping kept on the device: device id, HLC state, pull cursor, last results. */
export interface SyncStateRow {
	key: string;
	value: unknown;
}

export class AppDatabase extends Dexie {
	units!: EntityTable<Unit, 'code'>;
	meetings!: EntityTable<Meeting, 'id'>;
	documents!: EntityTable<DocumentRecord, 'id'>;
	procedures!: EntityTable<ProcedureMonth, 'id'>;
	incoming!: EntityTable<IncomingMonth, 'id'>;
	plans!: EntityTable<Plan, 'id'>;
	settings!: EntityTable<Settings, 'id'>;
	reports!: EntityTable<ReportDraft, 'id'>;
	drafts!: EntityTable<Draft, 'key'>;
	outbox!: EntityTable<OutboxEntry, 'mutationId'>;
	syncState!: EntityTable<SyncStateRow, 'key'>;
	/** Device-only, never synced or backed up: see ./aggregates.ts. */
	aggregates!: EntityTable<AggregateRow, 'id'>;

	/**
	 * `seedClock`: a database created on this device starts with the built-in units, stamped with
	 * this clock (Dexie's `populate`, run once, when the database is first created). The app passes
	 * it (see ./index.ts); tests that want an empty database leave it out.
	 */
	constructor(name = 'so-hop-534', options: { seedClock?: Clock } = {}) {
		super(name);
		for (const [version, stores] of storesByVersion()) this.version(version).stores(stores);
		// Every write of a counted record changes the progress aggregates in its transaction.
		this.use(aggregatesMiddleware);
		const clock = options.seedClock;
		this.on('populate', (tx) => {
			// A new database holds no records: its (empty) aggregates are true for the default limits.
			void tx
				.table('syncState')
				.put({ key: AGGREGATES_META_KEY, value: freshMeta(defaultSettings(0).limits) });
			if (clock) void tx.table('units').bulkAdd(defaultUnitRecords(clock.now()));
		});
	}

	/** The table of a record kind, typed by its record. */
	tableOf<N extends EntityName>(name: N): Table<RecordOf<N>, string> {
		return this.table(entityOf(name).table);
	}

	/** The table of any kind, for code that handles every kind alike (sync, import, backup). */
	recordTable(name: string): Table<Record<string, unknown>, string> {
		return this.table(entityOf(name).table);
	}
}
