/** Reads for the meeting timer (no static zod: the watcher may live on any screen). */
import type { Meeting } from '$lib/domain/schemas';
import type { AppDatabase } from './database';
import { partition } from './checked';

/**
 * Meetings in progress on this device (running or paused between sittings). One that fails the
 * meeting schema is left out: its timestamps cannot be trusted to time a notification.
 */
export async function listRunningMeetings(db: AppDatabase): Promise<Meeting[]> {
	const rows = (await db.meetings.where('status').equals('in_progress').toArray()).filter(
		(m) => !m.deleted
	);
	// The checker is loaded only when something runs, so most screens never need it.
	return rows.length === 0 ? rows : (await partition('meeting', rows)).valid;
}
