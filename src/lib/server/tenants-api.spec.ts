/**
 * No read or write crosses communes, for every role and every API endpoint (issue 14). The
 * endpoints are the route files themselves (src/routes/api/**\/+server.ts, every exported
 * method): an endpoint added without a case here fails the first test.
 *
 * Two communes share unit codes and record ids (./factories/communes). For each role (commune A's
 * four roles and the two province roles) and each endpoint, a fresh sign-in calls the endpoint
 * aimed at commune B where it takes an id, then:
 * - the answer never shows B's records, users or name to a commune account (RAW-B, NAME-B, b-…),
 *   nor any commune's raw records to a province account (RAW-);
 * - commune B (and, for a province account, commune A too) is unchanged: records, change log,
 *   applied mutations, history, units, accounts, their sessions and push subscriptions.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullAll } from '$factories/pull';
import { COMMUNE_B, seedTwoCommunes, type TwoCommunes } from '$factories/communes';
import { meeting, mutation } from '$factories/sync';
import { sseReader } from '$factories/sse';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { hashToken, resolveSession } from './auth/session';
import { publicUser } from './auth/users';
import { setServerContext } from './context';
import { authenticate, passwordGate } from './http/request-auth';
import { startPush, stopPush } from './push/service';
import { DEFAULT_COMMUNE } from './storage/types';
import { openSeededServer, sessionFor, type TestServer } from './test-server';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'fallback';
type RouteHandler = (e: RequestEvent) => Response | Promise<Response>;

const modules = import.meta.glob<Record<string, RouteHandler>>('/src/routes/api/**/+server.ts', {
	eager: true
});
/** `METHOD /api/path` of every exported handler, e.g. `PATCH /api/users/[id]`. */
const ENDPOINTS = Object.entries(modules).flatMap(([file, mod]) => {
	const route = file.replace('/src/routes', '').replace('/+server.ts', '');
	return (['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'fallback'] as Method[])
		.filter((m) => typeof mod[m] === 'function')
		.map((m) => ({ key: `${m} ${route}`, method: m, handler: mod[m]! }));
});

type Role = keyof TwoCommunes['a'] | keyof TwoCommunes['province'];
const ROLES: Role[] = [
	'admin',
	'monitor',
	'unit_head',
	'staff',
	'province_admin',
	'province_monitor'
];

interface Call {
	path: string;
	method?: string;
	body?: unknown;
	params?: Record<string, string>;
}

/** One request per endpoint, aimed at commune B where the endpoint takes an id. */
const CASES: Record<string, (t: TwoCommunes, me: PublicUser) => Call> = {
	'GET /api/health': () => ({ path: '/api/health' }),
	'POST /api/auth/login': (_t, me) => ({
		path: '/api/auth/login',
		body: { username: me.username, password: `${me.username}-password` }
	}),
	'POST /api/auth/logout': () => ({ path: '/api/auth/logout', body: {} }),
	'GET /api/auth/me': () => ({ path: '/api/auth/me' }),
	'POST /api/auth/password': (_t, me) => ({
		path: '/api/auth/password',
		body: { currentPassword: `${me.username}-password`, newPassword: 'a new long passphrase 7' }
	}),
	'POST /api/sync/pull': () => ({
		path: '/api/sync/pull',
		body: { version: 1, cursor: 0, limit: 1000 }
	}),
	'GET /api/sync/events': () => ({ path: '/api/sync/events' }),
	'POST /api/sync/push': () => ({
		path: '/api/sync/push',
		body: {
			version: 1,
			deviceId: 'dev-x',
			mutations: [
				mutation('meeting', meeting({ id: 'm-shared', title: 'Ghi đè', unitCode: 'VP' }), {
					hlc: '2026-05-04T02:00:00.000Z-0001-dev-x'
				})
			]
		}
	}),
	'GET /api/users': () => ({ path: '/api/users' }),
	// B named in the request: a commune admin still reads only their own commune's log.
	'GET /api/audit': () => ({ path: `/api/audit?commune=${COMMUNE_B}` }),
	'POST /api/users': () => ({
		path: '/api/users',
		body: { username: 'new-vp', password: 'a long passphrase 42', role: 'staff', unitCode: 'VP' }
	}),
	'PATCH /api/users/[id]': (t) => ({
		path: `/api/users/${t.b.admin.id}`,
		method: 'PATCH',
		body: { disabled: true },
		params: { id: t.b.admin.id }
	}),
	'POST /api/users/[id]/password': (t) => ({
		path: `/api/users/${t.b.staff.id}/password`,
		body: { password: 'a long passphrase 43' },
		params: { id: t.b.staff.id }
	}),
	'DELETE /api/users/[id]/sessions': (t) => ({
		path: `/api/users/${t.b.staff.id}/sessions`,
		method: 'DELETE',
		params: { id: t.b.staff.id }
	}),
	'DELETE /api/users/[id]/lockout': (t) => ({
		path: `/api/users/${t.b.staff.id}/lockout`,
		method: 'DELETE',
		params: { id: t.b.staff.id }
	}),
	'GET /api/push/vapid': () => ({ path: '/api/push/vapid' }),
	'POST /api/push/subscribe': () => ({
		path: '/api/push/subscribe',
		body: {
			endpoint: B_ENDPOINT,
			keys: { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: 'AAAAAAAAAAAAAAAAAAAAAA' }
		}
	}),
	'DELETE /api/push/subscribe': () => ({
		path: '/api/push/subscribe',
		method: 'DELETE',
		body: { endpoint: B_ENDPOINT }
	}),
	'fallback /api/[...rest]': () => ({
		path: `/api/records/${COMMUNE_B}/meeting/m-shared`,
		params: { rest: `records/${COMMUNE_B}/meeting/m-shared` }
	}),
	'GET /api/province/communes': () => ({ path: '/api/province/communes' }),
	// B's id: B has accounts, so even the province admin may not take it over.
	'POST /api/province/communes': () => ({
		path: '/api/province/communes',
		body: {
			id: COMMUNE_B,
			name: 'Xã Chiếm',
			adminUsername: 'takeover',
			adminPassword: 'a long passphrase 44'
		}
	}),
	// B's name without "Xã": the province admin reaches the check (400), everyone else is refused
	// first (403); nothing of B changes either way.
	'PATCH /api/province/communes/[id]': () => ({
		path: `/api/province/communes/${COMMUNE_B}`,
		method: 'PATCH',
		body: { name: 'Chiếm', area: 'Huyện khác' },
		params: { id: COMMUNE_B }
	}),
	'POST /api/province/users': () => ({
		path: '/api/province/users',
		body: { username: 'tinh-new', password: 'a long passphrase 45', role: 'province_monitor' }
	}),
	'GET /api/province/users': () => ({ path: '/api/province/users' }),
	// A commune's account: never the province admin's to change.
	'PATCH /api/province/users/[id]': (t) => ({
		path: `/api/province/users/${t.b.admin.id}`,
		method: 'PATCH',
		body: { disabled: true },
		params: { id: t.b.admin.id }
	}),
	'POST /api/province/users/[id]/password': (t) => ({
		path: `/api/province/users/${t.b.staff.id}/password`,
		body: { password: 'a long passphrase 46' },
		params: { id: t.b.staff.id }
	}),
	'GET /api/province/summary': () => ({ path: '/api/province/summary?kind=6month&year=2026' }),
	// A due date before the period's data close: the province admin reaches the check (400).
	'PUT /api/province/due-date': () => ({
		path: '/api/province/due-date',
		method: 'PUT',
		body: { kind: '6month', year: 2026, dueDate: '2026-06-01' }
	}),
	'GET /api/province/audit': () => ({ path: `/api/province/audit?commune=${COMMUNE_B}` }),
	'GET /api/province/reports/[communeId]': () => ({
		path: `/api/province/reports/${COMMUNE_B}?kind=6month&year=2026`,
		params: { communeId: COMMUNE_B }
	})
};

const B_ENDPOINT = 'https://push.example.test/b-device';
/** Calls about the caller's own sign-in, open to every account. */
const OWN_ACCOUNT = new Set([
	'POST /api/auth/login',
	'POST /api/auth/logout',
	'POST /api/auth/password'
]);

let s: TestServer;
let t: TwoCommunes;
let bToken: string;

beforeAll(async () => {
	s = await openSeededServer();
	setServerContext(s.ctx);
	await startPush(s.storage, s.dir, s.ctx.now, { setTimer: () => ({ cancel() {} }) });
	t = await seedTwoCommunes(s);
	bToken = (await sessionFor(s.ctx, t.b.staff.id)).token;
	await s.storage.savePushSubscription(
		{ endpoint: B_ENDPOINT, userId: t.b.staff.id, p256dh: 'k', auth: 'a', lang: 'vi' },
		s.ctx.now(),
		hashToken(bToken)
	);
});
afterAll(async () => {
	await stopPush();
	s.close();
});

/** Everything a commune owns, as stored. */
async function snapshot(communeId: string): Promise<string> {
	const st = s.storage;
	const users = await st.listUsers(communeId);
	return JSON.stringify({
		counts: await st.counts(communeId),
		records: await pullAll(st, communeId),
		history: await st.listHistory(communeId, 'meeting', 'm-shared'),
		units: await st.listUnits(communeId),
		users,
		subscriptions: await Promise.all(users.map((u) => st.pushSubscriptionsOf(u.id))),
		schedule: (await st.pendingPushes()).filter((p) => p.communeId === communeId),
		audit: await st.listAudit({ communeId, limit: 1000 }),
		commune: await st.findCommune(communeId)
	});
}

const actorOf = (role: Role): PublicUser =>
	role === 'province_admin' || role === 'province_monitor' ? t.province[role] : t.a[role];

/** What hooks.server.ts does, then the route's own handler. */
async function callRoute(handler: RouteHandler, token: string, c: Call): Promise<Response> {
	const method = c.method ?? (c.body === undefined ? 'GET' : 'POST');
	const request = new Request(`http://localhost${c.path}`, {
		method,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: c.body === undefined ? undefined : JSON.stringify(c.body)
	});
	const row = await authenticate(s.ctx, request);
	const user = row ? publicUser(row) : null;
	const gated = passwordGate(user, new URL(request.url).pathname);
	if (gated) return gated;
	const event = {
		request,
		url: new URL(request.url),
		params: c.params ?? {},
		locals: { user },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	return handler(event);
}

/** The body; an event stream stays open, so it is read up to its `ready` event and closed. */
async function bodyText(res: Response): Promise<string> {
	if (!res.headers.get('content-type')?.startsWith('text/event-stream')) return res.text();
	const events = sseReader(res);
	await events.until('ready');
	await events.cancel();
	return events.received;
}

describe('communes as tenants: every endpoint, every role', () => {
	it('has a case for every API endpoint (a new route needs one here)', () => {
		expect(ENDPOINTS.length).toBeGreaterThan(15);
		expect(ENDPOINTS.map((e) => e.key).filter((k) => !(k in CASES))).toEqual([]);
		expect(Object.keys(CASES).filter((k) => !ENDPOINTS.some((e) => e.key === k))).toEqual([]);
	});

	for (const role of ROLES) {
		const province = role.startsWith('province_');
		it(`${role}: no endpoint reads or writes another commune`, async () => {
			const me = actorOf(role);
			const stored = (await s.storage.findUserById(me.id))!;
			const before = { b: await snapshot(COMMUNE_B), a: await snapshot(DEFAULT_COMMUNE) };
			const seen: Record<string, number> = {};
			for (const e of ENDPOINTS) {
				const token = (await sessionFor(s.ctx, me.id)).token;
				const res = await callRoute(e.handler, token, CASES[e.key]!(t, me));
				seen[e.key] = res.status;
				const text = await bodyText(res);
				const where = `${role} ${e.key} (${res.status})`;
				expect(res.status, where).toBeLessThan(500);
				// Never another commune's raw records; a commune account never sees B at all.
				expect(text, where).not.toMatch(province ? /RAW-/ : /RAW-B|NAME-B|"b-[a-z]/);
				if (!province) {
					for (const u of Object.values(t.b)) expect(text, where).not.toContain(u.id);
				}
				expect(await snapshot(COMMUNE_B), `${where} changed commune B`).toBe(before.b);
				if (province)
					expect(await snapshot(DEFAULT_COMMUNE), `${where} changed commune A`).toBe(before.a);
				expect(await resolveSession(s.ctx, bToken), `${where} ended B's session`).not.toBeNull();
				// Undo what the caller may do to their own account (a new password), for the next case.
				await s.storage.updateUser(me.id, {
					passwordHash: stored.passwordHash,
					mustChangePassword: false
				});
			}
			// The cases reached the endpoints' work, not only a sign-in wall.
			if (province) {
				expect(seen['POST /api/sync/pull']).toBe(403);
				expect(seen['POST /api/sync/push']).toBe(403);
				expect(seen['GET /api/sync/events']).toBe(403);
				expect(seen['GET /api/province/summary']).toBe(200);
				expect(seen['GET /api/province/reports/[communeId]']).toBe(200);
			} else {
				expect(seen['POST /api/sync/pull']).toBe(200);
				expect(seen['GET /api/sync/events']).toBe(200);
				expect(seen['GET /api/province/summary']).toBe(403);
				expect(seen['POST /api/province/communes']).toBe(403);
				expect(seen['PATCH /api/province/communes/[id]']).toBe(403);
				expect(seen['PUT /api/province/due-date']).toBe(403);
			}
			expect(seen['GET /api/audit']).toBe(role === 'admin' ? 200 : 403);
			expect(seen['GET /api/province/audit']).toBe(role === 'province_admin' ? 200 : 403);
			if (role === 'admin') {
				expect(seen['GET /api/users']).toBe(200);
				// Another commune's account is not there for this admin.
				expect(seen['PATCH /api/users/[id]']).toBe(404);
				expect(seen['DELETE /api/users/[id]/sessions']).toBe(404);
			}
			if (role === 'admin') {
				// The province accounts are not a commune admin's.
				expect(seen['GET /api/province/users']).toBe(403);
				expect(seen['PATCH /api/province/users/[id]']).toBe(403);
				expect(seen['POST /api/province/users/[id]/password']).toBe(403);
			}
			if (role === 'province_admin') {
				expect(seen['POST /api/province/communes']).toBe(409);
				expect(seen['PATCH /api/province/communes/[id]']).toBe(400);
				expect(seen['PUT /api/province/due-date']).toBe(400);
				expect(seen['GET /api/province/users']).toBe(200);
				// A commune's account is not there for the province admin.
				expect(seen['PATCH /api/province/users/[id]']).toBe(404);
				expect(seen['POST /api/province/users/[id]/password']).toBe(404);
			}
			if (role === 'province_monitor') {
				expect(seen['GET /api/province/users']).toBe(403);
				expect(seen['PUT /api/province/due-date']).toBe(403);
			}
			if (role === 'province_monitor') {
				// Sở Nội vụ writes nothing: every write endpoint but its own sign-in refuses it.
				const writes = ENDPOINTS.filter(
					(e) => e.method !== 'GET' && e.method !== 'fallback' && !OWN_ACCOUNT.has(e.key)
				);
				expect(writes.length).toBeGreaterThan(8);
				for (const e of writes) expect(seen[e.key], e.key).toBe(403);
			}
		});
	}

	it('a commune account reads its own commune: A pulls RAW-A and B pulls RAW-B for the same ids', async () => {
		const pull = async (user: PublicUser) => {
			const route = ENDPOINTS.find((e) => e.key === 'POST /api/sync/pull')!;
			const token = (await sessionFor(s.ctx, user.id)).token;
			const res = await callRoute(route.handler, token, CASES['POST /api/sync/pull']!(t, user));
			return (await res.json()) as {
				changes: { recordId: string; seq: number; record: { title?: string } }[];
			};
		};
		const a = await pull(t.a.staff);
		const b = await pull(t.b.staff);
		const title = (p: typeof a) => p.changes.find((c) => c.recordId === 'm-shared')?.record.title;
		expect(title(a)).not.toContain('RAW-B');
		expect(title(b)).toBe('Họp RAW-B');
		expect(b.changes.map((c) => c.recordId)).toContain('m-b2');
		expect(a.changes.map((c) => c.recordId)).not.toContain('m-b2');
	});
});
