/**
 * A record kind declared once in the entity registry (a fixture kind, `widget`, keyed like
 * procedures `UNIT:YYYY-MM`: its descriptor and its schema) is stored on the device, synced through the real server code,
 * imported from CSV, exported to CSV and backed up and restored — with no other file knowing it.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import { writeRecords } from '$lib/db/write';
import { importFiles } from '$lib/db/import';
import { createBackup, restoreBackup } from '$lib/db/backup';
import { readSnapshot } from '$lib/db/snapshot';
import type { Clock } from '$lib/db/clock';
import { parseBackup } from '$lib/csv/backup';
import { toCsv } from '$lib/csv/export';
import { IMPORT_KINDS } from '$lib/csv/columns';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { fakeUuid, T0 } from '$factories/sync';
import { summarise } from './outbox';
import { syncDevice } from '$factories/devices';
import { DEFAULT_COMMUNE } from '../server/storage/types';

vi.mock('$lib/domain/entities/kinds', async (importOriginal) => {
	const original = await importOriginal<typeof import('$lib/domain/entities/kinds')>();
	const widget = original.define({
		name: 'widget',
		table: 'widgets',
		key: 'id',
		stores: { 5: 'id, [unitCode+month]' },
		idFields: ['unitCode', 'month'],
		owner: 'unit',
		write: 'record.write',
		label: 'sync.entity.procedure',
		csv: [
			{ name: 'unit_code', field: 'unitCode', type: 'unitCode' },
			{ name: 'month', field: 'month', type: 'month' },
			{ name: 'received', field: 'received', type: 'count' }
		]
	});
	return { ...original, ENTITY_LIST: [...original.ENTITY_LIST, widget] };
});

// Its zod schema, named beside the others (./schemas.ts of the registry).
vi.mock('$lib/domain/entities/schemas', async (importOriginal) => {
	const original = await importOriginal<typeof import('$lib/domain/entities/schemas')>();
	const { z } = await import('zod');
	const { recordMeta, unitCodeSchema, monthSchema, idSchema } = await import('$lib/domain/schemas');
	const schemas: Record<string, import('zod').ZodType> = {
		...original.ENTITY_SCHEMAS,
		widget: z.object({
			id: idSchema,
			unitCode: unitCodeSchema,
			month: monthSchema,
			received: z.number().int().min(0),
			...recordMeta
		})
	};
	return { ENTITY_SCHEMAS: schemas, schemaOf: (name: string) => schemas[name]! };
});

interface Widget {
	id: string;
	unitCode: string;
	month: string;
	received: number;
	createdAt: number;
	updatedAt: number;
	deleted: boolean;
}
/** The fixture kind is not in the static EntityName union; at run time it is registered. */
const WIDGET = 'widget' as never;

const widget = (over: Partial<Widget> = {}): Widget => ({
	id: 'VP:2026-05',
	unitCode: 'VP',
	month: '2026-05',
	received: 4,
	createdAt: T0,
	updatedAt: T0,
	deleted: false,
	...over
});

let dbs: AppDatabase[] = [];
function newDb(): AppDatabase {
	const db = new AppDatabase('kind-' + Math.random());
	dbs.push(db);
	return db;
}
afterEach(async () => {
	for (const db of dbs) {
		db.close();
		await db.delete();
	}
	dbs = [];
});

let ids = 0;
function testClock(): Clock & { t: number } {
	const c = { t: T0, now: () => c.t, newId: () => fakeUuid(0xc00000 + ++ids) };
	return c;
}

