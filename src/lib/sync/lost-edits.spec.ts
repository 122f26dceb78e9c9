/**
 * A user's edit that lost a field to another phone's newer edit (issue 12, point 15): the device
 * keeps the value it sent, with who changed it and when, in the transaction that takes the change
 * off the outbox; re-applying is a normal edit that syncs and reaches the other phone.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeRecords } from '$lib/db/write';
import {
	dismissLostEdits,
	lostKey,
	readLostEdits,
	reapplyLostEdits,
	stillLost
} from '$lib/db/lost-edits';
import type { Meeting } from '$lib/domain/schemas';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { meeting, T0 } from '$factories/sync';
import { type Fault, phoneDatabases, syncDevice, testClock } from '$factories/devices';
import { SyncError } from './client';
import { applyResults, pendingGroups } from './outbox';

const newDb = phoneDatabases('lost');

describe('edits lost to a newer edit on another phone', () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'staff-a', 'staff', 'VP');
		await addUser(s.ctx, 'nguyen-van-a', 'staff', 'VP');
	});
	afterEach(() => s.close());

	async function device(username: string, fault: Fault = {}) {
		return { ...(await syncDevice(s, username, newDb(), fault)), clock: testClock() };
	}

	/** Phone A edits attendees (25) and notes offline at 10:00; phone B edits attendees (30) at 10:05
	 * and syncs first; then A syncs. */
	async function conflict(fault: Fault = {}) {
		const a = await device('staff-a', fault);
		const b = await device('nguyen-van-a');
		await writeRecords(a.db, 'meeting', [meeting({ id: 'm-1', attendees: 20 })], a.clock);
		await a.run();
		await b.run();
		const base = (await a.db.meetings.get('m-1'))!;
		a.clock.t = T0 + 60_000;
		b.clock.t = T0 + 5 * 60_000;
		await writeRecords(
			a.db,
			'meeting',
			[{ ...base, attendees: 25, notes: 'Ghi chú của A', updatedAt: a.clock.t }],
			a.clock
		);
		await writeRecords(
			b.db,
			'meeting',
			[{ ...base, attendees: 30, updatedAt: b.clock.t }],
			b.clock
		);
		s.clock.now = T0 + 6 * 60_000;
		await b.run();
		return { a, b };
	}

	it('keeps the value sent, who won and when; the record shows the winner', async () => {
		const { a } = await conflict();
		await a.run();
		const m = (await a.db.meetings.get('m-1')) as Meeting;
		expect(m.attendees).toBe(30);
		expect(m.notes).toBe('Ghi chú của A');
		const kept = await readLostEdits(a.db, 'meeting', 'm-1');
		expect(kept).toEqual({
			entity: 'meeting',
			recordId: 'm-1',
			fields: [
				{
					field: 'attendees',
					value: 25,
					clock: expect.stringMatching(/^\d{15}-[0-9a-f]{4}-/),
					at: T0 + 5 * 60_000,
					byUserName: 'nguyen-van-a'
				}
			]
		});
		expect(stillLost(kept, m).map((f) => f.field)).toEqual(['attendees']);
		expect(await a.db.outbox.count()).toBe(0);
	});

	it('a lost answer is retried: the duplicate still tells, once', async () => {
		const fault: Fault = {};
		const { a } = await conflict(fault);
		fault.dropAfter = '/api/sync/push';
		await expect(a.run()).rejects.toBeInstanceOf(SyncError);
		expect(await readLostEdits(a.db, 'meeting', 'm-1')).toBeUndefined();
		await a.run();
		const kept = await readLostEdits(a.db, 'meeting', 'm-1');
		expect(kept?.fields.map((f) => [f.field, f.value, f.byUserName])).toEqual([
			['attendees', 25, 'nguyen-van-a']
		]);
	});

	it('re-applying writes the value as a new edit that reaches the other phone', async () => {
		const { a, b } = await conflict();
		await a.run();
		a.clock.t = T0 + 10 * 60_000;
		s.clock.now = a.clock.t;
		const done = await reapplyLostEdits(a.db, 'meeting', 'm-1', ['attendees'], new Set(), a.clock);
		expect(done.ok).toBe(true);
		expect(((await a.db.meetings.get('m-1')) as Meeting).attendees).toBe(25);
		expect(await readLostEdits(a.db, 'meeting', 'm-1')).toBeUndefined();
		const entries = await a.db.outbox.toArray();
		expect(entries.map((e) => e.fields)).toEqual([['attendees', 'updatedAt']]);
		await a.run();
		await b.run();
		expect(((await b.db.meetings.get('m-1')) as Meeting).attendees).toBe(25);
		expect(await readLostEdits(a.db, 'meeting', 'm-1')).toBeUndefined();
	});

	it('dismissing forgets the kept value and writes nothing', async () => {
		const { a } = await conflict();
		await a.run();
		await dismissLostEdits(a.db, 'meeting', 'm-1', ['attendees']);
		expect(await a.db.syncState.get(lostKey('meeting', 'm-1'))).toBeUndefined();
		expect(await a.db.outbox.count()).toBe(0);
		expect(((await a.db.meetings.get('m-1')) as Meeting).attendees).toBe(30);
	});
});

