/**
 * Storage growth and the cost of a push: bounded record_history, the per-account write budget
 * (kept in the database, answered 429 + Retry-After; another process on the database sees it), one
 * transaction per request. On both engines (SQLite, PostgreSQL on a throwaway cluster); the
 * SQLite-only checks (synchronous = FULL, prepared statements) at the end.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBodySchema, type Mutation } from '$lib/domain/sync/protocol';
import { publicUser } from '../auth/users';
import * as api from '../http/handlers';
import { authenticate } from '../http/request-auth';
import type { BatchItem } from '../storage/types';
import { addUser, openSeededServer, type TestServer, type TestUser } from '../test-server';
import { openSeededEngine, TEST_ENGINES, type EngineServer } from '../test-engines';
import { documentRecord, hlcAt, meeting, mutation, T0 } from '$factories/sync';
import { push } from './push';
import { DEFAULT_COMMUNE } from '../storage/types';

let s: EngineServer;
let staff: TestUser;

const send = (user: TestUser, mutations: Mutation[]) =>
	push(s.ctx, user, { version: 1, deviceId: 'dev-a', mutations });

/** The same meeting saved again with a new title, `n` times, one request each. */
async function resave(n: number, from = 0) {
	for (let i = from; i < from + n; i++) {
		const r = await send(staff, [
			mutation('meeting', meeting({ title: `Giao ban lần ${i}`, updatedAt: T0 + i }), {
				hlc: hlcAt(T0 + i)
			})
		]);
		expect(r.results[0]!.status).toBe('applied');
	}
}

