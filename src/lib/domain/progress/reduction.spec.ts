import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import { makeMeeting, makePlan } from '$factories/records';
import {
	indicatorOf as ind,
	makeProgressInput as input,
	unitOf as unit
} from '$factories/progress';
import { computeReport } from './report';

const HALF = periodOf('6month', 2026, 0, 'decree09'); // 2025-12-15..2026-06-14
const YEAR = periodOf('annual', 2026, 0, 'decree09'); // 2025-12-15..2026-12-14

describe('computeReport: reductions', () => {
	const plan = makePlan({ baselineConferences: 12, plannedConferences: 11 });
	const five = Array.from({ length: 5 }, () => makeMeeting({ on: '2026-02-01' }));

	it('projects the year-to-date count to the whole year and shows cap and projection', () => {
		const r = computeReport(input({ plans: [plan], meetings: five }), HALF, '2026-06-20');
		expect(ind(r, 'VP', 'conference_reduction')).toMatchObject({
			display: '16.4',
			status: 'at_risk',
			count: 5,
			baseline: 12,
			cap: 10
		});
		expect(ind(r, 'VP', 'conference_reduction').projected).toBeCloseTo(10.03, 2);
		expect(unit(r, 'VP')).toMatchObject({
			conferenceCap: 10,
			conferencesLeft: 5,
			planAboveCap: true
		});
	});

	it('counts the reduction from the start of the target year even for a monthly report', () => {
		const june = periodOf('month', 2026, 6, 'decree09');
		const r = computeReport(input({ plans: [plan], meetings: five }), june, '2026-06-14');
		expect(ind(r, 'VP', 'conferences_held').value).toBe(0);
		expect(ind(r, 'VP', 'conference_reduction').count).toBe(5);
	});

	it('uses the actual count once the target year is finished', () => {
		const r = computeReport(input({ plans: [plan], meetings: five }), YEAR, '2026-12-14');
		expect(ind(r, 'VP', 'conference_reduction')).toMatchObject({
			display: '58.3',
			status: 'met',
			projected: 5
		});
	});

	it('still projects when the year is over but P ends before the year end', () => {
		const r = computeReport(input({ plans: [plan], meetings: five }), HALF, '2026-12-20');
		expect(ind(r, 'VP', 'conference_reduction').status).toBe('at_risk');
	});

	it('is off_track once the count passes the cap, with a negative number left', () => {
		const eleven = Array.from({ length: 11 }, () => makeMeeting({ on: '2026-02-01' }));
		const r = computeReport(input({ plans: [plan], meetings: eleven }), HALF, '2026-06-20');
		expect(ind(r, 'VP', 'conference_reduction').status).toBe('off_track');
		expect(unit(r, 'VP').conferencesLeft).toBe(-1);
	});

	it('is no_data without a baseline or with a baseline of 0', () => {
		for (const baselineConferences of [null, 0]) {
			const r = computeReport(
				input({ plans: [makePlan({ baselineConferences })], meetings: five }),
				HALF,
				'2026-06-20'
			);
			expect(ind(r, 'VP', 'conference_reduction')).toMatchObject({
				value: null,
				display: '',
				status: 'no_data'
			});
			expect(unit(r, 'VP').conferencesLeft).toBeNull();
		}
	});

	it('is no_data before the target year starts', () => {
		const r = computeReport(input({ plans: [plan] }), YEAR, '2025-12-01');
		expect(ind(r, 'VP', 'conference_reduction').status).toBe('no_data');
		expect(r.effectiveEnd).toBe('2025-12-01');
	});

	it('uses the plan of the target year holding P, ignoring deleted plans', () => {
		const r = computeReport(
			input({
				plans: [
					makePlan({ year: 2025, baselineConferences: 100 }),
					makePlan({ baselineConferences: 50, deleted: true }),
					plan
				]
			}),
			YEAR,
			'2026-12-20'
		);
		expect(ind(r, 'VP', 'conference_reduction').baseline).toBe(12);
	});

	it('follows target overrides, and drops the status when a target is removed', () => {
		const r = computeReport(
			input({
				plans: [plan],
				meetings: five,
				targets: { conference_reduction: 50, online_share: null }
			}),
			YEAR,
			'2026-12-20'
		);
		expect(ind(r, 'VP', 'conference_reduction')).toMatchObject({
			cap: 6,
			target: 50,
			status: 'met'
		});
		expect(ind(r, 'VP', 'online_share')).toMatchObject({
			target: null,
			status: null,
			display: '0.0'
		});
	});
});
