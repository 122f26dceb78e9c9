/**
 * When the scheduler runs: the backoff after a failure holds for its own triggers (a write, a
 * poke, the timer), not for the user's "Đồng bộ ngay"; a run stopped at its time limit goes on at
 * once. The scheduler runs for real on fake timers (its clock, systemClock, reads the faked
 * Date); the engine, the session and the stored status are stand-ins.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncReport } from '$lib/sync/engine';

/** Each run of the engine: the time it started, and how the test ends it. */
const engine = vi.hoisted(() => ({
	runs: [] as {
		at: number;
		runLimitMs?: number;
		end: (r: 'ok' | 'stopped' | 'fail' | 'forbidden') => void;
	}[]
}));
vi.mock('$lib/sync/engine', async () => {
	const { SyncError } = await import('$lib/sync/client');
	return {
		syncOnce: (deps: { runLimitMs?: number }) =>
			new Promise<Partial<SyncReport>>((resolve, reject) => {
				engine.runs.push({
					at: Date.now(),
					runLimitMs: deps.runLimitMs,
					end: (r) =>
						r === 'fail'
							? reject(new SyncError('offline', 0, 'timeout', 'no answer in time'))
							: resolve({
									offsetMs: null,
									stopped: r === 'stopped',
									forbidden: r === 'forbidden'
								})
				});
			})
	};
});
/** The outbox watcher: the test calls `pending(n)` as a write would. */
const watch = vi.hoisted(() => ({ pending: (_n: number) => {} }));
vi.mock('./sync-watch', () => ({
	STATUS_KEY: 'status',
	watchSyncStatus: (_db: unknown, onPending: (n: number) => void) => {
		watch.pending = onPending;
		return () => {};
	}
}));
const stored = vi.hoisted(() => ({ writes: [] as Record<string, unknown>[] }));
vi.mock('$lib/db/device', () => ({
	readState: async () => undefined,
	writeState: async (_db: unknown, _key: string, value: Record<string, unknown>) =>
		void stored.writes.push(value)
}));
vi.mock('$lib/db', () => ({
	getDb: () => ({ transaction: (_m: string, _t: unknown, fn: () => unknown) => fn() })
}));
vi.mock('$lib/sync/device-account', async (actual) => ({
	...(await actual<object>()),
	readDeviceAccount: async () => ({ id: 'u1' }),
	writeDeviceAccount: async () => {}
}));
vi.mock('$lib/sync/session', () => ({
	SESSION_EVENT: 'so-hop-534:session',
	loadSession: () => ({
		token: 'tok',
		user: { id: 'u1', username: 'staff1', displayName: '', role: 'staff' },
		expiresAt: 0
	}),
	saveSession: (s: { token: string | null; user: Record<string, unknown> }) =>
		void account.saved.push(s)
}));
vi.mock('$lib/db/demo-flag', () => ({ isDemo: () => false }));
// The account check of each run (sync/account-scope.ts): the same user unless a test sets
// `account.now` (an admin changed the account since the sign-in).
// `checks`: how many runs asked; `fail`: the check's answer is this error (once).
const account = vi.hoisted(() => ({
	now: null as Record<string, unknown> | null,
	saved: [] as { token: string | null; user: Record<string, unknown> }[],
	checks: 0,
	fail: null as Error | null
}));
vi.mock('$lib/sync/account-scope', () => ({
	refreshAccount: async (d: { kept: Record<string, unknown> }) => {
		account.checks++;
		const fail = account.fail;
		account.fail = null;
		if (fail) throw fail;
		return account.now ?? d.kept;
	}
}));
// The live stream: connected, silent until stopped.
vi.mock('$lib/sync/client', async (actual) => {
	const real = await actual<typeof import('$lib/sync/client')>();
	class SyncClient {
		listen(_token: string, signal: AbortSignal) {
			return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
		}
	}
	return { ...real, SyncClient };
});

