/** Property tests of the engine (fast-check): invariants that must hold for any records. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DOCUMENT_KINDS,
	INDICATORS,
	MEETING_CATEGORIES,
	MEETING_FORMATS,
	MEETING_ROLES,
	type IndicatorCode
} from '../codes';
import { periodOf, type Period } from '../periods';
import { addDays } from '../time';
import {
	DEFAULT_TEST_LIMITS,
	makeDocument,
	makeIncoming,
	makeMeeting,
	makePlan,
	makeProcedure,
	makeUnit
} from '$factories/records';
import { compareFractions } from './rational';
import { computeReport } from './report';
import { STATUS_RANK as rank } from './status';
import type { IndicatorResult, ProgressInput, UnitProgress } from './types';

const CODES = ['U0', 'U1', 'U2', 'U3'] as const;
const YEAR_START = '2025-12-15';
const dateArb = fc.integer({ min: -10, max: 375 }).map((d) => addDays(YEAR_START, d));
const unitArb = fc.constantFrom(...CODES);

const meetingArb = fc
	.record({
		unitCode: unitArb,
		category: fc.constantFrom(...MEETING_CATEGORIES),
		format: fc.constantFrom(...MEETING_FORMATS),
		role: fc.constantFrom(...MEETING_ROLES),
		paperless: fc.boolean(),
		status: fc.constantFrom('held', 'held', 'held', 'planned', 'cancelled' as const),
		deleted: fc.constantFrom(false, false, false, true),
		on: dateArb,
		minutes: fc.integer({ min: 30, max: 800 })
	})
	.map((m) => makeMeeting(m));

const documentArb = fc
	.record({
		unitCode: unitArb,
		kind: fc.constantFrom(...DOCUMENT_KINDS),
		issuedOn: dateArb,
		electronic: fc.boolean(),
		secret: fc.boolean(),
		deleted: fc.constantFrom(false, false, false, true)
	})
	.map((d) => makeDocument(d));

const procedureArb = fc
	.record({
		unitCode: unitArb,
		month: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
		total: fc.integer({ min: 0, max: 200 }),
		a: fc.double({ min: 0, max: 1, noNaN: true }),
		b: fc.double({ min: 0, max: 1, noNaN: true })
	})
	.map(({ total, a, b, ...p }) =>
		makeProcedure({ ...p, total, digital: Math.floor(total * a), digitized: Math.floor(total * b) })
	);

const periodArb: fc.Arbitrary<Period> = fc.oneof(
	fc
		.constantFrom('6month', '9month', 'annual' as const)
		.map((k) => periodOf(k, 2026, 0, 'decree09')),
	fc.integer({ min: 1, max: 4 }).map((q) => periodOf('quarter', 2026, q, 'decree09')),
	fc.integer({ min: 1, max: 12 }).map((m) => periodOf('month', 2026, m, 'decree09'))
);

const incomingArb = fc
	.record({
		unitCode: unitArb,
		month: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
		received: fc.integer({ min: 0, max: 300 }),
		a: fc.double({ min: 0, max: 1, noNaN: true })
	})
	.map(({ received, a, ...p }) =>
		makeIncoming({ ...p, received, electronic: Math.floor(received * a) })
	);

/** A commune of 1-4 units, all with positive baselines. */
const communeArb = fc.record({
	unitCount: fc.integer({ min: 1, max: 4 }),
	baselines: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 300 })), {
		minLength: 4,
		maxLength: 4
	}),
	meetings: fc.array(meetingArb, { maxLength: 40 }),
	documents: fc.array(documentArb, { maxLength: 40 }),
	procedures: fc.array(procedureArb, { maxLength: 12 }),
	incoming: fc.array(incomingArb, { maxLength: 12 }),
	period: periodArb,
	asOf: dateArb
});

type Commune = typeof communeArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(c: Commune): ProgressInput {
	const codes = CODES.slice(0, c.unitCount);
	const known = (r: { unitCode: string }): boolean =>
		(codes as readonly string[]).includes(r.unitCode);
	return {
		units: codes.map((code, order) => makeUnit({ code, order })),
		plans: codes.map((unitCode, i) =>
			makePlan({
				unitCode,
				baselineConferences: c.baselines[i]?.[0] ?? 1,
				baselineDocuments: c.baselines[i]?.[1] ?? 1
			})
		),
		meetings: c.meetings.filter(known),
		documents: c.documents.filter(known),
		procedures: c.procedures.filter(known),
		incoming: c.incoming.filter(known),
		limits: DEFAULT_TEST_LIMITS,
		periodMode: 'decree09'
	};
}

const find = (u: UnitProgress, code: IndicatorCode): IndicatorResult => {
	const i = u.indicators.find((x) => x.code === code);
	if (i === undefined) throw new Error(code);
	return i;
};

