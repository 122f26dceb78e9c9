/** HTTP-level tests: Request in, Response out, through the same functions the routes call. */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	errorBodySchema,
	MAX_BODY_BYTES,
	pushResponseSchema,
	SERVER_DEVICE
} from '$lib/domain/sync/protocol';
import { addUser, openSeededServer, type TestServer } from '../test-server';
import { meeting, mutation } from '$factories/sync';
import { publicUser } from '../auth/users';
import * as api from './handlers';
import { MAX_JSON_DEPTH, nestsWithin, SMALL_BODY_BYTES } from './body';
import { authenticate } from './request-auth';
import { DEFAULT_COMMUNE } from '../storage/types';

type Handler = (ctx: TestServer['ctx'], e: api.ApiEvent) => Promise<Response>;

let s: TestServer;
beforeEach(async () => {
	s = await openSeededServer();
	await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
});
afterEach(() => s.close());

function request(path: string, body?: unknown, headers: Record<string, string> = {}): Request {
	const text =
		body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	return new Request(`http://localhost${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: text
	});
}

/** What hooks.server.ts does, then the handler. */
async function call(handler: Handler, req: Request, ip = '127.0.0.1'): Promise<Response> {
	const user = await authenticate(s.ctx, req);
	return handler(s.ctx, { request: req, user: user ? publicUser(user) : null, clientAddress: ip });
}

async function tokenFor(username: string, password = `${username}-password`): Promise<string> {
	const res = await call(api.postLogin, request('/api/auth/login', { username, password }));
	expect(res.status).toBe(200);
	return ((await res.json()) as { token: string }).token;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function errorCode(res: Response): Promise<string> {
	return errorBodySchema.parse(await res.json()).error.code;
}

describe('unknown /api paths (found by npm run fuzz: /api/users//sessions answered the HTML page)', () => {
	it('answer 404 not_found in the documented error shape', async () => {
		const res = api.apiNotFound();
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await errorCode(res)).toBe('not_found');
	});
});

describe('auth endpoints', () => {
	it('logs in, answers /me with the Bearer token or the cookie, and logs out', async () => {
		const res = await call(
			api.postLogin,
			request('/api/auth/login', { username: 'admin', password: 'admin-password' })
		);
		const body = (await res.json()) as { token: string; user: { role: string }; expiresAt: number };
		expect(body.user.role).toBe('admin');
		expect(body.expiresAt).toBeGreaterThan(s.clock.now);
		expect(res.headers.get('set-cookie')).toMatch(
			/^session=.+; Path=\/; HttpOnly; SameSite=Strict/
		);
		expect(JSON.stringify(body)).not.toContain('scrypt');

		expect(
			(await call(api.getMe, request('/api/auth/me', undefined, bearer(body.token)))).status
		).toBe(200);
		expect(
			(
				await call(
					api.getMe,
					request('/api/auth/me', undefined, { cookie: `a=b; session=${body.token}` })
				)
			).status
		).toBe(200);
		expect(
			(await call(api.postLogout, request('/api/auth/logout', {}, bearer(body.token)))).status
		).toBe(200);
		const after = await call(api.getMe, request('/api/auth/me', undefined, bearer(body.token)));
		expect(after.status).toBe(401);
		expect(await errorCode(after)).toBe('unauthenticated');
	});

	it('over https the session cookie is __Host-session, and a tossed `session` cookie is never read', async () => {
		vi.stubEnv('ORIGIN', 'https://sohop.xa-example.gov.vn');
		try {
			const res = await call(
				api.postLogin,
				request('/api/auth/login', { username: 'admin', password: 'admin-password' })
			);
			expect(res.status).toBe(200);
			const set = res.headers.getSetCookie().find((c) => c.includes('Max-Age=2592000'))!;
			// The prefix's rules: Secure, Path=/, no Domain.
			expect(set).toMatch(/^__Host-session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; .*Secure$/);
			expect(set).not.toMatch(/Domain/i);
			const real = ((await res.json()) as { token: string }).token;
			const attacker = await tokenFor('staff-vp');
			const me = async (cookie: string) => {
				const r = await call(api.getMe, request('/api/auth/me', undefined, { cookie }));
				return r.status === 200 ? ((await r.json()) as { user: { username: string } }).user : null;
			};
			expect((await me(`__Host-session=${real}`))?.username).toBe('admin');
			// A sibling subdomain set `session=…; Domain=.parent`: it is not a session here, before or
			// after the real cookie.
			expect(await me(`session=${attacker}`)).toBeNull();
			expect((await me(`session=${attacker}; __Host-session=${real}`))?.username).toBe('admin');
			expect((await me(`__Host-session=${real}; session=${attacker}`))?.username).toBe('admin');
			// Sign-out clears the same cookie.
			const out = await call(
				api.postLogout,
				request('/api/auth/logout', {}, { cookie: `__Host-session=${real}` })
			);
			expect(out.headers.get('set-cookie')).toMatch(
				/^__Host-session=; Path=\/; .*Max-Age=0; Secure$/
			);
			expect(await me(`__Host-session=${real}`)).toBeNull();
		} finally {
			vi.unstubAllEnvs();
		}
	});

	it('over plain http the cookie keeps the name `session` (a __Host- cookie needs Secure)', async () => {
		vi.stubEnv('ORIGIN', 'http://192.168.1.10:3000');
		try {
			const res = await call(
				api.postLogin,
				request('/api/auth/login', { username: 'admin', password: 'admin-password' })
			);
			expect(res.headers.get('set-cookie')).toMatch(/^session=[^;]+; Path=\/; HttpOnly/);
			expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
			const token = ((await res.json()) as { token: string }).token;
			const me = await call(
				api.getMe,
				request('/api/auth/me', undefined, { cookie: `session=${token}` })
			);
			expect(me.status).toBe(200);
		} finally {
			vi.unstubAllEnvs();
		}
	});

	it('answers 401 for a wrong password and 429 after repeated failures', async () => {
		const wrong = () =>
			call(api.postLogin, request('/api/auth/login', { username: 'admin', password: 'wrong' }));
		for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
		const limited = await wrong();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('900');
		expect(await errorCode(limited)).toBe('rate_limited');
	});

	it('refuses a body nested past MAX_JSON_DEPTH before parsing it, and a sign-in body past 16 KiB (attacker review r20, 1)', async () => {
		const nest = (n: number) => `{"username":${'['.repeat(n)}${']'.repeat(n)},"password":"x"}`;
		// Valid JSON: before, it was parsed and refused by zod (a push-sized one took over 100 ms
		// of the one thread).
		const deep = await call(api.postLogin, request('/api/auth/login', nest(5000)));
		expect(deep.status).toBe(400);
		expect(await errorCode(deep)).toBe('bad_json');
		const token = await tokenFor('staff-vp');
		const deepPush = await call(
			api.postPush,
			request('/api/sync/push', nest(200_000), bearer(token))
		);
		expect(await errorCode(deepPush)).toBe('bad_json');
		const atLimit = nest(MAX_JSON_DEPTH - 1);
		expect(await errorCode(await call(api.postLogin, request('/api/auth/login', atLimit)))).toBe(
			'invalid_request'
		);
		const big = await call(
			api.postLogin,
			request('/api/auth/login', { username: 'admin', password: 'x'.repeat(SMALL_BODY_BYTES) })
		);
		expect(big.status).toBe(413);
		expect(await errorCode(big)).toBe('payload_too_large');
	});

	it('counts nesting outside strings only', () => {
		expect(nestsWithin('{"a":[1,{"b":[]}]}', 4)).toBe(true);
		expect(nestsWithin('{"a":[1,{"b":[]}]}', 3)).toBe(false);
		// Brackets and escaped quotes inside strings are text.
		expect(nestsWithin(`{"a":"${'['.repeat(100)}\\"{{"}`, 1)).toBe(true);
		// An escaped backslash ends no string early: the brackets after it count.
		expect(nestsWithin(String.raw`["\\",[[]]]`, 2)).toBe(false);
		expect(nestsWithin(String.raw`["\\",[[]]]`, 3)).toBe(true);
	});

	it('answers 400 for bad JSON and a malformed login body', async () => {
		expect(
			await errorCode(await call(api.postLogin, request('/api/auth/login', '{"username":')))
		).toBe('bad_json');
		const res = await call(api.postLogin, request('/api/auth/login', { username: 'admin' }));
		expect(res.status).toBe(400);
		expect(await errorCode(res)).toBe('invalid_request');
	});
});

describe('sync endpoints', () => {
	it('refuse unauthenticated calls with 401', async () => {
		for (const h of [api.postPush, api.postPull, api.getUsers]) {
			const res = await call(h, request('/api/x', { version: 1, deviceId: 'd', mutations: [] }));
			expect(res.status).toBe(401);
		}
		const forged = await call(
			api.postPull,
			request('/api/sync/pull', { version: 1, cursor: 0 }, bearer('forged'))
		);
		expect(forged.status).toBe(401);
	});

	it('push reports a wrong-unit mutation as rejected, not the whole request', async () => {
		const token = await tokenFor('staff-vp');
		const res = await call(
			api.postPush,
			request(
				'/api/sync/push',
				{
					version: 1,
					deviceId: 'dev-a',
					mutations: [
						mutation('meeting', meeting({ unitCode: 'KT' })),
						mutation('meeting', meeting({ id: 'ok' }))
					]
				},
				bearer(token)
			)
		);
		expect(res.status).toBe(200);
		const body = pushResponseSchema.parse(await res.json());
		expect(body.results.map((r) => r.code ?? r.status)).toEqual(['forbidden', 'applied']);
	});

	it('answers 413 for a declared or an actual body over the limit', async () => {
		const token = await tokenFor('staff-vp');
		const declared = request('/api/sync/push', '{}', {
			...bearer(token),
			'content-length': String(MAX_BODY_BYTES + 1)
		});
		const declaredRes = await call(api.postPush, declared);
		expect(declaredRes.status).toBe(413);
		expect(await errorCode(declaredRes)).toBe('payload_too_large');
		const big = JSON.stringify({
			version: 1,
			deviceId: 'd',
			mutations: [],
			pad: 'x'.repeat(MAX_BODY_BYTES)
		});
		expect((await call(api.postPush, request('/api/sync/push', big, bearer(token)))).status).toBe(
			413
		);
		expect((await s.storage.counts(DEFAULT_COMMUNE)).records).toBe(12);
	});

	it('answers 413, not 500, when the framework body limit cuts the stream (adapter-node 413)', async () => {
		const token = await tokenFor('staff-vp');
		// adapter-node errors the body stream with a SvelteKitError of status 413 past BODY_SIZE_LIMIT.
		const body = new ReadableStream<Uint8Array>({
			start(c) {
				c.enqueue(new TextEncoder().encode('{"version":1,'));
				c.error(Object.assign(new Error('Payload Too Large'), { status: 413 }));
			}
		});
		const req = new Request('http://localhost/api/sync/push', {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...bearer(token) },
			body,
			duplex: 'half'
		} as RequestInit);
		const res = await call(api.postPush, req);
		expect(res.status).toBe(413);
		expect(await errorCode(res)).toBe('payload_too_large');
	});

	it('answers 400 with unsupported_version for another protocol version', async () => {
		const token = await tokenFor('staff-vp');
		const res = await call(
			api.postPull,
			request('/api/sync/pull', { version: 2, cursor: 0 }, bearer(token))
		);
		expect(res.status).toBe(400);
		expect(await errorCode(res)).toBe('unsupported_version');
	});

	it('answers 400 for more than 500 mutations', async () => {
		const token = await tokenFor('staff-vp');
		const mutations = Array.from({ length: 501 }, (_, i) =>
			mutation('meeting', meeting({ id: `m${i}` }))
		);
		const res = await call(
			api.postPush,
			request('/api/sync/push', { version: 1, deviceId: 'd', mutations }, bearer(token))
		);
		expect(res.status).toBe(400);
		expect((await s.storage.counts(DEFAULT_COMMUNE)).records).toBe(12);
	});

	it("answers 400 to a push under the server's own device id, writing nothing", async () => {
		const token = await tokenFor('staff-vp');
		const res = await call(
			api.postPush,
			request(
				'/api/sync/push',
				{
					version: 1,
					deviceId: SERVER_DEVICE,
					mutations: [mutation('meeting', meeting({ id: 'srv' }))]
				},
				bearer(token)
			)
		);
		expect(res.status).toBe(400);
		expect((await s.storage.counts(DEFAULT_COMMUNE)).records).toBe(12);
	});

	it('health needs no session', async () => {
		const res = api.health(s.ctx);
		expect(await res.json()).toEqual({ ok: true, version: 1, serverTime: s.clock.now });
	});
});

