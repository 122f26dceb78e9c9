/**
 * An archived unit is given to no account (created, or moved to it): `400 invalid_request` with
 * `fields: {unitCode: 'unit_archived'}`, on both engines. An account whose unit was archived later
 * keeps it through a role change (keeping is no assignment).
 */
import { describe, expect, it } from 'vitest';
import { useCleanups } from '$factories/pg-cluster';
import { DEFAULT_COMMUNE as C } from '../storage/types';
import { openSeededEngine, TEST_ENGINES } from '../test-engines';
import { addUser, archiveUnit } from '../test-server';
import { createUser, updateUser } from './users';

const cleanups = useCleanups();

describe.each(TEST_ENGINES)(
	'an archived unit and the accounts on $name',
	{ timeout: 30_000 },
	(engine) => {
		async function seeded() {
			const s = await openSeededEngine(engine);
			cleanups.push(() => s.close());
			const admin = await addUser(s.ctx, 'admin-2', 'admin', null);
			const staff = await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
			const archived = await archiveUnit(s.ctx, admin, 'KT');
			expect(archived.results[0]!.status).toBe('applied');
			expect((await s.storage.findUnit(C, 'KT'))!.archived).toBe(true);
			return { ...s, admin, staff };
		}

		it('refuses creating an account in it, and moving one to it', async () => {
			const { ctx, storage, admin, staff } = await seeded();
			const input = {
				username: 'can-bo-kt',
				password: 'mat-khau-dai-2026',
				displayName: 'Cán bộ KT',
				role: 'staff' as const
			};
			expect(await createUser(ctx, admin, { ...input, unitCode: 'KT' })).toEqual({
				ok: false,
				code: 'invalid_request',
				fields: { unitCode: 'unit_archived' }
			});
			expect(await storage.findUserByUsername('can-bo-kt')).toBeNull();
			// A unit in use is still given.
			expect((await createUser(ctx, admin, { ...input, unitCode: 'VP' })).ok).toBe(true);

			const vp = await addUser(ctx, 'staff-vp', 'staff', 'VP');
			expect(await updateUser(ctx, admin, vp.id, { unitCode: 'KT' })).toEqual({
				ok: false,
				code: 'invalid_request',
				fields: { unitCode: 'unit_archived' }
			});
			expect((await storage.findUserById(vp.id))!.unitCode).toBe('VP');
			// Its account keeps the unit through a role change (the form sends the unit it shows).
			const kept = await updateUser(ctx, admin, staff.id, { role: 'unit_head', unitCode: 'KT' });
			expect(kept.ok && kept.user).toMatchObject({ role: 'unit_head', unitCode: 'KT' });
			// And is moved out of it to a unit in use.
			const moved = await updateUser(ctx, admin, staff.id, { unitCode: 'VP' });
			expect(moved.ok && moved.user.unitCode).toBe('VP');
			// Once out, it does not go back.
			expect((await updateUser(ctx, admin, staff.id, { unitCode: 'KT' })).ok).toBe(false);
		});
	}
);