describe.each(TEST_ENGINES)(
	'storage growth and write cost on $name',
	(engine) => {
		beforeEach(async () => {
			s = await openSeededEngine(engine);
			staff = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
		});
		afterEach(() => s.close());

		describe('record_history is kept but bounded', () => {
			it('keeps the newest 50 versions of a record re-saved 80 times', async () => {
				s.ctx.writeLimit = null;
				await resave(80);
				const history = await s.storage.listHistory(DEFAULT_COMMUNE, 'meeting', 'm-1');
				expect(history).toHaveLength(50);
				// The newest superseded version is the one before the stored record.
				expect(history.at(-1)!.state.data.title).toBe('Giao ban lần 78');
				expect(
					(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-1'))!.state.data.title
				).toBe('Giao ban lần 79');
			});

			it('drops versions older than the days kept, on the next write and by pruneHistory', async () => {
				// This process keeps 10 days of history.
				const storage = (await s.another({ history: { versionsPerRecord: 50, days: 10 } })).storage;
				s.ctx.storage = storage;
				await resave(5);
				await send(staff, [
					mutation('document', documentRecord()),
					mutation('document', documentRecord({ title: 'Kế hoạch sửa' }), { hlc: hlcAt(T0 + 1) })
				]);
				expect(await storage.listHistory(DEFAULT_COMMUNE, 'meeting', 'm-1')).toHaveLength(4);
				expect(await storage.listHistory(DEFAULT_COMMUNE, 'document', 'd-1')).toHaveLength(1);

				s.clock.now = T0 + 11 * 86_400_000;
				// The meeting is written again: its old versions go, the new one stays.
				await resave(1, 100);
				expect(await storage.listHistory(DEFAULT_COMMUNE, 'meeting', 'm-1')).toHaveLength(1);
				// The document is not written again: the periodic prune removes its old version.
				expect(await storage.pruneHistory(s.clock.now)).toBe(1);
				expect(await storage.listHistory(DEFAULT_COMMUNE, 'document', 'd-1')).toEqual([]);
			});
		});

		describe('per-account write budget', () => {
			const burst = 500;
			beforeEach(() => {
				s.ctx.writeLimit = { burst, perMinute: 60 };
			});

			const docs = (n: number, from: number) =>
				Array.from({ length: n }, (_, i) =>
					mutation('document', documentRecord({ id: `d-${from + i}`, number: `${from + i}/KH` }))
				);

			async function pushHttp(username: string, mutations: Mutation[]): Promise<Response> {
				const login = await api.postLogin(s.ctx, {
					request: new Request('http://localhost/api/auth/login', {
						method: 'POST',
						body: JSON.stringify({ username, password: `${username}-password` })
					}),
					user: null,
					clientAddress: '127.0.0.1'
				});
				const { token } = (await login.json()) as { token: string };
				const req = new Request('http://localhost/api/sync/push', {
					method: 'POST',
					headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
					body: JSON.stringify({ version: 1, deviceId: 'dev-a', mutations })
				});
				const user = await authenticate(s.ctx, req);
				return api.postPush(s.ctx, {
					request: req,
					user: user ? publicUser(user) : null,
					clientAddress: '127.0.0.1'
				});
			}

			it('answers 429 with Retry-After once spent, writes nothing, and refills with time', async () => {
				expect((await pushHttp('staff-vp', docs(burst, 0))).status).toBe(200);
				const before = await s.storage.counts(DEFAULT_COMMUNE);

				const refused = await pushHttp('staff-vp', docs(10, 1000));
				expect(refused.status).toBe(429);
				expect(refused.headers.get('retry-after')).toBe('10');
				expect(errorBodySchema.parse(await refused.json()).error.code).toBe('rate_limited');
				expect(await s.storage.counts(DEFAULT_COMMUNE)).toEqual(before);

				// Another account has its own budget.
				await addUser(s.ctx, 'staff-vp2', 'staff', 'VP');
				expect((await pushHttp('staff-vp2', docs(10, 2000))).status).toBe(200);

				s.clock.now += 10_000;
				const again = await pushHttp('staff-vp', docs(10, 1000));
				expect(again.status).toBe(200);
				expect((await s.storage.counts(DEFAULT_COMMUNE)).records).toBe(before.records + 20);
			});

			it('charges body bytes too: big records spend the byte budget long before the mutation budget', async () => {
				// 1000 bytes a second, 700 KB at once (two requests of about 310 KB); the mutation budget
				// (500) is far from spent.
				s.ctx.writeBytesLimit = { burst: 700_000, perMinute: 60_000 };
				const big = (from: number) =>
					Array.from({ length: 20 }, (_, i) =>
						mutation('meeting', meeting({ id: `m-big-${from + i}`, notes: 'ệ'.repeat(5000) }))
					);
				expect((await pushHttp('staff-vp', big(0))).status).toBe(200);
				expect((await pushHttp('staff-vp', big(100))).status).toBe(200);
				const before = await s.storage.counts(DEFAULT_COMMUNE);
				const refused = await pushHttp('staff-vp', big(200));
				expect(refused.status).toBe(429);
				expect(errorBodySchema.parse(await refused.json()).error.code).toBe('rate_limited');
				const wait = Number(refused.headers.get('retry-after'));
				// About one request's 300 KB at 1000 bytes a second.
				expect(wait).toBeGreaterThan(200);
				expect(wait).toBeLessThan(400);
				expect(await s.storage.counts(DEFAULT_COMMUNE)).toEqual(before);
				// Small changes of another account are not held up.
				await addUser(s.ctx, 'staff-vp2', 'staff', 'VP');
				expect((await pushHttp('staff-vp2', docs(10, 2000))).status).toBe(200);
				s.clock.now += wait * 1000;
				expect((await pushHttp('staff-vp', big(200))).status).toBe(200);
				expect((await s.storage.counts(DEFAULT_COMMUNE)).records).toBe(before.records + 30);
			});

			it('is kept in the database, so every server process sharing it sees the same budget', async () => {
				await send(staff, docs(burst, 0));
				const other = await s.another();
				const outcome = await other.storage.applyBatch(DEFAULT_COMMUNE, [], {
					key: `user:${staff.id}`,
					cost: 1,
					now: s.clock.now,
					burst,
					perMinute: 60
				});
				expect(outcome).toEqual({ ok: false, retryAfterMs: 1000 });
			});

			it('a request bigger than what is left waits for a full budget, never forever', async () => {
				await send(staff, docs(100, 0));
				// 400 left of 500; 480 more cannot go now...
				await expect(send(staff, docs(480, 100))).rejects.toMatchObject({ retryAfterMs: 80_000 });
				s.clock.now += 80_000;
				expect(
					(await send(staff, docs(480, 100))).results.every((r) => r.status === 'applied')
				).toBe(true);
			});
		});

		describe('one transaction per push request', () => {
			it('a failure inside a request rolls the whole request back', async () => {
				const ok = mutation('document', documentRecord({ id: 'd-ok' }));
				const items: BatchItem[] = [ok, mutation('document', documentRecord({ id: 'd-boom' }))].map(
					(m, i) => ({
						envelope: {
							mutationId: m.mutationId,
							entity: m.entity,
							recordId: m.recordId,
							userId: staff.id,
							deviceId: 'dev-a',
							at: T0
						},
						decide: () => {
							if (i === 1) throw new Error('boom');
							return {
								kind: 'write',
								state: { data: m.record, clocks: {} },
								unitCode: 'VP',
								hlc: m.hlc,
								deleted: false,
								changed: true,
								history: []
							};
						}
					})
				);
				await expect(s.storage.applyBatch(DEFAULT_COMMUNE, items)).rejects.toThrow('boom');
				expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'document', 'd-ok')).toBeNull();
				expect(await s.storage.findAppliedMutation(DEFAULT_COMMUNE, ok.mutationId)).toBeNull();

				// Requests in flight together share one commit; the failing one still fails alone.
				const [alone, failing] = await Promise.allSettled([
					s.storage.applyBatch(DEFAULT_COMMUNE, items.slice(0, 1)),
					s.storage.applyBatch(DEFAULT_COMMUNE, items)
				]);
				expect(alone.status).toBe('fulfilled');
				expect(failing.status).toBe('rejected');
				expect((await s.storage.findRecord(DEFAULT_COMMUNE, 'document', 'd-ok'))?.id).toBe('d-ok');
				expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'document', 'd-boom')).toBeNull();
			});
		});
	},
	30_000
);

describe('one durable transaction per push request (SQLite)', () => {
	let t: TestServer;
	beforeEach(async () => {
		t = await openSeededServer();
		staff = await addUser(t.ctx, 'staff-vp', 'staff', 'VP');
	});
	afterEach(() => t.close());
	const sendT = (mutations: Mutation[]) =>
		push(t.ctx, staff, { version: 1, deviceId: 'dev-a', mutations });

	it('runs with synchronous = FULL', () => {
		expect(t.storage.synchronous).toBe('FULL');
	});

	it('prepares no statement once warm: a second request of new mutations reuses them all', async () => {
		const prepare = vi.spyOn(Database.prototype, 'prepare');
		try {
			await sendT([mutation('document', documentRecord({ id: 'd-warm' }))]);
			// (The spy sees preparing: the first request of this kind prepares its statements.)
			expect(prepare.mock.calls.length).toBeGreaterThan(0);
			prepare.mockClear();
			await sendT(
				Array.from({ length: 10 }, (_, i) =>
					mutation('document', documentRecord({ id: `d-${i}`, number: `${i}/KH` }))
				)
			);
			expect(prepare).not.toHaveBeenCalled();
		} finally {
			prepare.mockRestore();
		}
	});
});
