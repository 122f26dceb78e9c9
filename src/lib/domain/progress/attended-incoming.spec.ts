/** Spec version 2: meeting roles (only organised meetings count) and incoming documents. */
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../codes';
import { periodOf } from '../periods';
import type { Meeting } from '../schemas';
import { makeIncoming, makeMeeting, makePlan, makeUnit } from '$factories/records';
import {
	indicatorOf as ind,
	makeProgressInput as input,
	unitOf as unit
} from '$factories/progress';
import { computeReport } from './report';
import { reportCsv } from './report-csv';

const HALF = periodOf('6month', 2026, 0, 'decree09'); // 2025-12-15..2026-06-14
const YEAR = periodOf('annual', 2026, 0, 'decree09'); // 2025-12-15..2026-12-14

describe('meeting roles', () => {
	const meetings = [
		makeMeeting({ role: 'chu_tri', format: 'truc_tiep', paperless: false }),
		// Attended: online, paperless and far over its limit, yet none of that may count.
		makeMeeting({ role: 'tham_du', format: 'truc_tuyen', paperless: true, minutes: 900 }),
		makeMeeting({ role: 'tham_du', category: 'hop', format: 'truc_tuyen', paperless: true })
	];

	it('counts only organised meetings in the meeting indicators', () => {
		const r = computeReport(input({ meetings }), HALF, '2026-06-20');
		expect(ind(r, 'VP', 'conferences_held').value).toBe(1);
		expect(ind(r, 'VP', 'online_share')).toMatchObject({ numerator: 0, denominator: 1 });
		expect(ind(r, 'VP', 'duration_compliance_share')).toMatchObject({
			numerator: 1,
			denominator: 1
		});
		expect(ind(r, 'VP', 'paperless_share')).toMatchObject({ numerator: 0, denominator: 1 });
		expect(unit(r, 'VP').overLimitMeetingIds).toEqual([]);
	});

	it('counts held attended conferences in conferences_attended, not attended working meetings', () => {
		const r = computeReport(
			input({
				meetings: [
					...meetings,
					makeMeeting({ role: 'tham_du', status: 'planned' }),
					makeMeeting({ role: 'tham_du', deleted: true }),
					makeMeeting({ role: 'tham_du', on: '2026-06-15' })
				]
			}),
			HALF,
			'2026-06-20'
		);
		expect(ind(r, 'VP', 'conferences_attended')).toMatchObject({
			value: 1,
			display: '1',
			target: null,
			status: null
		});
		expect(ind(r, '*', 'conferences_attended').value).toBe(1);
	});

	it('leaves attended conferences out of the reduction count', () => {
		const plans = [makePlan({ baselineConferences: 10 })];
		const attended = Array.from({ length: 5 }, () => makeMeeting({ role: 'tham_du' }));
		const r = computeReport(
			input({ plans, meetings: [makeMeeting(), ...attended] }),
			YEAR,
			'2026-12-20'
		);
		expect(ind(r, 'VP', 'conference_reduction')).toMatchObject({
			count: 1,
			display: '90.0',
			status: 'met'
		});
		expect(unit(r, 'VP').conferencesLeft).toBe(8);
	});

	it('reads a stored meeting without a role (older clients) as organised', () => {
		const { role: _role, ...old } = makeMeeting();
		const r = computeReport(input({ meetings: [old as Meeting] }), HALF, '2026-06-20');
		expect(ind(r, 'VP', 'conferences_held').value).toBe(1);
		expect(ind(r, 'VP', 'conferences_attended').value).toBe(0);
	});
});

describe('incoming_electronic_share', () => {
	it('sums electronic over received across the months of the period, against >= 95%', () => {
		const r = computeReport(
			input({
				units: [makeUnit({ code: 'VP', order: 0 }), makeUnit({ code: 'KT', order: 1 })],
				incoming: [
					makeIncoming({ unitCode: 'VP', month: '2026-01', received: 100, electronic: 100 }),
					makeIncoming({ unitCode: 'VP', month: '2026-02', received: 100, electronic: 90 }),
					makeIncoming({ unitCode: 'KT', month: '2026-03', received: 200, electronic: 190 }),
					makeIncoming({
						unitCode: 'KT',
						month: '2026-04',
						received: 50,
						electronic: 0,
						deleted: true
					})
				]
			}),
			HALF,
			'2026-06-20'
		);
		expect(ind(r, 'VP', 'incoming_electronic_share')).toMatchObject({
			numerator: 190,
			denominator: 200,
			display: '95.0',
			target: 95,
			status: 'met'
		});
		// The commune sums counts: 380/400.
		expect(ind(r, '*', 'incoming_electronic_share')).toMatchObject({
			numerator: 380,
			denominator: 400,
			status: 'met'
		});
	});

	it('decides the status on exact counts: 94.96% rounds to 95.0 but is missed', () => {
		const r = computeReport(
			input({ incoming: [makeIncoming({ received: 10000, electronic: 9496 })] }),
			HALF,
			'2026-06-20'
		);
		expect(ind(r, 'VP', 'incoming_electronic_share')).toMatchObject({
			display: '95.0',
			status: 'missed'
		});
	});

	it('puts a month in the period that holds its closing day (Decree 09: the 14th)', () => {
		const incoming = [
			makeIncoming({ month: '2025-12', received: 10, electronic: 0 }), // closes 14/12/2025
			makeIncoming({ month: '2026-06', received: 10, electronic: 10 }), // closes 14/06/2026
			makeIncoming({ month: '2026-07', received: 10, electronic: 0 }) // closes 14/07/2026
		];
		const r = computeReport(input({ incoming }), HALF, '2026-06-20');
		expect(ind(r, 'VP', 'incoming_electronic_share')).toMatchObject({
			numerator: 10,
			denominator: 10
		});
		// June counts once its closing day is reached; the day before, nothing has closed in the period.
		expect(
			ind(computeReport(input({ incoming }), HALF, '2026-06-14'), 'VP', 'incoming_electronic_share')
				.status
		).toBe('met');
		expect(
			ind(computeReport(input({ incoming }), HALF, '2026-06-13'), 'VP', 'incoming_electronic_share')
				.status
		).toBe('no_data');
	});
});

describe('the order of the indicators', () => {
	it("lists every unit's rows in the spec's fixed order", () => {
		const r = computeReport(input(), HALF, '2026-06-20');
		const rows = reportCsv(r)
			.trimEnd()
			.split('\n')
			.slice(1)
			.map((l) => l.split(','));
		expect(rows.filter((c) => c[0] === 'VP').map((c) => c[4])).toEqual([
			'conferences_held',
			'conferences_attended',
			'online_share',
			'conference_reduction',
			'document_reduction',
			'electronic_share',
			'incoming_electronic_share',
			'digital_procedures_share',
			'digitized_share',
			'duration_compliance_share',
			'paperless_share'
		]);
		expect(INDICATORS).toHaveLength(11);
	});
});
