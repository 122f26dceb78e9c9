/** Reads for the meeting timer (no zod: the watcher may live on any screen). */
import type { Meeting } from '$lib/domain/schemas';
import type { AppDatabase } from './database';

/** Meetings in progress on this device (running or paused between sittings). */
export async function listRunningMeetings(db: AppDatabase): Promise<Meeting[]> {
	const rows = await db.meetings.where('status').equals('in_progress').toArray();
	return rows.filter((m) => !m.deleted);
}
