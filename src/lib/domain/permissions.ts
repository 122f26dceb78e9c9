/**
 * Who may do what, for which unit (pure: the server checks every call with it, and the device uses
 * it so its forms offer only the units the signed-in account may write). Table in
 * $lib/server/auth/permissions.ts.
 */
import { isProvinceRole, type Role } from './users';

export interface Actor {
	id: string;
	role: Role;
	unitCode: string | null;
}

export const ACTIONS = [
	'read',
	'record.write',
	'plan.write',
	'settings.write',
	'unit.write',
	'user.manage'
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL_UNITS: readonly Role[] = ['admin', 'monitor'];

/** Roles that read every unit of their commune (their pull is the whole commune's records). */
export const readsAllUnits = (role: Role): boolean => ALL_UNITS.includes(role);

export function can(user: Actor | null, action: Action, unitCode: string | null): boolean {
	// Province roles never read or write a commune's records (their own view: /province).
	if (!user || isProvinceRole(user.role)) return false;
	const own = unitCode !== null && user.unitCode !== null && unitCode === user.unitCode;
	switch (action) {
		case 'read':
			return unitCode === null || ALL_UNITS.includes(user.role) || own;
		case 'record.write':
			return user.role === 'admin' || ((user.role === 'unit_head' || user.role === 'staff') && own);
		case 'plan.write':
			return ALL_UNITS.includes(user.role) || (user.role === 'unit_head' && own);
		case 'settings.write':
			return ALL_UNITS.includes(user.role);
		case 'unit.write':
		case 'user.manage':
			return user.role === 'admin';
	}
}

/**
 * The units an account may pick in a form whose records need `action`: all of them when nobody is
 * signed in (a device used alone), else only those `can` allows (so nothing the server will refuse
 * is saved on the phone).
 */
export function writableUnits<U extends { code: string }>(
	user: Actor | null,
	units: readonly U[],
	action: Action = 'record.write'
): U[] {
	return user === null ? [...units] : units.filter((u) => can(user, action, u.code));
}
