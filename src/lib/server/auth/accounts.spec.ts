/**
 * Sign-in limits under concurrency, admin account management and the forced password change,
 * through the same handler functions the routes call (with what hooks.server.ts does first).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminUserSchema, errorBodySchema, type AdminUser } from '$lib/domain/sync/protocol';
import { addUser, openSeededServer, type TestServer } from '../test-server';
import * as api from '../http/handlers';
import { authenticate, passwordGate } from '../http/request-auth';
import { cleanup, startCleanup, type Timers } from './cleanup';
import { HashBusyError, HashLimiter } from './hash-limit';
import {
	ACCOUNT_MAX_FAILURES,
	ADDRESS_MAX_FAILURES,
	LOGIN_DEVICE_COOKIE,
	LOGIN_MAX_FAILURES,
	LOGIN_WINDOW_MS,
	login
} from './login';
import { publicUser, TAKEN_MAX } from './users';
import { seedTwoCommunes } from '$factories/communes';
import { SESSION_TTL_MS } from './session';
import { DEFAULT_COMMUNE } from '../storage/types';

type Handler = (ctx: TestServer['ctx'], e: api.ApiEvent) => Promise<Response>;

let s: TestServer;
let staffId: string;
beforeEach(async () => {
	s = await openSeededServer();
	staffId = (await addUser(s.ctx, 'staff-vp', 'staff', 'VP')).id;
});
afterEach(() => s.close());

function request(
	path: string,
	method = 'GET',
	body?: unknown,
	headers: Record<string, string> = {}
): Request {
	return new Request(`http://localhost${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** What hooks.server.ts does (session, password gate), then the handler. */
