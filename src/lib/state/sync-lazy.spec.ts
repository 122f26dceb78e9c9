import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The scheduler (sync client, zod, protocol schemas) and the light status watcher, as spies: what
// is asserted is which of them a phone starts, and when.
const scheduler = vi.hoisted(() => ({ startSync: vi.fn(), stopSync: vi.fn() }));
const watcher = vi.hoisted(() => ({ watch: vi.fn(), stopWatch: vi.fn() }));
vi.mock('./sync-scheduler', () => ({
	startSync: () => {
		scheduler.startSync();
		return scheduler.stopSync;
	},
	syncNow: vi.fn(),
	retryRefused: vi.fn()
}));
// The phone's pull cursor (set: it synced once) and the clearing of records an older version left.
const device = vi.hoisted(() => ({ clearLeftovers: vi.fn() }));
vi.mock('./sync-watch', () => ({
	watchSyncStatus: () => {
		watcher.watch();
		return watcher.stopWatch;
	},
	clearLeftovers: (_db: unknown, signedIn: () => boolean) => device.clearLeftovers(signedIn())
}));
vi.mock('./live.svelte', () => ({ loadDexie: () => Promise.resolve({}) }));
vi.mock('$lib/db', () => ({ getDb: () => ({}) }));

import { startSyncLazily } from './sync-lazy';
import { saveSession, type StoredSession } from '$lib/sync/session';
import { syncStatus } from './sync.svelte';

const user = {
	id: 'u1',
	username: 'staff1',
	displayName: 'Cán bộ',
	role: 'staff',
	unitCode: 'VP',
	mustChangePassword: false
} as unknown as StoredSession['user'];
const session = (token: string | null, mustChangePassword = false): StoredSession => ({
	token,
	user: { ...user, mustChangePassword },
	expiresAt: 0
});

/** A browser-like window and localStorage for the node test environment. */
function fakeBrowser() {
	const items = new Map<string, string>();
	vi.stubGlobal('localStorage', {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k)
	});
	vi.stubGlobal('window', new EventTarget());
}

/** A `storage` event as another tab's sign-in fires it. */
function otherTab(key: string): Event {
	return Object.assign(new Event('storage'), { key });
}

describe('startSyncLazily', () => {
	beforeEach(() => {
		fakeBrowser();
		scheduler.startSync.mockClear();
		scheduler.stopSync.mockClear();
		watcher.watch.mockClear();
		watcher.stopWatch.mockClear();
	});
	afterEach(() => vi.unstubAllGlobals());

	it('with a session, starts the scheduler after the first screen', async () => {
		saveSession(session('tok'));
		const stop = startSyncLazily();
		expect(scheduler.startSync).not.toHaveBeenCalled();
		await vi.waitFor(() => expect(scheduler.startSync).toHaveBeenCalledTimes(1));
		expect(watcher.watch).not.toHaveBeenCalled();
		stop();
		expect(scheduler.stopSync).toHaveBeenCalledTimes(1);
	});

	it('with no session, only watches the badge, and starts syncing on a sign-in in this tab', async () => {
		const stop = startSyncLazily();
		await vi.waitFor(() => expect(watcher.watch).toHaveBeenCalledTimes(1));
		expect(scheduler.startSync).not.toHaveBeenCalled();

		saveSession(session('tok'));
		await vi.waitFor(() => expect(scheduler.startSync).toHaveBeenCalledTimes(1));
		expect(watcher.stopWatch).toHaveBeenCalledTimes(1);
		expect(syncStatus.hasToken).toBe(true);
		// Later session changes are the scheduler's: it is never started twice.
		saveSession(session('tok2'));
		await new Promise((r) => setTimeout(r, 10));
		expect(scheduler.startSync).toHaveBeenCalledTimes(1);
		stop();
		expect(scheduler.stopSync).toHaveBeenCalledTimes(1);
	});

	it('starts on a sign-in in another tab, not on other keys', async () => {
		const stop = startSyncLazily();
		await vi.waitFor(() => expect(watcher.watch).toHaveBeenCalledTimes(1));
		localStorage.setItem('so-hop-534.session', JSON.stringify(session('tok')));
		window.dispatchEvent(otherTab('so-hop-534.lang'));
		await new Promise((r) => setTimeout(r, 10));
		expect(scheduler.startSync).not.toHaveBeenCalled();
		window.dispatchEvent(otherTab('so-hop-534.session'));
		await vi.waitFor(() => expect(scheduler.startSync).toHaveBeenCalledTimes(1));
		stop();
	});

	it('waits for a required password change before syncing', async () => {
		const stop = startSyncLazily();
		await vi.waitFor(() => expect(watcher.watch).toHaveBeenCalledTimes(1));
		saveSession(session('tok', true));
		await new Promise((r) => setTimeout(r, 10));
		expect(scheduler.startSync).not.toHaveBeenCalled();
		expect(syncStatus.user?.mustChangePassword).toBe(true);
		saveSession(session('tok', false));
		await vi.waitFor(() => expect(scheduler.startSync).toHaveBeenCalledTimes(1));
		stop();
	});

	it('an expired session (user kept, no token) is shown as expired and does not sync', async () => {
		saveSession(session(null));
		const stop = startSyncLazily();
		await vi.waitFor(() => expect(watcher.watch).toHaveBeenCalledTimes(1));
		expect(scheduler.startSync).not.toHaveBeenCalled();
		saveSession(session(null));
		expect(syncStatus.sessionExpired).toBe(true);
		stop();
		expect(watcher.stopWatch).toHaveBeenCalledTimes(1);
	});

	it('with no session, has the records an older version kept after a sign-out looked for', async () => {
		device.clearLeftovers.mockClear();
		const stop = startSyncLazily();
		await vi.waitFor(() => expect(device.clearLeftovers).toHaveBeenCalledWith(false));
		stop();
	});

	it('stopped before the first screen has painted, starts nothing', async () => {
		saveSession(session('tok'));
		startSyncLazily()();
		await new Promise((r) => setTimeout(r, 20));
		expect(scheduler.startSync).not.toHaveBeenCalled();
		expect(watcher.watch).not.toHaveBeenCalled();
	});
});
