/**
 * When to sync: on app open, on the `online` event, when the app comes back to the foreground, soon
 * after local writes (debounced), and on a timer while open. Failures back off exponentially with
 * jitter. Only one tab syncs at a time (Web Locks); the others see the results through IndexedDB.
 * Also the account actions (sign in, sign out) that the login page uses.
 *
 * Live: while signed in and online, one stream (`GET /api/sync/events`) says when records the user
 * may read changed on the server; a poke newer than the stored cursor starts a sync at once, so a
 * record saved on another phone shows within seconds. The timer stays as the fallback.
 *
 * Workbox Background Sync is not used: the service worker cannot read the session token kept in
 * localStorage, and syncing on open/online/visible covers the same ground (lessons.md).
 */
import { isProvinceRole } from '$lib/domain/users';
import { getDb } from '$lib/db';
import { systemClock } from '$lib/db/clock';
import type { AppDatabase, Entity } from '$lib/db/database';
import { loadSessionIntoStatus, syncStatus } from './sync.svelte';
import { STATUS_KEY, watchSyncStatus, type StoredStatus } from './sync-watch';
import { SyncClient, SyncError } from '$lib/sync/client';
import { readState, writeState } from '$lib/db/device';
import { isDemo } from '$lib/db/demo-flag';
import { syncOnce } from '$lib/sync/engine';
import { CURSOR_KEY, type StoredCursor } from '$lib/sync/apply-pull';
import { discardChanges, hasUnsent, retryRejected } from '$lib/sync/outbox';
import { refreshAccount } from '$lib/sync/account-scope';
import { loadSession, saveSession, type StoredSession } from '$lib/sync/session';
import {
	accountOnDevice,
	clearAccountData,
	countUnsent,
	decideSignIn,
	readDeviceAccount,
	SYNC_LOCK,
	writeDeviceAccount,
	type DeviceAccount
} from '$lib/sync/device-account';

const LOCK_NAME = SYNC_LOCK;
const PERIOD_MS = 60_000;
const AFTER_WRITE_MS = 1_500;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/**
 * A run starts no new request after this long (engine.ts `runLimitMs`) and the next run begins
 * at once, pushing first: on a weak link a long download (a new phone's first pull, page after
 * page at 2 KB/s) is made of runs of about a minute, so a record saved meanwhile goes within one,
 * and the Web Lock is free between them (a sign-in or sign-out waits for one run, not the whole
 * download). Not a failure: no backoff, no error shown; "synced" waits for a run that ends.
 */
export const RUN_LIMIT_MS = 60_000;
/** No byte for this long (the server's heartbeat is every 25 s): the stream is dead, reconnect. */
const LIVE_SILENCE_MS = 60_000;
const LIVE_RETRY_MAX_MS = 60_000;

const client = new SyncClient();
let timer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let running: Promise<void> | null = null;
/** Asked again while a run went on: by a trigger of its own (`auto`), or by the user. */
let again = false;
let againAsked = false;
let started = false;
/** Wakes the live stream's wait (after a sign-in). */
let liveWake = () => {};

/**
 * How often a run asks the server who the account is now (GET /api/auth/me: an admin may have
 * changed its role or unit) when nothing else calls for it. The server enforces the new scope on
 * the next call anyway; the check only tidies the device, so minutes are fine, and a run on a weak
 * link does not pay one more request before its push every time.
 */
export const ACCOUNT_CHECK_MS = 5 * 60_000;
/** The last check: under which token, when (null: none since the app started). */
let accountChecked: { token: string; at: number } | null = null;

/**
 * Whether this run checks the account first: the first run of the app or of a sign-in (another
 * token), a run the user asked for ("Đồng bộ ngay", sign-in, the network back), after a push
 * refused `forbidden` (accountChecked is dropped), else once `ACCOUNT_CHECK_MS` has passed.
 */
function accountCheckDue(
	last: { token: string; at: number } | null,
	token: string,
	now: number,
	asked: boolean
): boolean {
	return asked || !last || last.token !== token || now - last.at >= ACCOUNT_CHECK_MS;
}

