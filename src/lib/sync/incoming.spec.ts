/**
 * The register of incoming documents (văn bản đến, spec v2), declared once in the entity registry
 * (`incoming`, keyed `UNIT:YYYY-MM` like procedures): stored on the device with its outbox entry,
 * synced through the real server code (id rule, owning unit, the writers of procedures), imported
 * from incoming.csv, exported in the spec's columns, backed up and restored.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import { writeRecords } from '$lib/db/write';
import { importFiles } from '$lib/db/import';
import { saveIncomingMonth } from '$lib/db/incoming-write';
import { getIncomingMonth, listIncomingYear } from '$lib/db/incoming';
import { createBackup, restoreBackup } from '$lib/db/backup';
import { readSnapshot } from '$lib/db/snapshot';
import type { Clock } from '$lib/db/clock';
import { parseBackup } from '$lib/csv/backup';
import { toCsv } from '$lib/csv/export';
import { HEADERS, IMPORT_KINDS } from '$lib/csv/columns';
import { entityOf } from '$lib/domain/entities';
import type { IncomingMonth } from '$lib/domain/schemas';
import { writeActionOf } from '$lib/server/auth/permissions';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { fakeUuid, T0 } from '$factories/sync';
import { summarise } from './outbox';
import { syncDevice } from '$factories/devices';
import { DEFAULT_COMMUNE } from '../server/storage/types';

const month = (over: Partial<IncomingMonth> = {}): IncomingMonth => ({
	id: 'VP:2026-05',
	unitCode: 'VP',
	month: '2026-05',
	received: 40,
	electronic: 38,
	createdAt: T0,
	updatedAt: T0,
	deleted: false,
	...over
});

let dbs: AppDatabase[] = [];
function newDb(): AppDatabase {
	const db = new AppDatabase('incoming-' + Math.random());
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
	const c = { t: T0, now: () => c.t, newId: () => fakeUuid(0xd00000 + ++ids) };
	return c;
}

describe('the incoming-documents register on the device', () => {
	it('has its own table in database version 3 and the writers of procedures', async () => {
		const db = newDb();
		await db.open();
		// Added in version 3 (reports came in version 4): its stores name no other version.
		expect(Object.keys(entityOf('incoming').stores)).toEqual(['3']);
		expect(db.verno).toBeGreaterThanOrEqual(3);
		expect(db.incoming.schema.primKey.name).toBe('id');
		expect(writeActionOf('incoming')).toBe(writeActionOf('procedure'));
		expect(entityOf('incoming').idFields).toEqual(['unitCode', 'month']);
	});

	it('stores one row per unit and month with its outbox entry, and refuses electronic > received', async () => {
		const db = newDb();
		const clock = testClock();
		const input = { unitCode: 'VP', month: '2026-05', received: 40, electronic: 38 };
		expect((await saveIncomingMonth(db, input, clock)).ok).toBe(true);
		expect((await saveIncomingMonth(db, { ...input, received: 41 }, clock)).ok).toBe(true);
		expect(await db.incoming.count()).toBe(1);
		expect(await getIncomingMonth(db, 'VP', '2026-05')).toMatchObject({
			id: 'VP:2026-05',
			received: 41
		});
		const entries = await db.outbox.toArray();
		expect(new Set(entries.map((e) => `${e.entity} ${e.recordId} ${e.op}`))).toEqual(
			new Set(['incoming VP:2026-05 put'])
		);

		const bad = await saveIncomingMonth(db, { ...input, month: '2026-06', electronic: 41 }, clock);
		expect(bad.ok ? null : bad.errors).toEqual({ electronic: 'err.electronicAboveReceived' });
		expect((await listIncomingYear(db, 'VP', 2026)).map((r) => r.month)).toEqual(['2026-05']);
	});

	it('is imported from incoming.csv and exported in the same columns', async () => {
		const db = newDb();
		expect(IMPORT_KINDS).toContain('incoming');
		expect(HEADERS.incoming).toEqual(['unit_code', 'month', 'received', 'electronic']);
		const plan = await importFiles(
			db,
			[
				{ name: 'units.csv', text: 'code,name,kind\nVP,Văn phòng,department\n' },
				{
					name: 'vb-den.csv',
					text: 'unit_code,month,received,electronic\nVP,2026-05,7,7\nVP,2026-06,5,6\nXX,2026-06,1,1\n'
				}
			],
			testClock()
		);
		const file = plan.files.find((f) => f.kind === 'incoming')!;
		expect(file.records).toHaveLength(1);
		expect(file.rejected.map((r) => r.line)).toEqual([3, 4]);
		expect(await db.incoming.get('VP:2026-05')).toMatchObject({ received: 7, electronic: 7 });
		expect((await db.outbox.toArray()).filter((e) => e.entity === 'incoming')).toHaveLength(1);

		const snapshot = await readSnapshot(db);
		expect(toCsv('incoming', snapshot.incoming)).toBe(
			'\uFEFFunit_code,month,received,electronic\r\nVP,2026-05,7,7\r\n'
		);
	});

	it('is backed up and restored, and restored months sync', async () => {
		const a = newDb();
		await writeRecords(
			a,
			'incoming',
			[month(), month({ id: 'VP:2026-06', month: '2026-06', deleted: true })],
			testClock()
		);
		const { text } = await createBackup(a, testClock());
		expect(JSON.parse(text).data.incoming).toHaveLength(2);
		const parsed = parseBackup(text);
		if (!parsed.ok) throw new Error(parsed.error);

		const b = newDb();
		const result = await restoreBackup(b, parsed.backup, testClock());
		expect(result.written.incoming).toBe(2);
		expect(await b.incoming.get('VP:2026-05')).toMatchObject({ received: 40 });
		expect((await b.outbox.toArray()).map((e) => e.entity)).toEqual(['incoming', 'incoming']);
	});
});

describe('the incoming-documents register syncs', () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'staff-a', 'staff', 'VP');
		await addUser(s.ctx, 'head-vp', 'unit_head', 'VP');
		await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
		await addUser(s.ctx, 'monitor', 'monitor', null);
	});
	afterEach(() => s.close());

	const device = (username: string) => syncDevice(s, username, newDb());

	it('travels between devices of the unit; id rule, owning unit and writers are enforced', async () => {
		const a = await device('staff-a');
		const head = await device('head-vp');
		const kt = await device('staff-kt');
		const monitor = await device('monitor');
		await writeRecords(a.db, 'incoming', [month()], testClock());
		await writeRecords(a.db, 'incoming', [month({ id: 'VP:wrong' })], testClock());
		await writeRecords(
			kt.db,
			'incoming',
			[month({ id: 'VP:2026-08', month: '2026-08' })],
			testClock()
		);
		await writeRecords(
			monitor.db,
			'incoming',
			[month({ id: 'VP:2026-09', month: '2026-09' })],
			testClock()
		);

		await a.run();
		await kt.run();
		await monitor.run();
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'incoming', 'VP:2026-05')).toMatchObject({
			unitCode: 'VP'
		});
		expect((await summarise(a.db)).rejected.map((r) => [r.recordId, r.code])).toEqual([
			['VP:wrong', 'id_mismatch']
		]);
		expect((await summarise(kt.db)).rejected.map((r) => r.code)).toEqual(['forbidden']);
		expect((await summarise(monitor.db)).rejected.map((r) => r.code)).toEqual(['forbidden']);

		await head.run();
		expect(await head.db.incoming.get('VP:2026-05')).toMatchObject({ electronic: 38 });
		// Read scope follows the owning unit: KT's staff does not receive VP's month.
		await kt.run();
		expect(await kt.db.incoming.get('VP:2026-05')).toBeUndefined();
	});
});
