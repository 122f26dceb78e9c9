/**
 * The province admin creates a commune (a tenant) with its built-in units, its settings (name and
 * province) and its first admin; that admin then runs the commune like a single-commune install.
 */
import type { z } from 'zod';
import type { CommuneUpdate, newCommuneSchema } from '$lib/domain/province';
import type { ServerContext } from '../context';
import { seedCommune } from '../auth/bootstrap';
import { canProvince } from '../auth/permissions';
import { auditEntry, communeTarget, type AuditActor } from '../audit/entries';
import { createUser, type Refusal } from '../auth/users';
import type { CommuneRow, UserRow } from '../storage/types';

export type CreateCommuneOutcome = { ok: true; commune: CommuneRow; admin: UserRow } | Refusal;

const refuse = (code: Refusal['code'], fields?: Refusal['fields']): Refusal => ({
	ok: false,
	code,
	...(fields ? { fields } : {})
});

/**
 * A commune id already used is refused (`id: taken`), unless that commune has no account yet (a
 * retry after the admin could not be made): then its first admin is made now.
 */
export async function createCommune(
	ctx: ServerContext,
	actor: AuditActor,
	input: z.output<typeof newCommuneSchema>
): Promise<CreateCommuneOutcome> {
	if (!canProvince(actor, 'province.manage')) return refuse('forbidden');
	if (await ctx.storage.findUserByUsername(input.adminUsername))
		return refuse('conflict', { adminUsername: 'taken' });
	let commune = await ctx.storage.findCommune(input.id);
	if (commune && (await ctx.storage.listUsers(commune.id)).length > 0)
		return refuse('conflict', { id: 'taken' });
	if (!commune) {
		const row: CommuneRow = {
			id: input.id,
			name: input.name,
			area: input.area,
			parentName: input.parentName,
			createdAt: ctx.now()
		};
		commune = await ctx.storage.createCommune(row, [
			auditEntry(ctx, actor, row.id, 'commune.created', communeTarget(row), {
				name: row.name,
				area: row.area
			})
		]);
	}
	if (!commune) return refuse('conflict', { id: 'taken' });
	await seedCommune(ctx, commune.id, {
		communeName: commune.name,
		province: commune.parentName ?? ''
	});
	const admin = await createUser(
		ctx,
		null,
		{
			username: input.adminUsername,
			password: input.adminPassword,
			displayName: input.adminDisplayName,
			role: 'admin',
			unitCode: null
		},
		commune.id,
		actor
	);
	if (!admin.ok) return refuse('conflict', { adminUsername: 'taken' });
	// The province chose this password: the commune's admin must set their own at first sign-in,
	// so the province never keeps a way into the commune's records (docs/SECURITY.md).
	const first = (await ctx.storage.updateUser(admin.user.id, { mustChangePassword: true })) ?? {
		...admin.user,
		mustChangePassword: true
	};
	return { ok: true, commune, admin: first };
}

export type UpdateCommuneOutcome = { ok: true; commune: CommuneRow } | Refusal;

/**
 * The province admin corrects a commune's name or sets its area (province review 7): the migrated
 * `default` commune has neither until then. Only `province.manage`; an unknown id is `not_found`.
 * The commune's own settings name (what its documents print) is the commune's and stays.
 */
export async function updateCommune(
	ctx: ServerContext,
	actor: AuditActor,
	id: string,
	patch: CommuneUpdate
): Promise<UpdateCommuneOutcome> {
	if (!canProvince(actor, 'province.manage')) return refuse('forbidden');
	// The entry from the commune as the update's transaction reads it: two province admins
	// renaming it at once log what each really replaced (the second, nothing if the same).
	const entries = (before: CommuneRow) => {
		const name =
			patch.name !== undefined && patch.name !== before.name
				? { name: { from: before.name, to: patch.name } }
				: {};
		const area =
			patch.area !== undefined && patch.area !== before.area
				? { area: { from: before.area, to: patch.area } }
				: {};
		return Object.keys(name).length + Object.keys(area).length > 0
			? [auditEntry(ctx, actor, id, 'commune.updated', communeTarget(before), { ...name, ...area })]
			: [];
	};
	const commune = await ctx.storage.updateCommune(
		id,
		{
			...(patch.name !== undefined ? { name: patch.name } : {}),
			...(patch.area !== undefined ? { area: patch.area } : {})
		},
		entries
	);
	return commune ? { ok: true, commune } : refuse('not_found');
}
