/** User accounts: creation by an admin, and the public shape sent to clients. */
import { z } from 'zod';
import { unitCodeSchema } from '$lib/domain/schemas';
import { ROLES, type PublicUser } from '$lib/sync/protocol';
import type { ServerContext } from '../context';
import type { UserRow } from '../storage/types';
import { normaliseUsername } from './login';
import { hashPassword } from './password';
import { can, roleNeedsUnit, type Actor } from './permissions';

export const newUserSchema = z.object({
	username: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9._-]{3,32}$/),
	password: z.string().min(8).max(256),
	displayName: z.string().trim().max(200).default(''),
	role: z.enum(ROLES),
	unitCode: unitCodeSchema.nullable().default(null)
});
export type NewUser = z.input<typeof newUserSchema>;

export type CreateUserOutcome =
	| { ok: true; user: UserRow }
	| {
			ok: false;
			code: 'forbidden' | 'username_taken' | 'unknown_unit' | 'unit_required' | 'unit_not_allowed';
	  };

export const publicUser = (u: UserRow): PublicUser => ({
	id: u.id,
	username: u.username,
	displayName: u.displayName,
	role: u.role,
	unitCode: u.unitCode
});

export async function createUser(
	ctx: ServerContext,
	actor: Actor | null,
	input: z.output<typeof newUserSchema>
): Promise<CreateUserOutcome> {
	if (actor !== null && !can(actor, 'user.manage', null)) return { ok: false, code: 'forbidden' };
	if (roleNeedsUnit(input.role) && input.unitCode === null)
		return { ok: false, code: 'unit_required' };
	if (!roleNeedsUnit(input.role) && input.unitCode !== null)
		return { ok: false, code: 'unit_not_allowed' };
	if (input.unitCode !== null && !(await ctx.storage.findUnit(input.unitCode))) {
		return { ok: false, code: 'unknown_unit' };
	}
	const user: UserRow = {
		id: ctx.newId(),
		username: normaliseUsername(input.username),
		displayName: input.displayName,
		passwordHash: await hashPassword(input.password, ctx.scrypt),
		role: input.role,
		unitCode: input.unitCode,
		disabled: false,
		createdAt: ctx.now()
	};
	const created = await ctx.storage.createUser(user);
	return created ? { ok: true, user: created } : { ok: false, code: 'username_taken' };
}