describe('keeping lost values with the outbox', () => {
	it('is one transaction with taking the change off the outbox, merged per field', async () => {
		const db = newDb();
		const clock = testClock();
		const m = meeting({ id: 'm-2', attendees: 5 });
		await db.meetings.put(m);
		await writeRecords(db, 'meeting', [{ ...m, attendees: 7, chair: 'A' }], clock);
		const groups = await pendingGroups(db);
		const id = groups[0]!.mutation.mutationId;
		const win = (ms: number) => `${String(ms).padStart(15, '0')}-0000-dev-b`;
		// A write that fails inside the transaction rolls both back: the entry stays pending.
		const put = vi
			.spyOn(db.syncState, 'put')
			.mockImplementation(() => Promise.reject(new Error('disk full')) as never);
		await expect(
			applyResults(db, groups, [
				{ mutationId: id, status: 'applied', lost: [{ field: 'attendees', clock: win(T0 + 9) }] }
			])
		).rejects.toThrow('disk full');
		put.mockRestore();
		expect(await db.outbox.count()).toBe(1);
		expect(await readLostEdits(db, 'meeting', 'm-2')).toBeUndefined();

		await applyResults(db, groups, [
			{
				mutationId: id,
				status: 'applied',
				lost: [
					{ field: 'attendees', clock: win(T0 + 9), byUserName: 'B' },
					{ field: 'chair', clock: win(T0 + 9), byUserName: null }
				]
			}
		]);
		expect(await db.outbox.count()).toBe(0);
		// Lost again later: the newer loss replaces that field's entry and keeps the other.
		await writeRecords(db, 'meeting', [{ ...m, attendees: 8, chair: 'A' }], clock);
		const again = await pendingGroups(db);
		await applyResults(db, again, [
			{
				mutationId: again[0]!.mutation.mutationId,
				status: 'applied',
				lost: [{ field: 'attendees', clock: win(T0 + 20), byUserName: 'C' }]
			}
		]);
		const kept = await readLostEdits(db, 'meeting', 'm-2');
		expect(kept?.fields.map((f) => [f.field, f.value, f.at, f.byUserName])).toEqual([
			['chair', 'A', T0 + 9, null],
			['attendees', 8, T0 + 20, 'C']
		]);
		// The user's next edit of the chair is taken: its kept value is out of date and forgotten;
		// the attendees, not written by it, stay.
		await writeRecords(db, 'meeting', [{ ...m, attendees: 8, chair: 'D' }], clock);
		const third = await pendingGroups(db);
		expect(third[0]!.mutation.fields).toEqual(['chair']);
		await applyResults(db, third, [
			{ mutationId: third[0]!.mutation.mutationId, status: 'applied' }
		]);
		expect((await readLostEdits(db, 'meeting', 'm-2'))?.fields.map((f) => f.field)).toEqual([
			'attendees'
		]);
		// A value the record holds again needs no word.
		expect(stillLost(kept, { ...m, attendees: 8, chair: 'Khác' }).map((f) => f.field)).toEqual([
			'chair'
		]);
	});
});
