/**
 * What a record's screen says about the server (clerk review 15): written here and not yet sent,
 * sent, refused, or received from another device (nothing of it waits here).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBatch } from '$lib/db/write';
import { recordSyncState } from '$lib/db/record-sync';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { meeting } from '$factories/sync';
import { phoneDatabases, syncDevice, testClock } from '$factories/devices';

const newDb = phoneDatabases('record-sync');

describe("a record's sync state, from the outbox", () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
	});
	afterEach(() => s.close());

	it('pending until sent, sent after; received on another phone it is sent there too', async () => {
		const a = { ...(await syncDevice(s, 'admin', newDb())), clock: testClock() };
		await writeBatch(a.db, [{ entity: 'meeting', records: [meeting({ id: 'm-1' })] }], a.clock);
		expect(await recordSyncState(a.db, 'meeting', 'm-1')).toBe('pending');
		await a.run();
		expect(await recordSyncState(a.db, 'meeting', 'm-1')).toBe('sent');

		const b = await syncDevice(s, 'admin', newDb());
		await b.run();
		expect(await b.db.meetings.get('m-1')).toBeDefined();
		expect(await recordSyncState(b.db, 'meeting', 'm-1')).toBe('sent');
	});

	it('a record carried by an import step is pending; a refused one says so', async () => {
		const a = { ...(await syncDevice(s, 'staff-kt', newDb())), clock: testClock() };
		const records = [meeting({ id: 'own', unitCode: 'KT' }), meeting({ id: 'vp', unitCode: 'VP' })];
		await writeBatch(a.db, [{ entity: 'meeting', records }], a.clock, { outbox: 'step' });
		expect(await recordSyncState(a.db, 'meeting', 'own')).toBe('pending');
		expect(await recordSyncState(a.db, 'meeting', 'vp')).toBe('pending');
		expect(await recordSyncState(a.db, 'meeting', 'other')).toBe('sent');
		await a.run();
		expect(await recordSyncState(a.db, 'meeting', 'own')).toBe('sent');
		expect(await recordSyncState(a.db, 'meeting', 'vp')).toBe('rejected');
	});
});
