/**
 * The admin's "create account" form: the same rules as the server's `newUserSchema`
 * (lib/server/auth/users.ts) checked before sending, and the server's 400/409 answers turned into
 * Vietnamese messages beside the fields. Pure: no fetch, no Dexie, no zod.
 */
import type { NewUserInput } from '$lib/sync/client';
import type { Role } from '$lib/sync/protocol';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 200;
export const USER_ROLES: readonly Role[] = ['admin', 'monitor', 'unit_head', 'staff'];

export type UserField = 'username' | 'password' | 'displayName' | 'role' | 'unitCode';
/** Field -> message key; `_` for a problem that belongs to no field. */
export type UserFormErrors = Partial<Record<UserField | '_', string>>;

export interface UserFormFields {
	username: string;
	displayName: string;
	password: string;
	role: string;
	unitCode: string;
}

/** Unit heads and staff belong to one unit (and must have one); admins and monitors to none. */
export const roleNeedsUnit = (role: string): boolean => role === 'unit_head' || role === 'staff';

const isRole = (r: string): r is Role => (USER_ROLES as readonly string[]).includes(r);

export function validateNewUser(
	f: UserFormFields
): { ok: true; input: NewUserInput } | { ok: false; errors: UserFormErrors } {
	const errors: UserFormErrors = {};
	const username = f.username.trim().toLowerCase();
	const displayName = f.displayName.trim();
	if (username === '') errors.username = 'err.required';
	else if (!USERNAME_PATTERN.test(username)) errors.username = 'users.err.username';
	if (f.password.length < PASSWORD_MIN || f.password.length > PASSWORD_MAX)
		errors.password = 'users.err.password';
	if (displayName.length > DISPLAY_NAME_MAX) errors.displayName = 'users.err.displayName';
	if (!isRole(f.role)) errors.role = 'users.err.role';
	else if (roleNeedsUnit(f.role) && f.unitCode === '') errors.unitCode = 'users.err.unitRequired';
	if (Object.keys(errors).length > 0 || !isRole(f.role)) return { ok: false, errors };
	return {
		ok: true,
		input: {
			username,
			password: f.password,
			displayName,
			role: f.role,
			unitCode: roleNeedsUnit(f.role) ? f.unitCode : null
		}
	};
}

const FIELD_KEYS: Record<UserField, string> = {
	username: 'users.err.username',
	password: 'users.err.password',
	displayName: 'users.err.displayName',
	role: 'users.err.role',
	unitCode: 'users.err.unitRequired'
};

/**
 * A failed create, as field messages. `error` is the client's SyncError (kind/status/code/message):
 * 409 is a taken username; 400 names its fields as `field: reason; field: reason`.
 */
export function createErrors(error: {
	kind: 'offline' | 'http' | 'bad_response';
	status: number;
	code: string;
	message: string;
}): UserFormErrors {
	if (error.kind === 'offline') return { _: 'users.err.offline' };
	if (error.status === 409) return { username: 'users.err.usernameTaken' };
	if (error.status === 401) return { _: 'users.expired' };
	if (error.status === 403) return { _: 'users.err.forbidden' };
	if (error.status === 400) {
		const out: UserFormErrors = {};
		for (const part of error.message.split(';')) {
			const [path = '', reason = ''] = part.split(':').map((s) => s.trim());
			if (!(path in FIELD_KEYS)) continue;
			const field = path as UserField;
			if (field === 'unitCode' && /unknown/i.test(reason)) out.unitCode = 'users.err.unitUnknown';
			else if (field === 'unitCode' && /only unit_head/i.test(reason))
				out.unitCode = 'users.err.unitNotAllowed';
			else out[field] = FIELD_KEYS[field];
		}
		return Object.keys(out).length > 0 ? out : { _: 'users.err.invalid' };
	}
	return { _: 'users.err.server' };
}