import { SyncError } from '$lib/sync/client';
import { ACCOUNT_CHECK_MS, backoffDelay, RUN_LIMIT_MS } from './sync-scheduler';

/** A fresh scheduler for each test (its state is the module's). */
let scheduler: typeof import('./sync-scheduler');
const startSync = () => scheduler.startSync();
const syncNow = (trigger?: 'asked' | 'auto') => scheduler.syncNow(trigger);

/** Lets the scheduler's promises settle (no time passes). */
const settle = () => vi.advanceTimersByTimeAsync(0);

let stop = () => {};
beforeEach(async () => {
	vi.resetModules();
	scheduler = await import('./sync-scheduler');
	vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 9, 0, 0) });
	vi.spyOn(Math, 'random').mockReturnValue(0.5);
	vi.stubGlobal('navigator', { onLine: true });
	vi.stubGlobal('window', new EventTarget());
	vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
	engine.runs.length = 0;
	stored.writes.length = 0;
	account.now = null;
	account.saved.length = 0;
	account.checks = 0;
	account.fail = null;
});
afterEach(() => {
	stop();
	vi.useRealTimers();
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
});

/** Starts the scheduler and fails its opening run after `writeDuring` (a write while it runs). */
async function failingFirstRun(): Promise<number> {
	stop = startSync();
	await settle();
	expect(engine.runs).toHaveLength(1);
	// A record saved while the run goes on (the outbox count rises).
	watch.pending(1);
	await vi.advanceTimersByTimeAsync(2_000);
	engine.runs[0]!.end('fail');
	await settle();
	return Date.now();
}

describe('the backoff after a failed run', () => {
	it('holds for a record saved during that run: the next run starts when the backoff ends', async () => {
		const failedAt = await failingFirstRun();
		const backoff = backoffDelay(1, () => 0.5);
		// Not at once (the run loop), not after the write's 1.5 s: after the backoff.
		await vi.advanceTimersByTimeAsync(backoff - 1);
		expect(engine.runs).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(engine.runs).toHaveLength(2);
		expect(engine.runs[1]!.at - failedAt).toBe(backoff);
	});

	it('holds for a record saved after it failed, and for a poke-like automatic trigger', async () => {
		const failedAt = await failingFirstRun();
		watch.pending(2);
		await vi.advanceTimersByTimeAsync(1_500);
		await syncNow('auto');
		expect(engine.runs).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(backoffDelay(1, () => 0.5));
		expect(engine.runs).toHaveLength(2);
		expect(engine.runs[1]!.at - failedAt).toBe(backoffDelay(1, () => 0.5));
	});

	it('does not hold for the user\'s "Đồng bộ ngay"', async () => {
		const failedAt = await failingFirstRun();
		await vi.advanceTimersByTimeAsync(100);
		void syncNow();
		await settle();
		expect(engine.runs).toHaveLength(2);
		expect(engine.runs[1]!.at - failedAt).toBe(100);
	});

	it('a run that worked lifts it: a later write syncs after 1.5 s', async () => {
		await failingFirstRun();
		void syncNow();
		await settle();
		engine.runs[1]!.end('ok');
		await settle();
		const okAt = Date.now();
		watch.pending(3);
		await vi.advanceTimersByTimeAsync(1_500);
		expect(engine.runs).toHaveLength(3);
		expect(engine.runs[2]!.at - okAt).toBe(1_500);
	});
	it('the network coming back lifts it, though another tab ran that sync', async () => {
		await failingFirstRun();
		// Another tab holds the Web Lock: this tab's run on 'online' is skipped.
		vi.stubGlobal('navigator', {
			onLine: true,
			locks: { request: (_n: string, _o: unknown, cb: (lock: null) => unknown) => cb(null) }
		});
		window.dispatchEvent(new Event('online'));
		await settle();
		vi.stubGlobal('navigator', { onLine: true });
		const onlineAt = Date.now();
		watch.pending(4);
		await vi.advanceTimersByTimeAsync(1_500);
		expect(engine.runs).toHaveLength(2);
		expect(engine.runs[1]!.at - onlineAt).toBe(1_500);
	});
});