/** Delay before the next attempt after `n` failures in a row: 5 s, 10 s, 20 s … 5 min, ±50 %. */
export function backoffDelay(n: number, random: () => number = Math.random): number {
	const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, n - 1));
	return Math.round(base * (0.5 + random() * 0.5));
}

/**
 * Delay before the next attempt after a failure: the backoff, or longer when the server said how
 * long to wait (429 or 503 with Retry-After: the write budget of the account is spent).
 */
export function retryDelay(
	failures: number,
	retryAfterSeconds: number | null,
	random: () => number = Math.random
): number {
	return Math.max(backoffDelay(failures, random), (retryAfterSeconds ?? 0) * 1000);
}

/** No request before this instant (device clock): the server asked to wait (Retry-After). */
let notBefore = 0;

/**
 * Not before this instant (device clock) does an automatic trigger (a write, a poke, the app back in
 * the foreground, the timer) start a run after a failure: the backoff. 0 after a run that worked.
 * The user's own asks ("Đồng bộ ngay", "Gửi lại", sign-in) and the network coming back go at once.
 */
let retryAt = 0;
/** A run that worked, the network back, a sign-in or a new password: no failure to wait out. */
function resetBackoff(): void {
	failures = 0;
	retryAt = 0;
}

/**
 * Who asks for a run: `asked`, the user or a sign that the link changed (online, the live stream
 * connected again, sign-in), goes at once; `auto` (writes, pokes, foreground, the timer) waits for
 * the backoff after a failure.
 */
export type Trigger = 'asked' | 'auto';

/** How long a trigger waits before its run may start (0: now). Retry-After binds every trigger. */
function waitBeforeRun(
	trigger: Trigger,
	now: number,
	gate: { retryAt: number; notBefore: number }
): number {
	const until = trigger === 'auto' ? Math.max(gate.retryAt, gate.notBefore) : gate.notBefore;
	return Math.max(0, until - now);
}

/** What a run came to: `stopped` at its time limit with more to do; `skipped`: nothing ran. */
type RunOutcome = 'done' | 'stopped' | 'failed' | 'skipped';

/**
 * Whether the run loop goes on at once after a run: asked again by the user, or by a trigger of
 * its own unless the run failed (that trigger then waits for the backoff, like any other).
 */
function runsAgain(outcome: RunOutcome, again: boolean, againAsked: boolean): boolean {
	return againAsked || (again && outcome !== 'failed');
}

/**
 * After the loop: the next timed run. A stopped run goes on at once; a failed one after its backoff
 * (`retryAt`); otherwise the regular period.
 */
function delayAfterRuns(outcome: RunOutcome, now: number, retryAtMs: number): number {
	if (outcome === 'stopped') return 0;
	if (outcome === 'failed' || retryAtMs > now) return Math.max(0, retryAtMs - now);
	return PERIOD_MS;
}

/** When the timer set for `dueAt` (null: none) fires. */
let dueAt: number | null = null;

/**
 * The instant the next timed sync runs. A request for later never pushes back a timer already due
 * sooner unless it `replaces` it: a sync that ends (and sets the regular timer) must not swallow
 * the after-write timer of a record saved while it ran, or that record waits a whole period.
 */
export function nextDue(current: number | null, proposed: number, replace: boolean): number {
	return replace || current === null ? proposed : Math.min(current, proposed);
}

/**
 * A change of the number of unsent records that calls for a sync soon: more than before, or, on
 * the first reading after the start (`last` < 0), any at all (a record saved while the sync code
 * was starting is in that first reading, and the opening sync may have read the outbox before it).
 */
export function wantsSyncAfterWrite(last: number, pending: number): boolean {
	return pending > Math.max(last, 0);
}

function schedule(ms: number, replace = true): void {
	const now = systemClock.now();
	const at = nextDue(dueAt, Math.max(now + ms, notBefore), replace);
	clearTimeout(timer);
	dueAt = at;
	timer = setTimeout(() => {
		dueAt = null;
		void syncNow('auto');
	}, at - now);
}

