import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECORD_SCHEMAS, type Mutation } from '$lib/domain/sync/protocol';
import { addUser, openSeededServer, type TestServer, type TestUser } from '../test-server';
import {
	documentRecord,
	fakeUuid,
	hlcAt,
	meeting,
	mutation,
	plan,
	procedure,
	T0
} from '$factories/sync';
import { push } from './push';
import { pull } from './pull';
import { DEFAULT_COMMUNE } from '../storage/types';

let s: TestServer;
let staffVP: TestUser;
let headVP: TestUser;
let monitor: TestUser;
let admin: TestUser;

beforeEach(async () => {
	s = await openSeededServer();
	staffVP = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
	headVP = await addUser(s.ctx, 'head-vp', 'unit_head', 'VP');
	monitor = await addUser(s.ctx, 'monitor', 'monitor', null);
	const a = await s.storage.findUserByUsername('admin');
	admin = {
		id: a!.id,
		username: 'admin',
		displayName: '',
		role: 'admin',
		communeId: DEFAULT_COMMUNE,
		unitCode: null
	};
});
afterEach(() => s.close());

const send = (user: TestUser, mutations: Mutation[], deviceId = 'dev-a') =>
	push(s.ctx, user, { version: 1, deviceId, mutations });

describe('push', () => {
	it('applies a mutation once: the same mutation twice gives one record and a duplicate', async () => {
		const m = mutation('meeting', meeting());
		const first = await send(staffVP, [m]);
		const before = await s.storage.counts(DEFAULT_COMMUNE);
		const second = await send(staffVP, [m]);
		expect(first.results[0]).toMatchObject({ status: 'applied', mutationId: m.mutationId });
		expect(second.results[0]).toEqual({ ...first.results[0], status: 'duplicate' });
		expect(await s.storage.counts(DEFAULT_COMMUNE)).toEqual(before);
		const stored = await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-1');
		expect(stored?.state.data.title).toBe('Giao ban tuần');
	});

	it('reports a duplicate inside one batch too', async () => {
		const m = mutation('meeting', meeting());
		const res = await send(staffVP, [m, m]);
		expect(res.results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
	});

	it("a mutation id already applied to another record is refused: the caller's change is not dropped as a duplicate, the first answer does not leak", async () => {
		const staffKT = await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
		// head-vp writes the title; staff-vp's older title edit loses to it (an answer with lost).
		await send(headVP, [mutation('meeting', meeting(), { hlc: hlcAt(T0 + 1, 'dev-b') })], 'dev-b');
		const older = mutation('meeting', meeting({ title: 'Cũ hơn' }), { fields: ['title'] });
		const first = (await send(staffVP, [older])).results[0]!;
		expect(first).toMatchObject({ status: 'applied', lost: [{ field: 'title' }] });
		// Another unit's user sends their own new meeting under the same mutation id.
		const theirs = mutation('meeting', meeting({ id: 'm-kt', unitCode: 'KT' }), {
			mutationId: older.mutationId,
			hlc: hlcAt(T0 + 2, 'dev-k')
		});
		const res = await send(staffKT, [theirs], 'dev-k');
		expect(res.results).toEqual([
			{
				mutationId: older.mutationId,
				status: 'rejected',
				code: 'invalid',
				reason: 'mutationId: already used for another record or by another account'
			}
		]);
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-kt')).toBeNull();
		// The very mutation replayed by another account (same record, its own device): refused the
		// same way, the first answer's lost fields (who wrote what) not given (attacker review r20, 2).
		const replayed = { ...older, hlc: hlcAt(T0 + 3, 'dev-k') };
		expect((await send(staffKT, [replayed], 'dev-k')).results).toEqual(res.results);
		// Under a fresh id the same change is applied; the genuine resend is still a duplicate.
		const fresh = { ...theirs, mutationId: fakeUuid(9001) };
		expect((await send(staffKT, [fresh], 'dev-k')).results[0]!.status).toBe('applied');
		expect((await send(staffVP, [older])).results[0]).toEqual({ ...first, status: 'duplicate' });
	});

	it('rejects bad mutations with codes and still applies the others', async () => {
		const res = await send(staffVP, [
			mutation('meeting', { ...meeting({ id: 'bad' }), title: '' }),
			mutation('meeting', meeting({ id: 'other-unit', unitCode: 'KT' })),
			mutation('plan', plan()),
			mutation('meeting', meeting({ id: 'nowhere', unitCode: 'NOPE' })),
			mutation('meeting', meeting({ id: 'x' }), { recordId: 'y' }),
			mutation('procedure', procedure({ id: 'VP:2026-03' })),
			mutation('meeting', meeting({ id: 'future' }), { hlc: hlcAt(T0 + 6 * 60_000) }),
			mutation('settings', { id: 'settings' }, { op: 'delete' }),
			mutation('meeting', meeting({ id: 'ok' }))
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual([
			'invalid',
			'forbidden',
			'forbidden',
			'forbidden',
			'id_mismatch',
			'id_mismatch',
			'clock_skew',
			'invalid',
			'applied'
		]);
		expect(res.results[0]!.reason).toContain('title');
		const unknown = await send(admin, [
			mutation('meeting', meeting({ id: 'nowhere', unitCode: 'NOPE' }))
		]);
		expect(unknown.results[0]!.code).toBe('unknown_unit');
		const counts = await s.storage.counts(DEFAULT_COMMUNE);
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'ok')).not.toBeNull();
		// Rejections write nothing: no applied id, so the device may fix and resend.
		expect(
			await s.storage.findAppliedMutation(DEFAULT_COMMUNE, res.results[0]!.mutationId)
		).toBeNull();
		expect(counts.records).toBe(13); // 11 units + settings + the one applied meeting
	});

	it('a rejection is not stored: after the fix-up the same id can apply', async () => {
		const m = mutation('meeting', meeting({ unitCode: 'KT' }));
		expect((await send(staffVP, [m])).results[0]!.code).toBe('forbidden');
		expect((await send(admin, [m])).results[0]!.status).toBe('applied');
	});

	it('refuses a clock stamped with another device’s id, so a lost-field notice cannot name the wrong person', async () => {
		// head-vp's device (dev-b) edits the title; staff-vp's device (dev-a) then sends an edit
		// stamped with dev-b's id and a newer clock.
		await send(headVP, [mutation('meeting', meeting(), { hlc: hlcAt(T0 + 1, 'dev-b') })], 'dev-b');
		const forged = mutation('meeting', meeting({ title: 'Giả danh' }), {
			hlc: hlcAt(T0 + 5, 'dev-b'),
			fields: ['title']
		});
		const res = await send(staffVP, [forged], 'dev-a');
		expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
		expect(res.results[0]!.reason).toMatch(/^hlc: /);
		// Nothing of it is written: the title is head-vp's, and the id is free for a real send.
		const stored = await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-1');
		expect(stored!.state.data.title).toBe('Giao ban tuần');
		expect(stored!.state.clocks.title).toBe(hlcAt(T0 + 1, 'dev-b'));
		// An older edit of the title from a third device loses to head-vp's value, named as theirs.
		const older = await send(
			staffVP,
			[
				mutation('meeting', meeting({ title: 'Cũ hơn' }), {
					hlc: hlcAt(T0 + 0, 'dev-c'),
					fields: ['title']
				})
			],
			'dev-c'
		);
		expect(older.results[0]!.lost).toEqual([
			{ field: 'title', clock: hlcAt(T0 + 1, 'dev-b'), byUserName: 'head-vp' }
		]);
		// Again, with its mutation id sent a second time in the same request for another record
		// (refused): the notice still names this record's writer, not one looked up on the other.
		const lostAgain = mutation('meeting', meeting({ title: 'Cũ hơn nữa' }), {
			hlc: hlcAt(T0 + 0, 'dev-c', 1),
			fields: ['title']
		});
		const other = {
			...mutation('meeting', meeting({ id: 'm-2', title: 'Khác' }), {
				hlc: hlcAt(T0 + 2, 'dev-c')
			}),
			mutationId: lostAgain.mutationId
		};
		const twice = await send(staffVP, [lostAgain, other], 'dev-c');
		expect(twice.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
		expect(twice.results[0]!.lost).toEqual([
			{ field: 'title', clock: hlcAt(T0 + 1, 'dev-b'), byUserName: 'head-vp' }
		]);
		// The same change sent by the device whose id it carries is applied.
		expect((await send(headVP, [forged], 'dev-b')).results[0]!.status).toBe('applied');
	});

	it('parses a record once, and the merge again only when it took a stored value', async () => {
		await send(staffVP, [mutation('procedure', procedure({ total: 10, digital: 9 }))]);
		const parses = vi.spyOn(RECORD_SCHEMAS.procedure, 'safeParse');
		// An edit whose every value is its own (the stored ones equal them or lose): one parse.
		const own = await send(staffVP, [
			mutation('procedure', procedure({ total: 12, digital: 9 }), {
				fields: ['total'],
				hlc: hlcAt(T0 + 1)
			})
		]);
		expect(own.results[0]!.status).toBe('applied');
		expect(parses).toHaveBeenCalledTimes(1);
		// Another device changed digital since: the merge holds a stored value, checked again.
		await send(
			headVP,
			[
				mutation('procedure', procedure({ total: 12, digital: 11 }), {
					fields: ['digital'],
					hlc: hlcAt(T0 + 2, 'dev-b')
				})
			],
			'dev-b'
		);
		parses.mockClear();
		const stale = await send(staffVP, [
			mutation('procedure', procedure({ total: 11, digital: 9 }), {
				fields: ['total'],
				hlc: hlcAt(T0 + 3)
			})
		]);
		expect(stale.results[0]!.status).toBe('applied');
		expect(parses).toHaveBeenCalledTimes(2);
		expect(
			(await s.storage.findRecord(DEFAULT_COMMUNE, 'procedure', 'VP:2026-04'))!.state.data
		).toMatchObject({ total: 11, digital: 11 });
		parses.mockRestore();
	});

	it('rejects writes to an archived unit as locked', async () => {
		const unit = await s.storage.findRecord(DEFAULT_COMMUNE, 'unit', 'VP');
		const archived = { ...unit!.state.data, archived: true, updatedAt: T0 };
		expect(
			(
				await send(
					admin,
					[mutation('unit', archived, { hlc: hlcAt(T0 + 1, 'admin-dev') })],
					'admin-dev'
				)
			).results[0]!.status
		).toBe('applied');
		expect((await send(staffVP, [mutation('meeting', meeting())])).results[0]!.code).toBe('locked');
	});

	it('follows the role rules for plans, settings and units', async () => {
		const settings = (await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings'))!.state
			.data;
		const unit = (await s.storage.findRecord(DEFAULT_COMMUNE, 'unit', 'KT'))!.state.data;
		const at = hlcAt(T0 + 1);
		const codes = async (user: TestUser) =>
			(
				await send(user, [
					mutation('plan', plan(), { hlc: at }),
					mutation('plan', plan({ unitCode: 'KT' }), { hlc: at }),
					mutation('settings', { ...settings, communeName: user.username }, { hlc: at }),
					mutation('unit', { ...unit, name: 'Phòng KT' }, { hlc: at })
				])
			).results.map((r) => r.code ?? r.status);
		expect(await codes(staffVP)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
		expect(await codes(headVP)).toEqual(['applied', 'forbidden', 'forbidden', 'forbidden']);
		expect(await codes(monitor)).toEqual(['applied', 'applied', 'applied', 'forbidden']);
		expect(await codes(admin)).toEqual(['applied', 'applied', 'applied', 'applied']);
	});

	it('takes the commune’s plan reference as two settings fields; a bad one is refused alone', async () => {
		// The settings the server seeded for the commune, as a record stored before the plan fields.
		const stored = (await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings'))!.state
			.data;
		const { planNumber: _n, planDate: _d, ...old } = stored;
		const res = await send(admin, [
			mutation(
				'settings',
				{ ...old, planNumber: 'KH 45', planDate: '2026-04-15' },
				{ hlc: hlcAt(T0 + 1), fields: ['planNumber', 'planDate'] }
			),
			mutation(
				'settings',
				{ ...old, planNumber: '45/KH-UBND', planDate: '2026-04-15' },
				{ hlc: hlcAt(T0 + 2), fields: ['planNumber', 'planDate'] }
			),
			mutation('meeting', meeting(), { hlc: hlcAt(T0 + 3) })
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual(['invalid', 'applied', 'applied']);
		expect(res.results[0]!.reason).toContain('planNumber: err.planNumber');
		const after = (await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings'))!.state.data;
		expect(after).toMatchObject({
			planNumber: '45/KH-UBND',
			planDate: '2026-04-15',
			communeName: stored.communeName,
			limits: stored.limits
		});
		// Another device pulls them with the settings.
		const page = await pull(s.ctx, monitor, { version: 1, cursor: 0, limit: 100 });
		expect(page.changes.find((c) => c.entity === 'settings')?.record).toMatchObject({
			planNumber: '45/KH-UBND',
			planDate: '2026-04-15'
		});
	});

	it('refuses moving a record out of a unit the user may not write', async () => {
		await send(admin, [mutation('document', documentRecord({ unitCode: 'KT' }))]);
		const res = await send(staffVP, [
			mutation('document', documentRecord({ unitCode: 'VP' }), { hlc: hlcAt(T0 + 1) })
		]);
		expect(res.results[0]!.code).toBe('forbidden');
		expect((await s.storage.findRecord(DEFAULT_COMMUNE, 'document', 'd-1'))!.unitCode).toBe('KT');
	});

	it('deletes as a tombstone that pull returns', async () => {
		await send(staffVP, [mutation('meeting', meeting())]);
		await send(staffVP, [mutation('meeting', meeting(), { op: 'delete', hlc: hlcAt(T0 + 1) })]);
		const stored = await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-1');
		expect(stored).toMatchObject({ deleted: true });
		expect(stored!.state.data.title).toBe('Giao ban tuần');
		const page = await pull(s.ctx, staffVP, { version: 1, cursor: 0, limit: 100 });
		expect(page.changes.find((c) => c.recordId === 'm-1')).toMatchObject({ deleted: true });
	});

	it('rejects a merge that would break the record invariants as a conflict', async () => {
		await send(staffVP, [mutation('procedure', procedure({ total: 10, digital: 9 }))]);
		await send(
			headVP,
			[
				mutation('procedure', procedure({ total: 10, digital: 10 }), {
					fields: ['digital'],
					hlc: hlcAt(T0 + 2, 'dev-b')
				})
			],
			'dev-b'
		);
		const res = await send(staffVP, [
			mutation('procedure', procedure({ total: 5, digital: 5, digitized: 5 }), {
				fields: ['total'],
				hlc: hlcAt(T0 + 1)
			})
		]);
		expect(res.results[0]!.code).toBe('conflict');
		expect(
			(await s.storage.findRecord(DEFAULT_COMMUNE, 'procedure', 'VP:2026-04'))!.state.data
		).toMatchObject({
			total: 10,
			digital: 10
		});
	});
});

describe('push refuses records the app could not show', () => {
	const DAY = 24 * 3_600_000;

	it('rejects a meeting whose date is not the local date of its first sitting, with the field', async () => {
		const res = await send(staffVP, [mutation('meeting', meeting({ date: '2026-05-03' }))]);
		expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
		expect(res.results[0]!.reason).toContain('date: err.dateMismatch');
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'm-1')).toBeNull();
	});

	it('rejects instants outside 2000-01-01..2100-01-01 (a sitting at 9e15 ms, an agenda span in 1970)', async () => {
		const far = meeting({ id: 'far', sittings: [{ start: T0 - DAY, end: 9e15 }] });
		const span = { start: 1000, end: 2000 };
		const old = meeting({
			id: 'old',
			agenda: [
				{ id: 'a', title: 'Báo cáo', kind: 'presentation', plannedMinutes: 10, spans: [span] }
			]
		});
		const res = await send(staffVP, [mutation('meeting', far), mutation('meeting', old)]);
		expect(res.results.map((r) => r.code)).toEqual(['invalid', 'invalid']);
		expect(res.results[0]!.reason).toContain('sittings.0.end: err.instantRange');
		expect(res.results[1]!.reason).toContain('agenda.0.spans.0.start: err.instantRange');
	});

	it('caps sittings, agenda items, text lengths and the record size', async () => {
		const sittings = Array.from({ length: 32 }, (_, i) => ({
			start: T0 - 40 * DAY + i * DAY,
			end: T0 - 40 * DAY + i * DAY + 60_000
		}));
		const item = (i: number) => ({
			id: `a${i}`,
			title: `Nội dung ${i}`,
			kind: 'presentation' as const,
			plannedMinutes: 5,
			spans: []
		});
		// Every field within its own cap, the whole record over 64 KB.
		const spans = Array.from({ length: 10 }, (_, k) => ({
			start: T0 - DAY + k * 60_000,
			end: T0 - DAY + k * 60_000 + 30_000
		}));
		const big = (i: number) => ({ ...item(i), title: 'x'.repeat(300), spans });
		const res = await send(staffVP, [
			mutation('meeting', meeting({ id: 's', sittings, date: '2026-03-25' })),
			mutation(
				'meeting',
				meeting({ id: 'g', agenda: Array.from({ length: 101 }, (_, i) => item(i)) })
			),
			mutation('meeting', meeting({ id: 'n', notes: 'x'.repeat(5001) })),
			mutation(
				'meeting',
				meeting({
					id: 'z',
					agenda: Array.from({ length: 100 }, (_, i) => big(i)),
					notes: 'ữ'.repeat(5000)
				})
			),
			mutation('meeting', meeting({ id: 'ok', agenda: [item(1)] }))
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual([
			'invalid',
			'invalid',
			'invalid',
			'invalid',
			'applied'
		]);
		expect(res.results[0]!.reason).toContain('sittings: err.tooManySittings');
		expect(res.results[1]!.reason).toContain('agenda: err.tooManyItems');
		expect(res.results[2]!.reason).toContain('notes: err.tooLong');
		expect(res.results[3]!.reason).toContain('(record): err.recordTooLarge');
	});
});

describe('concurrent edits', () => {
	const base = meeting();
	const byA = () =>
		mutation(
			'meeting',
			{ ...base, title: 'Sửa bởi A', notes: 'A' },
			{ hlc: hlcAt(T0 + 5, 'dev-a'), fields: ['title', 'notes'] }
		);
	const byB = () =>
		mutation(
			'meeting',
			{ ...base, title: 'Sửa bởi B', status: 'cancelled' },
			{ hlc: hlcAt(T0 + 5, 'dev-b'), fields: ['title', 'status'] }
		);

	async function run(order: 'ab' | 'ba') {
		const server = await openSeededServer();
		const user = await addUser(server.ctx, 'staff-vp', 'staff', 'VP');
		const go = (m: Mutation, device: string) =>
			push(server.ctx, user, { version: 1, deviceId: device, mutations: [m] });
		await go(mutation('meeting', base), 'dev-a');
		const [a, b] = [byA(), byB()];
		if (order === 'ab') {
			await go(a, 'dev-a');
			await go(b, 'dev-b');
		} else {
			await go(b, 'dev-b');
			await go(a, 'dev-a');
		}
		const stored = await server.storage.findRecord(DEFAULT_COMMUNE, 'meeting', base.id);
		const history = await server.storage.listHistory(DEFAULT_COMMUNE, 'meeting', base.id);
		server.close();
		return { stored: stored!, history };
	}

	it('converge on the same record whatever the arrival order, and keep the losing version', async () => {
		const ab = await run('ab');
		const ba = await run('ba');
		expect(ab.stored.state).toEqual(ba.stored.state);
		// Same clock on title: device id breaks the tie (dev-b > dev-a); other fields merge.
		expect(ab.stored.state.data).toMatchObject({
			title: 'Sửa bởi B',
			notes: 'A',
			status: 'cancelled'
		});
		const lostTitles = (h: typeof ab.history) =>
			h.filter((x) => x.kind === 'lost' || x.kind === 'superseded').map((x) => x.state.data.title);
		expect(lostTitles(ab.history)).toContain('Sửa bởi A');
		expect(lostTitles(ba.history)).toContain('Sửa bởi A');
		expect(ba.history.some((h) => h.kind === 'lost' && h.state.data.title === 'Sửa bởi A')).toBe(
			true
		);
	});

	it('a stale full put loses to the newer stored value and is kept in history', async () => {
		await send(staffVP, [mutation('meeting', base, { hlc: hlcAt(T0 + 1) })]);
		await send(
			headVP,
			[mutation('meeting', { ...base, title: 'Mới' }, { hlc: hlcAt(T0 + 9, 'dev-b') })],
			'dev-b'
		);
		const stale = mutation('meeting', { ...base, title: 'Cũ' }, { hlc: hlcAt(T0 + 3) });
		expect((await send(staffVP, [stale])).results[0]!.status).toBe('applied');
		expect(
			(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', base.id))!.state.data.title
		).toBe('Mới');
		const history = await s.storage.listHistory(DEFAULT_COMMUNE, 'meeting', base.id);
		expect(history.at(-1)).toMatchObject({ kind: 'lost', mutationId: stale.mutationId });
		expect(history.at(-1)!.state.data.title).toBe('Cũ');
	});
});

describe('pull', () => {
	it('pages with a cursor and returns every change exactly once', async () => {
		for (let i = 0; i < 7; i++)
			await send(staffVP, [mutation('meeting', meeting({ id: `m-${i}` }))]);
		const seen: string[] = [];
		let cursor = 0;
		let pages = 0;
		for (;;) {
			const page = await pull(s.ctx, staffVP, { version: 1, cursor, limit: 5 });
			pages++;
			seen.push(...page.changes.map((c) => `${c.entity}:${c.recordId}`));
			expect(page.cursor).toBeGreaterThanOrEqual(cursor);
			cursor = page.cursor;
			if (!page.hasMore) break;
		}
		expect(pages).toBe(4); // 11 units + settings + 7 meetings = 19 records
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).toHaveLength(19);
		const again = await pull(s.ctx, staffVP, { version: 1, cursor, limit: 5 });
		expect(again).toMatchObject({ changes: [], hasMore: false, cursor });
	});

	it('returns a changed record again, after the cursor, with its new state only', async () => {
		await send(staffVP, [mutation('meeting', meeting())]);
		const first = await pull(s.ctx, staffVP, { version: 1, cursor: 0, limit: 100 });
		await send(staffVP, [
			mutation('meeting', meeting({ title: 'Đổi tên' }), { hlc: hlcAt(T0 + 1) })
		]);
		const next = await pull(s.ctx, staffVP, { version: 1, cursor: first.cursor, limit: 100 });
		expect(next.changes).toHaveLength(1);
		expect(next.changes[0]!.record.title).toBe('Đổi tên');
	});

	it('returns only what the caller may read', async () => {
		await send(admin, [
			mutation('meeting', meeting({ id: 'vp' })),
			mutation('meeting', meeting({ id: 'kt', unitCode: 'KT' })),
			mutation('plan', plan({ unitCode: 'KT' }))
		]);
		const ids = async (user: TestUser) =>
			(await pull(s.ctx, user, { version: 1, cursor: 0, limit: 1000 })).changes
				.filter((c) => c.entity !== 'unit' && c.entity !== 'settings')
				.map((c) => c.recordId);
		expect(await ids(staffVP)).toEqual(['vp']);
		expect(await ids(monitor)).toEqual(['vp', 'kt', 'KT:2026']);
		const kt = await addUser(s.ctx, 'staff-kt', 'staff', 'KT');
		expect(await ids(kt)).toEqual(['kt', 'KT:2026']);
		const units = (await pull(s.ctx, kt, { version: 1, cursor: 0, limit: 1000 })).changes.filter(
			(c) => c.entity === 'unit'
		);
		expect(units).toHaveLength(11);
	});

	it('fakeUuid makes ids the protocol accepts', () => {
		expect(fakeUuid(1)).toMatch(/^[0-9a-f-]{36}$/);
	});
});
