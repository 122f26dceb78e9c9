/**
 * Control characters at the edges (attacker review, finding 4), on both engines: a NUL in a
 * username, a record id, a route id or a name is refused with a 4xx (per mutation in a push),
 * never a 500 from PostgreSQL (which cannot store a NUL in text) and never accepted by one engine
 * only. Free text inside a record (a title) may hold one: it is stored as JSON text and comes
 * back exactly.
 */
import { describe, expect, it } from 'vitest';
import { useCleanups } from '$factories/pg-cluster';
import { meeting, mutation } from '$factories/sync';
import { isPlainText } from '$lib/domain/plain-text';
import { errorBodySchema, pullResponseSchema, pushResponseSchema } from '$lib/domain/sync/protocol';
import { bootstrap } from '../auth/bootstrap';
import { addressKey } from '../auth/login';
import { publicUser } from '../auth/users';
import * as province from '../province/handlers';
import * as push from '../push/handlers';
import { startPush, stopPush } from '../push/service';
import { openSeededEngine, TEST_ENGINES, type EngineServer } from '../test-engines';
import { addUser } from '../test-server';
import { handle } from './errors';
import * as api from './handlers';
import { authenticate } from './request-auth';

const cleanups = useCleanups();

type Handler = (ctx: EngineServer['ctx'], e: api.ApiEvent) => Promise<Response>;

describe('isPlainText', () => {
	it('refuses C0 controls, DEL and lone surrogates; keeps Vietnamese, emoji and spaces', () => {
		for (const ok of ['admin', 'VP:2026-05', 'Nguyễn Văn A', 'Hội trường 🇻🇳', 'a b', ''])
			expect(isPlainText(ok), ok).toBe(true);
		for (const bad of [
			'ad\u0000min',
			'\u0000',
			'a\tb',
			'a\nb',
			'x\u001f',
			'x\u007f',
			'\ud800',
			'a\udc00b',
			'z\ud83c'
		])
			expect(isPlainText(bad), JSON.stringify(bad)).toBe(false);
	});
});