describe('a kind declared once in the registry', () => {
	it('gets its own table in a new database version, with the old versions untouched', async () => {
		const db = newDb();
		await db.open();
		expect(db.verno).toBe(5);
		expect(db.table('widgets').schema.primKey.name).toBe('id');
		expect(db.tables.map((t) => t.name)).toEqual(
			expect.arrayContaining(['units', 'meetings', 'outbox', 'syncState', 'widgets'])
		);
	});

	it('is stored with its outbox entry', async () => {
		const db = newDb();
		await writeRecords(db, WIDGET, [widget()], testClock());
		expect(await db.table('widgets').get('VP:2026-05')).toMatchObject({ received: 4 });
		const [entry] = await db.outbox.toArray();
		expect(entry).toMatchObject({ entity: 'widget', recordId: 'VP:2026-05', op: 'put' });
	});

	it('is imported from its CSV file and exported in the same columns', async () => {
		const db = newDb();
		expect(IMPORT_KINDS).toContain('widgets');
		const plan = await importFiles(
			db,
			[
				{ name: 'units.csv', text: 'code,name,kind\nVP,Văn phòng,department\n' },
				{
					name: 'w.csv',
					text: 'unit_code,month,received\nVP,2026-05,7\nVP,05/2026,8\nXX,2026-06,1\nVP,2026-07,-1\n'
				}
			],
			testClock()
		);
		const file = plan.files.find((f) => f.kind === ('widgets' as never))!;
		expect(file.records).toHaveLength(1);
		// The later row of the same key wins; an unknown unit and a negative count are rejected.
		expect(file.rejected.map((r) => r.line)).toEqual([2, 4, 5]);
		expect(await db.table('widgets').get('VP:2026-05')).toMatchObject({
			unitCode: 'VP',
			received: 8
		});

		const snapshot = (await readSnapshot(db)) as unknown as Record<string, Widget[]>;
		const csv = toCsv('widgets' as never, snapshot.widgets as never);
		expect(csv).toBe('\uFEFFunit_code,month,received\r\nVP,2026-05,8\r\n');
	});

	it('is backed up and restored', async () => {
		const a = newDb();
		await writeRecords(
			a,
			WIDGET,
			[widget(), widget({ id: 'VP:2026-06', month: '2026-06' })],
			testClock()
		);
		const { text } = await createBackup(a, testClock());
		expect(JSON.parse(text).data.widgets).toHaveLength(2);
		const parsed = parseBackup(text);
		if (!parsed.ok) throw new Error(parsed.error);

		const b = newDb();
		await restoreBackup(b, parsed.backup, testClock());
		expect(await b.table('widgets').count()).toBe(2);
		// Restored records sync: each has its outbox entry.
		expect((await b.outbox.toArray()).map((e) => e.entity)).toEqual(['widget', 'widget']);
	});
});

describe('a kind declared once in the registry syncs', () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'staff-a', 'staff', 'VP');
		await addUser(s.ctx, 'staff-b', 'staff', 'VP');
		await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
	});
	afterEach(() => s.close());

	const device = (username: string) => syncDevice(s, username, newDb());

	it('travels from one device to another; its id rule and owning unit are enforced', async () => {
		const a = await device('staff-a');
		const b = await device('staff-b');
		const kt = await device('staff-kt');
		await writeRecords(a.db, WIDGET, [widget()], testClock());
		// The id must be unitCode:month.
		await writeRecords(a.db, WIDGET, [widget({ id: 'VP:wrong' })], testClock());
		// Another unit's staff may not write VP's records.
		await writeRecords(
			kt.db,
			WIDGET,
			[widget({ id: 'VP:2026-08', month: '2026-08' })],
			testClock()
		);

		await a.run();
		await kt.run();
		expect(
			await s.storage.findRecord(DEFAULT_COMMUNE, 'widget' as never, 'VP:2026-05')
		).toMatchObject({
			unitCode: 'VP'
		});
		const rejected = (await summarise(a.db)).rejected;
		expect(rejected.map((r) => [r.recordId, r.code])).toEqual([['VP:wrong', 'id_mismatch']]);
		expect((await summarise(kt.db)).rejected.map((r) => r.code)).toEqual(['forbidden']);

		await b.run();
		expect(await b.db.table('widgets').get('VP:2026-05')).toMatchObject({ received: 4 });
		// Read scope follows the owning unit: KT's staff does not receive VP's record.
		await kt.run();
		expect(await kt.db.table('widgets').get('VP:2026-05')).toBeUndefined();
	});
});
