/**
 * User accounts managed by an admin (create, change role and unit, disable, reset the password, end
 * sessions, lift a lock-out), the user's own password change, and the shapes sent to clients.
 * Input shapes and the password policy are the shared schemas of $lib/domain/users.
 */
import { HashBusyError } from './hash-limit';
import type { z } from 'zod';
import { isProvinceRole, newUserSchema, type FieldCode, type Role } from '$lib/domain/users';
import type { AdminUser, PublicUser } from '$lib/domain/sync/protocol';
import type { ServerContext } from '../context';
import {
	losesAdmin,
	type SessionRow,
	type UserDecision,
	type UserPatch,
	type UserRow
} from '../storage/types';
import {
	accountLockedUntil,
	liftLockout,
	LOGIN_MAX_FAILURES,
	LOGIN_WINDOW_MS,
	normaliseUsername
} from './login';
import { hashPassword, verifyPassword } from './password';
import { can, canProvince, roleNeedsUnit, type Actor } from './permissions';
import { auditEntry, userChangeEntries, userTarget, type AuditActor } from '../audit/entries';
import type { newProvinceUserSchema } from '$lib/domain/province';

export { newUserSchema };

/** A refusal: `code` for the HTTP answer, `fields` for the form. */
export type Refusal = {
	ok: false;
	code: 'forbidden' | 'not_found' | 'conflict' | 'invalid_request' | 'rate_limited';
	fields?: Record<string, FieldCode>;
};
const refuse = (code: Refusal['code'], fields?: Record<string, FieldCode>): Refusal => ({
	ok: false,
	code,
	...(fields ? { fields } : {})
});

export type CreateUserOutcome = { ok: true; user: UserRow } | Refusal;

/** `username: taken` answers a commune admin may get in LOGIN_WINDOW_MS (finding 8). */
export const TAKEN_MAX = 10;
/**
 * Counted per commune (createUser refuses any actor but the commune's own admins; the province
 * admin's accounts are made by createProvinceUser, not limited): an admin that makes helper admins
 * first shares the commune's TAKEN_MAX with them (attacker review r12, 3).
 */
const takenKey = (communeId: string) => [{ key: `taken:commune:${communeId}`, max: TAKEN_MAX }];

export const publicUser = (u: UserRow): PublicUser => ({
	id: u.id,
	username: u.username,
	displayName: u.displayName,
	role: u.role,
	communeId: u.communeId,
	unitCode: u.unitCode,
	mustChangePassword: u.mustChangePassword
});

export const sessionId = (s: SessionRow): string => s.tokenHash.slice(0, 12);

/** A unit an account is given, as the server holds it: none, archived (read-only), or in use. */
type UnitState = 'none' | 'archived' | 'active';
const unitState = (u: { archived: boolean } | null): UnitState =>
	u === null ? 'none' : u.archived ? 'archived' : 'active';

/**
 * Why an account of `communeId` (null: the province) cannot have `role` and `unitCode`, or null:
 * a province account has a province role and no unit; a commune account has a commune role, and a
 * unit of its commune (`unitOf`) exactly when the role works in one, a unit in use when it is
 * given one (`given`): an archived unit is read-only, so an account put in it could write nothing
 * (`unit_archived`). An account whose unit was archived later keeps it through a role change.
 */
function roleRefusal(
	communeId: string | null,
	role: Role,
	unitCode: string | null,
	unitOf: (code: string) => UnitState,
	given = true
): Refusal | null {
	if (isProvinceRole(role) !== (communeId === null))
		return refuse('invalid_request', { role: 'format' });
	const needsUnit = communeId !== null && roleNeedsUnit(role);
	if (needsUnit && unitCode === null)
		return refuse('invalid_request', { unitCode: 'unit_required' });
	if (!needsUnit && unitCode !== null)
		return refuse('invalid_request', { unitCode: 'unit_not_allowed' });
	if (unitCode !== null && unitOf(unitCode) === 'none')
		return refuse('invalid_request', { unitCode: 'unknown_unit' });
	if (unitCode !== null && given && unitOf(unitCode) === 'archived')
		return refuse('invalid_request', { unitCode: 'unit_archived' });
	return null;
}

/**
 * A commune account. `actor` is the commune's admin (it is created in the admin's own commune),
 * or null for the system: the first start and a province admin creating a commune's first admin
 * (`communeId` then says which commune). `by`: who the audit log names (the admin, or the
 * province admin who made the commune; the first start logs nothing).
 */