async function call(
	handler: Handler,
	req: Request,
	opts: { ip?: string; id?: string } = {}
): Promise<Response> {
	const row = await authenticate(s.ctx, req);
	const user = row ? publicUser(row) : null;
	const refused = passwordGate(user, new URL(req.url).pathname);
	if (refused) return refused;
	return handler(s.ctx, {
		request: req,
		user,
		clientAddress: opts.ip ?? '10.0.0.1',
		params: opts.id ? { id: opts.id } : {}
	});
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const signIn = (username: string, password: string, ip = '10.0.0.1', cookie?: string) =>
	call(
		api.postLogin,
		request('/api/auth/login', 'POST', { username, password }, cookie ? { cookie } : {}),
		{ ip }
	);

async function tokenFor(username: string, password = `${username}-password`): Promise<string> {
	const res = await signIn(username, password);
	expect(res.status).toBe(200);
	return ((await res.json()) as { token: string }).token;
}

async function error(res: Response) {
	return errorBodySchema.parse(await res.json()).error;
}

const pull = (token: string) =>
	call(api.postPull, request('/api/sync/pull', 'POST', { version: 1, cursor: 0 }, bearer(token)));

async function accounts(adminToken: string): Promise<AdminUser[]> {
	const res = await call(api.getUsers, request('/api/users', 'GET', undefined, bearer(adminToken)));
	expect(res.status).toBe(200);
	return adminUserSchema.array().parse(((await res.json()) as { users: unknown }).users);
}

function tally(statuses: number[]): Record<number, number> {
	const out: Record<number, number> = {};
	for (const st of statuses) out[st] = (out[st] ?? 0) + 1;
	return out;
}

describe('the login limit under concurrency', () => {
	it('200 parallel wrong passwords from one address: 429s, never a 200; the right one after the window works', async () => {
		const statuses = await Promise.all(
			Array.from({ length: 200 }, () => signIn('admin', 'wrong-password').then((r) => r.status))
		);
		const t = tally(statuses);
		expect(t[200]).toBeUndefined();
		expect(t[401]).toBe(LOGIN_MAX_FAILURES);
		expect(t[429]).toBe(200 - LOGIN_MAX_FAILURES);
		// The right password is refused too while the address is limited …
		expect((await signIn('admin', 'admin-password')).status).toBe(429);
		// … and works once the window has passed.
		s.clock.now += LOGIN_WINDOW_MS;
		expect((await signIn('admin', 'admin-password')).status).toBe(200);
	});

	it('200 parallel wrong passwords from 200 addresses lock the account; an admin lifts it', async () => {
		const statuses = await Promise.all(
			Array.from({ length: 200 }, (_, i) =>
				signIn('staff-vp', 'wrong-password', `10.1.${i >> 8}.${i & 255}`).then((r) => r.status)
			)
		);
		const t = tally(statuses);
		expect(t[200]).toBeUndefined();
		expect(t[401]).toBe(ACCOUNT_MAX_FAILURES);
		expect(t[429]).toBe(200 - ACCOUNT_MAX_FAILURES);

		// The owner, from a new address and device, is locked out for at most the window.
		const locked = await signIn('staff-vp', 'staff-vp-password', '10.9.9.9');
		expect(locked.status).toBe(429);
		expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);

		const admin = await tokenFor('admin', 'admin-password');
		const listed = (await accounts(admin)).find((u) => u.username === 'staff-vp')!;
		expect(listed.lockedUntil).toBe(s.clock.now + LOGIN_WINDOW_MS);

		const lift = await call(
			api.deleteUserLockout,
			request(`/api/users/${staffId}/lockout`, 'DELETE', undefined, bearer(admin)),
			{ id: staffId }
		);
		expect(lift.status).toBe(200);
		expect((await accounts(admin)).find((u) => u.username === 'staff-vp')!.lockedUntil).toBeNull();
		expect((await signIn('staff-vp', 'staff-vp-password', '10.9.9.9')).status).toBe(200);
	});

	it('a device that signed in before passes the account lock-out an attacker causes', async () => {
		const first = await signIn('admin', 'admin-password', '10.0.0.50');
		const setCookies = first.headers.getSetCookie();
		const device = setCookies.find((c) => c.startsWith(`${LOGIN_DEVICE_COOKIE}=`))!;
		expect(device).toMatch(/HttpOnly; SameSite=Strict/);
		expect(device).toContain('Path=/api/auth/login');
		const deviceCookie = device.split(';')[0]!;

		// An attacker on many addresses locks the admin account.
		for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++)
			expect((await signIn('admin', `guess-${i}`, `192.0.2.${i}`)).status).toBe(401);
		expect((await signIn('admin', 'admin-password', '198.51.100.7')).status).toBe(429);
		// The admin's own phone, even on a new address, still gets in.
		expect((await signIn('admin', 'admin-password', '198.51.100.8', deviceCookie)).status).toBe(
			200
		);
		// A device cookie is bound to its account.
		expect((await signIn('staff-vp', 'x', '198.51.100.9', deviceCookie)).status).toBe(401);
	});

	it("a login_device cookie tossed in beside the device's own does not hide it", async () => {
		const own = (await signIn('admin', 'admin-password', '10.0.0.50')).headers
			.getSetCookie()
			.find((c) => c.startsWith(`${LOGIN_DEVICE_COOKIE}=`))!
			.split(';')[0]!;
		// Another host of the site set its own device cookie (of another account) for the parent
		// domain; the browser sends it first.
		const tossed = (await signIn('staff-vp', 'staff-vp-password', '10.0.0.51')).headers
			.getSetCookie()
			.find((c) => c.startsWith(`${LOGIN_DEVICE_COOKIE}=`))!
			.split(';')[0]!;
		for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++)
			expect((await signIn('admin', `guess-${i}`, `192.0.2.${i}`)).status).toBe(401);
		expect(
			(await signIn('admin', 'admin-password', '198.51.100.8', `${tossed}; ${own}`)).status
		).toBe(200);
		expect((await signIn('admin', 'admin-password', '198.51.100.9', tossed)).status).toBe(429);
	});

	it('limits one address across usernames', async () => {
		for (let i = 0; i < ADDRESS_MAX_FAILURES; i++)
			expect((await signIn(`user${i}`, 'wrong-password', '10.7.7.7')).status).toBe(401);
		expect((await signIn('staff-vp', 'staff-vp-password', '10.7.7.7')).status).toBe(429);
		expect((await signIn('staff-vp', 'staff-vp-password', '10.7.7.8')).status).toBe(200);
	});

	it('counts an IPv6 client by its /64: a new host part per guess escapes no limit', async () => {
		// One /64, a fresh address for every guess (the client picks its host part).
		await addUser(s.ctx, 'head-vp', 'unit_head', 'VP');
		const host = (i: number) => `2001:db8:42:7:${(i + 1).toString(16)}::${i + 1}`;
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
			expect((await signIn('staff-vp', 'wrong-password', host(i))).status).toBe(401);
		// The username + address pair is full for the whole /64.
		const pair = await signIn('staff-vp', 'staff-vp-password', host(99));
		expect(pair.status).toBe(429);
		expect(errorBodySchema.parse(await pair.json()).error.code).toBe('rate_limited');
		// Spraying other usernames from the /64 fills its address limit.
		for (let i = LOGIN_MAX_FAILURES; i < ADDRESS_MAX_FAILURES; i++)
			expect((await signIn(`user${i}`, 'wrong-password', host(i))).status).toBe(401);
		expect((await signIn('head-vp', 'head-vp-password', host(200))).status).toBe(429);
		// IPv4-mapped is the IPv4 client; another /64 (and another IPv4 client) is not limited.
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++)
			expect((await signIn('head-vp', 'wrong-password', '203.0.113.77')).status).toBe(401);
		expect((await signIn('head-vp', 'head-vp-password', '::ffff:203.0.113.77')).status).toBe(429);
		expect((await signIn('head-vp', 'head-vp-password', '2001:db8:42:8::1')).status).toBe(200);
	});

	it('caps concurrent password hashes and refuses when the queue is full', async () => {
		const limiter = new HashLimiter(2, 3);
		let peak = 0;
		const releases: (() => void)[] = [];
		const job = () =>
			limiter.run(async () => {
				peak = Math.max(peak, limiter.running);
				await new Promise<void>((r) => releases.push(r));
			});
		const jobs = Array.from({ length: 5 }, job);
		await expect(job()).rejects.toBeInstanceOf(HashBusyError);
		while (releases.length > 0 || limiter.running > 0) {
			releases.shift()?.();
			await new Promise((r) => setImmediate(r));
		}
		await Promise.all(jobs);
		expect(peak).toBe(2);

		// A full queue is a 429 for the sign-in, not a failure that counts.
		s.ctx.hashes = new HashLimiter(0, 0);
		const busy = await login(s.ctx, { username: 'admin', password: 'x' }, 'ip');
		expect(busy).toMatchObject({ ok: false, code: 'rate_limited' });
		expect(await s.storage.loginLimitedUntil('acct:admin', 1, 0, 1)).toBeNull();
	});

	it('every other action that hashes a password answers a full queue 429 with Retry-After, never 500 (attacker review r20, 5)', async () => {
		const admin = await tokenFor('admin', 'admin-password');
		const staff = await tokenFor('staff-vp');
		s.ctx.hashes = new HashLimiter(0, 0);
		const newPassword = 'mot-mat-khau-moi-rat-dai';
		const answers = [
			await call(
				api.postUserPassword,
				request(`/api/users/${staffId}/password`, 'POST', { password: newPassword }, bearer(admin)),
				{ id: staffId }
			),
			await call(
				api.postUsers,
				request(
					'/api/users',
					'POST',
					{ username: 'moi-ban', password: newPassword, role: 'staff', unitCode: 'VP' },
					bearer(admin)
				)
			),
			await call(
				api.postPassword,
				request(
					'/api/auth/password',
					'POST',
					{ currentPassword: 'staff-vp-password', newPassword },
					bearer(staff)
				)
			)
		];
		for (const res of answers) {
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe('5');
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
		}
		// The own change's current password was not checked: no failed guess counted.
		expect(await s.storage.loginLimitedUntil(`pw:${staffId}`, 1, 0, 1)).toBeNull();
		expect(await s.storage.findUserByUsername('moi-ban')).toBeNull();
	});
});