async function saveStatus(db: AppDatabase, patch: Partial<StoredStatus>): Promise<void> {
	await db.transaction('rw', db.syncState, async () => {
		const cur = (await readState<StoredStatus>(db, STATUS_KEY)) ?? {
			lastSuccessAt: null,
			lastError: null,
			clockOffsetMs: null
		};
		await writeState(db, STATUS_KEY, { ...cur, ...patch });
	});
}

async function runOnce(db: AppDatabase, asked: boolean): Promise<RunOutcome> {
	// Demo mode: sample records never reach a server, signed in or not (the one place that syncs).
	if (isDemo()) return 'skipped';
	const session = loadSession();
	if (!session?.token) return 'skipped';
	// A province account holds no commune records: /province reads its figures, nothing syncs.
	if (isProvinceRole(session.user.role)) return 'skipped';
	if (typeof navigator !== 'undefined' && navigator.onLine === false) return 'skipped';
	// Another account's changes or records are on the device (a sign-in by an older app version or
	// another tab): never push them under this token. signIn decides; a phone synced before the
	// account row existed gets it now.
	const holder = await readDeviceAccount(db);
	if (holder && holder.id !== session.user.id) return 'skipped';
	if (!holder) await writeDeviceAccount(db, accountOf(session.user));
	syncStatus.syncing = true;
	try {
		// The account's role and unit now (an admin may have changed them since the sign-in): a new
		// scope removes what it may no longer read and pulls from the start (sync/account-scope.ts).
		let user = session.user;
		const checkAt = systemClock.now();
		if (accountCheckDue(accountChecked, session.token, checkAt, asked)) {
			user = await refreshAccount({
				db,
				client,
				token: session.token,
				kept: session.user,
				now: () => systemClock.now()
			});
			accountChecked = { token: session.token, at: checkAt };
		}
		if (JSON.stringify(user) !== JSON.stringify(session.user)) {
			// Forms default to the new unit, the panel names the new role (sync.svelte.ts).
			const current = loadSession();
			if (current?.token === session.token) saveSession({ ...current, user });
			if (user.username !== session.user.username || user.displayName !== session.user.displayName)
				await writeDeviceAccount(db, accountOf(user));
			loadSessionIntoStatus();
		}
		const report = await syncOnce({
			db,
			client,
			token: session.token,
			userId: session.user.id,
			now: () => systemClock.now(),
			runLimitMs: RUN_LIMIT_MS,
			onPulled: (n) => (syncStatus.received += n)
		});
		resetBackoff();
		// A change refused as not allowed: the role or unit may have changed, ask at the next run,
		// which comes at once.
		if (report.forbidden) {
			accountChecked = null;
			again = true;
		}
		// A stopped run worked but did not finish: no error, and no "synced" claim yet.
		await saveStatus(db, {
			...(report.stopped ? {} : { lastSuccessAt: systemClock.now() }),
			lastError: null,
			...(report.offsetMs !== null ? { clockOffsetMs: report.offsetMs } : {})
		});
		if (report.stopped) return 'stopped';
		syncStatus.received = 0;
		return 'done';
	} catch (err) {
		failures++;
		retryAt = systemClock.now() + backoffDelay(failures);
		const code = err instanceof SyncError ? err.code : 'internal';
		// The server asked to wait (429 rate_limited: nothing of that push was written). The records
		// stay pending, never refused; no trigger (writes, online, focus) sends before the time.
		if (err instanceof SyncError && err.retryAfterSeconds !== null)
			notBefore = systemClock.now() + retryDelay(failures, err.retryAfterSeconds);
		if (err instanceof SyncError && err.unauthenticated) {
			// Ask to sign in again; keep the user (pre-filled) and every local record.
			saveSession({ ...session, token: null });
			loadSessionIntoStatus();
		}
		if (err instanceof SyncError && err.code === 'password_change_required') {
			// An admin reset the password: the layout sends the user to /password.
			saveSession({ ...session, user: { ...session.user, mustChangePassword: true } });
			loadSessionIntoStatus();
		}
		if (err instanceof SyncError && err.code === 'forbidden') accountChecked = null;
		await saveStatus(db, { lastError: { code, at: systemClock.now() } });
		return 'failed';
	} finally {
		syncStatus.syncing = false;
	}
}