export async function createUser(
	ctx: ServerContext,
	actor: AuditActor | null,
	input: z.output<typeof newUserSchema>,
	communeId: string | null = actor?.communeId ?? null,
	by: AuditActor | null = actor
): Promise<CreateUserOutcome> {
	if (actor !== null && !can(actor, 'user.manage', null)) return refuse('forbidden');
	if (actor !== null && actor.communeId !== communeId) return refuse('forbidden');
	if (communeId === null || !(await ctx.storage.findCommune(communeId))) return refuse('not_found');
	const unit =
		input.unitCode === null ? null : await ctx.storage.findUnit(communeId, input.unitCode);
	const unitProblem = roleRefusal(communeId, input.role, input.unitCode, () => unitState(unit));
	if (unitProblem) return unitProblem;
	// Usernames are unique across the server, so `taken` also answers for a name of another
	// commune or of the province: a commune admin could list them by trying names (attacker review,
	// finding 8). The answer is the same wherever the name is taken, and an admin gets at most
	// TAKEN_MAX of them in the window, with the other admins of the commune; then 429 until the oldest leaves it.
	const now = ctx.now();
	const trial =
		actor !== null
			? await ctx.storage.reserveLoginAttempt(takenKey(communeId), now - LOGIN_WINDOW_MS, now)
			: null;
	if (trial && !trial.ok) return refuse('rate_limited');
	let created: UserRow | null;
	try {
		const row: UserRow = {
			id: ctx.newId(),
			username: normaliseUsername(input.username),
			communeId,
			displayName: input.displayName,
			passwordHash: await ctx.hashes.run(() => hashPassword(input.password, ctx.scrypt)),
			role: input.role,
			unitCode: input.unitCode,
			disabled: false,
			mustChangePassword: false,
			createdAt: now
		};
		created = await ctx.storage.createUser(
			row,
			by
				? [
						auditEntry(ctx, by, communeId, 'user.created', userTarget(row), {
							role: row.role,
							unitCode: row.unitCode
						})
					]
				: []
		);
	} catch (err) {
		// Not answered `taken` (the hash queue was full, a storage error): not counted.
		if (trial?.ok) await ctx.storage.releaseLoginAttempts(trial.ids);
		throw err;
	}
	if (!created) return refuse('conflict', { username: 'taken' });
	// Only a `taken` answer is counted.
	if (trial?.ok) await ctx.storage.releaseLoginAttempts(trial.ids);
	return { ok: true, user: created };
}

/** A province account (Sở Nội vụ), made by the province admin or, with null, at first start. */
export async function createProvinceUser(
	ctx: ServerContext,
	actor: AuditActor | null,
	input: z.output<typeof newProvinceUserSchema>
): Promise<CreateUserOutcome> {
	if (actor !== null && !canProvince(actor, 'province.manage')) return refuse('forbidden');
	const user: UserRow = {
		id: ctx.newId(),
		username: normaliseUsername(input.username),
		communeId: null,
		displayName: input.displayName,
		passwordHash: await ctx.hashes.run(() => hashPassword(input.password, ctx.scrypt)),
		role: input.role,
		unitCode: null,
		disabled: false,
		mustChangePassword: false,
		createdAt: ctx.now()
	};
	const created = await ctx.storage.createUser(
		user,
		actor
			? [
					auditEntry(ctx, actor, null, 'user.created', userTarget(user), {
						role: user.role,
						unitCode: null
					})
				]
			: []
	);
	return created ? { ok: true, user: created } : refuse('conflict', { username: 'taken' });
}

/** The accounts of one commune (null: the province accounts) with their lock-out and live
 * sessions, for the admin's list. */
export async function listAccounts(
	ctx: ServerContext,
	communeId: string | null
): Promise<AdminUser[]> {
	// Only the listed scope's sessions (each account keeps at most MAX_SESSIONS_PER_USER).
	const sessions = await ctx.storage.listActiveSessions(ctx.now(), communeId);
	const users = await ctx.storage.listUsers(communeId);
	return Promise.all(
		users.map(async (u) => ({
			...publicUser(u),
			disabled: u.disabled,
			createdAt: u.createdAt,
			lockedUntil: await accountLockedUntil(ctx, u.username),
			sessions: sessions
				.filter((s) => s.userId === u.id)
				.map((s) => ({ id: sessionId(s), createdAt: s.createdAt, expiresAt: s.expiresAt }))
		}))
	);
}

type Outcome = { ok: true; user: UserRow } | Refusal;