/** The exactly comparable parts of a result (floats left out). */
const exact = (u: UnitProgress): unknown => ({
	indicators: u.indicators.map(({ value: _v, projected: _p, excludedUnits: _e, ...rest }) => rest),
	conferencesLeft: u.conferencesLeft,
	documentsLeft: u.documentsLeft,
	conferenceCap: u.conferenceCap,
	documentCap: u.documentCap,
	overLimit: [...u.overLimitMeetingIds].sort()
});

describe('progress engine properties', () => {
	it('adding a held online conference never lowers online_share', () => {
		fc.assert(
			fc.property(communeArb, fc.constantFrom('truc_tuyen', 'ket_hop' as const), (c, format) => {
				const input = inputOf(c);
				const before = computeReport(input, c.period, c.asOf);
				fc.pre(before.effectiveEnd >= c.period.start);
				const extra = makeMeeting({ unitCode: 'U0', format, on: c.period.start });
				const after = computeReport(
					{ ...input, meetings: [...input.meetings, extra] },
					c.period,
					c.asOf
				);
				for (const [b, a] of [
					[before.units[0]!, after.units[0]!],
					[before.commune, after.commune]
				] as const) {
					const x = find(b, 'online_share');
					const y = find(a, 'online_share');
					expect(y.denominator).toBe((x.denominator ?? 0) + 1);
					if (x.denominator! > 0) {
						expect(
							compareFractions(y.numerator!, y.denominator!, x.numerator!, x.denominator!)
						).toBeGreaterThanOrEqual(0);
					}
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('an attended (tham_du) meeting changes no indicator but conferences_attended', () => {
		fc.assert(
			fc.property(
				communeArb,
				meetingArb.map((m) => ({ ...m, unitCode: 'U0', role: 'tham_du' as const })),
				(c, attended) => {
					const input = inputOf(c);
					const before = computeReport(input, c.period, c.asOf);
					const after = computeReport(
						{ ...input, meetings: [...input.meetings, attended] },
						c.period,
						c.asOf
					);
					const counts =
						!attended.deleted &&
						attended.status === 'held' &&
						attended.category !== 'hop' &&
						attended.date >= c.period.start &&
						attended.date <= before.effectiveEnd;
					for (const [b, a] of [
						[before.units[0]!, after.units[0]!],
						[before.commune, after.commune]
					] as const) {
						for (const code of INDICATORS) {
							if (code === 'conferences_attended') {
								expect(find(a, code).value).toBe((find(b, code).value ?? 0) + (counts ? 1 : 0));
							} else expect(find(a, code)).toEqual(find(b, code));
						}
						expect(a.overLimitMeetingIds).toEqual(b.overLimitMeetingIds);
					}
				}
			),
			{ numRuns: 200 }
		);
	});

	it('the commune figure equals that of one unit holding all units’ records and baselines', () => {
		fc.assert(
			fc.property(communeArb, (c) => {
				const input = inputOf(c);
				const report = computeReport(input, c.period, c.asOf);
				const sum = (k: 'baselineConferences' | 'baselineDocuments'): number =>
					input.plans.reduce((s, p) => s + (p[k] ?? 0), 0);
				const single: ProgressInput = {
					...input,
					units: [makeUnit({ code: 'ALL' })],
					plans: [
						makePlan({
							unitCode: 'ALL',
							baselineConferences: sum('baselineConferences'),
							baselineDocuments: sum('baselineDocuments')
						})
					],
					meetings: input.meetings.map((m) => ({ ...m, unitCode: 'ALL' })),
					documents: input.documents.map((d) => ({ ...d, unitCode: 'ALL' })),
					procedures: input.procedures.map((p) => ({ ...p, unitCode: 'ALL' })),
					incoming: input.incoming.map((i) => ({ ...i, unitCode: 'ALL' }))
				};
				const one = computeReport(single, c.period, c.asOf);
				expect(exact(report.commune)).toEqual(exact(one.units[0]!));
			}),
			{ numRuns: 200 }
		);
	});

	it('holding one more conference never improves the report’s conference_reduction status', () => {
		fc.assert(
			fc.property(communeArb, (c) => {
				const input = inputOf(c);
				const before = computeReport(input, c.period, c.asOf);
				fc.pre(before.effectiveEnd >= YEAR_START);
				const extra = makeMeeting({ unitCode: 'U0', on: YEAR_START });
				const after = computeReport(
					{ ...input, meetings: [...input.meetings, extra] },
					c.period,
					c.asOf
				);
				const s0 = find(before.commune, 'conference_reduction').status!;
				const s1 = find(after.commune, 'conference_reduction').status!;
				expect(rank[s1]).toBeLessThanOrEqual(rank[s0]);
			}),
			{ numRuns: 200 }
		);
	});
});
