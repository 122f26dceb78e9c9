/** Meeting writes: parse with the domain schema before anything is written. */
import { meetingSchema, type Meeting } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import { meetingDate } from '$lib/domain/meeting';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

export type MeetingInput = Omit<Meeting, 'id' | 'date' | 'createdAt' | 'updatedAt' | 'deleted'> & {
	id?: string;
};

/** Builds the stored record (id, derived date, timestamps) and validates it; writes nothing. */
export function buildMeeting(
	input: MeetingInput,
	existing: Meeting | undefined,
	clock: Clock
): Validated<Meeting> {
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
	return parsed.success
		? { ok: true, value: parsed.data }
		: { ok: false, errors: fieldErrors(parsed.error) };
}

export async function saveMeeting(
	db: AppDatabase,
	input: MeetingInput,
	clock: Clock
): Promise<Validated<Meeting>> {
	const existing = input.id ? await db.meetings.get(input.id) : undefined;
	const built = buildMeeting(input, existing, clock);
	if (built.ok) await writeRecords(db, 'meeting', [built.value], clock);
	return built;
}