/**
 * The account an admin acts on. A commune admin reaches their own commune's accounts; the
 * province admin (no commune) reaches the province accounts only, never a commune's.
 */
async function target(ctx: ServerContext, actor: Actor, id: string): Promise<Outcome> {
	const allowed =
		actor.communeId === null
			? canProvince(actor, 'province.manage')
			: can(actor, 'user.manage', null);
	if (!allowed) return refuse('forbidden');
	const user = await ctx.storage.findUserById(id);
	// Another commune's account is not there for this admin (same answer as an unknown id).
	return user && user.communeId === actor.communeId ? { ok: true, user } : refuse('not_found');
}

/** The role that manages a scope's accounts: the commune's admin, or the province admin. */
const adminRoleOf = (communeId: string | null): UserRow['role'] =>
	communeId === null ? 'province_admin' : 'admin';

/**
 * Change role and unit, or disable / re-enable. Disabling ends every session and forgets every
 * login device of the account in the same transaction. An admin may not disable or demote their
 * own account, nor leave the commune (or the province) without an enabled admin. The whole action
 * is one storage operation (`changeUser`), decided from the account's row and the patch's unit as
 * that transaction reads them: two admins disabling each other at once cannot both succeed,
 * whichever processes take the requests, and a change made by another admin a moment before
 * (after this request first looked at the account) is neither overwritten nor logged as the wrong
 * "from". Only the fields the patch names are written, and only a unit the patch names is looked
 * up: a role change keeps the account's unit, whatever another admin made it meanwhile.
 */
export async function updateUser(
	ctx: ServerContext,
	actor: AuditActor,
	id: string,
	patch: { role?: Role; unitCode?: string | null; disabled?: boolean }
): Promise<Outcome> {
	const found = await target(ctx, actor, id);
	if (!found.ok) return found;
	// An account never changes scope: its admin role is the one of the row read here.
	const adminRole = adminRoleOf(found.user.communeId);
	const field = patch.disabled ? 'disabled' : 'role';
	// The unit the patch names, looked up here: no unit row is ever removed (a deleted unit is
	// archived) and an account never changes commune, so one found now is still the account's
	// commune's at the commit. Only a unit the patch names is checked: a role-only change never
	// asks about the unit the account has (another admin may have just moved it; code review r11,
	// 4). A province account is refused `unit_not_allowed` before the unit is asked about.
	// Archived or not is read here too: a unit archived between this read and the commit (a push
	// of the unit list) may still be given; the account then writes nothing, as any account of it.
	const unit: UnitState =
		typeof patch.unitCode !== 'string' || found.user.communeId === null
			? 'active'
			: unitState(await ctx.storage.findUnit(found.user.communeId, patch.unitCode));
	const updated = await ctx.storage.changeUser(id, adminRole, (before): UserDecision<Refusal> => {
		const no = (r: Refusal) => ({ ok: false, refusal: r }) as const;
		const next = {
			role: patch.role ?? before.role,
			unitCode: patch.unitCode !== undefined ? patch.unitCode : before.unitCode,
			disabled: patch.disabled ?? before.disabled
		};
		if (patch.role !== undefined || patch.unitCode !== undefined) {
			// Keeping the unit the account has is no assignment, even of a unit archived since.
			const given = next.unitCode !== before.unitCode;
			const problem = roleRefusal(before.communeId, next.role, next.unitCode, () => unit, given);
			if (problem) return no(problem);
		}
		const write: UserPatch = {};
		if (patch.role !== undefined) write.role = patch.role;
		if (patch.unitCode !== undefined) write.unitCode = patch.unitCode;
		if (patch.disabled !== undefined) write.disabled = patch.disabled;
		if (losesAdmin(before, write, adminRole) && before.id === actor.id)
			return no(refuse('conflict', { [field]: 'self' }));
		return {
			ok: true,
			patch: write,
			// What this change really replaced (the second of two identical changes logs nothing).
			audit: userChangeEntries(ctx, actor, before, next),
			...(next.disabled && !before.disabled ? { endAccess: {} } : {})
		};
	});
	if (!updated.ok)
		return updated.reason === 'refused'
			? updated.refusal
			: updated.reason === 'last_admin'
				? refuse('conflict', { [field]: 'last_admin' })
				: refuse('not_found');
	return { ok: true, user: updated.user };
}

/**
 * An admin sets a new password: in one transaction the password is replaced, the user must change
 * it, the account's sessions end and its login devices are forgotten, and the entry is written.
 */
