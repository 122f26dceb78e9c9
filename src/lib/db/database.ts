/**
 * The one IndexedDB database. Versioned schema: add a new `this.version(n)` block for every change,
 * never edit an old one (Dexie upgrades existing devices step by step).
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
	DocumentRecord,
	Meeting,
	Plan,
	ProcedureMonth,
	Settings,
	Unit
} from '$lib/domain/schemas';

/** An unsaved form kept on the device so it survives a reload or an app update. */
export interface Draft {
	key: string;
	value: unknown;
	updatedAt: number;
}

export type Entity = 'unit' | 'meeting' | 'document' | 'procedure' | 'plan' | 'settings';

/** A local change waiting to be sent to the server (written in the same transaction as the record). */
export interface OutboxEntry {
	mutationId: string;
	entity: Entity;
	recordId: string;
	op: 'put' | 'delete';
	createdAt: number;
	/** Set when the server refused this change; the user sees the reason. */
	rejected?: { code: string; reason: string } | null;
	/** Hybrid logical clock of the change (sync/hlc.ts), stamped at write time. */
	hlc?: string;
	/** Fields the change wrote; absent = every field (a new record). */
	fields?: string[];
}

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
	plans!: EntityTable<Plan, 'id'>;
	settings!: EntityTable<Settings, 'id'>;
	drafts!: EntityTable<Draft, 'key'>;
	outbox!: EntityTable<OutboxEntry, 'mutationId'>;
	syncState!: EntityTable<SyncStateRow, 'key'>;

	constructor(name = 'so-hop-534') {
		super(name);
		this.version(1).stores({
			units: 'code, order',
			meetings: 'id, date, [unitCode+date], status, updatedAt',
			documents: 'id, issuedOn, [unitCode+issuedOn], [unitCode+number], updatedAt',
			procedures: 'id, month, [unitCode+month], updatedAt',
			plans: 'id, year, [unitCode+year]',
			settings: 'id',
			drafts: 'key',
			outbox: 'mutationId, createdAt, [entity+recordId]'
		});
		this.version(2).stores({ syncState: 'key' });
	}
}
