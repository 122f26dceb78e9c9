/**
 * The province admin's accounts (Sở Nội vụ): list, create, change role, disable / re-enable and
 * reset the password of province accounts through /api/province/users, never a commune's account;
 * commune accounts and the province monitor are refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedTwoCommunes, type TwoCommunes } from '$factories/communes';
import { adminUserSchema, errorBodySchema, type PublicUser } from '$lib/domain/sync/protocol';
import { resolveSession } from '../auth/session';
import { publicUser } from '../auth/users';
import { patchUser } from '../http/handlers';
import type { ApiEvent } from '../http/handlers';
import { authenticate } from '../http/request-auth';
import { openSeededServer, sessionFor, type TestServer } from '../test-server';
import * as api from './handlers';

let s: TestServer;
let t: TwoCommunes;
beforeEach(async () => {
	s = await openSeededServer();
	t = await seedTwoCommunes(s);
});
afterEach(() => s.close());

type Handler = (ctx: TestServer['ctx'], e: ApiEvent) => Promise<Response>;

async function call(
	handler: Handler,
	user: PublicUser,
	path: string,
	init: { method?: string; body?: unknown; params?: Record<string, string> } = {}
) {
	const token = (await sessionFor(s.ctx, user.id)).token;
	const request = new Request(`http://localhost${path}`, {
		method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: init.body === undefined ? undefined : JSON.stringify(init.body)
	});
	const row = await authenticate(s.ctx, request);
	const event = {
		request,
		user: row ? publicUser(row) : null,
		clientAddress: '::1',
		params: init.params ?? {}
	};
	return handler(s.ctx, event);
}

const patch = (user: PublicUser, id: string, body: unknown) =>
	call(api.patchProvinceUser, user, `/api/province/users/${id}`, {
		method: 'PATCH',
		body,
		params: { id }
	});
const reset = (user: PublicUser, id: string, password: string) =>
	call(api.postProvinceUserPassword, user, `/api/province/users/${id}/password`, {
		body: { password },
		params: { id }
	});
const errorOf = async (res: Response) => errorBodySchema.parse(await res.json()).error;

describe('/api/province/users', () => {
	it('lists the province accounts only, with their state', async () => {
		const res = await call(api.getProvinceUsers, t.province.province_admin, '/api/province/users');
		expect(res.status).toBe(200);
		const { users } = (await res.json()) as { users: unknown[] };
		const list = adminUserSchema.array().parse(users);
		expect(list.map((u) => u.username).sort()).toEqual(['tinh-admin', 'tinh-monitor']);
		expect(list.every((u) => u.communeId === null && !u.disabled)).toBe(true);
	});

	it('disables a monitor (its sessions end, it cannot sign in), re-enables it and changes its role', async () => {
		const monitor = t.province.province_monitor;
		const session = await sessionFor(s.ctx, monitor.id);
		const off = await patch(t.province.province_admin, monitor.id, { disabled: true });
		expect(off.status).toBe(200);
		expect(await resolveSession(s.ctx, session.token)).toBeNull();
		expect((await s.storage.findUserById(monitor.id))?.disabled).toBe(true);

		const on = await patch(t.province.province_admin, monitor.id, { disabled: false });
		expect(on.status).toBe(200);
		expect((await s.storage.findUserById(monitor.id))?.disabled).toBe(false);

		const promoted = await patch(t.province.province_admin, monitor.id, {
			role: 'province_admin'
		});
		expect(promoted.status).toBe(200);
		expect((await s.storage.findUserById(monitor.id))?.role).toBe('province_admin');
	});

	it('resets a password: sessions end and the account must change it', async () => {
		const monitor = t.province.province_monitor;
		const session = await sessionFor(s.ctx, monitor.id);
		const res = await reset(t.province.province_admin, monitor.id, 'mot mat khau moi dai 1');
		expect(res.status).toBe(200);
		expect(await resolveSession(s.ctx, session.token)).toBeNull();
		expect((await s.storage.findUserById(monitor.id))?.mustChangePassword).toBe(true);

		const short = await reset(t.province.province_admin, monitor.id, 'ngan');
		expect(short.status).toBe(400);
		expect((await errorOf(short)).fields).toMatchObject({ password: 'too_short' });
	});

	it('refuses a commune role, disabling oneself, and any commune account (404)', async () => {
		const admin = t.province.province_admin;
		const commune = await patch(admin, t.province.province_monitor.id, { role: 'admin' });
		expect(commune.status).toBe(400);
		expect((await errorOf(commune)).fields).toHaveProperty('role');

		const self = await patch(admin, admin.id, { disabled: true });
		expect(self.status).toBe(409);
		expect((await errorOf(self)).fields).toMatchObject({ disabled: 'self' });

		const other = await patch(admin, t.b.admin.id, { disabled: true });
		expect(other.status).toBe(404);
		expect((await s.storage.findUserById(t.b.admin.id))?.disabled).toBe(false);
		const otherReset = await reset(admin, t.a.staff.id, 'mot mat khau moi dai 2');
		expect(otherReset.status).toBe(404);
		expect((await s.storage.findUserById(t.a.staff.id))?.mustChangePassword).toBe(false);
	});

	it('refuses the province monitor and commune admins; a commune admin cannot reach a province account either way', async () => {
		const target = t.province.province_monitor.id;
		for (const user of [t.province.province_monitor, t.a.admin, t.b.admin]) {
			const list = await call(api.getProvinceUsers, user, '/api/province/users');
			expect(list.status).toBe(403);
			expect((await errorOf(list)).code).toBe('forbidden');
			expect((await patch(user, target, { disabled: true })).status).toBe(403);
			expect((await reset(user, target, 'mot mat khau moi dai 3')).status).toBe(403);
		}
		// Through the commune's own /api/users: another scope's account is not there.
		const viaCommune = await call(patchUser, t.a.admin, `/api/users/${target}`, {
			method: 'PATCH',
			body: { disabled: true },
			params: { id: target }
		});
		expect(viaCommune.status).toBe(404);
		expect((await s.storage.findUserById(target))?.disabled).toBe(false);
	});
});