describe('user endpoints', () => {
	it('only an admin lists and creates users; a taken username is 409', async () => {
		const staff = await tokenFor('staff-vp');
		expect((await call(api.getUsers, request('/api/users', undefined, bearer(staff)))).status).toBe(
			403
		);
		const newUser = { username: 'Lan', password: 'password-1', role: 'staff', unitCode: 'KT' };
		expect((await call(api.postUsers, request('/api/users', newUser, bearer(staff)))).status).toBe(
			403
		);

		const admin = await tokenFor('admin', 'admin-password');
		const created = await call(api.postUsers, request('/api/users', newUser, bearer(admin)));
		expect(created.status).toBe(201);
		expect(await created.json()).toMatchObject({
			user: { username: 'lan', role: 'staff', unitCode: 'KT' }
		});
		expect((await call(api.postUsers, request('/api/users', newUser, bearer(admin)))).status).toBe(
			409
		);
		const noUnit = await call(
			api.postUsers,
			request('/api/users', { ...newUser, username: 'x1', unitCode: null }, bearer(admin))
		);
		expect(noUnit.status).toBe(400);
		const list = (await (
			await call(api.getUsers, request('/api/users', undefined, bearer(admin)))
		).json()) as {
			users: { username: string }[];
		};
		expect(list.users.map((u) => u.username)).toEqual(['admin', 'lan', 'staff-vp']);
		expect(await tokenFor('lan', 'password-1')).toBeTruthy();
	});
});

