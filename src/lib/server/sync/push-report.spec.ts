/** The report draft kind on the server: validation and permissions come from its registry descriptor. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/sync/protocol';
import { addUser, openSeededServer, type TestServer, type TestUser } from '../test-server';
import { changeState } from '$lib/domain/sync/merge';
import { hlcAt, mutation, T0 } from '$factories/sync';
import { DEFAULT_COMMUNE } from '../storage/types';
import { push } from './push';
import { pull } from './pull';

let s: TestServer;
let headVP: TestUser;
let staffVP: TestUser;
let monitor: TestUser;

beforeEach(async () => {
	s = await openSeededServer();
	headVP = await addUser(s.ctx, 'head-vp', 'unit_head', 'VP');
	staffVP = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
	monitor = await addUser(s.ctx, 'monitor', 'monitor', null);
});
afterEach(() => s.close());

const send = (user: TestUser, mutations: Mutation[]) =>
	push(s.ctx, user, { version: 1, deviceId: 'dev-a', mutations });

function report(unitCode: string | null, over: Record<string, unknown> = {}) {
	const scope = unitCode ?? '*';
	return {
		id: `${scope}:6month:2026`,
		scope,
		unitCode,
		periodKind: '6month',
		year: 2026,
		number: 7,
		symbol: unitCode === null ? 'BC-UBND' : `BC-${unitCode}`,
		issuedOn: '2026-06-20',
		signingForm: 'tm',
		signerTitle: '',
		signerName: 'Nguyễn Thị Hoa',
		recipients: ['Sở Nội vụ tỉnh (b/c)', 'Lưu: VT, VHXH'],
		deployment: 'Đã quán triệt.',
		shortcomings: '',
		directions: '',
		proposals: '',
		status: 'draft',
		issued: null,
		createdAt: T0,
		updatedAt: T0,
		deleted: false,
		...over
	};
}

describe('report drafts on the server', () => {
	it('lets only admin and monitor write the commune’s; a unit head writes the unit’s own', async () => {
		const res = await send(headVP, [
			mutation('report', report(null)),
			mutation('report', report('KT')),
			mutation('report', report('VP'))
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual([
			'forbidden',
			'forbidden',
			'applied'
		]);
		expect(
			(await send(staffVP, [mutation('report', report('VP', { number: 8 }))])).results[0]?.code
		).toBe('forbidden');
		expect((await send(monitor, [mutation('report', report(null))])).results[0]?.status).toBe(
			'applied'
		);
	});

	it('refuses a report whose id is not <scope>:<period>:<year> or that is final without its figures', async () => {
		const res = await send(monitor, [
			mutation('report', report(null, { id: '*:annual:2026' })),
			mutation('report', report(null, { status: 'final' }))
		]);
		expect(res.results.map((r) => r.code)).toEqual(['invalid', 'invalid']);
	});

	it('refuses, per mutation, a final report dated before the date its figures run to', async () => {
		const issued = (asOf: string) => ({
			asOf,
			period: {
				kind: '6month',
				year: 2026,
				index: 0,
				start: '2025-12-15',
				end: '2026-06-14'
			},
			units: [],
			commune: { unitCode: '*', indicators: [] },
			unitNames: {},
			overLimit: []
		});
		const res = await send(monitor, [
			// Signed on the 18th with figures to the 20th (the review's report số 5).
			mutation(
				'report',
				report(null, { status: 'final', issuedOn: '2026-06-18', issued: issued('2026-06-20') })
			),
			// The same figures issued on the 20th: fine; and a unit's, issued the day after.
			mutation(
				'report',
				report('VP', { status: 'final', issuedOn: '2026-06-21', issued: issued('2026-06-20') })
			),
			// A draft may carry the early date (the form warns).
			mutation('report', report('KT', { issuedOn: '2026-06-18' }))
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual(['invalid', 'applied', 'applied']);
		expect(res.results[0]?.reason).toContain('issuedOn: err.issuedBeforeAsOf');
		const ok = await send(monitor, [
			mutation(
				'report',
				report(null, { status: 'final', issuedOn: '2026-06-20', issued: issued('2026-06-20') })
			)
		]);
		expect(ok.results[0]?.status).toBe('applied');
	});

	/** A report stored as an older version stored it (no write rules then): through the storage. */
	const storeAsBefore = (record: Record<string, unknown> & { id: string }, mutationId: string) =>
		s.ctx.storage.applyMutation(
			DEFAULT_COMMUNE,
			{
				mutationId,
				entity: 'report',
				recordId: record.id,
				userId: monitor.id,
				deviceId: 'dev-a',
				at: T0
			},
			() => ({
				kind: 'write',
				state: changeState(record, hlcAt(T0)),
				unitCode: null,
				hlc: hlcAt(T0),
				deleted: false,
				changed: true,
				history: []
			})
		);
	/** A later edit of `fields` of a report, at `wall`. */
	const later = (wall: number, record: Record<string, unknown>, fields: string[]) =>
		mutation('report', record, { hlc: hlcAt(wall), fields });

	it('keeps a final report stored before the date rule: pulled, its text edited, turned back into a draft', async () => {
		// Stored as an older version stored it (no date rule then): straight through the storage.
		const early = report(null, {
			status: 'final',
			issuedOn: '2026-06-18',
			issued: {
				asOf: '2026-06-20',
				period: { kind: '6month', year: 2026, index: 0, start: '2025-12-15', end: '2026-06-14' },
				units: [],
				commune: { unitCode: '*', indicators: [] },
				unitNames: {},
				overLimit: []
			}
		});
		await storeAsBefore(early, '00000000-0000-7000-8000-00000000e001');
		const seen = await pull(s.ctx, monitor, { version: 1, cursor: 0, limit: 100 });
		expect(seen.changes.find((c) => c.recordId === early.id)?.record).toMatchObject({
			status: 'final',
			issuedOn: '2026-06-18'
		});
		const res = await send(monitor, [
			// Its text edited, its dates as stored: written.
			later(T0 + 1000, { ...early, proposals: 'Đề nghị bổ sung.' }, ['proposals']),
			// Its issue date moved, still before the figures: refused.
			later(T0 + 2000, { ...early, issuedOn: '2026-06-19' }, ['issuedOn']),
			// Turned back into a draft: written.
			later(T0 + 3000, { ...early, status: 'draft' }, ['status'])
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'invalid', 'applied']);
		expect(res.results[1]?.reason).toBe('issuedOn: err.issuedBeforeAsOf');
	});

	it('refuses, per mutation, making a report of a year before the targets (2026) final', async () => {
		const y2025 = (over: Record<string, unknown> = {}) =>
			report(null, {
				id: '*:6month:2025',
				year: 2025,
				issuedOn: '2025-06-20',
				...over
			});
		const figures = {
			asOf: '2025-06-14',
			period: { kind: '6month', year: 2025, index: 0, start: '2024-12-15', end: '2025-06-14' },
			units: [],
			commune: { unitCode: '*', indicators: [] },
			unitNames: {},
			overLimit: []
		};
		const res = await send(monitor, [
			mutation('report', y2025({ status: 'final', issued: figures })),
			// Its draft is kept (the text may be written), and the report of 2026 is final as before.
			mutation('report', y2025({ id: 'VP:6month:2025', scope: 'VP', unitCode: 'VP' })),
			mutation(
				'report',
				report(null, {
					status: 'final',
					issuedOn: '2026-06-20',
					issued: {
						...figures,
						asOf: '2026-06-14',
						period: { ...figures.period, year: 2026, start: '2025-12-15', end: '2026-06-14' }
					}
				})
			)
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual(['invalid', 'applied', 'applied']);
		expect(res.results[0]?.reason).toBe('status: err.finalBeforeTargets');
		expect(await s.ctx.storage.findRecord(DEFAULT_COMMUNE, 'report', '*:6month:2025')).toBeNull();

		// One made final before the rule (straight through the storage) stays: its text may be
		// edited and it may go back to a draft; made final again, it is refused.
		const early = y2025({ status: 'final', issued: figures });
		await storeAsBefore(early, '00000000-0000-7000-8000-00000000e002');
		const kept = await send(monitor, [
			later(T0 + 1000, { ...early, proposals: 'Đề nghị bổ sung.' }, ['proposals']),
			later(T0 + 2000, { ...early, status: 'draft', issued: null }, ['status', 'issued']),
			later(T0 + 3000, { ...early }, ['status', 'issued'])
		]);
		expect(kept.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'invalid']);
		expect(kept.results[2]?.reason).toBe('status: err.finalBeforeTargets');
	});

	it('shows the commune’s report to every user and a unit’s only to that unit and the commune', async () => {
		await send(monitor, [mutation('report', report(null)), mutation('report', report('KT'))]);
		const seen = await pull(s.ctx, headVP, { version: 1, cursor: 0, limit: 100 });
		const ids = seen.changes.filter((c) => c.entity === 'report').map((c) => c.recordId);
		expect(ids).toEqual(['*:6month:2026']);
	});
});
