/**
 * Meetings whose day is past but whose status still says otherwise (clerk review r11, 3 and 4):
 * still "Dự kiến" (planned: held or cancelled, never marked so), or still "Đang diễn ra" (someone
 * forgot "Kết thúc cuộc họp"). Only held meetings count in the indicators (spec), so both stay out
 * of every held figure until the clerk updates them. Pure and light (the meetings list's data
 * chunk imports it): the reminder's filter (`overdueMeetingsFilter` in db/meetings.ts) and the
 * meeting's screen decide here; the one-step update is `markMeeting` in meeting-form.ts.
 */
import type { MeetingStatus } from './codes';
import type { Meeting, Sitting } from './schemas';
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
