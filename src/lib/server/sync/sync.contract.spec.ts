/**
 * The sync rules that matter, through the server's push and pull (not the storage calls), on both
 * engines through test-engines.ts: SQLite and PostgreSQL (throwaway cluster or TEST_DATABASE_URL;
 * never skipped). growth.spec.ts and push/push.spec.ts (also on both engines) cover the
 * history bound, the write budget and Web Push in depth.
 */
import { describe, expect, it } from 'vitest';
import { pushRequestSchema, type Mutation } from '$lib/domain/sync/protocol';
import { useCleanups } from '$factories/pg-cluster';
import { hlcAt, meeting, mutation, T0 } from '$factories/sync';
import { bootstrap } from '../auth/bootstrap';
import { makeContext, type ServerContext } from '../context';
import { openPostgresStorage } from '../storage/postgres';
import { DEFAULT_COMMUNE as C } from '../storage/types';
import { createPgTestDatabase, openSeededEngine, TEST_ENGINES } from '../test-engines';
import { addUser, type TestUser } from '../test-server';
import { pull } from './pull';
import { push, WriteBudgetSpent } from './push';

const cleanups = useCleanups();

// The first PostgreSQL case of the file also starts the cluster (test-engines.ts starts it lazily).
describe('PostgreSQL, several app processes', { timeout: 30_000 }, () => {
	it('two processes starting together on an empty database both come up, with one admin', async () => {
		const db = await createPgTestDatabase();
		cleanups.push(() => db.drop());
		const start = async () => {
			const storage = await openPostgresStorage(db.url, { poolSize: 2 });
			cleanups.push(() => storage.end());
			// A real hash cost: the processes' check-then-create windows overlap.
			const ctx = makeContext(storage, { now: () => T0, scrypt: { N: 16384, r: 8, p: 1 } });
			await bootstrap(ctx, 'admin-password');
			return storage;
		};
		const [a, b] = await Promise.all([start(), start(), start()]);
		expect((await a!.listUsers(C)).map((u) => u.username)).toEqual(['admin']);
		expect(await b!.listUnits(C)).toHaveLength(11);
	});
});