describe('a run stopped at its time limit', () => {
	it('gives the engine the limit, and the next run starts at once, not a period later', async () => {
		stop = startSync();
		await settle();
		expect(engine.runs[0]!.runLimitMs).toBe(RUN_LIMIT_MS);
		await vi.advanceTimersByTimeAsync(RUN_LIMIT_MS);
		engine.runs[0]!.end('stopped');
		await settle();
		expect(engine.runs).toHaveLength(2);
		// It worked, so no error, but it did not end: no "synced" time either.
		expect(stored.writes.at(-1)).toMatchObject({ lastSuccessAt: null, lastError: null });
		engine.runs[1]!.end('ok');
		await settle();
		expect(stored.writes.at(-1)).toMatchObject({ lastSuccessAt: Date.now(), lastError: null });
	});
});

describe('the account as the server holds it now', () => {
	it('a run keeps the new unit in the session before it syncs (forms default to it)', async () => {
		stop = startSync();
		await settle();
		// Nothing changed: the session is left alone.
		expect(engine.runs).toHaveLength(1);
		expect(account.saved).toEqual([]);
		engine.runs[0]!.end('ok');
		await settle();
		account.now = { id: 'u1', username: 'staff1', displayName: '', role: 'staff', unitCode: 'VP' };
		void syncNow();
		await settle();
		expect(engine.runs).toHaveLength(2);
		expect(account.saved.map((s) => s.user)).toEqual([account.now]);
		engine.runs[1]!.end('ok');
		await settle();
	});

	it('is asked on the first run, on the user’s ask and every few minutes, not before every run', async () => {
		stop = startSync();
		await settle();
		expect(account.checks).toBe(1);
		engine.runs[0]!.end('ok');
		await settle();
		// A write's run, a minute later: no check.
		await vi.advanceTimersByTimeAsync(60_000 - 1_500);
		watch.pending(1);
		await vi.advanceTimersByTimeAsync(1_500);
		expect(engine.runs).toHaveLength(2);
		expect(account.checks).toBe(1);
		engine.runs[1]!.end('ok');
		await settle();
		// "Đồng bộ ngay": checked.
		void syncNow();
		await settle();
		expect(engine.runs).toHaveLength(3);
		expect(account.checks).toBe(2);
		engine.runs[2]!.end('ok');
		await settle();
		// The timer's runs: checked again once ACCOUNT_CHECK_MS has passed since the last check.
		while (Date.now() < Date.UTC(2026, 11, 1, 9, 0, 0) + ACCOUNT_CHECK_MS + 60_000) {
			await vi.advanceTimersByTimeAsync(60_000);
			engine.runs.at(-1)!.end('ok');
			await settle();
		}
		expect(engine.runs.length).toBeGreaterThan(5);
		expect(account.checks).toBe(3);
	});

	it('a change refused as forbidden: the next run starts at once and asks', async () => {
		stop = startSync();
		await settle();
		expect(account.checks).toBe(1);
		engine.runs[0]!.end('forbidden');
		await settle();
		expect(engine.runs).toHaveLength(2);
		expect(account.checks).toBe(2);
		engine.runs[1]!.end('ok');
		await settle();
	});

	it('a 401 from the check (session ended, account disabled) drops the token, keeps the user, runs nothing', async () => {
		account.fail = new SyncError('http', 401, 'unauthenticated', 'signed out');
		stop = startSync();
		await settle();
		expect(account.checks).toBe(1);
		expect(engine.runs).toHaveLength(0);
		expect(account.saved).toEqual([
			{ token: null, user: expect.objectContaining({ id: 'u1' }), expiresAt: 0 }
		]);
		expect(stored.writes.at(-1)).toMatchObject({ lastError: { code: 'unauthenticated' } });
	});
});
