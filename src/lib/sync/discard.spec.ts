/**
 * "Bỏ thay đổi của tôi" (outbox.ts `discardChanges`): a change the server refuses for a reason
 * editing cannot fix (here `forbidden`: a staff account edits a plan) is dropped, the record comes
 * back exactly as the server holds it, a record the server never had stays gone, and every other
 * unsent change is kept and sent.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBatch, writeRecords } from '$lib/db/write';
import { itemsOf } from '$lib/db/database';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { meeting, plan } from '$factories/sync';
import { phoneDatabases, syncDevice, testClock } from '$factories/devices';
import { readState } from '$lib/db/device';
import { DEFAULT_COMMUNE } from '../server/storage/types';
import { CURSOR_KEY, type StoredCursor } from './apply-pull';
import {
	settleRefetch,
	discardChanges,
	readRefetch,
	REFETCH_KEY,
	summarise,
	expandEntries
} from './outbox';

const newDb = phoneDatabases('discard');

describe('discarding a refused change', () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'adm', 'admin', null);
		await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
	});
	afterEach(() => s.close());

	const serverPlan = async (id: string) =>
		(await s.storage.findRecord(DEFAULT_COMMUNE, 'plan', id))?.state.data;

	it('takes the server’s version back and keeps every other unsent change', async () => {
		const admin = { ...(await syncDevice(s, 'adm', newDb())), clock: testClock() };
		const kt = plan({ unitCode: 'KT', baselineConferences: 12, baselineDocuments: 40 });
		await writeRecords(admin.db, 'plan', [kt], admin.clock);
		await admin.run();
		const onServer = await serverPlan(kt.id);
		expect(onServer).toMatchObject({ baselineConferences: 12 });

		const staff = { ...(await syncDevice(s, 'staff-kt', newDb())), clock: testClock() };
		await staff.run();
		expect(await staff.db.plans.get(kt.id)).toEqual(onServer);
		// The staff phone edits the plan (plan.write: not staff) and adds next year's (never on
		// the server): both refused.
		const next = plan({ unitCode: 'KT', year: 2027, baselineConferences: 5 });
		await writeRecords(staff.db, 'plan', [{ ...kt, baselineConferences: 99 }, next], staff.clock);
		const r = await staff.run();
		expect(r.rejected).toBe(2);
		const before = await summarise(staff.db);
		expect(before.rejected.map((x) => [x.recordId, x.code])).toEqual(
			expect.arrayContaining([
				[kt.id, 'forbidden'],
				[next.id, 'forbidden']
			])
		);
		// The panel names it by kind, unit and year, never by the id.
		expect(before.rejected.find((x) => x.recordId === kt.id)).toMatchObject({
			label: { kind: 'year', unitCode: 'KT', year: 2026 },
			unitName: expect.not.stringMatching(/^KT$/)
		});
		// Unsent changes of other records: a meeting of its own, and one inside an import's step
		// together with an edit of the refused plan's record.
		await writeRecords(
			staff.db,
			'meeting',
			[meeting({ id: 'm-keep', unitCode: 'KT' })],
			staff.clock
		);
		await writeBatch(
			staff.db,
			[{ entity: 'meeting', records: [meeting({ id: 'm-step', unitCode: 'KT' })] }],
			staff.clock,
			{ outbox: 'step' }
		);
		expect((await staff.db.plans.get(kt.id))?.baselineConferences).toBe(99);

		await discardChanges(staff.db, 'plan', kt.id);
		// Gone from the outbox and the device; the other refused record and the meetings stay.
		const left = expandEntries(await staff.db.outbox.toArray());
		expect(left.map((e) => e.recordId).sort()).toEqual(['m-keep', 'm-step', next.id].sort());
		expect(await staff.db.plans.get(kt.id)).toBeUndefined();
		expect(await readRefetch(staff.db)).toBeDefined();
		// The cursor is past the plan: only the mark makes the next pull bring it back.
		const cursor = await readState<StoredCursor>(staff.db, CURSOR_KEY);
		expect(cursor!.cursor).toBeGreaterThan(0);

		const after = await staff.run();
		expect(after.pushed).toBe(2);
		expect(await staff.db.plans.get(kt.id)).toEqual(await serverPlan(kt.id));
		expect((await staff.db.plans.get(kt.id))?.baselineConferences).toBe(12);
		expect(await readRefetch(staff.db)).toBeUndefined();
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-keep')).not.toBeNull();
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-step')).not.toBeNull();
		// Still refused: the 2027 plan (nothing was decided for it).
		expect((await summarise(staff.db)).rejected.map((x) => x.recordId)).toEqual([next.id]);

		// A record the server never had stays gone.
		await discardChanges(staff.db, 'plan', next.id);
		await staff.run();
		expect(await staff.db.plans.get(next.id)).toBeUndefined();
		expect(await staff.db.outbox.count()).toBe(0);
		expect((await summarise(staff.db)).rejected).toEqual([]);
	});

	it('drops only the discarded record’s items from an import step', async () => {
		const staff = { ...(await syncDevice(s, 'staff-kt', newDb())), clock: testClock() };
		await writeBatch(
			staff.db,
			[
				{
					entity: 'meeting',
					records: [
						meeting({ id: 'a', unitCode: 'KT' }),
						meeting({ id: 'b', unitCode: 'KT' }),
						meeting({ id: 'c', unitCode: 'KT' })
					]
				}
			],
			staff.clock,
			{ outbox: 'step' }
		);
		await discardChanges(staff.db, 'meeting', 'b');
		const steps = await staff.db.outbox.toArray();
		expect(steps).toHaveLength(1);
		expect(itemsOf(steps[0]!)!.map((i) => i.recordId)).toEqual(['a', 'c']);
		expect(await staff.db.meetings.get('b')).toBeUndefined();
		expect(await staff.db.meetings.get('a')).toBeDefined();
	});

	it('a full pull clears only the mark it answered (a discard meanwhile pulls again)', async () => {
		const db = newDb();
		await db.syncState.put({ key: REFETCH_KEY, value: { nonce: 'second' } });
		await settleRefetch(db, { nonce: 'first' }, { done: true });
		expect(await readRefetch(db)).toEqual({ nonce: 'second' });
		await settleRefetch(db, { nonce: 'second' }, { done: true });
		expect(await readRefetch(db)).toBeUndefined();
	});
});