describe('admin account management', () => {
	let admin: string;
	beforeEach(async () => {
		admin = await tokenFor('admin', 'admin-password');
	});

	const patch = (id: string, body: unknown, token = admin) =>
		call(api.patchUser, request(`/api/users/${id}`, 'PATCH', body, bearer(token)), { id });

	it("answers `taken` alike for any commune's name, and a commune admin only TAKEN_MAX times in the window (finding 8)", async () => {
		await seedTwoCommunes(s);
		const create = (username: string) =>
			call(
				api.postUsers,
				request(
					'/api/users',
					'POST',
					{
						username,
						displayName: 'Thử',
						password: 'mot-mat-khau-rat-dai',
						role: 'staff',
						unitCode: 'VP'
					},
					bearer(admin)
				)
			);
		const answer = async (res: Response) => ({ status: res.status, body: await res.json() });
		// Own commune, another commune, the province: one answer, nothing that says where.
		const own = await answer(await create('staff-vp'));
		expect(own.status).toBe(409);
		expect(own.body.error.fields).toEqual({ username: 'taken' });
		expect(await answer(await create('b-staff'))).toEqual(own);
		expect(await answer(await create('tinh-admin'))).toEqual(own);
		// A free name is not counted.
		expect((await create('moi-1')).status).toBe(201);
		for (let i = 3; i < TAKEN_MAX; i++) expect((await create('b-admin')).status).toBe(409);
		// Over the limit: 429 whatever the name, so no more names are learnt for a while.
		for (const name of ['b-admin', 'moi-2']) {
			const res = await create(name);
			expect(res.status).toBe(429);
			expect(errorBodySchema.parse(await res.json()).error.code).toBe('rate_limited');
			expect(res.headers.get('retry-after')).toBe(String(LOGIN_WINDOW_MS / 1000));
		}
		s.clock.now += LOGIN_WINDOW_MS + 1;
		expect((await create('moi-2')).status).toBe(201);
	});

	it('a helper admin the first one made shares the commune’s `taken` budget (attacker r12, 3)', async () => {
		await seedTwoCommunes(s);
		const create = (username: string, token: string) =>
			call(
				api.postUsers,
				request(
					'/api/users',
					'POST',
					{
						username,
						displayName: 'Thử',
						password: 'mot-mat-khau-rat-dai',
						role: username.startsWith('helper') ? 'admin' : 'staff',
						unitCode: username.startsWith('helper') ? null : 'VP'
					},
					bearer(token)
				)
			);
		// Helpers made first (a free name is not counted), then each probes names.
		expect((await create('helper-1', admin)).status).toBe(201);
		expect((await create('helper-2', admin)).status).toBe(201);
		const helpers = [await tokenFor('helper-1', 'mot-mat-khau-rat-dai')];
		helpers.push(await tokenFor('helper-2', 'mot-mat-khau-rat-dai'));
		for (let i = 0; i < TAKEN_MAX; i++) expect((await create('b-admin', admin)).status).toBe(409);
		for (const helper of helpers) {
			const res = await create('b-staff', helper);
			expect(res.status).toBe(429);
			expect((await error(res)).code).toBe('rate_limited');
		}
		// Once the window has passed, the commune's admins may ask again.
		s.clock.now += LOGIN_WINDOW_MS + 1;
		expect((await create('b-staff', helpers[0]!)).status).toBe(409);
	});

	it('disabling ends the sessions at once; re-enabling lets the user sign in again', async () => {
		const staff = await tokenFor('staff-vp');
		expect((await pull(staff)).status).toBe(200);
		const res = await patch(staffId, { disabled: true });
		expect(res.status).toBe(200);
		expect((await pull(staff)).status).toBe(401);
		expect((await signIn('staff-vp', 'staff-vp-password')).status).toBe(401);
		expect((await accounts(admin)).find((u) => u.id === staffId)).toMatchObject({
			disabled: true,
			sessions: []
		});
		expect((await patch(staffId, { disabled: false })).status).toBe(200);
		expect((await pull(staff)).status).toBe(401);
		expect((await pull(await tokenFor('staff-vp'))).status).toBe(200);
	});

	it('changes role and unit; the running session gets the new rights at once', async () => {
		const staff = await tokenFor('staff-vp');
		const res = await patch(staffId, { role: 'unit_head', unitCode: 'KT' });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ user: { role: 'unit_head', unitCode: 'KT' } });
		const me = await call(api.getMe, request('/api/auth/me', 'GET', undefined, bearer(staff)));
		expect(await me.json()).toMatchObject({ user: { role: 'unit_head', unitCode: 'KT' } });

		const noUnit = await patch(staffId, { role: 'staff', unitCode: null });
		expect(noUnit.status).toBe(400);
		expect((await error(noUnit)).fields).toEqual({ unitCode: 'unit_required' });
		const unknown = await patch(staffId, { role: 'staff', unitCode: 'NOPE' });
		expect((await error(unknown)).fields).toEqual({ unitCode: 'unknown_unit' });
		const monitorUnit = await patch(staffId, { role: 'monitor', unitCode: 'KT' });
		expect((await error(monitorUnit)).fields).toEqual({ unitCode: 'unit_not_allowed' });
	});

	it('an admin cannot disable or demote themselves, nor remove the last admin', async () => {
		const adminId = (await s.storage.findUserByUsername('admin'))!.id;
		const self = await patch(adminId, { disabled: true });
		expect(self.status).toBe(409);
		expect((await error(self)).fields).toEqual({ disabled: 'self' });
		const demote = await patch(adminId, { role: 'monitor', unitCode: null });
		expect((await error(demote)).fields).toEqual({ role: 'self' });

		const second = await addUser(s.ctx, 'admin2', 'admin', null);
		const other = await tokenFor('admin2');
		expect((await patch(adminId, { disabled: true }, other)).status).toBe(200);
		// admin2 is now the only enabled admin.
		expect((await patch(second.id, { role: 'monitor', unitCode: null }, other)).status).toBe(409);
	});

	it('reset: sessions end, the user must change the password before any other call', async () => {
		const old = await tokenFor('staff-vp');
		const reset = await call(
			api.postUserPassword,
			request(
				`/api/users/${staffId}/password`,
				'POST',
				{ password: 'tam-thoi-2026' },
				bearer(admin)
			),
			{ id: staffId }
		);
		expect(reset.status).toBe(200);
		expect((await pull(old)).status).toBe(401);
		expect((await signIn('staff-vp', 'staff-vp-password')).status).toBe(401);

		const res = await signIn('staff-vp', 'tam-thoi-2026');
		const body = (await res.json()) as { token: string; user: { mustChangePassword: boolean } };
		expect(body.user.mustChangePassword).toBe(true);
		const token = body.token;
		const second = await tokenFor('staff-vp', 'tam-thoi-2026');

		const refused = await pull(token);
		expect(refused.status).toBe(403);
		expect((await error(refused)).code).toBe('password_change_required');
		expect(
			(await call(api.getUsers, request('/api/users', 'GET', undefined, bearer(token)))).status
		).toBe(403);
		// Signing in again while the browser still sends the session cookie is allowed.
		expect(
			(
				await call(
					api.postLogin,
					request(
						'/api/auth/login',
						'POST',
						{ username: 'staff-vp', password: 'tam-thoi-2026' },
						{ cookie: `session=${token}` }
					)
				)
			).status
		).toBe(200);
		expect(
			(await call(api.getMe, request('/api/auth/me', 'GET', undefined, bearer(token)))).status
		).toBe(200);

		const change = (currentPassword: string, newPassword: string) =>
			call(
				api.postPassword,
				request('/api/auth/password', 'POST', { currentPassword, newPassword }, bearer(token))
			);
		expect((await error(await change('sai-mat-khau', 'mot-mat-khau-moi'))).fields).toEqual({
			currentPassword: 'wrong_password'
		});
		expect((await error(await change('tam-thoi-2026', 'password123'))).fields).toEqual({
			newPassword: 'common'
		});
		expect((await error(await change('tam-thoi-2026', 'ngan'))).fields).toEqual({
			newPassword: 'too_short'
		});
		expect((await error(await change('tam-thoi-2026', 'tam-thoi-2026'))).fields).toEqual({
			newPassword: 'unchanged'
		});
		const ok = await change('tam-thoi-2026', 'mat-khau-rieng-cua-lan');
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ user: { mustChangePassword: false } });
		expect((await pull(token)).status).toBe(200);
		// The user's other session ended; the new password works, the temporary one no longer.
		expect((await pull(second)).status).toBe(401);
		expect((await signIn('staff-vp', 'mat-khau-rieng-cua-lan')).status).toBe(200);
	});

	/** Sign in as staff-vp from its usual device: the `login_device` cookie it is given. */
	async function usualDevice(password = 'staff-vp-password') {
		const res = await signIn('staff-vp', password, '10.0.0.50');
		expect(res.status).toBe(200);
		const set = res.headers.getSetCookie().find((c) => c.startsWith(`${LOGIN_DEVICE_COOKIE}=`));
		return { cookie: set!.split(';')[0]!, token: ((await res.json()) as { token: string }).token };
	}
	/** Someone on many addresses locks the account out. */
	async function lockOut() {
		for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++)
			expect((await signIn('staff-vp', `guess-${i}`, `192.0.2.${i}`)).status).toBe(401);
	}
	const adminCall = (handler: Handler, path: string, method: string, body?: unknown) =>
		call(handler, request(path, method, body, bearer(admin)), { id: staffId });

	it.each([
		{
			action: 'an admin reset',
			password: 'Reset-pass-456',
			run: () =>
				adminCall(api.postUserPassword, `/api/users/${staffId}/password`, 'POST', {
					password: 'Reset-pass-456'
				})
		},
		{
			action: 'disabling (then re-enabling)',
			password: 'staff-vp-password',
			run: async () => {
				expect((await patch(staffId, { disabled: true })).status).toBe(200);
				return patch(staffId, { disabled: false });
			}
		},
		{
			action: 'ending all sessions',
			password: 'staff-vp-password',
			run: () => adminCall(api.deleteUserSessions, `/api/users/${staffId}/sessions`, 'DELETE')
		}
	])(
		'after $action, a device that signed in before is no longer exempt from the lock-out',
		async ({ password, run }) => {
			// Review finding 3: the intruder's browser signed in before the admin acted.
			const intruder = await usualDevice();
			expect((await run()).status).toBe(200);
			await lockOut();
			// The old cookie no longer lets the right password through, nor more guesses.
			expect((await signIn('staff-vp', password, '198.51.100.7', intruder.cookie)).status).toBe(
				429
			);
			expect((await signIn('staff-vp', 'guess-x', '198.51.100.8', intruder.cookie)).status).toBe(
				429
			);
			// After the lock-out, a new sign-in gets a new device, exempt again.
			s.clock.now += LOGIN_WINDOW_MS;
			const owner = await usualDevice(password);
			expect(owner.cookie).not.toBe(intruder.cookie);
			await lockOut();
			expect((await signIn('staff-vp', password, '198.51.100.9', owner.cookie)).status).toBe(200);
		}
	);

	it("the user's own password change forgets the account's login devices; this session stays", async () => {
		const intruder = await usualDevice();
		const mine = await usualDevice();
		const change = await call(
			api.postPassword,
			request(
				'/api/auth/password',
				'POST',
				{ currentPassword: 'staff-vp-password', newPassword: 'mat-khau-moi-cua-lan' },
				bearer(mine.token)
			)
		);
		expect(change.status).toBe(200);
		expect((await pull(mine.token)).status).toBe(200);
		expect((await pull(intruder.token)).status).toBe(401);
		await lockOut();
		for (const device of [intruder, mine])
			expect(
				(await signIn('staff-vp', 'mat-khau-moi-cua-lan', '198.51.100.7', device.cookie)).status
			).toBe(429);
	});

	it('ends every session of a user and lists the live ones', async () => {
		await tokenFor('staff-vp');
		s.clock.now += 1000;
		const b = await tokenFor('staff-vp');
		const listed = (await accounts(admin)).find((u) => u.id === staffId)!;
		expect(listed.sessions).toHaveLength(2);
		expect(listed.sessions[1]).toMatchObject({
			createdAt: s.clock.now,
			expiresAt: s.clock.now + SESSION_TTL_MS
		});
		expect(listed.sessions[0]!.id).toMatch(/^[0-9a-f]{12}$/);
		const res = await call(
			api.deleteUserSessions,
			request(`/api/users/${staffId}/sessions`, 'DELETE', undefined, bearer(admin)),
			{ id: staffId }
		);
		expect(await res.json()).toEqual({ ended: 2 });
		expect((await pull(b)).status).toBe(401);
		expect((await accounts(admin)).find((u) => u.id === staffId)!.sessions).toEqual([]);
	});

	it('refuses every action to a non-admin (403) and answers 404 for an unknown account', async () => {
		const staff = await tokenFor('staff-vp');
		const calls: [Handler, string, string, unknown][] = [
			[api.patchUser, '', 'PATCH', { disabled: true }],
			[api.postUserPassword, '/password', 'POST', { password: 'mot-mat-khau-moi' }],
			[api.deleteUserSessions, '/sessions', 'DELETE', undefined],
			[api.deleteUserLockout, '/lockout', 'DELETE', undefined]
		];
		for (const [h, suffix, method, body] of calls) {
			const forbidden = await call(
				h,
				request(`/api/users/${staffId}${suffix}`, method, body, bearer(staff)),
				{ id: staffId }
			);
			expect(forbidden.status).toBe(403);
			const missing = await call(
				h,
				request(`/api/users/nobody${suffix}`, method, body, bearer(admin)),
				{ id: 'nobody' }
			);
			expect(missing.status).toBe(404);
		}
	});

	it('refuses a weak password on create and reset, naming the field', async () => {
		const create = await call(
			api.postUsers,
			request(
				'/api/users',
				'POST',
				{ username: 'lan', password: '1234567890', role: 'staff', unitCode: 'VP' },
				bearer(admin)
			)
		);
		expect(create.status).toBe(400);
		expect((await error(create)).fields).toEqual({ password: 'common' });
		const reset = await call(
			api.postUserPassword,
			request(`/api/users/${staffId}/password`, 'POST', { password: 'short' }, bearer(admin)),
			{ id: staffId }
		);
		expect((await error(reset)).fields).toEqual({ password: 'too_short' });
		const taken = await call(
			api.postUsers,
			request(
				'/api/users',
				'POST',
				{ username: 'staff-vp', password: 'mot-mat-khau-moi', role: 'staff', unitCode: 'VP' },
				bearer(admin)
			)
		);
		expect(taken.status).toBe(409);
		expect((await error(taken)).fields).toEqual({ username: 'taken' });
	});
});

