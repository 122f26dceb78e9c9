/**
 * The account forms (create, reset, change password): checked on the device with the server's own
 * schemas (domain/users.ts), and the server's field codes turned into Vietnamese messages beside
 * the fields. No message text is parsed: both sides speak in field codes.
 */
import type { z } from 'zod';
import {
	fieldErrors,
	newUserSchema,
	passwordChangeSchema,
	passwordResetSchema,
	COMMUNE_ROLES,
	PROVINCE_ROLES,
	type FieldCode,
	type FieldErrors,
	type Role
} from '$lib/domain/users';
import { newProvinceUserSchema } from '$lib/domain/province';
import type { NewUserInput } from '$lib/sync/client';

export { PASSWORD_MIN, roleNeedsUnit } from '$lib/domain/users';
export const USER_ROLES: readonly Role[] = COMMUNE_ROLES;
/** The roles the province admin gives (Sở Nội vụ's accounts). */
export const PROVINCE_USER_ROLES: readonly Role[] = PROVINCE_ROLES;

/** Field -> message key; `_` for a problem that belongs to no field. */
export type FormErrors = Partial<Record<string, string>>;
export type UserFormErrors = FormErrors;

export interface UserFormFields {
	username: string;
	displayName: string;
	password: string;
	role: string;
	unitCode: string;
}

/** The message key for a field's code: a field-specific text when there is one. */
const MESSAGES: Partial<Record<string, Partial<Record<FieldCode, string>>>> = {
	username: { format: 'users.err.username', taken: 'users.err.usernameTaken' },
	password: {
		too_short: 'users.err.password',
		too_long: 'users.err.password',
		common: 'users.err.passwordCommon'
	},
	displayName: { too_long: 'users.err.displayName' },
	role: { required: 'users.err.role', self: 'users.err.self', last_admin: 'users.err.lastAdmin' },
	disabled: { self: 'users.err.self', last_admin: 'users.err.lastAdmin' },
	unitCode: {
		required: 'users.err.unitRequired',
		format: 'users.err.unitRequired',
		unit_required: 'users.err.unitRequired',
		unit_not_allowed: 'users.err.unitNotAllowed',
		unknown_unit: 'users.err.unitUnknown',
		unit_archived: 'users.err.unitArchived'
	},
	currentPassword: { wrong_password: 'users.err.currentWrong' },
	newPassword: { unchanged: 'users.err.passwordUnchanged' }
};

export function fieldMessage(field: string, code: FieldCode): string {
	const own = MESSAGES[field]?.[code];
	if (own) return own;
	if (code === 'required') return 'err.required';
	// A new password follows the same rules wherever it is typed.
	if (field === 'newPassword') return fieldMessage('password', code);
	return 'users.err.invalid';
}

export const messagesOf = (fields: FieldErrors): FormErrors =>
	Object.fromEntries(
		Object.entries(fields).flatMap(([f, c]) => (c ? [[f, fieldMessage(f, c)]] : []))
	);

function check<S extends z.ZodType>(
	schema: S,
	input: unknown
): { ok: true; input: z.output<S> } | { ok: false; errors: FormErrors } {
	const parsed = schema.safeParse(input);
	return parsed.success
		? { ok: true, input: parsed.data }
		: { ok: false, errors: messagesOf(fieldErrors(parsed.error)) };
}

export function validateNewUser(
	f: UserFormFields
): { ok: true; input: NewUserInput } | { ok: false; errors: FormErrors } {
	const needsUnit = f.role === 'unit_head' || f.role === 'staff';
	return check(newUserSchema, {
		...f,
		// Admins and monitors belong to no unit, even when one was picked before changing role.
		unitCode: needsUnit && f.unitCode !== '' ? f.unitCode : null
	});
}

/** A province account (the province admin's form): the server's own schema, no unit. */
export function validateNewProvinceUser(
	f: Omit<UserFormFields, 'unitCode'>
): { ok: true; input: NewUserInput } | { ok: false; errors: FormErrors } {
	const r = check(newProvinceUserSchema, f);
	return r.ok ? { ok: true, input: { ...r.input, unitCode: null } } : r;
}

export function validateReset(password: string): FormErrors {
	const r = check(passwordResetSchema, { password });
	return r.ok ? {} : r.errors;
}

export function validateChange(currentPassword: string, newPassword: string, confirm: string) {
	const r = check(passwordChangeSchema, { currentPassword, newPassword });
	const errors: FormErrors = r.ok ? {} : { ...r.errors };
	if (!errors.newPassword && confirm !== newPassword) errors.confirm = 'password.err.confirm';
	return errors;
}

/**
 * A failed call as field messages. `error` is the client's SyncError (kind/status/code/fields):
 * field codes land beside their fields; the rest is one message for the whole form.
 */
export function failureErrors(error: {
	kind: 'offline' | 'http' | 'bad_response';
	status: number;
	code: string;
	fields?: FieldErrors;
}): FormErrors {
	if (error.kind === 'offline') return { _: 'users.err.offline' };
	const fields = messagesOf(error.fields ?? {});
	if (Object.keys(fields).length > 0) return fields;
	if (error.status === 401) return { _: 'users.expired' };
	if (error.status === 403 && error.code === 'password_change_required')
		return { _: 'users.err.passwordRequired' };
	if (error.status === 403) return { _: 'users.err.forbidden' };
	if (error.status === 404) return { _: 'users.err.notFound' };
	if (error.status === 429) return { _: 'users.err.rateLimited' };
	if (error.status === 400 || error.status === 409) return { _: 'users.err.invalid' };
	return { _: 'users.err.server' };
}
