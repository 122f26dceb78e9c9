import { describe, expect, it } from 'vitest';
import { emptyMeetingFields, fieldsFromMeeting, meetingInputFromFields } from './meeting-form';
import { localToMs } from './time';
import { durationMinutes, isWithinLimit } from './meeting';
import { DEFAULT_LIMITS } from './codes';

describe('meeting form conversion', () => {
	it('reads sitting times as Asia/Ho_Chi_Minh local times', () => {
		const f = emptyMeetingFields('2026-05-04', 'VP');
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
			{ date: '2026-05-04', start: '10:00', end: '09:00' }
		];
		f.attendees = 'mười';
		const { errors } = meetingInputFromFields(f);
		expect(errors).toEqual({
			'sittings.0.start': 'err.time',
			'sittings.1.end': 'err.endBeforeStart',
			attendees: 'err.integer'
		});
	});

	it('round-trips a stored meeting through the form fields', () => {
		const f = emptyMeetingFields('2026-05-04', 'KT');
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
