/**
 * The meeting form's plain-text state and its conversion to a MeetingInput. Pure, so the rules
 * (times in UTC+7, a sitting's end on the same day as its start, numbers) are unit-tested.
 */
import {
	roleOf,
	type MeetingCategory,
	type MeetingFormat,
	type MeetingRole,
	type MeetingStatus
} from './codes';
import type { FieldErrors } from './issues';
import { readWholeNumber } from './whole-number';
import { durationMinutes, MINUTE_MS, type Limits } from './meeting';
import type { AgendaItem, Meeting, Sitting } from './schemas';
import { addDays, localToMs, toLocalDate, toLocalTime } from './time';

export interface SittingFields {
	date: string;
	start: string;
	end: string;
}

export interface MeetingFields {
	unitCode: string;
	title: string;
	/** '' until the user chooses: no silent default (a hamlet meeting is not a conference). */
	category: MeetingCategory | '';
	format: MeetingFormat;
	/** Organised (`chu_tri`, the default) or attended (`tham_du`). */
	role: MeetingRole;
	paperless: boolean;
	status: MeetingStatus;
	sittings: SittingFields[];
	plannedMinutes: string;
	attendees: string;
	chair: string;
	location: string;
	notes: string;
}

export interface MeetingDraftInput {
	unitCode: string;
	title: string;
	category: MeetingCategory;
	format: MeetingFormat;
	role: MeetingRole;
	paperless: boolean;
	status: MeetingStatus;
	sittings: Sitting[];
	plannedMinutes: number | null;
	attendees: number | null;
	chair: string;
	location: string;
	notes: string;
	agenda: AgendaItem[];
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyMeetingFields(today: string, unitCode: string): MeetingFields {
	return {
		unitCode,
		title: '',
		category: '',
		format: 'truc_tiep',
		role: 'chu_tri',
		paperless: false,
		status: 'held',
		sittings: [{ date: today, start: '07:30', end: '11:30' }],
		plannedMinutes: '',
		attendees: '',
		chair: '',
		location: '',
		notes: ''
	};
}

export function fieldsFromMeeting(m: Meeting): MeetingFields {
	return {
		unitCode: m.unitCode,
		title: m.title,
		category: m.category,
		format: m.format,
		// Records written before roles existed have none: they are organised meetings.
		role: roleOf(m),
		paperless: m.paperless,
		status: m.status,
		sittings: m.sittings.map((s) => ({
			date: toLocalDate(s.start),
			start: toLocalTime(s.start),
			end: s.end === null ? '' : toLocalTime(s.end)
		})),
		plannedMinutes: m.plannedMinutes === null ? '' : String(m.plannedMinutes),
		attendees: m.attendees === null ? '' : String(m.attendees),
		chair: m.chair,
		location: m.location,
		notes: m.notes
	};
}

/** A whole number of at least 0; "1.200" and "1 200" are 1200 (see whole-number.ts). */
function parseCount(text: string, key: string, errors: FieldErrors): number | null {
	const n = readWholeNumber(text);
	if (n === null) return null;
	if (!Number.isInteger(n) || n < 0) {
		errors[key] = 'err.integer';
		return null;
	}
	return n;
}

/**
 * Converts the text fields; errors found here use the same keys as the schema's paths. A sitting
 * whose end time is before its start ends on the next day (a sitting may cross midnight). With
 * `now`, a meeting that has not started yet cannot be recorded as held.
 */
export function meetingInputFromFields(
	f: MeetingFields,
	agenda: AgendaItem[] = [],
	now?: number
): { input: MeetingDraftInput; errors: FieldErrors } {
	const errors: FieldErrors = {};
	if (f.category === '') errors.category = 'err.categoryRequired';
	const sittings: Sitting[] = [];
	f.sittings.forEach((s, i) => {
		if (!DATE.test(s.date)) errors[`sittings.${i}.date`] = 'err.date';
		if (!TIME.test(s.start)) errors[`sittings.${i}.start`] = 'err.time';
		if (s.end !== '' && !TIME.test(s.end)) errors[`sittings.${i}.end`] = 'err.time';
		if (
			errors[`sittings.${i}.date`] ||
			errors[`sittings.${i}.start`] ||
			errors[`sittings.${i}.end`]
		)
			return;
		const start = localToMs(s.date, s.start);
		const sameDay = s.end === '' ? null : localToMs(s.date, s.end);
		const end =
			sameDay !== null && sameDay < start ? localToMs(addDays(s.date, 1), s.end) : sameDay;
		if (end !== null && end <= start) errors[`sittings.${i}.end`] = 'err.endBeforeStart';
		sittings.push({ start, end });
	});
	const input: MeetingDraftInput = {
		unitCode: f.unitCode,
		title: f.title,
		// Never saved while '' (the error above); the schema sees a valid code meanwhile.
		category: f.category === '' ? 'hop' : f.category,
		format: f.format,
		// A draft saved before roles existed has none: the default applies.
		role: roleOf(f),
		paperless: f.paperless,
		status: f.status,
		sittings,
		plannedMinutes: parseCount(f.plannedMinutes, 'plannedMinutes', errors),
		attendees: parseCount(f.attendees, 'attendees', errors),
		chair: f.chair,
		location: f.location,
		notes: f.notes,
		agenda
	};
	if (now !== undefined && f.status === 'held' && sittings.some((s) => s.start > now))
		errors.status = 'err.heldInFuture';
	return { input, errors };
}

/** The end of sitting `i` falls on the day after its date (it crosses midnight). */
export function endsNextDay(s: SittingFields): boolean {
	return TIME.test(s.start) && TIME.test(s.end) && s.end < s.start;
}

/** Longest plausible sitting: longer than this asks the user to confirm (a typo in the times). */
export const LONG_SITTING_MINUTES = 14 * 60;

export interface LongMeeting {
	/** The whole meeting's minutes, and the category's limit when it is over it. */
	minutes: number;
	overLimit: number | null;
	/** Numbers (1-based) of sittings longer than 14 h. */
	longSittings: number[];
}

/**
 * Whether saving should first ask "are you sure": the meeting is longer than its category's limit,
 * or a sitting is longer than 14 h. Null when neither.
 */
export function longMeeting(
	category: MeetingCategory | '',
	sittings: readonly Sitting[],
	limits: Limits
): LongMeeting | null {
	const minutes = durationMinutes(sittings);
	const limit = category === '' ? null : limits[category];
	const overLimit = limit !== null && minutes > limit ? limit : null;
	const longSittings = sittings
		.map((s, i) =>
			s.end !== null && s.end - s.start > LONG_SITTING_MINUTES * MINUTE_MS ? i + 1 : 0
		)
		.filter((n) => n > 0);
	return overLimit === null && longSittings.length === 0
		? null
		: { minutes, overLimit, longSittings };
}

/** Spans left open (the item current when the meeting was forgotten) end with the last sitting. */
function closeSpans(agenda: readonly AgendaItem[], sittings: readonly Sitting[]): AgendaItem[] {
	const last = sittings.reduce((a, s) => Math.max(a, s.end ?? 0), 0);
	return agenda.map((a) =>
		a.spans.some((s) => s.end === null)
			? {
					...a,
					spans: a.spans.map((s) =>
						s.end === null ? { ...s, end: Math.max(last, s.start + 1) } : s
					)
				}
			: a
	);
}

/**
 * The meeting marked held with the real end time of each sitting (`ends[i]`, "HH:mm" as the form
 * takes it: before the start means the next day), or cancelled. The meeting form's own rules
 * (`meetingInputFromFields`, with `now`): an end left empty is required here, since a held meeting
 * needs one; the caller still saves through the schema (`saveMeeting`), which writes nothing
 * unless the whole record is valid. Errors use the form's keys (`sittings.0.end`).
 */
export function markMeeting(
	m: Meeting,
	status: 'held' | 'cancelled',
	ends: readonly string[],
	now: number
): { input: MeetingDraftInput; errors: FieldErrors } {
	const fields = fieldsFromMeeting(m);
	fields.status = status;
	const missing: FieldErrors = {};
	if (status === 'held') {
		fields.sittings = fields.sittings.map((s, i) => {
			const end = (ends[i] ?? '').trim();
			if (end === '') missing[`sittings.${i}.end`] = 'err.required';
			return { ...s, end };
		});
	}
	const { input, errors } = meetingInputFromFields(fields, m.agenda, now);
	const all = { ...errors, ...missing };
	if (status === 'held' && Object.keys(all).length === 0)
		input.agenda = closeSpans(input.agenda, input.sittings);
	return { input, errors: all };
}