/**
 * Sync now (or right after the run in progress). One tab at a time via Web Locks. `auto`: a
 * trigger of the scheduler's own, which waits for the backoff after a failure (`Trigger`).
 */
export function syncNow(trigger: Trigger = 'asked'): Promise<void> {
	if (running) {
		if (trigger === 'auto') again = true;
		else againAsked = true;
		return running;
	}
	const wait = waitBeforeRun(trigger, systemClock.now(), { retryAt, notBefore });
	if (wait > 0) {
		// Retry-After: at that time (schedule never goes before it). The backoff: at its end, and a
		// timer already due sooner is kept (it meets this same wait when it fires).
		if (started) schedule(trigger === 'auto' ? wait : 0, trigger !== 'auto');
		return Promise.resolve();
	}
	const db = getDb();
	const go = async (asked: boolean): Promise<RunOutcome> => {
		const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
		if (!locks) return runOnce(db, asked);
		let outcome: RunOutcome = 'skipped';
		await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
			if (lock) outcome = await runOnce(db, asked);
		});
		return outcome;
	};
	running = (async () => {
		let outcome: RunOutcome = 'skipped';
		let asked = trigger === 'asked';
		try {
			do {
				again = againAsked = false;
				outcome = await go(asked);
				asked = againAsked;
			} while (runsAgain(outcome, again, againAsked));
		} finally {
			running = null;
			// Never before notBefore; an after-write timer set while this run went on stays (its
			// run waits for the backoff when it fires, if the run failed).
			if (started) schedule(delayAfterRuns(outcome, systemClock.now(), retryAt), false);
		}
	})();
	return running;
}

/** A poke from the server: sync unless this device's cursor is already there (its own push). */
async function onPoke(db: AppDatabase, seq: unknown): Promise<void> {
	const session = loadSession();
	const cursor = await readState<StoredCursor>(db, CURSOR_KEY);
	if (
		typeof seq === 'number' &&
		cursor &&
		cursor.userId === session?.user.id &&
		cursor.cursor >= seq
	)
		return;
	void syncNow('auto');
}

/**
 * Keep the live stream open while signed in and online; reconnect with backoff. `wake` resolves
 * the wait when something may have changed (online, sign-in, another tab's session).
 */
function startLive(db: AppDatabase): { stop(): void; wake(): void } {
	const stopped = new AbortController();
	let wakeUp = () => {};
	const wait = (ms: number) =>
		new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(t);
				stopped.signal.removeEventListener('abort', done);
				wakeUp = () => {};
				resolve();
			};
			const t = setTimeout(done, ms);
			wakeUp = done;
			stopped.signal.addEventListener('abort', done);
		});
	void (async () => {
		let attempt = 0;
		while (!stopped.signal.aborted) {
			const session = loadSession();
			const token = session?.token;
			// Like runOnce: no stream in demo mode or for a province account (nothing of theirs syncs).
			if (!token || navigator.onLine === false || isDemo() || isProvinceRole(session!.user.role)) {
				await wait(PERIOD_MS);
				continue;
			}
			const conn = new AbortController();
			const abort = () => conn.abort();
			stopped.signal.addEventListener('abort', abort, { once: true });
			let silence: ReturnType<typeof setTimeout> | undefined;
			const alive = () => {
				clearTimeout(silence);
				silence = setTimeout(abort, LIVE_SILENCE_MS);
			};
			alive();
			let refused = false;
			try {
				await client.listen(
					token,
					conn.signal,
					(e) => {
						if (e.event === 'ready') {
							attempt = 0;
							// Pokes may have been missed while not connected: pull once.
							void syncNow();
						} else if (e.event === 'changed')
							void onPoke(db, (e.data as { seq?: unknown } | null)?.seq);
					},
					alive
				);
			} catch (err) {
				// Refused (401: the session ended): wait for a new sign-in rather than retrying.
				refused = err instanceof SyncError && err.kind === 'http';
			} finally {
				clearTimeout(silence);
				stopped.signal.removeEventListener('abort', abort);
			}
			if (stopped.signal.aborted) break;
			attempt++;
			await wait(refused ? PERIOD_MS : Math.min(LIVE_RETRY_MAX_MS, backoffDelay(attempt)));
		}
	})();
	return { stop: () => stopped.abort(), wake: () => wakeUp() };
}

