/**
 * The process-wide push service: started from hooks.server.ts `init` (VAPID keys from the database, scheduler
 * re-armed from the stored schedule). Its rows live in Storage like every other table; the sync
 * push writes a meeting's schedule in the meeting's own transaction (sync/push.ts) and re-arms the
 * timer. Absent in unit tests of other modules: then nothing is scheduled.
 */
import type { PushStorage } from '../storage/types';
import { PushScheduler, type SchedulerDeps } from './scheduler';
import { loadOrCreateVapid } from './vapid';

let scheduler: PushScheduler | null = null;
let store: PushStorage | null = null;
let poll: ReturnType<typeof setInterval> | null = null;

/**
 * Several app processes may share one database (PostgreSQL): a schedule written through another
 * process is armed here within this delay. Which process sends a due push is decided by the
 * database (`claimDuePushes`), so each is sent once.
 */
export const SCHEDULE_POLL_MS = 60_000;

export async function startPush(
	storage: PushStorage,
	dataDir: string,
	now: () => number,
	extra: Partial<SchedulerDeps> = {}
): Promise<PushScheduler> {
	await scheduler?.stop();
	store = storage;
	// The key pair is in the database (shared by every process); an old DATA_DIR/vapid.json moves in.
	const vapid = await loadOrCreateVapid(storage, dataDir, now());
	scheduler = new PushScheduler({ store, vapid, now, ...extra });
	await scheduler.arm();
	void scheduler.runDue();
	const armed = scheduler;
	if (poll) clearInterval(poll);
	poll = setInterval(() => void armed.arm().catch(() => {}), SCHEDULE_POLL_MS);
	poll.unref();
	return scheduler;
}

/**
 * Stop the timers and the scheduler; resolves when none of its deliveries runs (each claimed one
 * is given `PushScheduler.stop`'s grace), so the storage may be closed after it.
 */
export async function stopPush(): Promise<void> {
	if (poll) clearInterval(poll);
	poll = null;
	const stopping = scheduler;
	scheduler = null;
	store = null;
	await stopping?.stop();
}

export const pushScheduler = (): PushScheduler | null => scheduler;
export const pushStore = (): PushStorage | null => store;
