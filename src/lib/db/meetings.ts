/** Meetings: typed reads and tombstone deletes (no zod here, so list screens stay light). */
import type { Meeting } from '$lib/domain/schemas';
import type { MeetingCategory, MeetingFormat, MeetingStatus } from '$lib/domain/codes';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';
import { partition, type InvalidRecord } from './checked';
import { addDays } from '$lib/domain/time';
import { OVERDUE_STATUSES } from '$lib/domain/meeting-overdue';

export interface MeetingFilter {
	unitCode?: string | null;
	from?: string | null;
	to?: string | null;
	category?: MeetingCategory | null;
	format?: MeetingFormat | null;
	status?: MeetingStatus | null;
	/** Any of these statuses (with `status`, both must hold). */
	statuses?: readonly MeetingStatus[] | null;
}

/**
 * Meetings whose day is past (before `today`, a local date) but still "Dự kiến" (held or
 * cancelled, never marked so) or still "Đang diễn ra" (begun on an earlier day, never ended):
 * they stay out of every held-meeting figure until the clerk updates them (domain/meeting-overdue).
 * The list's filter, so the notice's count and the filtered list agree.
 */
export const overdueMeetingsFilter = (
	today: string,
	unitCode: string | null = null
): MeetingFilter => ({ unitCode, statuses: OVERDUE_STATUSES, to: addDays(today, -1) });

/** Deleting keeps a tombstone so the delete can sync; the record disappears from every list. */
export async function deleteMeeting(db: AppDatabase, id: string, clock: Clock): Promise<boolean> {
	const existing = await db.meetings.get(id);
	if (!existing || existing.deleted) return false;
	await writeRecords(
		db,
		'meeting',
		[{ ...existing, deleted: true, updatedAt: clock.now() }],
		clock,
		'delete'
	);
	return true;
}

export async function getMeeting(db: AppDatabase, id: string): Promise<Meeting | undefined> {
	const m = await db.meetings.get(id);
	return m && !m.deleted ? m : undefined;
}

export interface MeetingList {
	/** Newest first; only records that pass the meeting schema. */
	meetings: Meeting[];
	/** Records in the range that fail the schema: left out of the list, said on screen. */
	invalid: InvalidRecord[];
}

/** Newest first. Uses [unitCode+date] or date indexes for the range, then filters the rest. */
export async function listMeetingsChecked(
	db: AppDatabase,
	f: MeetingFilter = {}
): Promise<MeetingList> {
	const from = f.from ?? '0000-00-00';
	const to = f.to ?? '9999-99-99';
	const coll = f.unitCode
		? db.meetings.where('[unitCode+date]').between([f.unitCode, from], [f.unitCode, to], true, true)
		: db.meetings.where('date').between(from, to, true, true);
	const rows = await coll
		.filter(
			(m) =>
				!m.deleted &&
				(!f.category || m.category === f.category) &&
				(!f.format || m.format === f.format) &&
				(!f.status || m.status === f.status) &&
				(!f.statuses || f.statuses.includes(m.status))
		)
		.toArray();
	const { valid, invalid } = await partition('meeting', rows);
	return {
		meetings: valid.sort((a, b) => (b.sittings[0]?.start ?? 0) - (a.sittings[0]?.start ?? 0)),
		invalid
	};
}

/** The valid meetings of listMeetingsChecked. */
export async function listMeetings(db: AppDatabase, f: MeetingFilter = {}): Promise<Meeting[]> {
	return (await listMeetingsChecked(db, f)).meetings;
}
