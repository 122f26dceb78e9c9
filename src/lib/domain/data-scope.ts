/**
 * What a device can honestly compute, given who uses it (pure).
 *
 * A device holds the records its account may read: the server's pull gives an admin or a commune
 * monitor every unit, a unit head or a staff account only its own unit and the commune-wide data
 * (units, settings, the commune's reports). Figures of the whole commune, or of another unit,
 * computed on a unit account's phone would be built from missing records: wrong totals, "no
 * baseline" claims for units whose plans are simply not on the phone. So the progress screens
 * offer only the scopes the device holds. A phone used without an account holds everything it
 * entered: every scope stays, and so does a signed-out phone: signing out removes the account's
 * records (sync/device-account.ts), so it holds only what was entered without an account.
 *
 * Writes follow the same `can` as the server (`$lib/server/auth/permissions.ts` re-exports it), so
 * a screen never offers an action the server will refuse.
 */
import { entityOf } from './entities';
import { can, readsAllUnits, type Actor } from './permissions';

/** The signed-in account as the device keeps it; null for a phone used without an account. */
export type DeviceUser = Actor | null;

/** True when the device holds every unit's records (no account, or an account that reads all). */
export function holdsWholeCommune(user: DeviceUser): boolean {
	return user === null || readsAllUnits(user.role);
}

/** The units whose figures this device holds (pickers on /dashboard and /reports). */
export function readableUnits<U extends { code: string }>(
	user: DeviceUser,
	units: readonly U[]
): U[] {
	return holdsWholeCommune(user) ? [...units] : units.filter((u) => can(user, 'read', u.code));
}

/** Why a requested scope is not shown: the whole commune, or another unit, is not on the device. */
export type ScopeRefusal = 'commune' | 'otherUnit';

export interface ProgressScope {
	/** The unit to show; null: the whole commune (only when the device holds it). */
	unit: string | null;
	/** Whether the whole commune's figures may be shown (and offered in pickers). */
	commune: boolean;
	/** Set when the requested scope was replaced by one the device holds. */
	refused: ScopeRefusal | null;
}

/**
 * The scope a progress screen shows for `requested` (null: the whole commune). A unit account
 * gets its own unit instead of the commune or another unit, with the reason (the screen says why).
 */
export function progressScope(user: DeviceUser, requested: string | null): ProgressScope {
	if (holdsWholeCommune(user)) return { unit: requested, commune: true, refused: null };
	const own = user?.unitCode ?? null;
	if (requested !== null && can(user, 'read', requested))
		return { unit: requested, commune: false, refused: null };
	return { unit: own, commune: false, refused: requested === null ? 'commune' : 'otherUnit' };
}

/**
 * Whether the account may write a record of `entity` owned by `unitCode` (null: commune-wide, e.g.
 * the commune's report): the server's rule. A phone used without an account writes what it holds.
 */
export function mayWrite(user: DeviceUser, entity: string, unitCode: string | null): boolean {
	return user === null || can(user, entityOf(entity).write, unitCode);
}
