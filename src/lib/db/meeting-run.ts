/**
 * Running a meeting live: each action is a pure transition on the stored record (`nextRun`,
 * $lib/domain/meeting-run) followed by the validated write path (saveMeeting), so the outbox gets
 * the change. Times come from the injected clock: the timer is always computed from these timestamps.
 */
import type { Meeting } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import { nextRun, type RunAction } from '$lib/domain/meeting-run';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { saveMeeting } from './meetings-write';

export type { RunAction };

/**
 * Apply a run action to the stored meeting and save it through the validated write path.
 * The action's instant is read from the clock when this is called (the chair's tap), before the
 * stored record is read: that read can wait on a busy device or behind a sync transaction, and the
 * time spent waiting must not move a start, an end or an agenda mark.
 */
export async function runMeeting(
	db: AppDatabase,
	id: string,
	action: RunAction,
	clock: Clock
): Promise<Validated<Meeting>> {
	const at = clock.now();
	const m = await db.meetings.get(id);
	if (!m || m.deleted) return { ok: false, errors: { _: 'common.notFound' } };
	const next = nextRun(m, action, at);
	if (!next.ok) return next;
	return saveMeeting(db, next.value, clock);
}
