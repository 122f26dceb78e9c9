/**
 * An admin changes a signed-in account's unit or role (attacker review r12, 2): the phone learns
 * it at its next run (`refreshAccount`, GET /api/auth/me), removes the records the account may no
 * longer read (never one with an unsent change: that stays, and the server's refusal is shown),
 * and pulls from the start, so the new unit's older records arrive. Against the real server code.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeRecords } from '$lib/db/write';
import { readState } from '$lib/db/device';
import { addUser, openSeededServer, type TestServer, type TestUser } from '$lib/server/test-server';
import { meeting, plan } from '$factories/sync';
import { phoneDatabases, syncDevice, testClock } from '$factories/devices';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { CURSOR_KEY } from './apply-pull';
import { adoptScope, refreshAccount, SCOPE_KEY } from './account-scope';
import { dismissScopeNotice, readScopeNotice } from './scope-notice';
import { clearAccountData } from './device-account';
import { SyncError } from './client';
import { REFETCH_KEY, summarise } from './outbox';
import { lostKey } from '$lib/db/lost-edits';

const newDb = phoneDatabases('account-scope');

describe('a change of role or unit made by the admin', () => {
	let s: TestServer;
	let staff: TestUser;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'adm', 'admin', null);
		staff = await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
		await addUser(s.ctx, 'mon', 'monitor', null);
		// The admin records a meeting of each unit, and KT's plan.
		const admin = { ...(await syncDevice(s, 'adm', newDb())), clock: testClock() };
		await writeRecords(
			admin.db,
			'meeting',
			[
				meeting({ id: 'm-kt', unitCode: 'KT', title: 'Họp KT cũ' }),
				meeting({ id: 'm-vp', unitCode: 'VP', title: 'Họp VP cũ' })
			],
			admin.clock
		);
		await writeRecords(admin.db, 'plan', [plan({ unitCode: 'KT' })], admin.clock);
		await admin.run();
	});
	afterEach(() => s.close());

	/** A phone signed in as `username`, synced once, with the account check of each run. */
	async function phone(username: string) {
		const p = { ...(await syncDevice(s, username, newDb())), clock: testClock() };
		const kept: PublicUser = p.login.body.user;
		const refresh = () =>
			refreshAccount({
				db: p.db,
				client: p.client,
				token: p.login.body.token,
				kept,
				now: () => s.clock.now
			});
		await refresh();
		await p.run();
		return { ...p, kept, refresh };
	}
	const meetingIds = async (db: Awaited<ReturnType<typeof phone>>['db']) =>
		(await db.meetings.toArray()).map((m) => m.id).sort();

	it('a staff member moved to another unit: the old unit’s records go, the new unit’s older ones come, an unsent change stays and is refused with its reason', async () => {
		const p = await phone('staff-kt');
		expect(await meetingIds(p.db)).toEqual(['m-kt']);
		expect(await p.db.plans.count()).toBe(1);
		await s.storage.updateUser(staff.id, { unitCode: 'VP' });
		// The old behaviour: a run without the check pulls after its cursor, so VP's older meeting
		// never comes, and KT's stay.
		await p.run();
		expect(await meetingIds(p.db)).toEqual(['m-kt']);

		// A meeting of KT written on the phone, not sent yet; a lost-edit note of the pulled one.
		await writeRecords(p.db, 'meeting', [meeting({ id: 'm-mine', unitCode: 'KT' })], p.clock);
		await p.db.syncState.put({ key: lostKey('meeting', 'm-kt'), value: { fields: [] } });

		expect(await p.refresh()).toMatchObject({ role: 'staff', unitCode: 'VP' });
		// The notice the layout shows, on the device.
		expect(await readScopeNotice(p.db)).toMatchObject({
			from: { role: 'staff', unitCode: 'KT' },
			to: { role: 'staff', unitCode: 'VP' },
			removed: 2,
			kept: 1
		});
		// KT's pulled meeting and plan are gone with the note; the unsent one stays.
		expect(await meetingIds(p.db)).toEqual(['m-mine']);
		expect(await p.db.plans.count()).toBe(0);
		expect(await p.db.syncState.get(lostKey('meeting', 'm-kt'))).toBeUndefined();
		// The pull starts from 0; units and settings (commune-wide) stay.
		expect(await p.db.syncState.get(CURSOR_KEY)).toBeUndefined();
		expect(await p.db.units.get('KT')).toBeDefined();

		const r = await p.run();
		expect(await meetingIds(p.db)).toEqual(['m-mine', 'm-vp']);
		expect(r.rejected).toBe(1);
		const refused = (await summarise(p.db)).rejected;
		expect(refused.map((x) => [x.recordId, x.code])).toEqual([['m-mine', 'forbidden']]);

		// The next run: nothing changed, no new notice; dismissing it removes it.
		await dismissScopeNotice(p.db);
		await p.refresh();
		expect(await readScopeNotice(p.db)).toBeNull();
		expect(await p.db.syncState.get(CURSOR_KEY)).toBeDefined();
	});

	it('a monitor demoted to staff keeps only its unit’s records; a staff member made admin pulls the whole commune', async () => {
		const mon = await phone('mon');
		expect(await meetingIds(mon.db)).toEqual(['m-kt', 'm-vp']);
		const monId = mon.login.body.user.id;
		await s.storage.updateUser(monId, { role: 'staff', unitCode: 'VP' });
		await mon.refresh();
		expect(await readScopeNotice(mon.db)).toMatchObject({
			from: { role: 'monitor', unitCode: null },
			to: { role: 'staff', unitCode: 'VP' },
			removed: 2,
			kept: 0
		});
		expect(await meetingIds(mon.db)).toEqual(['m-vp']);
		expect(await mon.db.plans.count()).toBe(0);

		const p = await phone('staff-kt');
		await s.storage.updateUser(staff.id, { role: 'admin', unitCode: null });
		await p.refresh();
		expect(await readScopeNotice(p.db)).toMatchObject({ removed: 0, to: { role: 'admin' } });
		await p.run();
		expect(await meetingIds(p.db)).toEqual(['m-kt', 'm-vp']);
	});

	it('a disabled account or ended session: the check answers 401 and the device keeps everything', async () => {
		const p = await phone('staff-kt');
		await s.storage.updateUser(staff.id, { disabled: true, unitCode: 'VP' });
		const err = await p.refresh().catch((e: unknown) => e);
		expect(err).toBeInstanceOf(SyncError);
		expect((err as SyncError).unauthenticated).toBe(true);
		expect(await meetingIds(p.db)).toEqual(['m-kt']);
		expect(await readScopeNotice(p.db)).toBeNull();
		expect(await readState(p.db, SCOPE_KEY)).toEqual({ role: 'staff', unitCode: 'KT' });
	});
});