describe('clean-up on a timer', () => {
	it('removes expired sessions, old attempts and expired devices each tick of the injected clock', async () => {
		const staff = await tokenFor('staff-vp');
		await signIn('admin', 'wrong-password');
		let tick: (() => void) | null = null;
		let cleared = false;
		const timers: Timers = {
			setInterval: (fn) => {
				tick = fn;
				return 1;
			},
			clearInterval: () => {
				cleared = true;
			}
		};
		const job = startCleanup(s.ctx, 60_000, timers);
		await job.done;
		// Nothing old yet.
		expect(await s.storage.loginLimitedUntil('acct:admin', 1, 0, 1)).not.toBeNull();
		expect(await s.storage.listActiveSessions(0, DEFAULT_COMMUNE)).toHaveLength(1);

		s.clock.now += LOGIN_WINDOW_MS + 1;
		// One failed sign-in is three attempts: user and address, address, account.
		expect(await cleanup(s.ctx)).toMatchObject({ attempts: 3, sessions: 0 });
		expect(await s.storage.loginLimitedUntil('acct:admin', 1, 0, 1)).toBeNull();

		s.clock.now += SESSION_TTL_MS;
		tick!();
		await expect.poll(() => s.storage.listActiveSessions(0, DEFAULT_COMMUNE)).toHaveLength(0);
		expect((await pull(staff)).status).toBe(401);
		job.stop();
		expect(cleared).toBe(true);
	});
});