describe.each(TEST_ENGINES)(
	'control characters at the edges on $name',
	{ timeout: 30_000 },
	(engine) => {
		async function seeded() {
			const s = await openSeededEngine(engine);
			cleanups.push(() => s.close());
			await bootstrap(s.ctx, 'admin-password', 'province-password');
			const staff = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
			const call = async (
				handler: Handler,
				path: string,
				opts: {
					body?: unknown;
					token?: string;
					method?: string;
					params?: Record<string, string>;
				} = {}
			): Promise<Response> => {
				const request = new Request(`http://localhost${path}`, {
					method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
					headers: {
						'content-type': 'application/json',
						...(opts.token ? { authorization: `Bearer ${opts.token}` } : {})
					},
					body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
				});
				const user = await authenticate(s.ctx, request);
				return handler(s.ctx, {
					request,
					user: user ? publicUser(user) : null,
					clientAddress: '127.0.0.1',
					...(opts.params ? { params: opts.params } : {})
				});
			};
			const login = async (username: string, password: string) => {
				const res = await call(api.postLogin, '/api/auth/login', { body: { username, password } });
				expect(res.status).toBe(200);
				return ((await res.json()) as { token: string }).token;
			};
			return { s, staff, call, login };
		}

		const errorOf = async (res: Response) => errorBodySchema.parse(await res.json()).error;

		it('a NUL in the sign-in username is a 400, before any lookup or attempt', async () => {
			const { s, call } = await seeded();
			const res = await call(api.postLogin, '/api/auth/login', {
				body: { username: 'ad\u0000min', password: 'xxxxxxxxxx' }
			});
			expect(res.status).toBe(400);
			expect((await errorOf(res)).code).toBe('invalid_request');
			// Nothing was counted against the address (on SQLite, before, it was a 401 and a failure).
			expect(await s.storage.loginLimitedUntil(addressKey('127.0.0.1'), 1, 0, 1000)).toBeNull();
		});

		it('a push rejects a mutation with a NUL in its record id alone; a NUL in a title is kept', async () => {
			const { s, call, login } = await seeded();
			const token = await login('staff-vp', 'staff-vp-password');
			const title = 'Giao ban \u0000 tuần';
			const bad = mutation('meeting', meeting({ id: 'n\u0000ul-2' }));
			const badItem = mutation('meeting', {
				...meeting({ id: 'm-item' }),
				agenda: [
					{ id: 'a\u0000', title: 'Mục', kind: 'presentation', plannedMinutes: 5, spans: [] }
				]
			});
			const ok = mutation('meeting', meeting({ id: 'm-ok', title }));
			const res = await call(api.postPush, '/api/sync/push', {
				token,
				body: { version: 1, deviceId: 'dev-a', mutations: [bad, badItem, ok] }
			});
			expect(res.status).toBe(200);
			const { results } = pushResponseSchema.parse(await res.json());
			expect(results.map((r) => [r.status, r.code])).toEqual([
				['rejected', 'invalid'],
				['rejected', 'invalid'],
				['applied', undefined]
			]);
			expect(results[0]!.reason).toBe('recordId: control characters are not allowed');
			expect(results[1]!.reason).toContain('agenda.0.id');
			expect(await s.storage.findRecord('default', 'meeting', 'm-item')).toBeNull();
			const pulled = await call(api.postPull, '/api/sync/pull', {
				token,
				body: { version: 1, cursor: 0, limit: 1000 }
			});
			const changes = pullResponseSchema.parse(await pulled.json()).changes;
			expect(changes.find((c) => c.recordId === 'm-ok')?.record.title).toBe(title);
			// The device id is the request's own: a NUL there is a 400 for the request, nothing written.
			const device = await call(api.postPush, '/api/sync/push', {
				token,
				body: { version: 1, deviceId: 'dev\u0000a', mutations: [ok] }
			});
			expect(device.status).toBe(400);
			const error = await errorOf(device);
			expect(error.code).toBe('invalid_request');
			expect(error.message).toMatch(/^deviceId: /);
		});

		it('a NUL in a route id is a 404 on every route that takes one, before the storage', async () => {
			const { staff, call, login } = await seeded();
			const admin = await login('admin', 'admin-password');
			const prov = await login('province', 'province-password');
			const id = `${staff.id}\u0000`;
			const cases: [Handler, string, string, string, unknown?][] = [
				[api.patchUser, 'PATCH', admin, `/api/users/x`, { disabled: true }],
				[
					api.postUserPassword,
					'POST',
					admin,
					`/api/users/x/password`,
					{ password: 'a long passphrase 42' }
				],
				[api.deleteUserSessions, 'DELETE', admin, `/api/users/x/sessions`],
				[api.deleteUserLockout, 'DELETE', admin, `/api/users/x/lockout`],
				[province.patchProvinceUser, 'PATCH', prov, `/api/province/users/x`, { disabled: true }],
				[
					province.postProvinceUserPassword,
					'POST',
					prov,
					`/api/province/users/x/password`,
					{ password: 'a long passphrase 42' }
				]
			];
			for (const [handler, method, token, path, body] of cases) {
				const res = await call(handler, path, { method, token, body, params: { id } });
				expect(res.status, `${method} ${path}`).toBe(404);
				expect((await errorOf(res)).code).toBe('not_found');
			}
			const report = await call(
				province.getReport,
				'/api/province/reports/x?kind=annual&year=2026',
				{
					token: prov,
					params: { communeId: 'ab\u0000cd' }
				}
			);
			expect(report.status).toBe(404);
		});

		it('a NUL in a display name or a commune name is refused as a field, 400', async () => {
			const { call, login } = await seeded();
			const admin = await login('admin', 'admin-password');
			const prov = await login('province', 'province-password');
			const user = await call(api.postUsers, '/api/users', {
				token: admin,
				body: {
					username: 'new-vp',
					password: 'a long passphrase 42',
					displayName: 'Lan\u0000',
					role: 'staff',
					unitCode: 'VP'
				}
			});
			expect(user.status).toBe(400);
			expect((await errorOf(user)).fields).toEqual({ displayName: 'format' });
			const commune = await call(province.postCommune, '/api/province/communes', {
				token: prov,
				body: {
					id: 'xa-c',
					name: 'Xã\u0000C',
					area: 'Huyện\u0000A',
					adminUsername: 'admin-c',
					adminPassword: 'a long passphrase 42',
					adminDisplayName: 'Quản\u0000trị'
				}
			});
			expect(commune.status).toBe(400);
			expect((await errorOf(commune)).fields).toEqual({
				name: 'format',
				area: 'format',
				adminDisplayName: 'format'
			});
		});

		it('a NUL in a Web Push endpoint is refused, to subscribe and to unsubscribe', async () => {
			const { s, call, login } = await seeded();
			await startPush(s.storage, s.dir, () => s.clock.now, { setTimer: () => ({ cancel() {} }) });
			cleanups.push(() => stopPush());
			const token = await login('staff-vp', 'staff-vp-password');
			const endpoint = 'https://fcm.googleapis.com/fcm/send/a\u0000b';
			const keys = {
				p256dh: Buffer.alloc(65, 4).toString('base64url'),
				auth: Buffer.alloc(16, 1).toString('base64url')
			};
			for (const [handler, method, body] of [
				[push.postSubscribe, 'POST', { endpoint, keys }],
				[push.deleteSubscribe, 'DELETE', { endpoint }]
			] as const) {
				const res = await call(handler, '/api/push/subscribe', { method, token, body });
				expect(res.status, method).toBe(400);
				expect((await errorOf(res)).code).toBe('invalid_request');
			}
		});

		it('text the database cannot store answers 400 invalid_request, not 500 (defence in depth)', async () => {
			const { s } = await seeded();
			const res = await handle(async () => {
				await s.storage.findUserByUsername('ad\u0000min');
				return new Response('stored');
			});
			// PostgreSQL refuses the NUL (22021); SQLite looks the name up and finds no one.
			if (engine.name === 'PostgreSQL') {
				expect(res.status).toBe(400);
				expect((await errorOf(res)).code).toBe('invalid_request');
			} else expect(await res.text()).toBe('stored');
		});
	}
);
