/** Meetings: typed access that parses with the domain schema before anything is written. */
import { meetingSchema, type Meeting } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import { meetingDate } from '$lib/domain/meeting';
import type { MeetingCategory, MeetingFormat, MeetingStatus } from '$lib/domain/codes';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

export type MeetingInput = Omit<Meeting, 'id' | 'date' | 'createdAt' | 'updatedAt' | 'deleted'> & {
	id?: string;
};

export interface MeetingFilter {
	unitCode?: string | null;
	from?: string | null;
	to?: string | null;
	category?: MeetingCategory | null;
	format?: MeetingFormat | null;
	status?: MeetingStatus | null;
}

/** Builds the stored record (id, derived date, timestamps) and validates it; writes nothing. */
export function buildMeeting(input: MeetingInput, existing: Meeting | undefined, clock: Clock): Validated<Meeting> {
	const now = clock.now();
	const sittings = [...input.sittings].sort((a, b) => a.start - b.start);
	const candidate = {
		...input,
		sittings,
		id: input.id ?? existing?.id ?? clock.newId(),
		date: sittings.length > 0 ? meetingDate(sittings) : '',
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		deleted: false
	};
	const parsed = meetingSchema.safeParse(candidate);
	return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

export async function saveMeeting(db: AppDatabase, input: MeetingInput, clock: Clock): Promise<Validated<Meeting>> {
	const existing = input.id ? await db.meetings.get(input.id) : undefined;
	const built = buildMeeting(input, existing, clock);
	if (built.ok) await writeRecords(db, 'meeting', [built.value], clock);
	return built;
}

/** Deleting keeps a tombstone so the delete can sync; the record disappears from every list. */
export async function deleteMeeting(db: AppDatabase, id: string, clock: Clock): Promise<boolean> {
	const existing = await db.meetings.get(id);
	if (!existing || existing.deleted) return false;
	await writeRecords(db, 'meeting', [{ ...existing, deleted: true, updatedAt: clock.now() }], clock, 'delete');
	return true;
}

export async function getMeeting(db: AppDatabase, id: string): Promise<Meeting | undefined> {
	const m = await db.meetings.get(id);
	return m && !m.deleted ? m : undefined;
}

/** Newest first. Uses [unitCode+date] or date indexes for the range, then filters the rest. */
export async function listMeetings(db: AppDatabase, f: MeetingFilter = {}): Promise<Meeting[]> {
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
				(!f.status || m.status === f.status)
		)
		.toArray();
	return rows.sort((a, b) => (b.sittings[0]?.start ?? 0) - (a.sittings[0]?.start ?? 0));
}
