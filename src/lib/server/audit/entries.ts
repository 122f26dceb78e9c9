/**
 * The audit entries of administrative actions (docs/SECURITY.md, "Audit log"), made where each
 * action is decided and handed to the storage call that does it, so entry and action commit
 * together (a failed or refused action logs nothing). Time is the server's clock.
 */
import { auditInput, type AuditAction, type AuditDetail, type AuditInput } from '$lib/domain/audit';
import type { Role } from '$lib/domain/users';
import type { Actor } from '../auth/permissions';
import type { ServerContext } from '../context';
import type { CommuneRow, UserRow } from '../storage/types';

/** Who acts: a signed-in account (its username is kept with the entry, as it was then). */
export type AuditActor = Actor & { username: string };

/** An entry by `actor` about `target`, in `communeId`'s log (null: the province's own). */
export function auditEntry<A extends AuditAction>(
	ctx: Pick<ServerContext, 'now'>,
	actor: AuditActor,
	communeId: string | null,
	action: A,
	target: { id: string; name: string | null } | null,
	detail: AuditDetail<A>
): AuditInput {
	return auditInput({
		at: ctx.now(),
		communeId,
		actorId: actor.id,
		actorUsername: actor.username,
		action,
		targetId: target?.id ?? null,
		targetName: target?.name ?? null,
		detail
	});
}

export const userTarget = (u: Pick<UserRow, 'id' | 'username'>) => ({
	id: u.id,
	name: u.username
});

export const communeTarget = (c: Pick<CommuneRow, 'id' | 'name'>) => ({ id: c.id, name: c.name });

/** The entries of a change to an account: its role or unit, and its being disabled or enabled. */
export function userChangeEntries(
	ctx: Pick<ServerContext, 'now'>,
	actor: AuditActor,
	user: UserRow,
	next: { role: Role; unitCode: string | null; disabled: boolean }
): AuditInput[] {
	const entries: AuditInput[] = [];
	const target = userTarget(user);
	if (next.role !== user.role || next.unitCode !== user.unitCode)
		entries.push(
			auditEntry(ctx, actor, user.communeId, 'user.role_changed', target, {
				from: { role: user.role, unitCode: user.unitCode },
				to: { role: next.role, unitCode: next.unitCode }
			})
		);
	if (next.disabled !== user.disabled)
		entries.push(
			auditEntry(
				ctx,
				actor,
				user.communeId,
				next.disabled ? 'user.disabled' : 'user.enabled',
				target,
				{}
			)
		);
	return entries;
}

/** Roles whose sign-ins are logged: those that manage accounts. */
export const SIGN_IN_LOGGED: readonly Role[] = ['admin', 'province_admin'];
