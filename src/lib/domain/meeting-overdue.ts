/**
 * Meetings whose day is past but whose status still says otherwise (clerk review r11, 3 and 4):
 * still "Dự kiến" (planned: held or cancelled, never marked so), or still "Đang diễn ra" (someone
 * forgot "Kết thúc cuộc họp"). Only held meetings count in the indicators (spec), so both stay out
 * of every held figure until the clerk updates them. Pure: the reminder's filter
 * (`overdueMeetingsFilter` in db/meetings.ts), the meeting's screen and its one-step update
 * all decide here.
 */
import type { MeetingStatus } from './codes';
import type { FieldErrors } from './issues';
import { fieldsFromMeeting, meetingInputFromFields, type MeetingDraftInput } from './meeting-form';
import type { AgendaItem, Meeting, Sitting } from './schemas';
import { toLocalDate } from './time';

/** The statuses a meeting past its day should no longer have. */
export const OVERDUE_STATUSES: readonly MeetingStatus[] = ['planned', 'in_progress'];

/** Why a meeting needs updating: planned after its day, or begun on an earlier day and never ended. */
export type Overdue = 'planned' | 'unended';

/** `today` is the local date by the app's clock; a meeting dated before it is past. */
export function overdueOf(m: Pick<Meeting, 'status' | 'date'>, today: string): Overdue | null {
	if (m.date >= today) return null;
	if (m.status === 'planned') return 'planned';
	if (m.status === 'in_progress') return 'unended';
	return null;
}

/**
 * A sitting begun on an earlier day still open: its live timer would count days of overtime, and
 * "Kết thúc cuộc họp" would end it now. The screen asks for the real end time instead. A meeting
 * paused overnight (a two-day conference) keeps its live controls: resuming or ending it adds no
 * time.
 */
export function runningSinceEarlierDay(
	m: Pick<Meeting, 'status' | 'sittings'>,
	today: string
): boolean {
	const last = m.sittings[m.sittings.length - 1];
	return (
		m.status === 'in_progress' && !!last && last.end === null && toLocalDate(last.start) < today
	);
}

/** A sitting is running only while its meeting is: a planned sitting without an end is a schedule. */
export const isSittingRunning = (m: Pick<Meeting, 'status'>, s: Sitting): boolean =>
	m.status === 'in_progress' && s.end === null;

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
