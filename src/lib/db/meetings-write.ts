/** Meeting writes: parse with the domain schema before anything is written. */
import { meetingSchema, type Meeting } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import { meetingDate } from '$lib/domain/meeting';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { buildRecord, writeIfValid } from './record';

/** `role` may be left out (callers from before roles existed): the schema's default `chu_tri` applies. */
export type MeetingInput = Omit<
	Meeting,
	'id' | 'date' | 'role' | 'createdAt' | 'updatedAt' | 'deleted'
> & {
	id?: string;
	role?: Meeting['role'];
};

/** Builds the stored record (id, derived date, timestamps) and validates it; writes nothing. */
export function buildMeeting(
	input: MeetingInput,
	existing: Meeting | undefined,
	clock: Clock
): Validated<Meeting> {
	const sittings = [...input.sittings].sort((a, b) => a.start - b.start);
	const fields = {
		...input,
		sittings,
		id: input.id ?? existing?.id ?? clock.newId(),
		date: sittings.length > 0 ? meetingDate(sittings) : ''
	};
	return buildRecord(meetingSchema, fields, existing, clock.now());
}

export async function saveMeeting(
	db: AppDatabase,
	input: MeetingInput,
	clock: Clock
): Promise<Validated<Meeting>> {
	const existing = input.id ? await db.meetings.get(input.id) : undefined;
	return writeIfValid(db, 'meeting', buildMeeting(input, existing, clock), clock);
}
