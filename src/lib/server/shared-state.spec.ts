/**
 * Nothing in a process's memory is the truth (issue 14): two app processes (two server contexts,
 * each with its own storage handle) on one database share sessions, sign-in limits, write budgets
 * and account changes. On both engines; never skipped. (A due push claimed by exactly one process:
 * storage.contract.spec.ts; the VAPID keys: push/vapid.spec.ts; live pokes: sync/pg-feed.spec.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { documentRecord, mutation } from '$factories/sync';
import { login, LOGIN_MAX_FAILURES } from './auth/login';
import { publicUser } from './auth/users';
import type { ServerContext } from './context';
import * as api from './http/handlers';
import { authenticate } from './http/request-auth';
import { DEFAULT_COMMUNE } from './storage/types';
import { push, WriteBudgetSpent } from './sync/push';
import { openSeededEngine, TEST_ENGINES, type EngineServer } from './test-engines';
import { addUser } from './test-server';

let s: EngineServer | null = null;
afterEach(async () => {
	await s?.close();
	s = null;
});

type Handler = (ctx: ServerContext, e: api.ApiEvent) => Promise<Response>;

async function call(
	ctx: ServerContext,
	handler: Handler,
	path: string,
	token: string | null,
	body?: unknown
) {
	const req = new Request(`http://localhost${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body ?? {})
	});
	const user = await authenticate(ctx, req);
	return handler(ctx, {
		request: req,
		user: user ? publicUser(user) : null,
		clientAddress: '10.0.0.7',
		params: {}
	});
}

async function signIn(ctx: ServerContext, username: string, password = `${username}-password`) {
	const outcome = await login(ctx, { username, password }, '10.0.0.7');
	if (!outcome.ok) throw new Error(outcome.code);
	return outcome.token;
}

const pull = (ctx: ServerContext, token: string) =>
	call(ctx, api.postPull, '/api/sync/pull', token, { version: 1, cursor: 0, limit: 10 });

describe.each(TEST_ENGINES)(
	'two app processes on one $name database',
	(engine) => {
		async function two() {
			s = await openSeededEngine(engine);
			const b = await s.another();
			const staff = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
			return { a: s.ctx, b: b.ctx, staff };
		}

		it('a session made through A works on B, and a sign-out through B ends it on A', async () => {
			const { a, b } = await two();
			const token = await signIn(a, 'staff-vp');
			expect((await pull(b, token)).status).toBe(200);
			expect((await call(b, api.postLogout, '/api/auth/logout', token)).status).toBe(200);
			expect((await pull(a, token)).status).toBe(401);
		});

		it('failed sign-ins count across processes: spread over A and B, the limit still holds', async () => {
			const { a, b } = await two();
			for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
				const outcome = await login(
					i % 2 ? a : b,
					{ username: 'staff-vp', password: 'wrong' },
					'10.0.0.7'
				);
				expect(outcome).toEqual({ ok: false, code: 'invalid_credentials' });
			}
			// Even the right password waits, on either process.
			for (const ctx of [a, b]) {
				const outcome = await login(
					ctx,
					{ username: 'staff-vp', password: 'staff-vp-password' },
					'10.0.0.7'
				);
				expect(outcome).toMatchObject({ ok: false, code: 'rate_limited' });
			}
		});

		it('an account disabled through A is refused by B at once (its sessions end)', async () => {
			const { a, b, staff } = await two();
			const token = await signIn(b, 'staff-vp');
			const admin = await signIn(a, 'admin', 'admin-password');
			const res = await call(
				a,
				(ctx, e) => api.patchUser(ctx, { ...e, params: { id: staff.id } }),
				`/api/users/${staff.id}`,
				admin,
				{ disabled: true }
			);
			expect(res.status).toBe(200);
			expect((await pull(b, token)).status).toBe(401);
			await expect(signIn(b, 'staff-vp')).rejects.toThrow('invalid_credentials');
		});

		it('two admins disabling or demoting each other through A and B at once: one admin stays enabled', async () => {
			const { a, b } = await two();
			const admin = (await a.storage.findUserByUsername('admin'))!;
			const other = await addUser(a, 'admin-2', 'admin', null);
			// Both requests are signed in first, then run together: only the storage can refuse one.
			const ready = async (ctx: ServerContext, who: string, id: string, body: object) => {
				const token = await signIn(ctx, who, `${who}-password`);
				const request = () =>
					new Request(`http://localhost/api/users/${id}`, {
						method: 'PATCH',
						headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
						body: JSON.stringify(body)
					});
				const user = (await authenticate(ctx, request()))!;
				return () =>
					api.patchUser(ctx, {
						request: request(),
						user: publicUser(user),
						clientAddress: '10.0.0.7',
						params: { id }
					});
			};
			// Enough rounds that the unguarded check-then-write lost on both engines.
			for (let round = 0; round < 12; round++) {
				const body = round % 2 ? { role: 'monitor' } : { disabled: true };
				const runs = [
					await ready(a, 'admin', other.id, body),
					await ready(b, 'admin-2', admin.id, body)
				];
				const answers = await Promise.all(runs.map((run) => run()));
				const enabled = (await a.storage.listUsers(DEFAULT_COMMUNE)).filter(
					(u) => u.role === 'admin' && !u.disabled
				);
				expect(enabled).toHaveLength(1);
				expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
				const refused = answers.find((r) => r.status === 409)!;
				const field = 'disabled' in body ? 'disabled' : 'role';
				expect(await refused.json()).toMatchObject({
					error: { code: 'conflict', fields: { [field]: 'last_admin' } }
				});
				for (const id of [admin.id, other.id])
					await a.storage.updateUser(id, { disabled: false, role: 'admin' });
			}
		});

		it('a role change through A is not refused for the unit an admin gave the account through B a moment before', async () => {
			const { a, b, staff } = await two();
			const admin = await signIn(a, 'admin', 'admin-password');
			const patch = (ctx: ServerContext, body: object) =>
				call(
					ctx,
					(c, e) => api.patchUser(c, { ...e, params: { id: staff.id } }),
					`/api/users/${staff.id}`,
					admin,
					body
				);
			// B's change lands after A first read the account (its `target` check), before A's
			// transaction: A's decision must take the account's unit from the row it reads then.
			const find = a.storage.findUserById.bind(a.storage);
			let moved: Response | null = null;
			a.storage.findUserById = async (id: string) => {
				const row = await find(id);
				if (id === staff.id && moved === null)
					moved = await patch(b, { role: 'staff', unitCode: 'KT' });
				return row;
			};
			const res = await patch(a, { role: 'unit_head' });
			expect(moved!.status).toBe(200);
			expect(res.status).toBe(200);
			expect(await b.storage.findUserById(staff.id)).toMatchObject({
				role: 'unit_head',
				unitCode: 'KT'
			});
		});

		it('the write budget is one per account, whichever process takes the push', async () => {
			const { a, b, staff } = await two();
			a.writeLimit = { burst: 20, perMinute: 60 };
			b.writeLimit = { burst: 20, perMinute: 60 };
			const docs = (from: number, n: number) =>
				Array.from({ length: n }, (_, i) =>
					mutation('document', documentRecord({ id: `d-${from + i}`, number: `${from + i}/KH` }))
				);
			const r = await push(a, staff, { version: 1, deviceId: 'dev-a', mutations: docs(0, 15) });
			expect(r.results.every((x) => x.status === 'applied')).toBe(true);
			// 5 left: B refuses 10 and writes nothing.
			const refused = push(b, staff, { version: 1, deviceId: 'dev-a', mutations: docs(100, 10) });
			await expect(refused).rejects.toBeInstanceOf(WriteBudgetSpent);
			await expect(refused).rejects.toMatchObject({ retryAfterMs: 5_000 });
			expect(await b.storage.findRecord(DEFAULT_COMMUNE, 'document', 'd-100')).toBeNull();
		});
	},
	30_000
);