/** Start syncing for this tab (root layout onMount). Returns a stop function. */
export function startSync(): () => void {
	if (started) return () => {};
	started = true;
	const db = getDb();
	loadSessionIntoStatus();
	let lastPending = -1;
	const stopWatch = watchSyncStatus(db, (pending) => {
		if (wantsSyncAfterWrite(lastPending, pending)) schedule(AFTER_WRITE_MS);
		lastPending = pending;
	});
	const live = startLive(db);
	liveWake = live.wake;
	const onOnline = () => {
		resetBackoff();
		live.wake();
		void syncNow();
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') void syncNow('auto');
	};
	const onStorage = (e: StorageEvent) => {
		if (e.key === null || e.key.startsWith('so-hop-534.session')) {
			loadSessionIntoStatus();
			live.wake();
		}
	};
	window.addEventListener('online', onOnline);
	document.addEventListener('visibilitychange', onVisible);
	window.addEventListener('storage', onStorage);
	void syncNow();
	return () => {
		started = false;
		live.stop();
		liveWake = () => {};
		clearTimeout(timer);
		dueAt = null;
		stopWatch();
		window.removeEventListener('online', onOnline);
		document.removeEventListener('visibilitychange', onVisible);
		window.removeEventListener('storage', onStorage);
	};
}

export type SignInError =
	'unauthenticated' | 'rate_limited' | 'offline' | 'timeout' | 'invalid' | 'server';

const accountOf = (u: { id: string; username: string; displayName: string }): DeviceAccount => ({
	id: u.id,
	username: u.username,
	displayName: u.displayName
});

/**
 * Run `fn` holding the sync lock: after the run in progress in any tab of the phone, before the
 * next. A queued request makes the run loop's next `ifAvailable` request fail, so it never waits
 * for the loop's further runs (pokes during a run would otherwise keep it going). Without Web
 * Locks, after this tab's loop.
 */
async function withSyncLock<T>(fn: () => Promise<T>): Promise<T> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (!locks) {
		if (running) await running.catch(() => {});
		return fn();
	}
	return locks.request(LOCK_NAME, () => fn()) as Promise<T>;
}

/**
 * What a failed sign-in tells the user. A 400 is the server refusing the input (an empty or too long
 * field that slipped past the form's own check): it is about what was typed, never "server error".
 */
export function signInErrorOf(err: unknown): SignInError {
	if (err instanceof SyncError) {
		// Sent, but no answer in time (a dead mobile connection): not "no network".
		if (err.code === 'timeout') return 'timeout';
		if (err.kind === 'offline') return 'offline';
		if (err.status === 401) return 'unauthenticated';
		if (err.status === 429) return 'rate_limited';
		if (err.status === 400) return 'invalid';
	}
	return 'server';
}

/** The sign-in form's own check, before anything is sent: the i18n key of each empty field. */
export function signInFieldErrors(
	username: string,
	password: string
): { username?: string; password?: string } {
	const errs: { username?: string; password?: string } = {};
	if (username.trim() === '') errs.username = 'login.need.username';
	if (password === '') errs.password = 'login.need.password';
	return errs;
}

/** Sign in; on success the token is kept on the device and a sync starts. */
export async function signIn(
	username: string,
	password: string
): Promise<
	| { ok: true; mustChangePassword: boolean }
	| { ok: false; error: SignInError; retryAfterSeconds: number | null }
	| { ok: false; error: 'other_account'; holder: DeviceAccount; unsent: number; refused: number }
