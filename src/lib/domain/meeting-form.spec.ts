import { describe, expect, it } from 'vitest';
import {
	emptyMeetingFields,
	endsNextDay,
	fieldsFromMeeting,
	longMeeting,
	meetingInputFromFields
} from './meeting-form';
import { localToMs } from './time';
import { durationMinutes, isWithinLimit } from './meeting';
import { DEFAULT_LIMITS } from './codes';

describe('meeting form conversion', () => {
	it('reads sitting times as Asia/Ho_Chi_Minh local times', () => {
		const f = emptyMeetingFields('2026-05-04', 'VP');
		f.category = 'chuyen_mon';
		f.sittings = [
			{ date: '2026-05-04', start: '07:30', end: '11:30' },
			{ date: '2026-05-05', start: '13:30', end: '15:00' }
		];
		const { input, errors } = meetingInputFromFields(f);
		expect(errors).toEqual({});
		expect(input.sittings[0]).toEqual({
			start: Date.UTC(2026, 4, 4, 0, 30),
			end: Date.UTC(2026, 4, 4, 4, 30)
		});
		expect(durationMinutes(input.sittings)).toBe(330);
	});

	it('flags bad times, an end before the start and non-numeric counts by field', () => {
		const f = emptyMeetingFields('2026-05-04', 'VP');
		f.sittings = [
			{ date: '2026-05-04', start: '25:00', end: '' },
			{ date: '2026-05-04', start: '10:00', end: '10:00' }
		];
		f.category = 'hop';
		f.attendees = 'mười';
		const { errors } = meetingInputFromFields(f);
		expect(errors).toEqual({
			'sittings.0.start': 'err.time',
			'sittings.1.end': 'err.endBeforeStart',
			attendees: 'err.integer'
		});
	});

	it('reads counts grouped with a dot or a space; a fraction is not a count', () => {
		const f = { ...emptyMeetingFields('2026-05-04', 'VP'), category: 'hop' as const };
		f.attendees = '1.200';
		f.plannedMinutes = '1 200';
		const ok = meetingInputFromFields(f);
		expect(ok.errors).toEqual({});
		expect(ok.input.attendees).toBe(1200);
		expect(ok.input.plannedMinutes).toBe(1200);
		f.attendees = '1.5';
		f.plannedMinutes = '-3';
		expect(meetingInputFromFields(f).errors).toEqual({
			attendees: 'err.integer',
			plannedMinutes: 'err.integer'
		});
	});

	it('round-trips a stored meeting through the form fields', () => {
		const f = { ...emptyMeetingFields('2026-05-04', 'KT'), category: 'quan_triet' as const };
		const { input } = meetingInputFromFields(f);
		const back = fieldsFromMeeting({
			...input,
			id: 'x',
			date: '2026-05-04',
			createdAt: 0,
			updatedAt: 0,
			deleted: false
		});
		expect(back).toEqual(f);
	});
});

describe('duration limits', () => {
	const at = (h: number, m = 0) =>
		localToMs('2026-05-04', `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
	it('is within the limit at exactly the limit and over it one minute later', () => {
		expect(
			isWithinLimit(
				{ category: 'quan_triet', sittings: [{ start: at(7), end: at(11) }] },
				DEFAULT_LIMITS
			)
		).toBe(true);
		expect(
			isWithinLimit(
				{ category: 'quan_triet', sittings: [{ start: at(7), end: at(11, 1) }] },
				DEFAULT_LIMITS
			)
		).toBe(false);
		expect(
			isWithinLimit({ category: 'hop', sittings: [{ start: at(0), end: at(23) }] }, DEFAULT_LIMITS)
		).toBe(true);
	});
});

describe('meeting entry rules (issue 12 point 4)', () => {
	const base = () => ({ ...emptyMeetingFields('2026-11-20', 'VP'), title: 'Họp' });

	it('has no silent category: an unchosen category is an error, never a conference', () => {
		const f = base();
		expect(f.category).toBe('');
		expect(meetingInputFromFields(f).errors).toEqual({ category: 'err.categoryRequired' });
		expect(meetingInputFromFields({ ...f, category: 'hop' }).errors).toEqual({});
	});

	it('lets a sitting cross midnight: an end before the start is on the next day', () => {
		const f = { ...base(), category: 'hop' as const };
		f.sittings = [{ date: '2026-11-20', start: '22:00', end: '01:30' }];
		const { input, errors } = meetingInputFromFields(f);
		expect(errors).toEqual({});
		expect(input.sittings[0]).toEqual({
			start: localToMs('2026-11-20', '22:00'),
			end: localToMs('2026-11-21', '01:30')
		});
		expect(durationMinutes(input.sittings)).toBe(210);
		expect(endsNextDay(f.sittings[0]!)).toBe(true);
		expect(endsNextDay({ date: '2026-11-20', start: '08:00', end: '09:00' })).toBe(false);
	});

	it('refuses "held" for a meeting that has not started yet, and allows "planned"', () => {
		const f = { ...base(), category: 'hop' as const };
		f.sittings = [{ date: '2026-11-20', start: '14:00', end: '16:00' }];
		const before = localToMs('2026-11-20', '13:59');
		const after = localToMs('2026-11-20', '14:00');
		expect(meetingInputFromFields(f, [], before).errors).toEqual({ status: 'err.heldInFuture' });
		expect(meetingInputFromFields(f, [], after).errors).toEqual({});
		expect(meetingInputFromFields({ ...f, status: 'planned' }, [], before).errors).toEqual({});
	});

	it('asks before saving a meeting over its category limit or a sitting over 14 h', () => {
		const at = (d: string, h: string) => localToMs(d, h);
		const four = [{ start: at('2026-11-20', '07:00'), end: at('2026-11-20', '11:00') }];
		expect(longMeeting('quan_triet', four, DEFAULT_LIMITS)).toBeNull();
		const over = [{ start: at('2026-11-20', '07:00'), end: at('2026-11-20', '11:01') }];
		expect(longMeeting('quan_triet', over, DEFAULT_LIMITS)).toEqual({
			minutes: 241,
			overLimit: DEFAULT_LIMITS.quan_triet,
			longSittings: []
		});
		// A working meeting has no limit; 14 h 1 min in one sitting still asks.
		const long = [{ start: at('2026-11-20', '07:00'), end: at('2026-11-20', '21:01') }];
		expect(longMeeting('hop', long, DEFAULT_LIMITS)).toEqual({
			minutes: 841,
			overLimit: null,
			longSittings: [1]
		});
		const fourteen = [{ start: at('2026-11-20', '07:00'), end: at('2026-11-20', '21:00') }];
		expect(longMeeting('hop', fourteen, DEFAULT_LIMITS)).toBeNull();
	});
});
