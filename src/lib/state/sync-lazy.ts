/**
 * The sync machinery (client, engine, zod protocol schemas) loads after the first screen has
 * rendered: the layout and the status badge reach it only through these wrappers, so it stays out
 * of the first screen's bundle (performance budget: bench/bundle.mjs).
 *
 * A phone with no session (never signed in, or signed out) has nothing to sync: it watches the
 * badge's figures only (sync-watch.ts: the outbox and the last results, no zod) and loads the
 * scheduler when a session appears (a sign-in in this tab or another). Its start used to be the
 * longest task after the first paint (zod with the app's schemas; Lighthouse, docs/PERFORMANCE.md).
 */
import type { Entity } from '$lib/db/database';
import { loadSession, SESSION_EVENT } from '$lib/sync/session';
import { whenIdle, yieldToMain } from './after-paint';
import { loadSessionIntoStatus } from './sync.svelte';
import { loadDexie } from './live.svelte';

type Scheduler = typeof import('./sync-scheduler');

let loading: Promise<Scheduler> | null = null;
const scheduler = (): Promise<Scheduler> => (loading ??= import('./sync-scheduler'));

/** A token is kept (signed in, or signed in with a password to change). */
const hasToken = (): boolean => !!loadSession()?.token;

/**
 * Starts syncing once the module has loaded, or, with no session, watches the badge's figures
 * until one appears; the returned function stops either (also while still loading).
 */
export function startSyncLazily(): () => void {
	let stopSync: (() => void) | null = null;
	let stopWatch: (() => void) | null = null;
	let phase: 'waiting' | 'watching' | 'syncing' | 'stopped' = 'waiting';
	const begin = () => {
		if (phase === 'syncing' || phase === 'stopped') return;
		phase = 'syncing';
		removeListeners();
		stopWatch?.();
		stopWatch = null;
		void scheduler().then((m) => {
			if (phase === 'syncing') stopSync = m.startSync();
		});
	};
	// A sign-in here (SESSION_EVENT) or in another tab (storage). A password still to change waits
	// for the change (the server refuses to sync until then), as the login page does.
	const onSession = (e: Event) => {
		const key = (e as Partial<StorageEvent>).key;
		if (e.type === 'storage' && typeof key === 'string' && !key.startsWith('so-hop-534.session'))
			return;
		const s = loadSessionIntoStatus();
		if (s?.token && !s.user.mustChangePassword) begin();
	};
	const removeListeners = () => {
		window.removeEventListener(SESSION_EVENT, onSession);
		window.removeEventListener('storage', onSession);
	};
	// Let the first screen render (and show its reads) before the sync code is fetched and parsed.
	whenIdle(() => {
		if (phase !== 'waiting') return;
		if (hasToken()) return begin();
		phase = 'watching';
		window.addEventListener(SESSION_EVENT, onSession);
		window.addEventListener('storage', onSession);
		void (async () => {
			// Dexie's evaluation, the watcher's modules and the first reads in tasks of their own.
			await loadDexie();
			const [{ watchSyncStatus, clearLeftovers }, { getDb }] = await Promise.all([
				import('./sync-watch'),
				import('$lib/db')
			]);
			await yieldToMain();
			if (phase !== 'watching') return;
			const db = getDb();
			await yieldToMain();
			if (phase === 'watching') stopWatch = watchSyncStatus(db);
			// Signed out by an app version that kept the account's records: remove them now.
			if (phase === 'watching') void clearLeftovers(db, () => !!loadSession());
		})();
	});
	return () => {
		phase = 'stopped';
		removeListeners();
		stopWatch?.();
		stopSync?.();
	};
}

export async function syncNow(): Promise<void> {
	return (await scheduler()).syncNow();
}

export async function retryRefused(): Promise<void> {
	return (await scheduler()).retryRefused();
}

export async function discardRefused(entity: Entity, recordId: string): Promise<void> {
	return (await scheduler()).discardRefused(entity, recordId);
}