> {
	try {
		const r = await client.login(username, password);
		const user = r.body.user;
		const session: StoredSession = {
			token: r.body.token,
			user,
			expiresAt: r.body.expiresAt,
			// The badge claims "synced" only after a run that ended since (SyncStatus.svelte).
			signedInAt: systemClock.now()
		};
		// Whose data the phone holds decides (sync/device-account.ts), under the sync lock so no run
		// of the previous account is halfway through; the session is kept inside it, so no run
		// starts between the decision and the new account's row.
		const db = getDb();
		const decision = await withSyncLock(async () => {
			const held = await accountOnDevice(db, loadSession());
			let d = decideSignIn(held, user.id);
			// The previous account's unsent changes are checked again in the clearing transaction (one
			// written since the decision refuses the sign-in); changes no account made stay, with
			// their records, for this account to push.
			if (
				d.kind === 'clear' &&
				!(await clearAccountData(db, systemClock.now(), held.holder !== null))
			) {
				d = decideSignIn(await accountOnDevice(db, loadSession()), user.id);
				// The clearing found something unsent: never go on with the previous records in place.
				if (d.kind !== 'refuse') throw new Error('the previous account could not be cleared');
			}
			if (d.kind === 'refuse') return d;
			await writeDeviceAccount(db, accountOf(user));
			saveSession(session);
			return d;
		});
		if (decision.kind === 'refuse') {
			// The new session is not kept: end it on the server too.
			await client.logout(r.body.token).catch(() => {});
			return {
				ok: false,
				error: 'other_account',
				holder: decision.holder,
				unsent: decision.unsent,
				refused: decision.refused
			};
		}
		loadSessionIntoStatus();
		resetBackoff();
		const mustChangePassword = r.body.user.mustChangePassword === true;
		liveWake();
		if (!mustChangePassword) void syncNow();
		return { ok: true, mustChangePassword };
	} catch (err) {
		const error = signInErrorOf(err);
		const retryAfterSeconds =
			error === 'rate_limited' && err instanceof SyncError ? err.retryAfterSeconds : null;
		return { ok: false, error, retryAfterSeconds };
	}
}

/**
 * Change the signed-in user's password (also the forced change after an admin's reset). On success
 * the kept user no longer carries the must-change flag and a sync starts. Errors are SyncErrors.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
	const s = loadSession();
	if (!s?.token) throw new SyncError('http', 401, 'unauthenticated', 'no session');
	const user = await client.changePassword(s.token, currentPassword, newPassword);
	saveSession({ ...s, user });
	loadSessionIntoStatus();
	resetBackoff();
	liveWake();
	void syncNow();
}

/**
 * Sign out, not allowed while anything on the device is unsent (pending or refused changes). The
 * account's records leave the device with the session (sync/device-account.ts): the next person
 * on the phone sees none of them. `refused`: how many of the unsent changes the server refused.
 */
export async function signOut(): Promise<
	{ ok: true } | { ok: false; unsent: number; refused: number }
> {
	const db = getDb();
	const unsentNow = async () => ({ ok: false as const, ...countUnsent(await db.outbox.toArray()) });
	if (await hasUnsent(db)) return unsentNow();
	const s = loadSession();
	// Under the sync lock: a pull halfway through never writes records back after the clearing, and
	// the session goes with the records (no run starts between them and pulls them again).
	const cleared = await withSyncLock(async () => {
		if (!(await clearAccountData(db, systemClock.now(), true))) return false;
		saveSession(null);
		return true;
	});
	if (!cleared) return unsentNow();
	loadSessionIntoStatus();
	// The account's meeting alerts stop on this phone too (they carry meeting titles).
	await (await import('$lib/notify/push-subscribe')).unsubscribeFromPush(s?.token ?? null);
	if (s?.token) {
		try {
			await client.logout(s.token);
		} catch {
			/* offline or already expired: the server's session ends by itself */
		}
	}
	return { ok: true };
}

export async function retryRefused(): Promise<void> {
	await retryRejected(getDb(), systemClock.now());
	void syncNow();
}

/** Drops one record's refused change and takes the server's version back (outbox.ts `discardChanges`). */
export async function discardRefused(entity: Entity, recordId: string): Promise<void> {
	await discardChanges(getDb(), entity, recordId);
	void syncNow();
}
