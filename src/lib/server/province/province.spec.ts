/** Sở Nội vụ's view on the server: figures per commune, worst first, reports sent or not. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMUNE_B, finalReport, seedTwoCommunes, type TwoCommunes } from '$factories/communes';
import { documentRecord, hlcAt, meeting, mutation, onDevice, plan, T0 } from '$factories/sync';
import { DEFAULT_UNITS } from '$lib/domain/default-units';
import { defaultSettings } from '$lib/domain/defaults';
import { periodOf } from '$lib/domain/periods';
import { computeReport } from '$lib/domain/progress';
import {
	communeAnswerSchema,
	communesAnswerSchema,
	compareCommunes,
	dueDateAnswerBodySchema,
	isStale,
	provinceReportSchema,
	provinceSummarySchema
} from '$lib/domain/province';
import type { Unit } from '$lib/domain/schemas';
import { errorBodySchema, type PublicUser } from '$lib/domain/sync/protocol';
import { publicUser } from '../auth/users';
import * as api from './handlers';
import { authenticate } from '../http/request-auth';
import { push } from '../sync/push';
import { addUser, openSeededServer, sessionFor, type TestServer } from '../test-server';
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
	const token = (await sessionFor(s.ctx, user.id)).token;
	const request = new Request(`http://localhost${path}`, {
		headers: { authorization: `Bearer ${token}` }
	});
	const row = await authenticate(s.ctx, request);
	const event = { request, user: row ? publicUser(row) : null, clientAddress: '::1', params };
	const handler = path.startsWith('/api/province/reports/') ? api.getReport : api.getSummary;
	return handler(s.ctx, event);
}

const day = (localDate: string) => Date.parse(`${localDate}T05:00:00Z`);

/** The default commune's admin names it in its settings (it has no name of its own). */
const nameDefaultCommune = (communeName: string) =>
	push(s.ctx, t.a.admin, {
		version: 1,
		deviceId: 'dev-a',
		mutations: [
			mutation('settings', { ...defaultSettings(T0), communeName }, { hlc: hlcAt(T0 + 1000) })
		]
	});

