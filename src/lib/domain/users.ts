/**
 * The one description of a user account, shared by the admin screen (/users), the change-password
 * screen and the server. Every rule carries a field code as its zod message (`format`, `too_short`,
 * `common`…); the server sends those codes in `error.fields` and the device maps them to text, so
 * no side parses the other's English.
 */
import { z } from 'zod';
import { plainText } from './plain-text';

export const ROLES = [
	'admin',
	'monitor',
	'unit_head',
	'staff',
	'province_admin',
	'province_monitor'
] as const;
export type Role = (typeof ROLES)[number];
/** Roles of a commune's accounts (a commune admin gives only these). */
export const COMMUNE_ROLES = ['admin', 'monitor', 'unit_head', 'staff'] as const satisfies Role[];
export type CommuneRole = (typeof COMMUNE_ROLES)[number];
/** Province accounts (Sở Nội vụ) belong to no commune. */
export const PROVINCE_ROLES = ['province_admin', 'province_monitor'] as const satisfies Role[];
export const isProvinceRole = (role: string): boolean =>
	(PROVINCE_ROLES as readonly string[]).includes(role);

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 200;

/** Codes a field can be refused with, in the API's `error.fields` and on the device. */
export const FIELD_CODES = [
	'required',
	'format',
	'too_short',
	'too_long',
	'common',
	'taken',
	'unit_required',
	'unit_not_allowed',
	'unknown_unit',
	/** An archived unit given to an account (create, or a change to another unit). */
	'unit_archived',
	'last_admin',
	'self',
	'wrong_password',
	'unchanged',
	/** A commune's name without "Xã", "Phường" or "Đặc khu" in front (domain/province.ts). */
	'prefix',
	/** A report due date before its period's data close, or over a year after it (province.ts). */
	'before_close',
	'too_far'
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];
export type FieldErrors = Partial<Record<string, FieldCode>>;

/**
 * Passwords people pick first (lowercased). A small list on purpose: together with the length it
 * stops the guesses an online attacker tries first; the login limit does the rest.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
	'0123456789',
	'0987654321',
	'1111111111',
	'1234567890',
	'12345678910',
	'123456789a',
	'1234567890a',
	'1q2w3e4r5t',
	'a123456789',
	'abc1234567',
	'abcd123456',
	'abcd@12345',
	'admin12345',
	'admin@1234',
	'administrator',
	'anhyeuem123',
	'asdfghjkl1',
	'iloveyou12',
	'matkhau123',
	'matkhau1234',
	'password',
	'password1',
	'password12',
	'password123',
	'password1234',
	'p@ssw0rd123',
	'qwerty1234',
	'qwerty12345',
	'qwertyuiop',
	'ubnd123456',
	'ubndxa1234',
	'zxcvbnm123'
]);

/** True for a password in the common list or one character repeated. */
export function isCommonPassword(password: string): boolean {
	const p = password.normalize('NFC').toLowerCase();
	return COMMON_PASSWORDS.has(p) || /^(.)\1*$/u.test(p);
}

/** A display name: plain text (no control character: plain-text.ts), up to 200 characters. */
export const displayNameSchema = plainText(
	z.string().trim().max(DISPLAY_NAME_MAX, 'too_long'),
	'format'
).default('');

export const usernameSchema = z
	.string({ error: 'required' })
	.trim()
	.toLowerCase()
	.min(1, 'required')
	.regex(USERNAME_PATTERN, 'format');

/** The password policy for every new password (create, reset, change). */
export const passwordSchema = z
	.string({ error: 'required' })
	.min(1, 'required')
	.min(PASSWORD_MIN, 'too_short')
	.max(PASSWORD_MAX, 'too_long')
	.refine((p) => !isCommonPassword(p), 'common');

const unitSchema = z
	.string()
	.trim()
	.regex(/^[A-Z0-9_-]{1,20}$/, 'format')
	.nullable();

/** Unit heads and staff belong to one unit (and must have one); admins and monitors to none. */
export const roleNeedsUnit = (role: string): boolean => role === 'unit_head' || role === 'staff';

function checkUnit(u: { role?: Role; unitCode?: string | null }, ctx: z.RefinementCtx): void {
	if (u.role === undefined || u.unitCode === undefined) return;
	if (roleNeedsUnit(u.role) && !u.unitCode)
		ctx.addIssue({ code: 'custom', path: ['unitCode'], message: 'unit_required' });
	if (!roleNeedsUnit(u.role) && u.unitCode)
		ctx.addIssue({ code: 'custom', path: ['unitCode'], message: 'unit_not_allowed' });
}

export const newUserSchema = z
	.object({
		username: usernameSchema,
		password: passwordSchema,
		displayName: displayNameSchema,
		role: z.enum(COMMUNE_ROLES, { error: 'required' }),
		unitCode: unitSchema.default(null)
	})
	.superRefine(checkUnit);

/** An admin's change to an account: role and unit together, or the disabled flag. */
export const userUpdateSchema = z
	.object({
		role: z.enum(COMMUNE_ROLES, { error: 'required' }).optional(),
		unitCode: unitSchema.optional(),
		disabled: z.boolean().optional()
	})
	.refine((u) => Object.keys(u).length > 0, { message: 'required', path: ['role'] })
	.superRefine(checkUnit);
export type UserUpdate = z.output<typeof userUpdateSchema>;

/** An admin sets a new password; the user must change it at the next sign-in. */
export const passwordResetSchema = z.object({ password: passwordSchema });

/** The user changes their own password. */
export const passwordChangeSchema = z
	.object({
		currentPassword: z.string({ error: 'required' }).min(1, 'required').max(PASSWORD_MAX),
		newPassword: passwordSchema
	})
	.refine((p) => p.newPassword !== p.currentPassword, {
		message: 'unchanged',
		path: ['newPassword']
	});

/** zod issues as `field -> code` (the first issue of each field wins). */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? '_');
		const code = (FIELD_CODES as readonly string[]).includes(issue.message)
			? (issue.message as FieldCode)
			: 'format';
		out[field] ??= code;
	}
	return out;
}
