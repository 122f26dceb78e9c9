/**
 * What the sync badge shows, kept live from IndexedDB without the sync client: the outbox figures
 * (unsent records, the oldest, the rejected ones) and the last stored results. The scheduler
 * (sync-scheduler.ts) runs it with its own reaction to new unsent records; a phone with no session
 * runs it alone (sync-lazy.ts), so the client, zod and the protocol's schemas never load on it.
 */
import { liveQuery } from 'dexie';
import type { AppDatabase } from '$lib/db/database';
import { readState } from '$lib/db/device';
import { summarise } from '$lib/sync/outbox';
import { syncStatus, type LastError } from './sync.svelte';

/** The `syncState` key of the last results (written by the scheduler). */
export const STATUS_KEY = 'status';

export interface StoredStatus {
	lastSuccessAt: number | null;
	lastError: LastError | null;
	clockOffsetMs: number | null;
}

/** Watches the outbox and the stored results; `onPending` sees every new unsent count. Returns a stop function. */
export function watchSyncStatus(
	db: AppDatabase,
	onPending: (pending: number) => void = () => {}
): () => void {
	const outboxSub = liveQuery(() => summarise(db)).subscribe({
		next: (s) => {
			syncStatus.pending = s.pendingRecords;
			syncStatus.oldestPendingAt = s.oldestPendingAt;
			syncStatus.rejected = s.rejected;
			onPending(s.pendingRecords);
		}
	});
	const statusSub = liveQuery(() => readState<StoredStatus>(db, STATUS_KEY)).subscribe({
		next: (s) => {
			syncStatus.lastSuccessAt = s?.lastSuccessAt ?? null;
			syncStatus.lastError = s?.lastError ?? null;
			syncStatus.clockOffsetMs = s?.clockOffsetMs ?? null;
		}
	});
	const tick = setInterval(() => (syncStatus.now = Date.now()), 30_000);
	return () => {
		clearInterval(tick);
		outboxSub.unsubscribe();
		statusSub.unsubscribe();
	};
}

/**
 * A phone with no session that still has a pull cursor was signed out by an app version that kept
 * the account's records: remove them (sync/device-account.ts `clearLeftovers`, loaded only then).
 * Here rather than in sync-lazy.ts, which is in the first screen.
 */
export async function clearLeftovers(db: AppDatabase, signedIn: () => boolean): Promise<void> {
	if (signedIn() || !(await db.syncState.get('cursor'))) return;
	const m = await import('$lib/sync/device-account');
	await m.clearLeftovers(db, Date.now(), signedIn);
}