describe('GET /api/province/summary', () => {
	it('gives every commune’s indicators from the device’s engine over its own records', async () => {
		// The default commune has no name of its own (a migration made it): its settings name it.
		await nameDefaultCommune('Xã Tân Thành');
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
		// No due date unless the province sets one (Decree 09 fixes only the data-close days).
		expect(before.dueDate).toBeNull();
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

		// Without one, nobody is ever overdue nor late (B's report of 20/06 is not "late").
		s.clock.now = day('2026-09-15');
		const noDue = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(state(noDue)).toEqual({ [COMMUNE_B]: 'sent', default: 'missing', 'xa-c': 'missing' });
		expect(noDue.communes.find((c) => c.id === COMMUNE_B)?.report.lateDays).toBeNull();
		// The province sets it: a day after it, a commune that has not sent is overdue, and a report
		// dated after it is late by the days between.
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': '06-18' };
		s.clock.now = day('2026-06-18');
		const onDay = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(onDay.dueDate).toBe('2026-06-18');
		expect(state(onDay)['default']).toBe('missing');
		s.clock.now = day('2026-06-19');
		const after = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(state(after)).toEqual({ [COMMUNE_B]: 'sent', default: 'overdue', 'xa-c': 'overdue' });
		expect(after.communes.find((c) => c.id === COMMUNE_B)?.report.lateDays).toBe(2);
		// A due day before the data close falls in the next year: the annual report due on 10/01.
		s.ctx.dueDates = { ...s.ctx.dueDates, annual: '01-10' };
		expect((await provinceSummary(s.ctx, { kind: 'annual', year: 2026 })).dueDate).toBe(
			'2027-01-10'
		);
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

describe('a sent report beside the live figures (second review, findings 1, 2, 5, 7, 8, 10)', () => {
	/** Pushes records of a commune as its unit head (or monitor for reports), all applied. */
	async function send(
		user: TwoCommunes['a']['admin'],
		mutations: ReturnType<typeof mutation>[],
		device: string
	) {
		const res = await push(s.ctx, user, {
			version: 1,
			deviceId: device,
			mutations: onDevice(device, mutations)
		});
		for (const r of res.results) expect(r.status, r.reason).toBe('applied');
	}
	const conference = (id: string, format: 'truc_tuyen' | 'truc_tiep') =>
		meeting({ id, title: `Hội nghị ${id}`, category: 'chuyen_mon', format, unitCode: 'VP' });
	const of = (summary: Awaited<ReturnType<typeof provinceSummary>>, id: string) =>
		summary.communes.find((c) => c.id === id)!;

	it('counts days late from the day the server received the report, not an earlier date typed on it (province review r20, 2)', async () => {
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': '06-14' };
		// Dated 14/06, the due date (the earliest its figures allow), but sent on 20/06.
		s.clock.now = day('2026-06-20');
		const base = finalReport(null);
		await send(
			t.a.monitor,
			[mutation('report', { ...base, number: 3, issuedOn: '2026-06-14' })],
			'dev-a-late'
		);
		const late = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		expect(late.report).toMatchObject({
			state: 'sent',
			issuedOn: '2026-06-14',
			receivedAt: day('2026-06-20'),
			lateDays: 6
		});
		// A later change that leaves what it issued alone (its recipients) is not a new sending.
		s.clock.now = day('2026-06-25');
		await send(
			t.a.monitor,
			[
				mutation(
					'report',
					{ ...base, number: 3, issuedOn: '2026-06-14', recipients: ['Sở Nội vụ tỉnh (b/c)'] },
					{ hlc: hlcAt(day('2026-06-25'), 'dev-a-late') }
				)
			],
			'dev-a-late'
		);
		const again = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		expect(again.report).toMatchObject({ receivedAt: day('2026-06-20'), lateDays: 6 });
	});

	it('ranks a commune that sent its report by the report’s figures, not the live ones (province review r21, 1)', async () => {
		s.clock.now = day('2026-06-20');
		// Both communes hold the same live figures; the default commune (named "Xã Yên Bình" in its
		// settings, after "Xã NAME-B") sends a report issued with no target met.
		await send(t.a.unit_head, [mutation('meeting', conference('m-r1', 'truc_tuyen'))], 'dev-a1');
		await send(t.b.unit_head, [mutation('meeting', conference('m-r1', 'truc_tuyen'))], 'dev-b1');
		await nameDefaultCommune('Xã Yên Bình');
		const live = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		const a = of(live, 'default');
		const b = of(live, COMMUNE_B);
		expect([a.met, a.applicable]).toEqual([b.met, b.applicable]);
		expect(a.met).toBeGreaterThan(0);
		const report = (indicators: typeof a.indicators, number: number) => {
			const base = finalReport(null);
			return mutation('report', {
				...base,
				number,
				issued: { ...base.issued, commune: { unitCode: '*', indicators } }
			});
		};
		const worse = a.indicators.map((i) =>
			i.status === 'met' || i.status === 'on_track' ? { ...i, status: 'missed' as const } : i
		);
		await send(t.a.monitor, [report(worse, 9)], 'dev-a-report');
		await send(t.b.monitor, [report(b.indicators, 8)], 'dev-b-report-2');
		const after = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		const sent = of(after, 'default');
		// The live figures are unchanged; the report's are what rank it: 0 met, first.
		expect([sent.met, sent.applicable]).toEqual([a.met, a.applicable]);
		expect(sent.report.issued).toMatchObject({ met: 0, applicable: a.applicable });
		expect(after.communes.map((c) => [c.id, c.name])).toEqual([
			['default', 'Xã Yên Bình'],
			[COMMUNE_B, 'Xã NAME-B']
		]);
	});

	it('keeps the issued figures apart, names the indicators changed since, and counts days late', async () => {
		// The province set the 6-month due date on the data-close day.
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': '06-14' };
		s.clock.now = day('2026-06-17');
		await send(t.a.unit_head, [mutation('meeting', conference('m-c1', 'truc_tuyen'))], 'dev-a1');
		const before = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		expect(before.indicators.find((i) => i.code === 'online_share')?.display).toBe('100.0');
		// The commune issues its report (số 5, 18/06) with exactly these figures.
		const base = finalReport(null);
		await send(
			t.a.monitor,
			[
				mutation('report', {
					...base,
					number: 5,
					issuedOn: '2026-06-18',
					issued: { ...base.issued, commune: { unitCode: '*', indicators: before.indicators } }
				})
			],
			'dev-a-report'
		);
		s.clock.now = day('2026-06-19');
		const sent = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		expect(sent.report).toMatchObject({ state: 'sent', number: 5, lateDays: 4 });
		expect(sent.report.issued).toMatchObject({
			asOf: '2026-06-14',
			period: { start: '2025-12-15', end: '2026-06-14' },
			otherPeriod: false,
			partial: false,
			changed: []
		});
		expect(sent.report.issued?.met).toBe(before.met);

		// Later, a conference held in April is entered: the live figures move, the report's do not.
		await send(t.a.unit_head, [mutation('meeting', conference('m-c2', 'truc_tiep'))], 'dev-a2');
		s.clock.now = day('2026-12-01');
		const later = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		const live = (code: string) => later.indicators.find((i) => i.code === code)?.display;
		const issued = (code: string) =>
			later.report.issued?.indicators.find((i) => i.code === code)?.display;
		expect([live('conferences_held'), issued('conferences_held')]).toEqual(['2', '1']);
		expect([live('online_share'), issued('online_share')]).toEqual(['50.0', '100.0']);
		expect(later.report.issued?.changed).toEqual(
			expect.arrayContaining(['conferences_held', 'online_share'])
		);
		expect(later.report.issued?.changed).not.toContain('electronic_share');
	});

	it('flags a report of another period or with figures short of the period end, and still counts it as sent', async () => {
		const calendar = periodOf('6month', 2026, 0, 'calendar');
		const base = finalReport(null);
		const annual = periodOf('annual', 2026, 0, 'decree09');
		await send(
			t.a.monitor,
			[
				mutation('report', {
					...base,
					// Issued after its figures' date (a report is never dated before it).
					issuedOn: '2026-07-05',
					issued: { ...base.issued, asOf: '2026-06-30', period: { ...calendar } }
				}),
				mutation('report', {
					...base,
					id: '*:annual:2026',
					periodKind: 'annual',
					number: 20,
					issuedOn: '2026-10-01',
					issued: { ...base.issued, asOf: '2026-09-30', period: { ...annual } }
				})
			],
			'dev-a-report'
		);
		s.clock.now = day('2026-12-01');
		const half = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		expect(half.report.state).toBe('sent');
		// Due 20/06 for the Decree-09 period (to 14/06); this report's period ends 16 days later,
		// so it is due 06/07: issued 05/07, on time (province review r20, 8). Decree-09's due date
		// against it made every calendar report late.
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': '06-20' };
		const due = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		expect(due.report.lateDays).toBe(0);
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': '06-18' };
		const late = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), 'default');
		expect(late.report.lateDays).toBe(1);
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': null };
		expect(half.report.issued).toMatchObject({
			period: { start: '2026-01-01', end: '2026-06-30' },
			otherPeriod: true,
			partial: false
		});
		const year = of(await provinceSummary(s.ctx, { kind: 'annual', year: 2026 }), 'default');
		// No due date set: neither on time nor late.
		expect(year.report).toMatchObject({ state: 'sent', lateDays: null });
		expect(year.report.issued).toMatchObject({
			asOf: '2026-09-30',
			otherPeriod: false,
			partial: true
		});
		// Commune B's 6-month report covers the Decree-09 period to its end: no flag.
		const b = of(await provinceSummary(s.ctx, { kind: '6month', year: 2026 }), COMMUNE_B);
		expect(b.report.issued).toMatchObject({ otherPeriod: false, partial: false });
	});

	/** A third commune, without an area, created by the province admin at the clock's time. */
	const createCommuneC = () =>
		createCommune(s.ctx, t.province.province_admin, {
			id: 'xa-c',
			name: 'Xã C',
			area: null,
			parentName: null,
			adminUsername: 'c-admin',
			adminPassword: 'c-admin-password',
			adminDisplayName: ''
		});

	it('owes no report for a period that ended before the commune was created; no data comes first', async () => {
		// With due dates set by the province, so a report owed and not sent is overdue.
		s.ctx.dueDates = { '6month': '06-20', '9month': '09-20', annual: '12-20' };
		s.clock.now = day('2026-12-01');
		const made = await createCommuneC();
		expect(made.ok).toBe(true);
		const last = await provinceSummary(s.ctx, { kind: 'annual', year: 2025 });
		const state = Object.fromEntries(last.communes.map((c) => [c.id, c.report.state]));
		// B was created on 04/05/2026, C on 01/12/2026. The default commune (a migration made it,
		// with no date) started with its first account, at the server's first start on 04/05/2026:
		// it owes no report for 2025 either (it owed every past period before).
		expect((await s.storage.findCommune('default'))?.createdAt).toBe(0);
		expect(state).toEqual({
			default: 'not_required',
			[COMMUNE_B]: 'not_required',
			'xa-c': 'not_required'
		});
		// 6 months of 2026 ended on 14/06: C owes nothing, B (created before) has sent.
		const half = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(of(half, 'xa-c').report.state).toBe('not_required');
		expect(of(half, 'default').report.state).toBe('overdue');
		// The year is running: C owes the annual report like everyone. C has no data: it leads.
		const year = await provinceSummary(s.ctx, { kind: 'annual', year: 2026 });
		expect(of(year, 'xa-c').report.state).toBe('missing');
		expect(year.communes[0]?.id).toBe('xa-c');
		expect(of(year, 'xa-c').applicable).toBe(0);
		expect(of(year, COMMUNE_B).applicable).toBeGreaterThan(0);
	});

	it('says when each commune’s data last arrived and how many days ago; the server’s seeding is no data (finding 9)', async () => {
		// Both communes pushed at T0 (04/05/2026 09:00 in Hà Nội); C is created later, seeded only.
		s.clock.now = day('2026-05-10');
		expect((await createCommuneC()).ok).toBe(true);
		const first = await provinceSummary(s.ctx, { kind: 'annual', year: 2026 });
		expect([of(first, 'default').lastDataAt, of(first, 'default').dataAgeDays]).toEqual([T0, 6]);
		expect(of(first, COMMUNE_B).dataAgeDays).toBe(6);
		expect([of(first, 'xa-c').lastDataAt, of(first, 'xa-c').dataAgeDays]).toEqual([null, null]);
		expect(isStale(of(first, 'default'))).toBe(false);
		expect(isStale(of(first, 'xa-c'))).toBe(true);
		// Eight days on, B's phone sends a meeting; A has sent nothing since: stale, from the cache
		// of its figures too (its change counter did not move).
		s.clock.now = day('2026-05-12') + 3 * 3600_000;
		await send(t.b.unit_head, [mutation('meeting', conference('m-late', 'truc_tiep'))], 'dev-b9');
		const later = await provinceSummary(s.ctx, { kind: 'annual', year: 2026 });
		expect(of(later, COMMUNE_B)).toMatchObject({ lastDataAt: s.clock.now, dataAgeDays: 0 });
		expect(of(later, 'default').dataAgeDays).toBe(8);
		expect(isStale(of(later, 'default'))).toBe(true);
		expect(isStale(of(later, COMMUNE_B))).toBe(false);
		// The answer carries it, checked by its schema.
		const res = await get(
			t.province.province_monitor,
			'/api/province/summary?kind=annual&year=2026'
		);
		const body = provinceSummarySchema.parse(await res.json());
		expect(body.communes.find((c) => c.id === COMMUNE_B)?.lastDataAt).toBe(s.clock.now);
		expect(body.communes.find((c) => c.id === 'xa-c')?.lastDataAt).toBeNull();
	});

	it('gives a reduction’s cap and projected count, and filters the communes with no area', async () => {
		s.clock.now = day('2026-06-10');
		const created = await createCommuneC();
		expect(created.ok).toBe(true);
		const all = await provinceSummary(s.ctx, { kind: 'annual', year: 2026 });
		// B's plan: 12 conferences and 40 documents the year before; targets 10% and 15%.
		const b = of(all, COMMUNE_B);
		const reduction = b.indicators.find((i) => i.code === 'conference_reduction')!;
		expect(reduction).toMatchObject({ baseline: 12, cap: 10 });
		expect(reduction.projected).toBe(0); // B's meetings are working meetings, not conferences
		const documents = b.indicators.find((i) => i.code === 'document_reduction')!;
		expect(documents).toMatchObject({ baseline: 40, cap: 34, count: 1 });
		expect(documents.projected).toBeGreaterThan(1); // one document by 10/06, projected to the year
		expect(all.unassigned).toBe(true);
		const none = await provinceSummary(s.ctx, { kind: 'annual', year: 2026, noArea: '1' });
		expect(none.communes.map((c) => c.id).sort()).toEqual(['default', 'xa-c']);
		const res = await get(
			t.province.province_monitor,
			'/api/province/summary?kind=annual&year=2026&noArea=1'
		);
		expect(
			provinceSummarySchema
				.parse(await res.json())
				.communes.map((c) => c.id)
				.sort()
		).toEqual(['default', 'xa-c']);
	});
});

describe('PATCH /api/province/communes/{id}: the province admin names a commune and sets its area (finding 7)', () => {
	async function patch(user: PublicUser, id: string, body: unknown) {
		const token = (await sessionFor(s.ctx, user.id)).token;
		const request = new Request(`http://localhost/api/province/communes/${id}`, {
			method: 'PATCH',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		const row = await authenticate(s.ctx, request);
		const event = {
			request,
			user: row ? publicUser(row) : null,
			clientAddress: '::1',
			params: { id }
		};
		return api.patchCommune(s.ctx, event);
	}
	const fields = async (res: Response) => errorBodySchema.parse(await res.json()).error.fields;

	it('names the migrated default commune from its settings, else “Xã (chưa đặt tên)”, never “default”, in the summary and the communes list (province review r21, 4)', async () => {
		const list = async () => {
			const token = (await sessionFor(s.ctx, t.province.province_admin.id)).token;
			const request = new Request('http://localhost/api/province/communes', {
				headers: { authorization: `Bearer ${token}` }
			});
			const row = await authenticate(s.ctx, request);
			const event = {
				request,
				user: row ? publicUser(row) : null,
				clientAddress: '::1',
				params: {}
			};
			const res = await api.getCommunes(s.ctx, event);
			expect(res.status).toBe(200);
			return communesAnswerSchema.parse(await res.json()).communes;
		};
		s.clock.now = day('2026-06-10');
		const name = async () =>
			(await provinceSummary(s.ctx, { kind: '6month', year: 2026 })).communes.find(
				(c) => c.id === 'default'
			)?.name;
		expect(await name()).toBe('Xã (chưa đặt tên)');
		expect((await list()).find((c) => c.id === 'default')).toMatchObject({
			name: '',
			label: 'Xã (chưa đặt tên)'
		});
		expect((await list()).find((c) => c.id === COMMUNE_B)?.label).toBe('Xã NAME-B');
		// Its settings name it: that name, in both.
		await nameDefaultCommune('Xã Tân Lập');
		expect(await name()).toBe('Xã Tân Lập');
		expect((await list()).find((c) => c.id === 'default')?.label).toBe('Xã Tân Lập');
	});

	it('gives the migrated default commune a proper name and an area; the list and the area filter follow', async () => {
		s.clock.now = day('2026-06-10');
		const before = await provinceSummary(s.ctx, { kind: 'annual', year: 2026, area: 'Khu vực 1' });
		expect(before.communes).toEqual([]);
		const res = await patch(t.province.province_admin, 'default', {
			name: '  Xã Thiên Tân ',
			area: 'Khu vực 1'
		});
		expect(res.status).toBe(200);
		expect(communeAnswerSchema.parse(await res.json()).commune).toEqual({
			id: 'default',
			name: 'Xã Thiên Tân',
			area: 'Khu vực 1',
			parentName: null,
			createdAt: 0
		});
		// The summary's cached figures follow the new name and area at once.
		const after = await provinceSummary(s.ctx, { kind: 'annual', year: 2026, area: 'Khu vực 1' });
		expect(after.communes.map((c) => [c.id, c.name, c.area])).toEqual([
			['default', 'Xã Thiên Tân', 'Khu vực 1']
		]);
		expect(after.areas).toEqual(['Huyện Bắc', 'Khu vực 1']);
		// The area alone, then cleared: back under "Chưa xếp khu vực"; the name stays.
		expect((await patch(t.province.province_admin, 'default', { area: 'Khu vực 2' })).status).toBe(
			200
		);
		expect((await s.storage.findCommune('default'))?.area).toBe('Khu vực 2');
		expect((await patch(t.province.province_admin, 'default', { area: '' })).status).toBe(200);
		const none = await provinceSummary(s.ctx, { kind: 'annual', year: 2026, noArea: '1' });
		expect(none.communes.map((c) => [c.id, c.name])).toEqual([['default', 'Xã Thiên Tân']]);
		expect(
			(await patch(t.province.province_admin, COMMUNE_B, { name: 'Phường Bắc Sơn' })).status
		).toBe(200);
		expect(await s.storage.findCommune(COMMUNE_B)).toMatchObject({
			name: 'Phường Bắc Sơn',
			area: 'Huyện Bắc'
		});
	});

	it('refuses every account but the province admin, and bad names, with a field code; nothing changes', async () => {
		const before = await s.storage.listCommunes();
		for (const user of [
			t.province.province_monitor,
			t.a.admin,
			t.a.monitor,
			t.a.staff,
			t.b.admin,
			t.b.unit_head
		]) {
			const res = await patch(user, COMMUNE_B, { name: 'Xã Chiếm', area: 'Khu vực 9' });
			expect(res.status, user.username).toBe(403);
			expect(errorBodySchema.parse(await res.json()).error.code).toBe('forbidden');
		}
		const admin = t.province.province_admin;
		// Names follow one convention: "Xã …", "Phường …" or "Đặc khu …".
		const name = async (n: unknown) => {
			const res = await patch(admin, 'default', { name: n });
			expect(res.status, String(n)).toBe(400);
			return (await fields(res))?.name;
		};
		expect(await name('Thiên Tân')).toBe('prefix');
		expect(await name('xã Thiên Tân')).toBe('prefix');
		expect(await name('Xã')).toBe('prefix');
		expect(await name('')).toBe('required');
		expect(await name('Xã Thiên\u0000Tân')).toBe('format');
		expect(await name('Xã Thiên\nTân')).toBe('format');
		expect(await name(`Xã ${'a'.repeat(200)}`)).toBe('too_long');
		// Not a text: as the new-commune form reads it.
		expect(await name(42)).toBe('required');
		const area = await patch(admin, 'default', { area: 'Khu\u0007vực' });
		expect([area.status, (await fields(area))?.area]).toEqual([400, 'format']);
		const empty = await patch(admin, 'default', {});
		expect([empty.status, (await fields(empty))?.name]).toEqual([400, 'required']);
		// An unknown commune, and an id with a control character, answer 404.
		expect((await patch(admin, 'xa-khong-co', { name: 'Xã Không Có' })).status).toBe(404);
		expect((await patch(admin, 'xa\u0000b', { name: 'Xã B' })).status).toBe(404);
		expect(await s.storage.listCommunes()).toEqual(before);
	});
});

describe('PUT /api/province/due-date: the province admin sets a period’s due date on /province', () => {
	async function put(user: PublicUser | null, body: unknown) {
		const token = user ? (await sessionFor(s.ctx, user.id)).token : 'none';
		const request = new Request('http://localhost/api/province/due-date', {
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		const row = await authenticate(s.ctx, request);
		return api.putDueDate(s.ctx, {
			request,
			user: row ? publicUser(row) : null,
			clientAddress: '::1'
		});
	}
	const error = async (res: Response) => errorBodySchema.parse(await res.json()).error;
	const provinceLog = async () =>
		(await s.storage.listAudit({ communeId: null, limit: 100 })).filter(
			(e) => e.action === 'report_due.changed'
		);
	const b = (x: Awaited<ReturnType<typeof provinceSummary>>) =>
		x.communes.find((c) => c.id === COMMUNE_B)!.report;

	it('sets it over the server settings’ default, moves the cached figures, logs who and what; clearing it gives the default back', async () => {
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': '06-25' };
		s.clock.now = day('2026-06-22');
		// Computed (and cached in this process) against the server settings' 25/06: B's report of
		// 20/06 is on time and nobody is overdue yet.
		const first = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(first).toMatchObject({
			dueDate: '2026-06-25',
			dueSource: 'server',
			dueSet: null,
			serverDueDate: '2026-06-25'
		});
		expect(b(first).lateDays).toBe(0);
		expect(first.communes.find((c) => c.id === 'default')!.report.state).toBe('missing');

		const res = await put(t.province.province_admin, {
			kind: '6month',
			year: 2026,
			dueDate: '2026-06-18'
		});
		expect(res.status).toBe(200);
		expect(dueDateAnswerBodySchema.parse(await res.json()).due).toEqual({
			kind: '6month',
			year: 2026,
			dueDate: '2026-06-18',
			dueSource: 'province',
			dueSet: { at: s.clock.now, by: 'tinh-admin', name: 'tinh-admin' },
			serverDueDate: '2026-06-25'
		});
		// The same process, the same day and records: the figures follow the new due date at once.
		const now = await provinceSummary(s.ctx, { kind: '6month', year: 2026 });
		expect(now).toMatchObject({ dueDate: '2026-06-18', dueSource: 'province' });
		expect(b(now).lateDays).toBe(2);
		expect(now.communes.find((c) => c.id === 'default')!.report.state).toBe('overdue');
		// Only this kind and year: the annual report keeps the server settings' (none).
		expect((await provinceSummary(s.ctx, { kind: 'annual', year: 2026 })).dueDate).toBeNull();
		// The monitor reads the same through the API.
		const read = provinceSummarySchema.parse(
			await (
				await get(t.province.province_monitor, '/api/province/summary?kind=6month&year=2026')
			).json()
		);
		expect(read).toMatchObject({ dueDate: '2026-06-18', dueSource: 'province' });

		const [entry] = await provinceLog();
		expect(entry).toMatchObject({
			communeId: null,
			actorUsername: 'tinh-admin',
			targetId: '6month:2026',
			detail: { kind: '6month', year: 2026, from: null, to: '2026-06-18' }
		});
		// The same date again changes nothing and logs nothing: a minute later, the answer still
		// says when and by whom it was set.
		const setAt = s.clock.now;
		s.clock.now += 60_000;
		const again = await put(t.province.province_admin, {
			kind: '6month',
			year: 2026,
			dueDate: '2026-06-18'
		});
		expect(dueDateAnswerBodySchema.parse(await again.json()).due).toMatchObject({
			dueDate: '2026-06-18',
			dueSource: 'province',
			dueSet: { at: setAt, by: 'tinh-admin', name: 'tinh-admin' }
		});
		expect(await provinceLog()).toHaveLength(1);

		// Cleared: the server settings' default applies again, and the log says from what.
		const cleared = await put(t.province.province_admin, {
			kind: '6month',
			year: 2026,
			dueDate: null
		});
		expect(dueDateAnswerBodySchema.parse(await cleared.json()).due).toMatchObject({
			dueDate: '2026-06-25',
			dueSource: 'server',
			dueSet: null
		});
		expect(b(await provinceSummary(s.ctx, { kind: '6month', year: 2026 })).lateDays).toBe(0);
		expect((await provinceLog())[0]!.detail).toEqual({
			kind: '6month',
			year: 2026,
			from: '2026-06-18',
			to: null
		});
		// With no server default either, none at all: nobody late.
		s.ctx.dueDates = { ...s.ctx.dueDates, '6month': null };
		expect(await provinceSummary(s.ctx, { kind: '6month', year: 2026 })).toMatchObject({
			dueDate: null,
			dueSource: null
		});
	});

	it('is the province admin’s only: a commune admin, a province monitor and no session are refused, nothing stored or logged', async () => {
		const body = { kind: '6month', year: 2026, dueDate: '2026-06-18' };
		for (const [user, status] of [
			[t.a.admin, 403],
			[t.b.admin, 403],
			[t.province.province_monitor, 403],
			[null, 401]
		] as const) {
			const res = await put(user, body);
			expect(res.status).toBe(status);
			expect((await error(res)).code).toBe(status === 403 ? 'forbidden' : 'unauthenticated');
		}
		expect(await s.storage.findReportDue('6month', 2026)).toBeNull();
		expect(await provinceLog()).toEqual([]);
	});

	it('refuses a date that is not one, before the data close or over a year after it, each with its field code', async () => {
		const cases: [unknown, Record<string, string>][] = [
			[{ kind: '6month', year: 2026, dueDate: '18/06/2026' }, { dueDate: 'format' }],
			[{ kind: '6month', year: 2026, dueDate: '2026-02-30' }, { dueDate: 'format' }],
			[{ kind: '6month', year: 2026, dueDate: '2026-06-13' }, { dueDate: 'before_close' }],
			[{ kind: '6month', year: 2026, dueDate: '2027-06-16' }, { dueDate: 'too_far' }],
			[{ kind: 'month', year: 2026, dueDate: '2026-06-20' }, { kind: 'format' }],
			[{ year: 2026, dueDate: '2026-06-20' }, { kind: 'required' }],
			[{ kind: '6month', year: '2026', dueDate: '2026-06-20' }, { year: 'format' }],
			[{ kind: '6month', year: 2026 }, { dueDate: 'required' }],
			[{ kind: '6month', year: 2026, dueDate: '2026-06-20', by: 'x' }, { _: 'format' }]
		];
		for (const [body, fields] of cases) {
			const res = await put(t.province.province_admin, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			const e = await error(res);
			expect(e.code).toBe('invalid_request');
			expect(e.fields, JSON.stringify(body)).toMatchObject(fields);
		}
		// The data close itself is allowed, and a year's end report due in January of the next.
		for (const [kind, dueDate] of [
			['6month', '2026-06-14'],
			['annual', '2027-01-10']
		] as const)
			expect((await put(t.province.province_admin, { kind, year: 2026, dueDate })).status).toBe(
				200
			);
		expect(await provinceLog()).toHaveLength(2);
	});
});