export async function resetPassword(
	ctx: ServerContext,
	actor: AuditActor,
	id: string,
	password: string
): Promise<Outcome> {
	const found = await target(ctx, actor, id);
	if (!found.ok) return found;
	const passwordHash = await ctx.hashes.run(() => hashPassword(password, ctx.scrypt));
	const updated = await ctx.storage.changeUser(
		id,
		adminRoleOf(found.user.communeId),
		(before): UserDecision<never> => ({
			ok: true,
			patch: { passwordHash, mustChangePassword: true },
			endAccess: {},
			audit: [
				auditEntry(ctx, actor, before.communeId, 'user.password_reset', userTarget(before), {})
			]
		})
	);
	// A reset takes no admin away: only an unknown account is refused.
	return updated.ok ? { ok: true, user: updated.user } : refuse('not_found');
}

export async function endUserSessions(
	ctx: ServerContext,
	actor: AuditActor,
	id: string
): Promise<{ ok: true; ended: number } | Refusal> {
	const found = await target(ctx, actor, id);
	if (!found.ok) return found;
	const ended = await ctx.storage.endUserAccess(id, [
		auditEntry(ctx, actor, found.user.communeId, 'user.sessions_ended', userTarget(found.user), {})
	]);
	return { ok: true, ended };
}

/** Lift the account's sign-in lock-out; `lifted` is false (and nothing is logged) when there
 * was no failed attempt left to forget. */
export async function unlockUser(
	ctx: ServerContext,
	actor: AuditActor,
	id: string
): Promise<{ ok: true; user: UserRow; lifted: boolean } | Refusal> {
	const found = await target(ctx, actor, id);
	if (!found.ok) return found;
	const cleared = await liftLockout(ctx, found.user.username, [
		auditEntry(ctx, actor, found.user.communeId, 'user.unlocked', userTarget(found.user), {})
	]);
	return { ok: true, user: found.user, lifted: cleared > 0 };
}

/**
 * The signed-in user changes their own password (the current one is checked). Clears the
 * must-change flag, ends the user's other sessions and forgets every login device of the account;
 * `keepTokenHash` is this request's session.
 */
export async function changeOwnPassword(
	ctx: ServerContext,
	userId: string,
	input: { currentPassword: string; newPassword: string },
	keepTokenHash: string | undefined
): Promise<Outcome> {
	const user = await ctx.storage.findUserById(userId);
	if (!user || user.disabled) return refuse('not_found');
	// Guessing the current password through a stolen session is limited like a sign-in.
	const now = ctx.now();
	const reserved = await ctx.storage.reserveLoginAttempt(
		[{ key: `pw:${userId}`, max: LOGIN_MAX_FAILURES }],
		now - LOGIN_WINDOW_MS,
		now
	);
	if (!reserved.ok) return refuse('rate_limited');
	let valid: boolean;
	try {
		valid = await ctx.hashes.run(() => verifyPassword(input.currentPassword, user.passwordHash));
	} catch (e) {
		// Not checked (the hashes' queue is full): not a failed guess either.
		if (e instanceof HashBusyError) await ctx.storage.releaseLoginAttempts(reserved.ids);
		throw e;
	}
	if (!valid) return refuse('invalid_request', { currentPassword: 'wrong_password' });
	await ctx.storage.releaseLoginAttempts(reserved.ids);
	const passwordHash = await ctx.hashes.run(() => hashPassword(input.newPassword, ctx.scrypt));
	// One transaction: the new password, the other sessions ended and every login device
	// forgotten, this one's included: its cookie is sent to the sign-in path only, so this request
	// cannot say which device it is. This device keeps its session; it gets a new login device at
	// its next sign-in. Not an admin action: no entry. Decided from the row the transaction reads:
	// a reset or another change of the password that committed since the current password was
	// verified (against `user`'s hash) wins, and this one is refused (409, the current password
	// typed is no longer the account's).
	const updated = await ctx.storage.changeUser(
		userId,
		adminRoleOf(user.communeId),
		(before): UserDecision<Refusal> =>
			before.disabled
				? { ok: false, refusal: refuse('not_found') }
				: before.passwordHash !== user.passwordHash
					? { ok: false, refusal: refuse('conflict', { currentPassword: 'wrong_password' }) }
					: {
							ok: true,
							patch: { passwordHash, mustChangePassword: false },
							endAccess: { keepTokenHash },
							audit: []
						}
	);
	if (!updated.ok) return updated.reason === 'refused' ? updated.refusal : refuse('not_found');
	return { ok: true, user: updated.user };
}
