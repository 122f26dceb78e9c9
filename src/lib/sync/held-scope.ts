/**
 * Whose records this device holds: the read scope (role, unit) of the last account that synced on
 * it, kept in localStorage after sign-out. Signing out never deletes local records (session.ts),
 * so a phone that synced as a unit account still holds only that unit's records once signed out:
 * its progress screens must keep that unit's scope, never offer the whole commune from one unit's
 * figures (domain/data-scope.ts, `deviceScopeUser`). Written when a sync run starts for an
 * account (state/sync-scheduler.ts); a phone that never synced has none and keeps every scope.
 * Not imported by the app shell.
 */
import type { PublicUser } from '$lib/domain/sync/protocol';
import type { Actor } from '$lib/domain/permissions';
import { COMMUNE_ROLES, isProvinceRole, type Role } from '$lib/domain/users';

const KEY = 'so-hop-534.held-scope';

export function loadHeldScope(): Actor | null {
	if (typeof localStorage === 'undefined') return null;
	try {
		const raw = localStorage.getItem(KEY);
		if (!raw) return null;
		const s = JSON.parse(raw) as Partial<Actor>;
		if (typeof s.id !== 'string' || !(COMMUNE_ROLES as readonly string[]).includes(s.role ?? ''))
			return null;
		return {
			id: s.id,
			role: s.role as Role,
			unitCode: typeof s.unitCode === 'string' ? s.unitCode : null
		};
	} catch {
		return null;
	}
}

/** The account about to pull onto this device (a province account pulls nothing: not kept). */
export function saveHeldScope(user: PublicUser): void {
	if (typeof localStorage === 'undefined' || isProvinceRole(user.role)) return;
	const held: Actor = { id: user.id, role: user.role, unitCode: user.unitCode };
	localStorage.setItem(KEY, JSON.stringify(held));
}

/** The device no longer holds an account's records (sync/device-account.ts `clearAccountData`). */
export function forgetHeldScope(): void {
	if (typeof localStorage !== 'undefined') localStorage.removeItem(KEY);
}
