/**
 * Sync status as runes, for the header badge, the status panel and the login page. Outbox figures
 * and the last results come from IndexedDB (live, so every tab shows the same); the scheduler
 * (state/sync-scheduler.ts) updates the rest.
 */
import type { PublicUser } from '$lib/domain/sync/protocol';
import type { RejectedRecord } from '$lib/sync/outbox';
import { loadSession, type StoredSession } from '$lib/sync/session';

/** A session whose token was dropped (the server answered 401): the user is kept to sign in again. */
export const isExpired = (s: StoredSession | null): boolean => !!s && !s.token;

/** A device clock further than this from the server's is reported to the user. */
export const SKEW_WARN_MS = 5 * 60 * 1000;

export interface LastError {
	/** offline | unauthenticated | rate_limited | http_500 | a server error code. */
	code: string;
	at: number;
}

class SyncStatus {
	/** The signed-in user (kept on the device; null when never signed in or signed out). */
	// Read from the device at once (not when the lazy sync code starts), so a form opened by a direct
	// link or a reload already knows who is typing.
	user = $state<PublicUser | null>(loadSession()?.user ?? null);
	/** True when a token is kept (the app can sync). */
	hasToken = $state(!!loadSession()?.token);
	/** The server answered 401: the user must sign in again (local records are kept). */
	// Known at once too: the scheduler, which also sets it, loads only while a token is kept.
	sessionExpired = $state(isExpired(loadSession()));
	/** When this session signed in (0: unknown, an older session): no "synced" before a run since. */
	signedInAt = $state(loadSession()?.signedInAt ?? 0);
	/**
	 * Unsent records; null until the outbox has been counted once (sync-watch.ts): a page load or a
	 * reload with unsent records on the phone must not read as "none", so the badge claims nothing.
	 */
	pending = $state<number | null>(null);
	oldestPendingAt = $state<number | null>(null);
	rejected = $state<RejectedRecord[]>([]);
	lastSuccessAt = $state<number | null>(null);
	lastError = $state<LastError | null>(null);
	/** Device clock minus server clock, ms; null until a request succeeded. */
	clockOffsetMs = $state<number | null>(null);
	syncing = $state(false);
	/**
	 * Changes this tab's runs have brought down since the last run that pulled everything (or the
	 * last session change): a download of many pages, over several runs, says how far it is.
	 */
	received = $state(0);
	/** Ticks every 30 s so ages ("5 phút trước") stay current. */
	now = $state(Date.now());

	get clockSkewed(): boolean {
		return this.clockOffsetMs !== null && Math.abs(this.clockOffsetMs) > SKEW_WARN_MS;
	}
	get unsent(): number {
		return (this.pending ?? 0) + this.rejected.length;
	}
}

export const syncStatus = new SyncStatus();

/** The stored session as the badge shows it (after a sign-in, a sign-out or a 401). */
export function loadSessionIntoStatus(): StoredSession | null {
	const s = loadSession();
	syncStatus.user = s?.user ?? null;
	syncStatus.hasToken = !!s?.token;
	syncStatus.sessionExpired = isExpired(s);
	syncStatus.signedInAt = s?.signedInAt ?? 0;
	// Another session (or account, or scope): its download counts from nothing.
	syncStatus.received = 0;
	return s;
}
