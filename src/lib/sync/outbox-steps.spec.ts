/**
 * Step entries (an import's step of records in ONE outbox entry, db/write.ts `outbox: 'step'`):
 * the sync still sends one mutation per record under the record's own id, a lost response is
 * retried without a duplicate, a rejected record leaves its step and stays marked, and a pull
 * never overwrites a record whose change is still in a step.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBatch } from '$lib/db/write';
import { itemsOf } from '$lib/db/database';
import type { Meeting } from '$lib/domain/schemas';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { pullAll } from '$factories/pull';
import { meeting, T0 } from '$factories/sync';
import { phoneDatabases, syncDevice, testClock } from '$factories/devices';
import { formatHlc } from '$lib/domain/sync/hlc';
import type { Change } from '$lib/domain/sync/protocol';
import { DEFAULT_COMMUNE } from '../server/storage/types';
import { SyncError } from './client';
import { applyPull } from './apply-pull';
import { expandEntries, pendingGroups, summarise } from './outbox';

const newDb = phoneDatabases('steps');

describe('step entries in the outbox', () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
	});
	afterEach(() => s.close());

	it('one entry per step, one mutation per record; a lost response and a rejection lose nothing', async () => {
		const fault: { dropAfter?: string } = { dropAfter: '/api/sync/push' };
		const a = { ...(await syncDevice(s, 'staff-kt', newDb(), fault)), clock: testClock() };
		const records = Array.from({ length: 301 }, (_, i) =>
			meeting({ id: `m-${i}`, unitCode: i === 150 ? 'VP' : 'KT', title: `Họp ${i}` })
		);
		const n = await writeBatch(a.db, [{ entity: 'meeting', records }], a.clock, {
			chunkSize: 100,
			outbox: 'step'
		});
		expect(n).toBe(301);
		expect(await a.db.outbox.count()).toBe(4);
		const changes = expandEntries(await a.db.outbox.toArray());
		expect(changes).toHaveLength(301);
		expect(new Set(changes.map((c) => c.mutationId)).size).toBe(301);
		expect(new Set(changes.map((c) => c.hlc)).size).toBe(301);

		const groups = await pendingGroups(a.db, 1000);
		expect(groups).toHaveLength(301);
		expect(groups.every((g) => g.entryIds.length === 1 && g.mutation.fields === undefined)).toBe(
			true
		);
		// The same ids on every read: a retry after a lost response is answered `duplicate`.
		const again = await pendingGroups(a.db, 1000);
		expect(again.map((g) => g.mutation.mutationId)).toEqual(
			groups.map((g) => g.mutation.mutationId)
		);

		await expect(a.run()).rejects.toBeInstanceOf(SyncError); // committed, answer lost
		expect((await summarise(a.db)).pendingRecords).toBe(301); // nothing settled without an answer
		s.clock.now += 1000;
		const r = await a.run();
		expect(r.pushed).toBe(300); // the first 200 answered `duplicate`
		expect(r.rejected).toBe(1);
		const sum = await summarise(a.db);
		expect(sum.pendingRecords).toBe(0);
		expect(sum.rejected).toMatchObject([{ recordId: 'm-150', code: 'forbidden' }]);
		// Only the rejected record's change is left, as an entry of its own under its id.
		const left = await a.db.outbox.toArray();
		expect(left).toHaveLength(1);
		expect(left[0]?.recordId).toBe('m-150');
		expect(left[0]?.items).toBeUndefined();
		expect(left[0]?.packed).toBeUndefined();
		expect(left[0]!.mutationId).toBe(changes.find((c) => c.recordId === 'm-150')!.mutationId);

		const rows = await pullAll(s.storage, DEFAULT_COMMUNE);
		const ids = rows.filter((x) => x.entity === 'meeting').map((x) => x.id);
		expect(ids).toHaveLength(300);
		expect(new Set(ids).size).toBe(300);
		expect(ids).not.toContain('m-150');
	});

	it('steps are packed (a few strings, no object per item); the older form is still read, sent and settled', async () => {
		const a = { ...(await syncDevice(s, 'staff-kt', newDb())), clock: testClock() };
		const records = Array.from({ length: 30 }, (_, i) =>
			meeting({ id: `p-${i}`, unitCode: 'KT', title: `Họp ${i}` })
		);
		await writeBatch(a.db, [{ entity: 'meeting', records }], a.clock, {
			chunkSize: 10,
			outbox: 'step'
		});
		const stored = await a.db.outbox.toArray();
		expect(stored).toHaveLength(3);
		for (const e of stored) {
			expect(e.items).toBeUndefined();
			expect(Object.values(e.packed!).every((v) => typeof v === 'string')).toBe(true);
		}
		const packed = expandEntries(stored);
		// The same records imported again: two changes each, still 30 records to send.
		await writeBatch(a.db, [{ entity: 'meeting', records }], a.clock, {
			chunkSize: 10,
			outbox: 'step'
		});
		expect((await summarise(a.db)).pendingRecords).toBe(30);
		// The first three steps as an app version before the packed form wrote them.
		await a.db.outbox.bulkPut(
			stored.map(({ packed: _p, ...e }) => ({ ...e, items: itemsOf({ ...e, packed: _p }) }))
		);
		expect(expandEntries(await a.db.outbox.toArray())).toHaveLength(60);
		expect(
			expandEntries((await a.db.outbox.bulkGet(stored.map((e) => e.mutationId))) as never)
		).toEqual(packed);
		expect((await summarise(a.db)).pendingRecords).toBe(30);
		const r = await a.run();
		expect(r.pushed).toBe(60); // both changes of each record settled, one mutation per record
		expect(await a.db.outbox.count()).toBe(0);
		const rows = await pullAll(s.storage, DEFAULT_COMMUNE);
		expect(rows.filter((x) => x.id.startsWith('p-'))).toHaveLength(30);
		expect((await summarise(a.db)).pendingRecords).toBe(0);
	});

	it('an update in a step carries only the fields it changed, and a pull keeps it', async () => {
		const db = newDb();
		const clock = testClock();
		const stored = meeting({ id: 'm-u', title: 'Cũ', notes: 'ghi chú' });
		await db.meetings.put(stored); // pulled earlier
		await writeBatch(
			db,
			[
				{
					entity: 'meeting',
					records: [{ ...stored, title: 'Sửa khi nhập' }, meeting({ id: 'm-n' })]
				}
			],
			clock,
			{ outbox: 'step' }
		);
		const [update, added] = expandEntries(await db.outbox.toArray());
		expect(update).toMatchObject({ recordId: 'm-u', fields: ['title'] });
		expect(added?.recordId).toBe('m-n');
		expect(added?.fields).toBeUndefined();

		const hlc = formatHlc({ wall: T0 - 60_000, counter: 0, node: 'server' });
		const change: Change = {
			seq: 3,
			entity: 'meeting',
			recordId: 'm-u',
			record: { ...stored, title: 'Bản máy chủ cũ', attendees: 40 },
			clocks: Object.fromEntries(Object.keys(stored).map((k) => [k, hlc])),
			deleted: false
		};
		await applyPull(db, [change], { userId: 'u', cursor: 3 }, clock.t);
		const now = (await db.meetings.get('m-u')) as Meeting;
		expect(now.title).toBe('Sửa khi nhập');
		expect(now.attendees).toBe(40);
		expect(expandEntries(await db.outbox.toArray())).toHaveLength(2);
	});
});
