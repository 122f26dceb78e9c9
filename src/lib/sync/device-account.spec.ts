/**
 * A phone changing hands (device-account.ts): the sign-in decision for the same account, another
 * account with and without unsent changes, and a phone never signed in; and what sign-out leaves on
 * the phone (no record the server sent or got, the device's own id and clock, local-only changes).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeRecords } from '$lib/db/write';
import { readState } from '$lib/db/device';
import { ALL_ENTITIES } from '$lib/domain/entities';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { meeting, plan } from '$factories/sync';
import { phoneDatabases, syncDevice, testClock } from '$factories/devices';
import { CURSOR_KEY } from './apply-pull';
import {
	ACCOUNT_KEY,
	accountOnDevice,
	clearAccountData,
	clearLeftovers,
	countUnsent,
	decideSignIn,
	writeDeviceAccount,
	type DeviceAccount
} from './device-account';
import type { StoredSession } from './session';
import { clearLeftovers as clearLeftoversAtStart } from '$lib/state/sync-watch';

const A: DeviceAccount = { id: 'u-a', username: 'thon1', displayName: 'Cán bộ thôn 1' };

describe('the sign-in decision', () => {
	it('keeps everything for the same account, unsent changes or not', () => {
		expect(decideSignIn({ holder: A, dataOwner: A.id, unsent: 3, refused: 1 }, A.id)).toEqual({
			kind: 'keep'
		});
		expect(decideSignIn({ holder: A, dataOwner: A.id, unsent: 0, refused: 0 }, A.id)).toEqual({
			kind: 'keep'
		});
	});

	it('refuses another account while the previous one has unsent (or refused) changes, naming it', () => {
		expect(decideSignIn({ holder: A, dataOwner: A.id, unsent: 2, refused: 0 }, 'u-b')).toEqual({
			kind: 'refuse',
			holder: A,
			unsent: 2,
			refused: 0
		});
		// Refused ones are counted apart: the sign-in's message says they never go by themselves.
		expect(decideSignIn({ holder: A, dataOwner: A.id, unsent: 3, refused: 2 }, 'u-b')).toEqual({
			kind: 'refuse',
			holder: A,
			unsent: 3,
			refused: 2
		});
	});

	it('clears the previous account’s records for another account when nothing is unsent', () => {
		expect(decideSignIn({ holder: A, dataOwner: A.id, unsent: 0, refused: 0 }, 'u-b')).toEqual({
			kind: 'clear'
		});
		// A phone synced by an older version and signed out: only the cursor names the owner.
		expect(decideSignIn({ holder: null, dataOwner: A.id, unsent: 0, refused: 0 }, 'u-b')).toEqual({
			kind: 'clear'
		});
	});

	it('lets the first account push what a phone never signed in wrote', () => {
		expect(decideSignIn({ holder: null, dataOwner: null, unsent: 4, refused: 1 }, 'u-b')).toEqual({
			kind: 'keep'
		});
		expect(decideSignIn({ holder: null, dataOwner: null, unsent: 0, refused: 0 }, 'u-b')).toEqual({
			kind: 'keep'
		});
	});
});

describe('whose data the phone holds', () => {
	const newDb = phoneDatabases('account-held');
	beforeEach(() => {
		const items = new Map<string, string>();
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => items.get(k) ?? null,
			setItem: (k: string, v: string) => void items.set(k, v),
			removeItem: (k: string) => void items.delete(k)
		});
	});
	afterEach(() => vi.unstubAllGlobals());

	const session = (id: string, username: string): StoredSession => ({
		token: null,
		user: {
			id,
			username,
			displayName: username,
			role: 'staff',
			communeId: 'default',
			unitCode: 'THON01',
			mustChangePassword: false
		},
		expiresAt: 0
	});

	it('reads the account row first, then the kept session, then the cursor', async () => {
		const db = newDb();
		expect(await accountOnDevice(db, null)).toEqual({
			holder: null,
			dataOwner: null,
			unsent: 0,
			refused: 0
		});
		await db.syncState.put({ key: CURSOR_KEY, value: { userId: 'u-old', cursor: 5 } });
		expect(await accountOnDevice(db, null)).toMatchObject({ holder: null, dataOwner: 'u-old' });
		// An expired session (token dropped on a 401) still names its account.
		expect(await accountOnDevice(db, session('u-s', 'thon9'))).toMatchObject({
			holder: { id: 'u-s', username: 'thon9' },
			dataOwner: 'u-s'
		});
		await writeDeviceAccount(db, A);
		expect(await accountOnDevice(db, session('u-s', 'thon9'))).toMatchObject({
			holder: A,
			dataOwner: A.id
		});
	});

	it('counts each record once, and the refused ones apart', async () => {
		const db = newDb();
		const clock = testClock();
		const m = meeting({ unitCode: 'THON01' });
		await writeRecords(db, 'meeting', [m], clock);
		await writeRecords(db, 'meeting', [meeting({ unitCode: 'THON01', id: 'm-2' })], clock);
		await writeRecords(db, 'meeting', [{ ...m, title: 'sửa lại' }], clock);
		await writeRecords(db, 'meeting', [meeting({ unitCode: 'THON01', id: 'm-3' })], clock);
		const first = (await db.outbox.toArray()).find((e) => e.recordId === m.id);
		await db.outbox.update(first!.mutationId, { rejected: { code: 'forbidden', reason: 'x' } });
		expect(countUnsent(await db.outbox.toArray())).toEqual({ unsent: 3, refused: 1 });
		expect(await accountOnDevice(db, null)).toMatchObject({ unsent: 3, refused: 1 });
	});
});

describe('clearing an account’s data', () => {
	const newDb = phoneDatabases('account-clear');
	let s: TestServer;
	beforeEach(async () => {
		const items = new Map<string, string>();
		vi.stubGlobal('localStorage', {
			getItem: (k: string) => items.get(k) ?? null,
			setItem: (k: string, v: string) => void items.set(k, v),
			removeItem: (k: string) => void items.delete(k)
		});
		s = await openSeededServer();
		await addUser(s.ctx, 'adm', 'admin', null);
	});
	afterEach(() => {
		s.close();
		vi.unstubAllGlobals();
	});

	it('leaves no record the server sent or got, keeps the device id and clock', async () => {
		const clock = testClock();
		const admin = await syncDevice(s, 'adm', newDb());
		await writeRecords(admin.db, 'meeting', [meeting({ unitCode: 'VP' })], clock);
		await writeRecords(admin.db, 'plan', [plan({ unitCode: 'VP' })], clock);
		await admin.run();
		await writeDeviceAccount(admin.db, { id: 'adm', username: 'adm', displayName: '' });
		await admin.db.drafts.put({ key: 'meeting-new', value: { title: 'nháp' }, updatedAt: 1 });
		const deviceId = await readState(admin.db, 'deviceId');
		const hlc = await readState(admin.db, 'hlc');
		expect(await admin.db.meetings.count()).toBe(1);
		expect(await readState(admin.db, CURSOR_KEY)).toBeDefined();

		expect(await clearAccountData(admin.db, clock.now(), true)).toBe(true);
		for (const d of ALL_ENTITIES)
			if (d.table !== 'units') expect(await admin.db.table(d.table).count(), d.table).toBe(0);
		// Only the built-in units a new phone starts with, none pulled.
		const units = await admin.db.units.toArray();
		expect(units.length).toBeGreaterThan(0);
		expect(units.every((u) => u.updatedAt === clock.now())).toBe(true);
		expect(await admin.db.drafts.count()).toBe(0);
		expect(await readState(admin.db, CURSOR_KEY)).toBeUndefined();
		expect(await readState(admin.db, ACCOUNT_KEY)).toBeUndefined();
		expect(await readState(admin.db, 'status')).toBeUndefined();
		expect(await readState(admin.db, 'deviceId')).toEqual(deviceId);
		expect(await readState(admin.db, 'hlc')).toEqual(hlc);
		// The progress figures follow: nothing counted is left.
		expect(await admin.db.aggregates.count()).toBe(0);
	});

	it('refuses (and touches nothing) while something is unsent, when asked to check', async () => {
		const clock = testClock();
		const db = newDb();
		const m = meeting({ unitCode: 'VP' });
		await writeRecords(db, 'meeting', [m], clock);
		expect(await clearAccountData(db, clock.now(), true)).toBe(false);
		expect(await db.meetings.get(m.id)).toBeDefined();
		// Unchecked (a switch from a phone with only local changes): the local record stays.
		await db.meetings.put(meeting({ unitCode: 'VP', id: 'pulled' }));
		expect(await clearAccountData(db, clock.now())).toBe(true);
		expect((await db.meetings.toArray()).map((x) => x.id)).toEqual([m.id]);
		expect(await db.outbox.count()).toBe(1);
	});

	it('removes what an older version left after a sign-out, never a signed-in account’s', async () => {
		const clock = testClock();
		const db = newDb();
		await db.meetings.put(meeting({ unitCode: 'VP', id: 'pulled' }));
		await db.syncState.put({ key: CURSOR_KEY, value: { userId: 'u-old', cursor: 9 } });
		expect(await clearLeftovers(db, clock.now(), () => true)).toBe(false);
		expect(await db.meetings.count()).toBe(1);
		expect(await clearLeftovers(db, clock.now(), () => false)).toBe(true);
		expect(await db.meetings.count()).toBe(0);
		// Nothing left to clear: a phone signed out by this version, or never signed in.
		await db.meetings.put(meeting({ unitCode: 'VP', id: 'local' }));
		expect(await clearLeftovers(db, clock.now(), () => false)).toBe(false);
		expect(await db.meetings.count()).toBe(1);
	});

	it('is looked for when the app starts with no session (state/sync-watch.ts)', async () => {
		const db = newDb();
		await db.meetings.put(meeting({ unitCode: 'VP', id: 'pulled' }));
		await db.syncState.put({ key: CURSOR_KEY, value: { userId: 'u-old', cursor: 9 } });
		await clearLeftoversAtStart(db, () => true);
		expect(await db.meetings.count()).toBe(1);
		await clearLeftoversAtStart(db, () => false);
		expect(await db.meetings.count()).toBe(0);
	});
});
