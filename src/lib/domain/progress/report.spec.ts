import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import {
	DEFAULT_TEST_LIMITS,
	makeDocument,
	makeMeeting,
	makePlan,
	makeProcedure
} from '$factories/records';
import {
	indicatorOf as ind,
	makeProgressInput as input,
	unitOf as unit
} from '$factories/progress';
import { computeReport } from './report';

const HALF = periodOf('6month', 2026, 0, 'decree09'); // 2025-12-15..2026-06-14
const YEAR = periodOf('annual', 2026, 0, 'decree09'); // 2025-12-15..2026-12-14

describe('computeReport: which records count', () => {
	it('counts only held conferences, never tombstoned ones', () => {
		const r = computeReport(
			input({
				meetings: [
					makeMeeting({ status: 'held' }),
					makeMeeting({ status: 'planned' }),
					makeMeeting({ status: 'cancelled' }),
					makeMeeting({ status: 'held', deleted: true })
				]
			}),
			HALF,
			'2026-06-20'
		);
		expect(ind(r, 'VP', 'conferences_held').display).toBe('1');
	});

	it('counts working meetings (hop) in paperless_share but not in conference indicators', () => {
		const r = computeReport(
			input({
				meetings: [
					makeMeeting({ category: 'hop', paperless: true, format: 'truc_tuyen' }),
					makeMeeting({ category: 'quan_triet', paperless: false, format: 'truc_tiep' })
				]
			}),
			HALF,
			'2026-06-20'
		);
		expect(ind(r, 'VP', 'conferences_held').value).toBe(1);
		expect(ind(r, 'VP', 'online_share').display).toBe('0.0');
		expect(ind(r, 'VP', 'paperless_share')).toMatchObject({
			display: '50.0',
			status: null,
			target: null
		});
	});

	it('counts hybrid conferences as online', () => {
		const r = computeReport(
			input({
				meetings: [makeMeeting({ format: 'ket_hop' }), makeMeeting({ format: 'truc_tiep' })]
			}),
			HALF,
			'2026-06-20'
		);
		expect(ind(r, 'VP', 'online_share')).toMatchObject({
			numerator: 1,
			denominator: 2,
			status: 'missed'
		});
	});

	it('counts a record dated on the first and last day of P, not the day after', () => {
		const r = computeReport(
			input({
				meetings: [
					makeMeeting({ on: '2025-12-15', at: '00:00' }),
					makeMeeting({ on: '2026-06-14', at: '23:00' }),
					makeMeeting({ on: '2026-06-15', at: '00:00' }),
					makeMeeting({ on: '2025-12-14', at: '23:59' })
				]
			}),
			HALF,
			'2026-06-20'
		);
		expect(ind(r, 'VP', 'conferences_held').value).toBe(2);
	});

	it('ignores records after the as-of date and reports the effective end', () => {
		const r = computeReport(
			input({ meetings: [makeMeeting({ on: '2026-03-01' }), makeMeeting({ on: '2026-03-02' })] }),
			HALF,
			'2026-03-01'
		);
		expect(r.effectiveEnd).toBe('2026-03-01');
		expect(ind(r, 'VP', 'conferences_held').value).toBe(1);
		expect(ind(r, 'VP', 'online_share').status).toBe('at_risk');
	});

	it('judges durations against the limits in the settings, and lists conferences over them', () => {
		const long = makeMeeting({ category: 'quan_triet', minutes: 250 });
		const meetings = [long, makeMeeting({ category: 'quan_triet', minutes: 240 })];
		const strict = computeReport(input({ meetings }), HALF, '2026-06-20');
		expect(ind(strict, 'VP', 'duration_compliance_share').display).toBe('50.0');
		expect(unit(strict, 'VP').overLimitMeetingIds).toEqual([long.id]);
		const lenient = computeReport(
			input({ meetings, limits: { ...DEFAULT_TEST_LIMITS, quan_triet: 300 } }),
			HALF,
			'2026-06-20'
		);
		expect(ind(lenient, 'VP', 'duration_compliance_share')).toMatchObject({
			display: '100.0',
			status: 'met'
		});
		expect(unit(lenient, 'VP').overLimitMeetingIds).toEqual([]);
	});

	it('leaves secret documents out of electronic_share only, and qppl out of the reduction only', () => {
		const r = computeReport(
			input({
				plans: [makePlan({ baselineDocuments: 10 })],
				documents: [
					makeDocument({ secret: true, electronic: false }),
					makeDocument({ kind: 'qppl', electronic: false }),
					makeDocument({ electronic: true })
				]
			}),
			YEAR,
			'2026-12-20'
		);
		expect(ind(r, 'VP', 'electronic_share')).toMatchObject({ numerator: 1, denominator: 2 });
		expect(ind(r, 'VP', 'document_reduction')).toMatchObject({
			count: 2,
			display: '80.0',
			status: 'met'
		});
	});

	it('puts a procedure month in the period holding its closing day', () => {
		const procedures = [
			makeProcedure({ month: '2026-06', total: 10, digital: 9, digitized: 10 }),
			makeProcedure({ month: '2026-07', total: 10, digital: 0, digitized: 0 })
		];
		const decree = computeReport(input({ procedures }), HALF, '2026-06-14');
		expect(ind(decree, 'VP', 'digital_procedures_share')).toMatchObject({
			display: '90.0',
			status: 'missed'
		});
		const early = computeReport(input({ procedures }), HALF, '2026-06-13');
		expect(ind(early, 'VP', 'digital_procedures_share')).toMatchObject({
			display: '',
			status: 'no_data'
		});
		const calendarHalf = periodOf('6month', 2026, 0, 'calendar');
		const calendar = computeReport(
			input({ procedures, periodMode: 'calendar' }),
			calendarHalf,
			'2026-06-29'
		);
		expect(ind(calendar, 'VP', 'digitized_share').status).toBe('no_data');
	});

	it('shows no data with an empty display when a ratio has no denominator', () => {
		const r = computeReport(input(), HALF, '2026-06-20');
		expect(ind(r, 'VP', 'online_share')).toMatchObject({
			value: null,
			display: '',
			status: 'no_data'
		});
		expect(ind(r, 'VP', 'paperless_share')).toMatchObject({
			value: null,
			display: '',
			status: null
		});
		expect(ind(r, 'VP', 'conferences_held')).toMatchObject({
			value: 0,
			display: '0',
			status: null
		});
	});
});