describe.each(TEST_ENGINES)('sync through the server on $name', { timeout: 30_000 }, (engine) => {
	async function seeded(writeLimit: ServerContext['writeLimit'] = null) {
		const s = await openSeededEngine(engine);
		cleanups.push(() => s.close());
		const { ctx, storage } = s;
		ctx.writeLimit = writeLimit;
		const staff = await addUser(ctx, 'staff-vp', 'staff', 'VP');
		const send = (user: TestUser, mutations: Mutation[], deviceId = 'dev-a') =>
			push(ctx, user, { version: 1, deviceId, mutations });
		return { ctx, storage, staff, send };
	}

	it('applies a mutation once, also inside one batch; rejections do not stop the others', async () => {
		const { storage, staff, send } = await seeded();
		const m = mutation('meeting', meeting());
		const first = await send(staff, [m, m]);
		expect(first.results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
		const before = await storage.counts(C);
		expect((await send(staff, [m])).results[0]).toEqual({
			...first.results[0],
			status: 'duplicate'
		});
		expect(await storage.counts(C)).toEqual(before);
		const other = mutation('meeting', meeting({ id: 'kt', unitCode: 'KT' }));
		const ok = mutation('meeting', meeting({ id: 'm-2' }));
		const mixed = await send(staff, [other, ok]);
		expect(mixed.results.map((r) => [r.status, r.code])).toEqual([
			['rejected', 'forbidden'],
			['applied', undefined]
		]);
		expect(await storage.findRecord(C, 'meeting', 'kt')).toBeNull();
	});

	it('pull pages by cursor, each change once, tombstones included, scoped by unit', async () => {
		const { ctx, staff, send } = await seeded();
		for (let i = 0; i < 7; i++) await send(staff, [mutation('meeting', meeting({ id: `m-${i}` }))]);
		await send(staff, [
			mutation(
				'meeting',
				{ ...meeting({ id: 'm-3' }), deleted: true, updatedAt: T0 + 1 },
				{ hlc: hlcAt(T0 + 1), op: 'delete' }
			)
		]);
		const admin = { ...staff, role: 'admin' as const, unitCode: null };
		await send(admin, [mutation('meeting', meeting({ id: 'kt', unitCode: 'KT' }))]);
		const seen: string[] = [];
		let cursor = 0;
		for (;;) {
			const page = await pull(ctx, staff, { version: 1, cursor, limit: 5 });
			seen.push(...page.changes.map((c) => `${c.recordId}${c.deleted ? ':deleted' : ''}`));
			cursor = page.cursor;
			if (!page.hasMore) break;
		}
		// 11 units + settings + 7 meetings of VP (m-3 as a tombstone); KT's meeting is not VP's.
		expect(seen).toHaveLength(19);
		expect(new Set(seen).size).toBe(19);
		expect(seen).toContain('m-3:deleted');
		expect(seen).not.toContain('kt');
		expect((await pull(ctx, staff, { version: 1, cursor, limit: 5 })).changes).toEqual([]);
	});

	it('concurrent edits converge whatever the order; the losing version is kept', async () => {
		const { storage, staff, send } = await seeded();
		const base = meeting();
		await send(staff, [mutation('meeting', base)]);
		const a = mutation(
			'meeting',
			{ ...base, title: 'Sửa bởi A', notes: 'A' },
			{ hlc: hlcAt(T0 + 5, 'dev-a'), fields: ['title', 'notes'] }
		);
		const b = mutation(
			'meeting',
			{ ...base, title: 'Sửa bởi B', status: 'cancelled' },
			{ hlc: hlcAt(T0 + 5, 'dev-b'), fields: ['title', 'status'] }
		);
		await Promise.all([send(staff, [b], 'dev-b'), send(staff, [a], 'dev-a')]);
		const stored = await storage.findRecord(C, 'meeting', base.id);
		expect(stored!.state.data).toMatchObject({
			title: 'Sửa bởi B',
			notes: 'A',
			status: 'cancelled'
		});
		const history = await storage.listHistory(C, 'meeting', base.id);
		expect(history.map((h) => h.state.data.title)).toContain('Sửa bởi A');
	});

	it("answers the fields a user's edit lost to a newer edit, who wrote them and when", async () => {
		const { ctx, staff, send } = await seeded();
		const other = await addUser(ctx, 'nguyen-van-a', 'staff', 'VP');
		const base = meeting({ attendees: 20, notes: '' });
		await send(staff, [mutation('meeting', base)]);
		// Phone B (Nguyễn Văn A) edits the attendees at 10:05 and syncs at once.
		const winning = hlcAt(T0 + 60_000, 'dev-b');
		const b = mutation(
			'meeting',
			{ ...base, attendees: 30, chair: 'Chủ tịch', updatedAt: T0 + 60_000 },
			{ hlc: winning, fields: ['attendees', 'chair', 'updatedAt'] }
		);
		expect((await send(other, [b], 'dev-b')).results[0]).not.toHaveProperty('lost');
		// Phone A edited offline earlier: attendees 25 (loses), the same chair (loses to the same
		// value: nothing to tell), notes (wins).
		const a = mutation(
			'meeting',
			{ ...base, attendees: 25, chair: 'Chủ tịch', notes: 'Ghi chú', updatedAt: T0 + 30_000 },
			{ hlc: hlcAt(T0 + 30_000, 'dev-a'), fields: ['attendees', 'chair', 'notes', 'updatedAt'] }
		);
		const first = (await send(staff, [a], 'dev-a')).results[0];
		expect(first).toEqual({
			mutationId: a.mutationId,
			status: 'applied',
			seq: expect.any(Number),
			lost: [{ field: 'attendees', clock: winning, byUserName: 'nguyen-van-a' }]
		});
		// The answer was lost and the phone resends: the duplicate tells it again.
		expect((await send(staff, [a], 'dev-a')).results[0]).toEqual({
			...first,
			status: 'duplicate'
		});
		const stored = await ctx.storage.findRecord(C, 'meeting', base.id);
		expect(stored!.state.data).toMatchObject({ attendees: 30, notes: 'Ghi chú' });
		// An older edit from a third phone loses the notes to phone A, named by its account.
		const c = mutation(
			'meeting',
			{ ...base, notes: 'Cũ', updatedAt: T0 + 1 },
			{ hlc: hlcAt(T0 + 1, 'dev-c'), fields: ['notes'] }
		);
		expect((await send(staff, [c], 'dev-c')).results[0]!.lost).toEqual([
			{ field: 'notes', clock: hlcAt(T0 + 30_000, 'dev-a'), byUserName: 'staff-vp' }
		]);
	});

	it("an older app's edit of the single plan, made offline before a list change reached the server, is not beaten by the server's mirror of the list", async () => {
		const { ctx, storage, send } = await seeded();
		const admin = await addUser(ctx, 'admin-2', 'admin', null);
		const seededSettings = (await storage.findRecord(C, 'settings', 'settings'))!.state.data;
		const fields = ['plans', 'planNumber', 'planDate', 'updatedAt'];
		const p26 = { year: 2026, number: '20/KH-UBND', date: '2025-12-20' };
		const p27 = { year: 2027, number: '30/KH-UBND', date: '2026-12-20' };
		const list = (plans: (typeof p26)[], mirror: typeof p26, at: number, device: string) =>
			mutation(
				'settings',
				{
					...seededSettings,
					plans,
					planNumber: mirror.number,
					planDate: mirror.date,
					updatedAt: at
				},
				{ hlc: hlcAt(at, device), fields, parts: plans.map((p) => `plans.${p.year}`) }
			);
		await send(admin, [list([p26], p26, T0 + 10, 'dev-a')], 'dev-a');
		// Phone B adds 2027 offline at T0 + 20 (its mirror is its 2027); an app from before the list
		// corrects the single plan offline at T0 + 30; B's change reaches the server an hour later.
		ctx.now = () => T0 + 3_600_000;
		await send(admin, [list([p27], p27, T0 + 20, 'dev-b')], 'dev-b');
		const mirrored = (await storage.findRecord(C, 'settings', 'settings'))!.state;
		expect(mirrored.data).toMatchObject({ planNumber: p26.number, planDate: p26.date });
		expect(mirrored.clocks.planNumber).toMatch(/-server$/);
		const { plans: _list, ...beforeList } = seededSettings;
		const older = await send(
			admin,
			[
				mutation(
					'settings',
					{ ...beforeList, planNumber: '21/KH-UBND', planDate: '2025-12-22', updatedAt: T0 + 30 },
					{ hlc: hlcAt(T0 + 30, 'dev-c'), fields: ['planNumber', 'planDate', 'updatedAt'] }
				)
			],
			'dev-c'
		);
		expect(older.results[0]!.status).toBe('applied');
		expect(older.results[0]).not.toHaveProperty('lost');
		expect((await storage.findRecord(C, 'settings', 'settings'))!.state.data).toMatchObject({
			planNumber: '21/KH-UBND',
			planDate: '2025-12-22'
		});
	});

	it("two admins' plans of different years both stay; the same year goes to the later edit, the other kept in history", async () => {
		const { ctx, storage, send } = await seeded();
		const admin = await addUser(ctx, 'admin-2', 'admin', null);
		const seededSettings = (await storage.findRecord(C, 'settings', 'settings'))!.state.data;
		const plan = (year: number, number: string) => ({ year, number, date: `${year - 1}-12-20` });
		const save = (
			plans: ReturnType<typeof plan>[],
			mirror: ReturnType<typeof plan>,
			at: number,
			device: string,
			parts: string[]
		) =>
			mutation(
				'settings',
				{
					...seededSettings,
					plans,
					planNumber: mirror.number,
					planDate: mirror.date,
					updatedAt: at
				},
				{
					hlc: hlcAt(at, device),
					fields: ['plans', 'planNumber', 'planDate', 'updatedAt'],
					parts
				}
			);
		// Both phones hold the seeded settings (no plan) and add a year each, at once.
		const p26 = plan(2026, '20/KH-UBND');
		const p27 = plan(2027, '30/KH-UBND');
		const [ra, rb] = await Promise.all([
			send(admin, [save([p26], p26, T0 + 10, 'dev-a', ['plans.2026'])], 'dev-a'),
			send(admin, [save([p27], p27, T0 + 20, 'dev-b', ['plans.2027'])], 'dev-b')
		]);
		expect([ra.results[0]!.status, rb.results[0]!.status]).toEqual(['applied', 'applied']);
		expect(ra.results[0]).not.toHaveProperty('lost');
		expect(rb.results[0]).not.toHaveProperty('lost');
		const both = (await storage.findRecord(C, 'settings', 'settings'))!.state;
		expect(both.data.plans).toEqual([p26, p27]);
		// The older apps' single plan is the merged list's (2026 in 2026), not phone B's 2027.
		expect(both.data).toMatchObject({ planNumber: p26.number, planDate: p26.date });
		// Written by the server, after phone B's clock: B, which holds its own mirror (2027) at its
		// clock, takes the server's from its next pull instead of settling a tie by value.
		expect(both.clocks.planNumber).toMatch(/-server$/);
		expect(both.clocks.planNumber! > hlcAt(T0 + 20, 'dev-b')).toBe(true);
		expect(both.clocks.planDate).toBe(both.clocks.planNumber);
		// Each year's clock is kept (and served by pull), so a later merge still goes year by year.
		expect(both.clocks).toMatchObject({
			'plans.2026': hlcAt(T0 + 10, 'dev-a'),
			'plans.2027': hlcAt(T0 + 20, 'dev-b')
		});
		const page = await pull(ctx, admin, { version: 1, cursor: 0, limit: 100 });
		expect(page.changes.find((c) => c.entity === 'settings')?.clocks['plans.2027']).toBe(
			hlcAt(T0 + 20, 'dev-b')
		);

		// 2027 edited on both phones: B's later edit wins, A's earlier one (sent last) is lost, kept
		// in history and answered as lost; 2026 stays.
		const b27 = plan(2027, '32/KH-UBND');
		const a27 = plan(2027, '31/KH-UBND');
		await send(admin, [save([p26, b27], p26, T0 + 40, 'dev-b', ['plans.2027'])], 'dev-b');
		const late = await send(
			admin,
			[save([p26, a27], p26, T0 + 30, 'dev-a', ['plans.2027'])],
			'dev-a'
		);
		expect(late.results[0]!.lost?.map((l) => l.field)).toEqual(['plans']);
		const after = (await storage.findRecord(C, 'settings', 'settings'))!.state.data;
		expect(after.plans).toEqual([p26, b27]);
		const history = await storage.listHistory(C, 'settings', 'settings');
		expect(history.filter((h) => h.kind === 'lost').map((h) => h.state.data.plans)).toContainEqual([
			p26,
			a27
		]);

		// An older app sends its list whole (no parts): it changes the year it holds, removes none.
		const p25 = plan(2025, '10/KH-UBND');
		const old = mutation(
			'settings',
			{
				...seededSettings,
				plans: [p25],
				planNumber: p25.number,
				planDate: p25.date,
				updatedAt: T0 + 50
			},
			{ hlc: hlcAt(T0 + 50, 'dev-c'), fields: ['plans', 'planNumber', 'planDate', 'updatedAt'] }
		);
		await send(admin, [old], 'dev-c');
		expect((await storage.findRecord(C, 'settings', 'settings'))!.state.data.plans).toEqual([
			p25,
			p26,
			b27
		]);
		// A removal names its year.
		await send(admin, [save([p25, p26], p26, T0 + 60, 'dev-a', ['plans.2027'])], 'dev-a');
		expect((await storage.findRecord(C, 'settings', 'settings'))!.state.data.plans).toEqual([
			p25,
			p26
		]);
		// A part that is no year of a keyed list is refused alone.
		const bad = await send(
			admin,
			[
				save([p25, p26], p26, T0 + 70, 'dev-a', ['communeName.x']),
				mutation('meeting', meeting({ id: 'after-bad' }), { hlc: hlcAt(T0 + 70, 'dev-a') })
			],
			'dev-a'
		);
		expect(bad.results.map((r) => r.code ?? r.status)).toEqual(['invalid', 'applied']);
		expect(bad.results[0]!.reason).toContain('parts');
		// An app from before the list clears its one plan (no list in its record): kept as written,
		// not made a mirror of the list again.
		const { plans: _list, ...beforeList } = seededSettings;
		await send(
			admin,
			[
				mutation(
					'settings',
					{ ...beforeList, planNumber: '', planDate: null, updatedAt: T0 + 80 },
					{ hlc: hlcAt(T0 + 80, 'dev-d'), fields: ['planNumber', 'planDate', 'updatedAt'] }
				)
			],
			'dev-d'
		);
		expect((await storage.findRecord(C, 'settings', 'settings'))!.state.data).toMatchObject({
			plans: [p25, p26],
			planNumber: '',
			planDate: null
		});
	});

	it('a change naming parts that are no year of the app is refused alone (no clock of them stored); a year held but not named is not written', async () => {
		const { ctx, storage, send } = await seeded();
		const admin = await addUser(ctx, 'admin-2', 'admin', null);
		const seededSettings = (await storage.findRecord(C, 'settings', 'settings'))!.state.data;
		const p26 = { year: 2026, number: '20/KH-UBND', date: '2025-12-20' };
		const save = (at: number, parts: unknown[]) =>
			mutation(
				'settings',
				{
					...seededSettings,
					plans: [p26],
					planNumber: p26.number,
					planDate: p26.date,
					updatedAt: at
				},
				{
					hlc: hlcAt(at, 'dev-a'),
					fields: ['plans', 'planNumber', 'planDate', 'updatedAt'],
					parts: parts as string[]
				}
			);
		const many = Array.from({ length: 200 }, (_, i) => `plans.${2000 + (i % 100)}`);
		const distinct = Array.from({ length: 101 }, (_, i) => `plans.${2000 + i}`);
		const cases: [unknown[], string][] = [
			[['plans.abc'], 'plans.abc'],
			[['plans.02027'], 'plans.02027'],
			[['plans.1999'], 'plans.1999'],
			[['plans.2100'], 'plans.2100'],
			[['plans.2026.5'], 'plans.2026.5'],
			[['plans.2026', 'plans.2026'], 'twice'],
			[many, 'more than 100'],
			[distinct, 'more than 100'],
			[[2026], 'not a text']
		];
		// The envelope takes any array of parts: what it holds is checked per mutation.
		const wide = { version: 1, deviceId: 'dev-a', mutations: [save(T0, [...many, ...many, 7])] };
		expect(pushRequestSchema.safeParse(wide).success).toBe(true);
		let at = T0 + 10;
		for (const [parts, reason] of cases) {
			at += 10;
			const res = await send(
				admin,
				[
					save(at, parts),
					mutation('meeting', meeting({ id: `after-${at}` }), { hlc: hlcAt(at, 'dev-a') })
				],
				'dev-a'
			);
			expect(
				res.results.map((r) => r.code ?? r.status),
				String(parts[0])
			).toEqual(['invalid', 'applied']);
			expect(res.results[0]!.reason).toContain('parts');
			expect(res.results[0]!.reason).toContain(reason);
		}
		const stored = (await storage.findRecord(C, 'settings', 'settings'))!.state;
		expect(Object.keys(stored.clocks).filter((c) => c.startsWith('plans.'))).toEqual([]);
		expect(stored.data.plans).toEqual(seededSettings.plans);
		// The same change naming its one year is taken.
		const ok = await send(admin, [save(at + 10, ['plans.2026'])], 'dev-a');
		expect(ok.results[0]!.status).toBe('applied');
		expect((await storage.findRecord(C, 'settings', 'settings'))!.state.data.plans).toEqual([p26]);
		// A change holding a year it does not name, which the server lacks: not written by it (no
		// plan, no empty clock of it); the year it names is.
		const p27 = { year: 2027, number: '30/KH-UBND', date: '2026-12-20' };
		const p30 = { year: 2030, number: '90/KH-UBND', date: '2029-12-20' };
		const held = mutation(
			'settings',
			{
				...seededSettings,
				plans: [p26, p27, p30],
				planNumber: p26.number,
				planDate: p26.date,
				updatedAt: at + 20
			},
			{
				hlc: hlcAt(at + 20, 'dev-a'),
				fields: ['plans', 'planNumber', 'planDate', 'updatedAt'],
				parts: ['plans.2027']
			}
		);
		expect((await send(admin, [held], 'dev-a')).results[0]!.status).toBe('applied');
		const after = (await storage.findRecord(C, 'settings', 'settings'))!.state;
		expect(after.data.plans).toEqual([p26, p27]);
		expect(after.clocks).not.toHaveProperty(['plans.2030']);
	});

	it('the write budget refuses a request over it and writes nothing of it', async () => {
		const { storage, staff, send } = await seeded({ burst: 500, perMinute: 60 });
		const batch = (from: number, n: number) =>
			Array.from({ length: n }, (_, i) => mutation('meeting', meeting({ id: `b-${from + i}` })));
		expect((await send(staff, batch(0, 450))).results).toHaveLength(450);
		await expect(send(staff, batch(450, 100))).rejects.toBeInstanceOf(WriteBudgetSpent);
		expect(await storage.findRecord(C, 'meeting', 'b-450')).toBeNull();
	});
});
