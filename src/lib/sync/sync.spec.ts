/**
 * Client sync on fake-indexeddb: outbox coalescing, merging a pull with a pending local edit, and
 * whole runs against the real server code (SQLite in a temp dir) through an in-process fetch that
 * can drop a response after the server committed.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRecords } from '$lib/db/write';
import type { Meeting } from '$lib/domain/schemas';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { pullAll } from '$factories/pull';
import { fakeUuid, meeting, T0 } from '$factories/sync';
import { applyPull, mergePulled } from './apply-pull';
import { SyncError } from './client';
import { formatHlc } from '$lib/domain/sync/hlc';
import { pendingGroups, retryRejected, summarise } from './outbox';
import type { Change } from '$lib/domain/sync/protocol';
import { type Fault, phoneDatabases, syncDevice, testClock } from '$factories/devices';
import { DEFAULT_COMMUNE } from '../server/storage/types';

const newDb = phoneDatabases('test');

const hlc = (wall: number, node = 'server', counter = 0) => formatHlc({ wall, counter, node });

describe('outbox coalescing', () => {
	it('sends one mutation per record under the latest entry id, with every written field', async () => {
		const db = newDb();
		const clock = testClock();
		const m = meeting({ id: 'm-c1' });
		await db.meetings.put(m); // already on the device (e.g. pulled), so edits carry fields
		await writeRecords(db, 'meeting', [{ ...m, title: 'Họp A', updatedAt: T0 + 1 }], clock);
		clock.t += 1000;
		await writeRecords(
			db,
			'meeting',
			[{ ...m, title: 'Họp A', notes: 'ghi chú', updatedAt: T0 + 2 }],
			clock
		);
		const entries = await db.outbox.orderBy('createdAt').toArray();
		expect(entries).toHaveLength(2);
		expect(entries[0]!.fields).toEqual(['title', 'updatedAt']);
		expect(entries[1]!.fields).toEqual(['notes', 'updatedAt']);
		expect(entries[1]!.hlc! > entries[0]!.hlc!).toBe(true);

		const groups = await pendingGroups(db);
		expect(groups).toHaveLength(1);
		const g = groups[0]!;
		expect(g.entryIds.sort()).toEqual(entries.map((e) => e.mutationId).sort());
		expect(g.mutation.mutationId).toBe(entries[1]!.mutationId);
		expect(g.mutation.hlc).toBe(entries[1]!.hlc);
		expect(new Set(g.mutation.fields)).toEqual(new Set(['title', 'updatedAt', 'notes']));
		expect(g.mutation.record).toMatchObject({ title: 'Họp A', notes: 'ghi chú' });
		expect(g.mutation.op).toBe('put');
	});

	it('a new record is sent with every field; a retry of the same group keeps the same id', async () => {
		const db = newDb();
		const clock = testClock();
		await writeRecords(db, 'meeting', [meeting({ id: 'm-new' })], clock);
		await writeRecords(db, 'meeting', [meeting({ id: 'm-new', title: 'Sửa' })], clock);
		const first = await pendingGroups(db);
		const again = await pendingGroups(db);
		expect(first[0]!.mutation.fields).toBeUndefined();
		expect(again[0]!.mutation.mutationId).toBe(first[0]!.mutation.mutationId);
		expect((await summarise(db)).pendingRecords).toBe(1);
	});
});

describe('applying a pull', () => {
	const local = meeting({ id: 'm-p', title: 'Tiêu đề trên máy', notes: 'cũ' });

	it('keeps a pending local field whose clock is newer and takes the server for the rest', () => {
		const change: Pick<Change, 'entity' | 'record' | 'clocks'> = {
			entity: 'meeting',
			record: { ...local, title: 'Tiêu đề máy chủ', notes: 'ghi chú máy chủ' },
			clocks: { title: hlc(T0 - 10), notes: hlc(T0 + 50) }
		};
		const entries = [
			{
				mutationId: fakeUuid(1),
				entity: 'meeting' as const,
				recordId: 'm-p',
				op: 'put' as const,
				createdAt: T0,
				hlc: hlc(T0, 'dev'),
				fields: ['title']
			}
		];
		const merged = mergePulled(change, local, entries);
		expect(merged.title).toBe('Tiêu đề trên máy');
		expect(merged.notes).toBe('ghi chú máy chủ');
		// Server's title clock newer than the local edit: the server wins (as it will on push).
		const newer = mergePulled(
			{ ...change, clocks: { ...change.clocks, title: hlc(T0 + 1) } },
			local,
			entries
		);
		expect(newer.title).toBe('Tiêu đề máy chủ');
	});

	it('writes pulled records without creating outbox entries, and never loses an unsent edit', async () => {
		const db = newDb();
		const clock = testClock();
		await db.meetings.put(local); // pulled earlier; the offline edit changes the title only
		await writeRecords(db, 'meeting', [{ ...local, title: 'Sửa offline' }], clock);
		const before = await db.outbox.count();
		const change: Change = {
			seq: 7,
			entity: 'meeting',
			recordId: 'm-p',
			record: { ...local, title: 'Bản máy chủ cũ', attendees: 40 },
			clocks: Object.fromEntries(Object.keys(local).map((k) => [k, hlc(T0 - 60_000)])),
			deleted: false
		};
		const other: Change = { ...change, seq: 8, recordId: 'm-q', record: { ...local, id: 'm-q' } };
		await applyPull(db, [change, other], { userId: 'u', cursor: 8 }, clock.t);
		expect(await db.outbox.count()).toBe(before);
		const stored = (await db.meetings.get('m-p')) as Meeting;
		expect(stored.title).toBe('Sửa offline');
		expect(stored.attendees).toBe(40);
		expect(await db.meetings.get('m-q')).toBeDefined();
		expect((await db.syncState.get('cursor'))?.value).toEqual({ userId: 'u', cursor: 8 });
	});
});

describe('sync runs against the real server code', () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'staff-a', 'staff', 'VP');
		await addUser(s.ctx, 'staff-b', 'staff', 'VP');
		await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
	});
	afterEach(() => s.close());

	async function device(username: string, fault: Fault = {}) {
		return { ...(await syncDevice(s, username, newDb(), fault)), clock: testClock() };
	}

	it('two devices converge; a lost response is retried without a duplicate', async () => {
		const fault: { dropAfter?: string } = { dropAfter: '/api/sync/push' };
		const a = await device('staff-a', fault);
		const b = await device('staff-b');
		await writeRecords(a.db, 'meeting', [meeting({ id: 'm-a', title: 'Họp của A' })], a.clock);
		await writeRecords(b.db, 'meeting', [meeting({ id: 'm-b', title: 'Họp của B' })], b.clock);

		await expect(a.run()).rejects.toBeInstanceOf(SyncError);
		expect((await summarise(a.db)).pendingRecords).toBe(1); // committed on the server, not known here
		s.clock.now += 1000;
		const retry = await a.run();
		expect(retry.pushed).toBe(1);
		expect((await summarise(a.db)).pendingRecords).toBe(0);
		await b.run();
		await a.run();

		for (const d of [a, b]) {
			const titles = (await d.db.meetings.toArray()).map((m) => m.title).sort();
			expect(titles).toEqual(['Họp của A', 'Họp của B']);
		}
		const rows = await pullAll(s.storage, DEFAULT_COMMUNE);
		expect(
			rows
				.filter((r) => r.entity === 'meeting')
				.map((r) => r.id)
				.sort()
		).toEqual(['m-a', 'm-b']);
	});

	it('the same field edited on two devices converges on the later clock', async () => {
		const a = await device('staff-a');
		const b = await device('staff-b');
		await writeRecords(a.db, 'meeting', [meeting({ id: 'm-x' })], a.clock);
		await a.run();
		await b.run();
		const base = (await b.db.meetings.get('m-x'))!;
		a.clock.t = T0 + 10_000;
		b.clock.t = T0 + 20_000;
		await writeRecords(
			a.db,
			'meeting',
			[{ ...base, title: 'Tên A', updatedAt: T0 + 10_000 }],
			a.clock
		);
		await writeRecords(
			b.db,
			'meeting',
			[{ ...base, title: 'Tên B', chair: 'Bí thư', updatedAt: T0 + 20_000 }],
			b.clock
		);
		s.clock.now = T0 + 30_000;
		await b.run();
		await a.run();
		await b.run();
		for (const d of [a, b]) {
			const m = (await d.db.meetings.get('m-x'))!;
			expect(m.title).toBe('Tên B');
			expect(m.chair).toBe('Bí thư');
		}
	});

	it('a rejected mutation is marked with its reason and does not block the others', async () => {
		const a = await device('staff-kt');
		await writeRecords(a.db, 'meeting', [meeting({ id: 'm-vp', unitCode: 'VP' })], a.clock);
		await writeRecords(a.db, 'meeting', [meeting({ id: 'm-kt', unitCode: 'KT' })], a.clock);
		const r = await a.run();
		expect(r.pushed).toBe(1);
		expect(r.rejected).toBe(1);
		const sum = await summarise(a.db);
		expect(sum.pendingRecords).toBe(0);
		expect(sum.rejected).toMatchObject([{ recordId: 'm-vp', code: 'forbidden' }]);
		expect(await a.db.meetings.get('m-vp')).toBeDefined(); // kept on the device
		await retryRejected(a.db, s.clock.now);
		expect((await summarise(a.db)).pendingRecords).toBe(1);
	});
});