describe('the scope the records were pulled under', () => {
	const user = (role: PublicUser['role'], unitCode: string | null): PublicUser => ({
		id: 'u1',
		username: 'u1',
		displayName: 'u1',
		role,
		communeId: 'default',
		unitCode
	});

	it('is the kept user until a check writes it; a sign-in again (same account) after the change still finds it', async () => {
		const db = newDb();
		await db.syncState.put({ key: CURSOR_KEY, value: { userId: 'u1', cursor: 9 } });
		await db.syncState.put({ key: REFETCH_KEY, value: { nonce: 'n', cursor: 4 } });
		// Same as kept: the row is written, the cursor and the refetch mark are untouched.
		expect(await adoptScope(db, user('staff', 'KT'), user('staff', 'KT'), 1)).toBeNull();
		expect(await readState(db, SCOPE_KEY)).toEqual({ role: 'staff', unitCode: 'KT' });
		expect(await readState(db, CURSOR_KEY)).toEqual({ userId: 'u1', cursor: 9 });
		// The session ended with the change, the user signed in again: the kept user is the new one,
		// but the records are still those of KT (the row says so).
		const n = await adoptScope(db, user('staff', 'VP'), user('staff', 'VP'), 2);
		expect(n).toMatchObject({ from: { unitCode: 'KT' }, to: { unitCode: 'VP' }, at: 2 });
		expect(await readState(db, CURSOR_KEY)).toBeUndefined();
		// The refetch mark would start the pull from its own cursor: gone too.
		expect(await readState(db, REFETCH_KEY)).toBeUndefined();
	});

	it('an unchanged scope opens no transaction over the records (it would wait behind saves and the import)', async () => {
		const db = newDb();
		await adoptScope(db, user('staff', 'KT'), user('staff', 'KT'), 1);
		const transaction = vi.spyOn(db, 'transaction');
		expect(await adoptScope(db, user('staff', 'KT'), user('staff', 'KT'), 2)).toBeNull();
		expect(transaction).not.toHaveBeenCalled();
		// A change still goes through it, checked again inside.
		expect(await adoptScope(db, user('staff', 'KT'), user('staff', 'VP'), 3)).not.toBeNull();
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(await readState(db, SCOPE_KEY)).toEqual({ role: 'staff', unitCode: 'VP' });
	});

	it('is cleared with the account’s other data at sign-out (a guard on clearAccountData)', async () => {
		const db = newDb();
		await adoptScope(db, user('staff', 'KT'), user('staff', 'VP'), 1);
		expect(await readScopeNotice(db)).not.toBeNull();
		await clearAccountData(db, 2);
		expect(await readState(db, SCOPE_KEY)).toBeUndefined();
		expect(await readScopeNotice(db)).toBeNull();
	});
});