describe('fuzz: random payloads against push', () => {
	const envelope = (mutations: unknown) => ({ version: 1, deviceId: 'dev-fuzz', mutations });
	const brokenRecord = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), {
		maxKeys: 8
	});
	const brokenMutation = fc.record(
		{
			mutationId: fc.oneof(fc.uuid({ version: 7 }), fc.string()),
			entity: fc.oneof(
				fc.constantFrom('meeting', 'document', 'procedure', 'plan', 'unit', 'settings'),
				fc.string()
			),
			recordId: fc.string({ maxLength: 70 }),
			op: fc.constantFrom('put', 'delete', 'merge'),
			record: fc.oneof(brokenRecord, fc.jsonValue({ maxDepth: 2 })),
			hlc: fc.oneof(fc.constant('001777860000000-0000-dev'), fc.string()),
			fields: fc.option(fc.array(fc.string(), { maxLength: 4 }), { nil: undefined })
		},
		{ requiredKeys: [] }
	);
	/** Valid records the staff user may not write: other units, other entities. */
	const forbidden = fc
		.constantFrom('KT', 'VHXH', 'THON01')
		.map((unitCode) => mutation('meeting', meeting({ id: `f-${unitCode}`, unitCode })));
	const payload = fc.oneof(
		fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
		fc.string({ maxLength: 200 }),
		fc
			.array(fc.oneof(brokenMutation, forbidden), { maxLength: 5 })
			.map((ms) => JSON.stringify(envelope(ms))),
		fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(envelope(v)))
	);

	it('1,000 random payloads: never a 5xx, always a JSON answer, nothing written', async () => {
		const token = await tokenFor('staff-vp');
		const before = await s.storage.counts(DEFAULT_COMMUNE);
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(payload, async (text) => {
				const res = await call(api.postPush, request('/api/sync/push', text, bearer(token)));
				statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
				expect(res.status).toBeLessThan(500);
				const body = (await res.json()) as unknown;
				if (res.status === 200) {
					const results = pushResponseSchema.parse(body).results;
					expect(results.every((r) => r.status === 'rejected')).toBe(true);
				} else {
					errorBodySchema.parse(body);
				}
			}),
			{ numRuns: 1000, seed: 534 }
		);
		expect(await s.storage.counts(DEFAULT_COMMUNE)).toEqual(before);
		expect((statuses.get(200) ?? 0) + (statuses.get(400) ?? 0)).toBe(1000);
		expect(statuses.get(200)).toBeGreaterThan(50);
		// 1,000 requests take ~3.5 s alone; a loaded CI machine needs room (never a timing assertion).
	}, 60_000);
});
