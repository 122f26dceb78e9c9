/**
 * The signed-in session kept on the device (localStorage), so the app opens and works offline
 * without asking the server. An expired session keeps the user (to pre-fill the login form) but
 * drops the token (the records stay for that account to sign in again); signing out, or in as
 * another account, removes the records of the previous one (./device-account.ts).
 */
import type { PublicUser } from '$lib/domain/sync/protocol';

const KEY = 'so-hop-534.session';

/**
 * Fired on `window` when this tab saves or clears the session (other tabs get a `storage` event):
 * a phone that started without a session loads the sync client then (state/sync-lazy.ts).
 */
export const SESSION_EVENT = 'so-hop-534:session';

export interface StoredSession {
	token: string | null;
	user: PublicUser;
	expiresAt: number;
	/** When this sign-in happened (absent in sessions kept before it was). */
	signedInAt?: number;
}

export function loadSession(): StoredSession | null {
	if (typeof localStorage === 'undefined') return null;
	try {
		const raw = localStorage.getItem(KEY);
		if (!raw) return null;
		const s = JSON.parse(raw) as Partial<StoredSession>;
		if (!s.user || typeof s.user.id !== 'string') return null;
		return {
			token: typeof s.token === 'string' ? s.token : null,
			user: s.user,
			expiresAt: Number(s.expiresAt) || 0,
			signedInAt: Number(s.signedInAt) || 0
		};
	} catch {
		return null;
	}
}

export function saveSession(s: StoredSession | null): void {
	if (typeof localStorage === 'undefined') return;
	if (s) localStorage.setItem(KEY, JSON.stringify(s));
	else localStorage.removeItem(KEY);
	if (typeof window !== 'undefined') window.dispatchEvent(new Event(SESSION_EVENT));
}
