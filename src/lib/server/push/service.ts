/**
 * The process-wide push service: started from hooks.server.ts `init` (VAPID keys, store, scheduler
 * re-armed from the stored schedule) and called by the sync push handler when a meeting changes.
 * Absent in unit tests of other modules: then every call is a no-op.
 */
import type { Meeting, Settings } from '$lib/domain/schemas';
import type { ServerContext } from '../context';
import { PushScheduler, type SchedulerDeps } from './scheduler';
import { PushStore } from './store';
import { loadOrCreateVapid } from './vapid';

let scheduler: PushScheduler | null = null;
let store: PushStore | null = null;

export function startPush(
	dataDir: string,
	now: () => number,
	extra: Partial<SchedulerDeps> = {}
): PushScheduler {
	scheduler?.stop();
	store?.close();
	store = PushStore.open(dataDir);
	scheduler = new PushScheduler({ store, vapid: loadOrCreateVapid(dataDir), now, ...extra });
	scheduler.arm();
	void scheduler.runDue();
	return scheduler;
}

export function stopPush(): void {
	scheduler?.stop();
	store?.close();
	scheduler = null;
	store = null;
}

export const pushScheduler = (): PushScheduler | null => scheduler;
export const pushStore = (): PushStore | null => store;

/** Called after a meeting mutation was applied by the sync push. Never throws. */
export async function meetingPushed(
	ctx: ServerContext,
	userId: string,
	meetingId: string
): Promise<void> {
	if (!scheduler) return;
	try {
		const rec = await ctx.storage.findRecord('meeting', meetingId);
		if (!rec) return;
		const settingsRec = await ctx.storage.findRecord('settings', 'settings');
		const settings = (settingsRec?.state.data as Settings | undefined) ?? null;
		scheduler.meetingChanged(
			{ ...(rec.state.data as Meeting), deleted: rec.deleted },
			userId,
			settings?.limits ? settings : null
		);
	} catch (err) {
		console.error('[push] scheduling failed', err);
	}
}
