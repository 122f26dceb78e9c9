/**
 * A notification's action that writes (a meeting's "end the sitting") is carried out by the page it
 * opens only with a grant the service worker made at the tap: a one-time token kept in Cache
 * Storage, which only this origin's own code can write. An address with `?do=end-sitting` alone,
 * a link on another site say, ends nothing (attacker review r19, 2: it ended the sitting of a
 * signed-in phone's running meeting, and the change synced under that account).
 *
 * Used by the service worker (src/sw/notification-click.ts, grants) and by the meeting's page
 * (redeems); only APIs both have.
 */

export const GRANT_CACHE = 'so-hop-534-notification-actions';
/** Grants older than this are dropped at the next tap (one never used: the page did not open). */
export const GRANT_KEEP_MS = 10 * 60_000;

export type GrantedAction = 'end-sitting';

interface Grant {
	meetingId: string;
	action: GrantedAction;
	/** The service worker's clock at the tap (compared with its own clock only). */
	at: number;
}

const keyOf = (origin: string, token: string): string =>
	`${origin}/__notification-action/${encodeURIComponent(token)}`;

/** A new grant as Cache Storage keeps it: the request URL it is kept under, and its body. */
export function newGrant(
	origin: string,
	meetingId: string,
	action: GrantedAction,
	now: number
): { token: string; key: string; body: string } {
	const token = crypto.randomUUID();
	const grant: Grant = { meetingId, action, at: now };
	return { token, key: keyOf(origin, token), body: JSON.stringify(grant) };
}

/** The grant kept under `key`, or null when none or unreadable. */
async function readGrant(cache: Cache, key: RequestInfo): Promise<Partial<Grant> | null> {
	const found = await cache.match(key);
	return found ? ((await found.json().catch(() => null)) as Partial<Grant> | null) : null;
}

/** Service worker: records a grant for `action` on `meetingId` and returns its token. */
export async function grantAction(
	store: CacheStorage,
	origin: string,
	meetingId: string,
	action: GrantedAction,
	now: number
): Promise<string> {
	const cache = await store.open(GRANT_CACHE);
	for (const key of await cache.keys()) {
		const old = await readGrant(cache, key);
		if (typeof old?.at !== 'number' || old.at < now - GRANT_KEEP_MS) await cache.delete(key);
	}
	const grant = newGrant(origin, meetingId, action, now);
	await cache.put(grant.key, new Response(grant.body));
	return grant.token;
}

/**
 * Page: true once, for a token the service worker granted for this very meeting and action; the
 * grant is used up either way. False for anything else, or where Cache Storage is missing or fails.
 */
export async function redeemAction(
	store: CacheStorage | undefined,
	origin: string,
	token: string,
	meetingId: string,
	action: GrantedAction
): Promise<boolean> {
	if (!store || !token) return false;
	try {
		const cache = await store.open(GRANT_CACHE);
		const key = keyOf(origin, token);
		const grant = await readGrant(cache, key);
		// Used up whatever it says: a grant is good for one try.
		await cache.delete(key);
		return grant?.meetingId === meetingId && grant.action === action;
	} catch {
		return false;
	}
}
