import { describe, expect, it } from 'vitest';
import { isSittingRunning, overdueOf, runningSinceEarlierDay } from './meeting-overdue';
import { markMeeting } from './meeting-form';
import { meetingSchema, type Meeting } from './schemas';
import { localToMs } from './time';

/** The injected clock: 02/12/2026 04:40 in UTC+7 (the clerk's phone). */
const NOW = localToMs('2026-12-02', '04:40');
const TODAY = '2026-12-02';

function meeting(over: Partial<Meeting> = {}): Meeting {
	const start = localToMs('2025-12-19', '14:30');
	return meetingSchema.parse({
		id: 'm1',
		unitCode: 'THON01',
		title: 'Họp giao ban tuần',
		category: 'chuyen_mon',
		format: 'truc_tiep',
		role: 'chu_tri',
		paperless: false,
		status: 'planned',
		sittings: [{ start, end: null }],
		plannedMinutes: null,
		attendees: null,
		chair: '',
		location: '',
		notes: '',
		agenda: [],
		date: '2025-12-19',
		createdAt: start,
		updatedAt: start,
		deleted: false,
		...over
	});
}

describe('a meeting past its day', () => {
	it('is overdue while planned or in progress, never on its own day or once held or cancelled', () => {
		const on = (date: string, status: Meeting['status']) => overdueOf({ date, status }, TODAY);
		expect(on('2025-12-19', 'planned')).toBe('planned');
		expect(on('2026-12-01', 'planned')).toBe('planned');
		expect(on('2026-11-28', 'in_progress')).toBe('unended');
		expect(on(TODAY, 'planned')).toBeNull();
		expect(on(TODAY, 'in_progress')).toBeNull();
		expect(on('2026-12-10', 'planned')).toBeNull();
		expect(on('2026-11-28', 'cancelled')).toBeNull();
		expect(on('2026-11-28', 'held')).toBeNull();
	});

	it('keeps its live controls when paused overnight, not when a sitting has been open since an earlier day', () => {
		const start = localToMs('2026-11-28', '08:00');
		const open = { status: 'in_progress' as const, sittings: [{ start, end: null }] };
		expect(runningSinceEarlierDay(open, TODAY)).toBe(true);
		expect(runningSinceEarlierDay(open, '2026-11-28')).toBe(false);
		// Two-day conference: the first sitting ended, the second begun today.
		const resumed = {
			status: 'in_progress' as const,
			sittings: [
				{ start, end: start + 3_600_000 },
				{ start: localToMs(TODAY, '04:00'), end: null }
			]
		};
		expect(runningSinceEarlierDay(resumed, TODAY)).toBe(false);
		const paused = {
			status: 'in_progress' as const,
			sittings: [{ start, end: start + 3_600_000 }]
		};
		expect(runningSinceEarlierDay(paused, TODAY)).toBe(false);
		expect(runningSinceEarlierDay({ ...open, status: 'planned' }, TODAY)).toBe(false);
	});

	it('has a running sitting only while the meeting is in progress (a planned one is a schedule)', () => {
		const s = { start: NOW - 1000, end: null };
		expect(isSittingRunning(meeting(), s)).toBe(false);
		expect(isSittingRunning(meeting({ status: 'cancelled' }), s)).toBe(false);
		expect(isSittingRunning(meeting({ status: 'in_progress' }), s)).toBe(true);
		expect(isSittingRunning(meeting({ status: 'in_progress' }), { ...s, end: NOW })).toBe(false);
	});
});

describe('marking it held or cancelled in one step', () => {
	it('held: each sitting gets the end time typed, on its own day; the record is valid', () => {
		const m = meeting({
			sittings: [
				{ start: localToMs('2025-12-19', '14:30'), end: localToMs('2025-12-19', '17:00') },
				{ start: localToMs('2025-12-20', '08:00'), end: null }
			]
		});
		const { input, errors } = markMeeting(m, 'held', ['16:45', '10:15'], NOW);
		expect(errors).toEqual({});
		expect(input.status).toBe('held');
		expect(input.sittings).toEqual([
			{ start: localToMs('2025-12-19', '14:30'), end: localToMs('2025-12-19', '16:45') },
			{ start: localToMs('2025-12-20', '08:00'), end: localToMs('2025-12-20', '10:15') }
		]);
	});

	it('held: an end left empty or mistyped is flagged by field and nothing is marked', () => {
		const m = meeting({
			sittings: [
				{ start: localToMs('2025-12-19', '14:30'), end: localToMs('2025-12-19', '17:00') },
				{ start: localToMs('2025-12-20', '08:00'), end: null }
			]
		});
		expect(markMeeting(m, 'held', ['', '25:00'], NOW).errors).toEqual({
			'sittings.0.end': 'err.required',
			'sittings.1.end': 'err.time'
		});
		expect(markMeeting(m, 'held', ['14:30', '09:00'], NOW).errors).toEqual({
			'sittings.0.end': 'err.endBeforeStart'
		});
	});

	it('held: a meeting whose sitting is still ahead of the clock cannot be marked held', () => {
		const m = meeting({ sittings: [{ start: NOW + 3_600_000, end: null }], date: TODAY });
		expect(markMeeting(m, 'held', ['06:00'], NOW).errors).toEqual({
			status: 'err.heldInFuture'
		});
	});

	it('held, for one never ended: the agenda item left current ends with the last sitting', () => {
		const start = localToMs('2026-11-28', '08:00');
		const m = meeting({
			status: 'in_progress',
			date: '2026-11-28',
			sittings: [{ start, end: null }],
			agenda: [
				{
					id: 'a1',
					title: 'Báo cáo',
					kind: 'presentation',
					plannedMinutes: 30,
					spans: [{ start: start + 60_000, end: null }]
				}
			]
		});
		const { input, errors } = markMeeting(m, 'held', ['11:00'], NOW);
		expect(errors).toEqual({});
		expect(input.agenda[0]!.spans).toEqual([
			{ start: start + 60_000, end: localToMs('2026-11-28', '11:00') }
		]);
	});

	it('cancelled: no end time asked, the schedule kept', () => {
		const m = meeting();
		const { input, errors } = markMeeting(m, 'cancelled', [], NOW);
		expect(errors).toEqual({});
		expect(input.status).toBe('cancelled');
		expect(input.sittings).toEqual(m.sittings);
	});
});
