/** Sở Nội vụ's view on the server: figures per commune, worst first, reports sent or not. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMUNE_B, finalReport, seedTwoCommunes, type TwoCommunes } from '$factories/communes';
import { documentRecord, hlcAt, meeting, mutation, onDevice, plan, T0 } from '$factories/sync';
import { DEFAULT_UNITS } from '$lib/domain/default-units';
import { defaultSettings } from '$lib/domain/defaults';
import { periodOf } from '$lib/domain/periods';
import { computeReport } from '$lib/domain/progress';
import { compareCommunes, provinceReportSchema, provinceSummarySchema } from '$lib/domain/province';
import type { Unit } from '$lib/domain/schemas';
import { errorBodySchema, type PublicUser } from '$lib/domain/sync/protocol';
import { publicUser } from '../auth/users';
import * as api from './handlers';
import { authenticate } from '../http/request-auth';
import { createSession } from '../auth/session';
import { push } from '../sync/push';
import { addUser, openSeededServer, type TestServer } from '../test-server';
import { createCommune } from './communes';
import { provinceReport, provinceSummary } from './summary';

let s: TestServer;
let t: TwoCommunes;
beforeEach(async () => {
	s = await openSeededServer();
	t = await seedTwoCommunes(s);
});
afterEach(() => s.close());

async function get(user: PublicUser, path: string, params: Record<string, string> = {}) {
	const token = (await createSession(s.ctx, user.id)).token;
	const request = new Request(`http://localhost${path}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	const row = await authenticate(s.ctx, request);
	const event = { request, user: row ? publicUser(row) : null, clientAddress: '::1', params };
	const handler = path.startsWith('/api/province/reports/') ? api.getReport : api.getSummary;
	return handler(s.ctx, event);
}

const day = (localDate: string) => Date.parse(`${localDate}T05:00:00Z`);

describe('GET /api/province/summary', () => {
	it('gives every commune’s indicators from the device’s engine over its own records', async () => {
		// The default commune has no name of its own (a migration made it): its settings name it.
		await push(s.ctx, t.a.admin, {
			version: 1,
			deviceId: 'dev-a',
			mutations: [
				mutation(
					'settings',
					{ ...defaultSettings(T0), communeName: 'Xã Tân Thành' },
					{
						hlc: hlcAt(T0 + 1000)
					}
				)
			]
		});
		s.clock.now = day('2026-06-10');
		const res = await get(
			t.province.province_monitor,
			'/api/province/summary?kind=6month&year=2026'
		);
		expect(res.status).toBe(200);
		const body = provinceSummarySchema.parse(await res.json());
		expect(body.period).toEqual({ start: '2025-12-15', end: '2026-06-14' });
		expect(body.communes.map((c) => c.id).sort()).toEqual(['default', COMMUNE_B]);

		// The same engine, run here on the records commune B's phone sent.
		const units: Unit[] = DEFAULT_UNITS.map((u, order) => ({
			...u,
			archived: false,
			order,
			createdAt: T0,
			updatedAt: T0,
			deleted: false
		}));
		const expected = computeReport(
			{
				units,
				plans: [plan({ id: 'VP:2026', unitCode: 'VP', year: 2026 })],
				meetings: [
					meeting({ id: 'm-shared', title: 'Họp RAW-B', unitCode: 'VP' }),
					meeting({ id: 'm-b2', title: 'Họp RAW-B 2', unitCode: 'VP' })
				],
				documents: [documentRecord({ id: 'd-shared', title: 'Văn bản RAW-B' })],
				procedures: [],
				incoming: [],
				limits: defaultSettings(0).limits,
				periodMode: 'decree09'
			},
			periodOf('6month', 2026, 0, 'decree09'),
			'2026-06-10'
		).commune.indicators;
		const b = body.communes.find((c) => c.id === COMMUNE_B)!;
		expect(b.indicators.map((i) => [i.code, i.display, i.status])).toEqual(
			expected.map((i) => [i.code, i.display, i.status])
		);
		expect(b.indicators.find((i) => i.code === 'conferences_held')?.display).not.toBe('');
		expect(b.name).toBe('Xã NAME-B');
		expect(body.communes.find((c) => c.id === 'default')?.name).toBe('Xã Tân Thành');
		expect(b.area).toBe('Huyện Bắc');
		// Never a raw record: no titles, no record ids.
		expect(JSON.stringify(body)).not.toMatch(/RAW-|m-shared/);
	});

	it('orders worst first, filters by area and says who sent the report, against the due date', async () => {
		const made = await createCommune(s.ctx, t.province.province_admin, {
			id: 'xa-c',
			name: 'Xã C',
			area: 'Huyện Nam',
			parentName: null,
			adminUsername: 'c-admin',
			adminPassword: 'c-admin-password',
			adminDisplayName: ''
		});
		expect(made.ok).toBe(true);
		// The province chose that password: the commune's admin must set their own first.
		expect((await s.storage.findUserByUsername('c-admin'))?.mustChangePassword).toBe(true);
		s.clock.now = day('2026-06-14');
		const before = provinceSummarySchema.parse(
			await (
				await get(t.province.province_monitor, '/api/province/summary?kind=6month&year=2026')
			).json()
		);
		expect(before.dueDate).toBe('2026-06-14');
		expect(before.areas).toEqual(['Huyện Bắc', 'Huyện Nam']);
		const sorted = [...before.communes].sort(compareCommunes);
		expect(before.communes.map((c) => c.id)).toEqual(sorted.map((c) => c.id));
		const state = (b: typeof before) =>
			Object.fromEntries(b.communes.map((c) => [c.id, c.report.state]));
		expect(state(before)).toEqual({ [COMMUNE_B]: 'sent', default: 'missing', 'xa-c': 'missing' });
		expect(before.communes.find((c) => c.id === COMMUNE_B)?.report).toMatchObject({
			issuedOn: '2026-06-20',
			number: 7,
			symbol: 'BC-UBND'
		});

		// A day after the due date, a commune that has not sent is overdue; a due date is a setting.
		s.clock.now = day('2026-06-15');
		const after = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(state(after)).toEqual({ [COMMUNE_B]: 'sent', default: 'overdue', 'xa-c': 'overdue' });
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': '06-20' };
		const later = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(later.dueDate).toBe('2026-06-20');
		expect(state(later)['default']).toBe('missing');

		const south = await provinceSummary(s.ctx, { kind: '6month', year: 2026, area: 'Huyện Nam' });
		expect(south.communes.map((c) => c.id)).toEqual(['xa-c']);
		// Another period: nobody has sent the annual report.
		const annual = await provinceSummary(s.ctx, { kind: 'annual', year: 2026 });
		expect(annual.communes.every((c) => c.report.state !== 'sent')).toBe(true);
	});

	it('a draft is not sent; the province opens a final report’s issued figures', async () => {
		// Commune A's monitor keeps its report a draft.
		await push(s.ctx, t.a.monitor, {
			version: 1,
			deviceId: 'dev-a',
			mutations: [mutation('report', finalReport(null, { status: 'draft', issued: null }))]
		});
		s.clock.now = day('2026-06-10');
		const summary = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(summary.communes.find((c) => c.id === 'default')?.report.state).toBe('missing');

		const ok = await get(
			t.province.province_admin,
			`/api/province/reports/${COMMUNE_B}?kind=6month&year=2026`,
			{ communeId: COMMUNE_B }
		);
		expect(ok.status).toBe(200);
		const { report } = (await ok.json()) as { report: unknown };
		expect(provinceReportSchema.parse(report)).toMatchObject({
			communeId: COMMUNE_B,
			communeName: 'Xã NAME-B',
			number: 7,
			issued: { asOf: '2026-06-14' }
		});
		const none = await get(
			t.province.province_monitor,
			'/api/province/reports/default?kind=6month&year=2026',
			{ communeId: 'default' }
		);
		expect(none.status).toBe(404);
		expect(errorBodySchema.parse(await none.json()).error.code).toBe('not_found');
	});

	it('names the default commune’s opened report from its settings, as the summary does', async () => {
		await push(s.ctx, t.a.admin, {
			version: 1,
			deviceId: 'dev-a',
			mutations: [
				mutation(
					'settings',
					{ ...defaultSettings(T0), communeName: 'Xã Tân Thành' },
					{ hlc: hlcAt(T0 + 1000) }
				),
				mutation('report', finalReport(null))
			]
		});
		const report = await provinceReport(s.ctx, 'default', { kind: '6month', year: 2026 });
		expect(report?.communeName).toBe('Xã Tân Thành');
	});

	it('refuses commune accounts and a bad period', async () => {
		const res = await get(t.a.admin, '/api/province/summary?kind=6month&year=2026');
		expect(res.status).toBe(403);
		const bad = await get(
			t.province.province_monitor,
			'/api/province/summary?kind=month&year=2026'
		);
		expect(bad.status).toBe(400);
		expect(errorBodySchema.parse(await bad.json()).error.fields).toMatchObject({ kind: 'format' });
	});

	it('takes about this long for a few dozen communes (figures in the log, never a failure)', async () => {
		const COMMUNES = 36;
		const PER_COMMUNE = 60;
		for (let n = 0; n < COMMUNES; n++) {
			const id = `xa-${String(n).padStart(2, '0')}`;
			const c = await createCommune(s.ctx, t.province.province_admin, {
				id,
				name: `Xã ${n}`,
				area: n % 2 ? 'Huyện Bắc' : 'Huyện Nam',
				parentName: null,
				adminUsername: `${id}-admin`,
				adminPassword: 'a long passphrase 99',
				adminDisplayName: ''
			});
			if (!c.ok) throw new Error(c.code);
			const head = await addUser(s.ctx, `${id}-head`, 'unit_head', 'VP', id);
			const mutations = Array.from({ length: PER_COMMUNE }, (_, i) =>
				i % 2
					? mutation('meeting', meeting({ id: `m-${i}`, title: `Họp ${i}`, unitCode: 'VP' }))
					: mutation('document', documentRecord({ id: `d-${i}`, title: `Văn bản ${i}` }))
			);
			await push(
				s.ctx,
				head,
				{ version: 1, deviceId: `dev-${id}`, mutations: onDevice(`dev-${id}`, mutations) },
				{ budget: false }
			);
		}
		s.clock.now = day('2026-06-10');
		const started = performance.now();
		const summary = await provinceSummary(s.ctx, { kind: 'annual', year: 2026 });
		const ms = performance.now() - started;
		const bytes = JSON.stringify(summary).length;
		expect(summary.communes).toHaveLength(COMMUNES + 2);
		console.log(
			`[province] summary of ${summary.communes.length} communes x ${PER_COMMUNE} records: ` +
				`${ms.toFixed(0)} ms, ${(ms / summary.communes.length).toFixed(1)} ms per commune, ` +
				`${(bytes / 1024).toFixed(1)} KiB`
		);
	}, 60_000);
});
