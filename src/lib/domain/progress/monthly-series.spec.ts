import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_LIMITS, makeMeeting, makePlan, makeUnit } from '$factories/records';
import { loadSampleCommune } from '$factories/sample-commune';
import { periodOf } from '../periods';
import { monthlySeries } from './monthly-series';
import { computeReport } from './report';
import type { ProgressInput } from './types';

const base: ProgressInput = {
	units: [makeUnit({ code: 'A', order: 0 }), makeUnit({ code: 'B', order: 1 })],
	plans: [makePlan({ unitCode: 'A', baselineConferences: 20 })],
	meetings: [
		makeMeeting({ unitCode: 'A', on: '2025-12-15', format: 'truc_tuyen' }),
		makeMeeting({ unitCode: 'A', on: '2026-01-14' }),
		makeMeeting({ unitCode: 'A', on: '2026-01-15', format: 'ket_hop' }),
		makeMeeting({ unitCode: 'B', on: '2026-02-01' }),
		makeMeeting({ unitCode: 'A', on: '2026-02-02', category: 'hop' }),
		makeMeeting({ unitCode: 'A', on: '2026-03-20' })
	],
	documents: [],
	procedures: [],
	incoming: [],
	limits: DEFAULT_TEST_LIMITS,
	periodMode: 'decree09'
};

describe('monthlySeries', () => {
	it('buckets held conferences into Decree-09 report months', () => {
		const s = monthlySeries(base, 2026, 'decree09', 'A', '2026-12-20');
		expect(s).toHaveLength(12);
		expect(s[0]).toMatchObject({
			month: 1,
			start: '2025-12-15',
			end: '2026-01-14',
			conferences: 2,
			online: 1
		});
		expect(s[1]).toMatchObject({ month: 2, conferences: 1, online: 1, cumulative: 3 });
		expect(s[3]).toMatchObject({ month: 4, conferences: 1, cumulative: 4 });
		expect(s[11]?.cumulative).toBe(4);
	});

	it('draws the pace line the cap allows, reaching the cap at the year end', () => {
		const s = monthlySeries(base, 2026, 'decree09', 'A', '2026-12-20');
		// cap = floor(20 * 0.9) = 18; month 1 = 31 of 365 days.
		expect(s[0]?.pace).toBeCloseTo((18 * 31) / 365, 10);
		expect(s[11]?.pace).toBe(18);
	});

	it('holds a part-year unit against its annualised baseline, as the indicator does', () => {
		const plans = [makePlan({ unitCode: 'A', baselineConferences: 10, baselineMonths: 6 })];
		const s = monthlySeries({ ...base, plans }, 2026, 'decree09', 'A', '2026-12-20');
		// 10 conferences in 6 months = 20 a year; cap = floor(20 * 0.9) = 18.
		expect(s[11]?.pace).toBe(18);
		const report = computeReport(
			{ ...base, plans },
			periodOf('annual', 2026, 0, 'decree09'),
			'2026-12-20'
		);
		expect(report.units.find((u) => u.unitCode === 'A')?.conferenceCap).toBe(18);
	});

	it('leaves months that have not started empty and stops counting at asOf', () => {
		const s = monthlySeries(base, 2026, 'decree09', 'A', '2026-01-13');
		expect(s[0]).toMatchObject({ conferences: 1, cumulative: 1 }); // 14/01 is after asOf
		expect(s[1]).toMatchObject({ conferences: null, online: null, cumulative: null });
		expect(s[1]?.pace).not.toBeNull();
	});

	it('sums every unit for the commune but holds only units with a baseline against the cap', () => {
		const s = monthlySeries(base, 2026, 'decree09', '*', '2026-12-20');
		expect(s[1]).toMatchObject({
			month: 2,
			conferences: 2,
			cumulative: 4,
			cumulativeAgainstCap: 3
		});
	});

	it('leaves out conferences the unit only attended (tham_du)', () => {
		const attended = makeMeeting({ unitCode: 'A', on: '2026-03-20', role: 'tham_du' });
		const s = monthlySeries(
			{ ...base, meetings: [...base.meetings, attended] },
			2026,
			'decree09',
			'A',
			'2026-12-20'
		);
		expect(s).toEqual(monthlySeries(base, 2026, 'decree09', 'A', '2026-12-20'));
	});

	it('has no pace without a baseline', () => {
		const s = monthlySeries(base, 2026, 'decree09', 'B', '2026-12-20');
		expect(s.every((p) => p.pace === null && p.cumulativeAgainstCap === null)).toBe(true);
	});

	it('uses calendar months in calendar mode', () => {
		const s = monthlySeries(base, 2026, 'calendar', 'A', '2026-12-31');
		expect(s[0]).toMatchObject({ start: '2026-01-01', end: '2026-01-31', conferences: 2 });
	});

	it('agrees with the annual report of the sample commune', () => {
		const sample = loadSampleCommune();
		const input: ProgressInput = { ...sample, limits: DEFAULT_TEST_LIMITS, periodMode: 'decree09' };
		const report = computeReport(input, periodOf('annual', 2026, 0, 'decree09'), '2026-09-30');
		for (const u of [...report.units, report.commune]) {
			const s = monthlySeries(input, 2026, 'decree09', u.unitCode, '2026-09-30');
			const held = u.indicators.find((i) => i.code === 'conferences_held')?.value;
			// 30/09 lies in report month 10 (15/09..14/10), counted up to asOf.
			expect(s[9]?.cumulative, u.unitCode).toBe(held);
			expect(s[10]?.cumulative, u.unitCode).toBeNull();
			expect(s[11]?.pace ?? null, u.unitCode).toBe(u.conferenceCap);
		}
	});
});
