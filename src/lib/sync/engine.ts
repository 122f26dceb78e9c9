/**
 * One sync run: push the outbox in batches, then pull every page after the stored cursor.
 * No timers and no UI here (scheduler.ts decides when; state/sync.svelte.ts shows the outcome).
 */
import type { AppDatabase } from '$lib/db/database';
import { applyPull, CURSOR_KEY, type StoredCursor } from './apply-pull';
import { clockOffset, SyncError, type SyncClient } from './client';
import { getDeviceId, readState } from './device';
import { applyResults, pendingGroups, type PendingGroup } from './outbox';
import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH, MAX_PULL_LIMIT } from './protocol';

export interface SyncDeps {
	db: AppDatabase;
	client: SyncClient;
	token: string;
	userId: string;
	now: () => number;
	/** Mutations per push request (at most 500). */
	batchSize?: number;
	pullLimit?: number;
}

export interface SyncReport {
	pushed: number;
	rejected: number;
	pulled: number;
	/** Device clock minus server clock (ms), from the last request. */
	offsetMs: number | null;
	/** A pulled clock was far ahead of this device's clock. */
	clockBehind: boolean;
}

const BODY_BUDGET = Math.floor(MAX_BODY_BYTES * 0.7);
const encoder = new TextEncoder();

/** Cut groups into requests under the body limit; a record too big to send alone is returned apart. */
export function splitBatches(
	groups: readonly PendingGroup[],
	maxCount: number
): { batches: PendingGroup[][]; tooLarge: PendingGroup[] } {
	const batches: PendingGroup[][] = [];
	const tooLarge: PendingGroup[] = [];
	let current: PendingGroup[] = [];
	let bytes = 0;
	for (const g of groups) {
		const size = encoder.encode(JSON.stringify(g.mutation)).length + 1;
		if (size > BODY_BUDGET) {
			tooLarge.push(g);
			continue;
		}
		if (current.length >= maxCount || bytes + size > BODY_BUDGET) {
			batches.push(current);
			current = [];
			bytes = 0;
		}
		current.push(g);
		bytes += size;
	}
	if (current.length > 0) batches.push(current);
	return { batches, tooLarge };
}

const localReject = (g: PendingGroup, code: string, reason: string) => ({
	mutationId: g.mutation.mutationId,
	status: 'rejected' as const,
	code: code as 'invalid',
	reason
});

export async function syncOnce(deps: SyncDeps): Promise<SyncReport> {
	const { db, client, token, now } = deps;
	const batchSize = Math.min(deps.batchSize ?? 200, MAX_MUTATIONS_PER_PUSH);
	const deviceId = await db.transaction('rw', db.syncState, () => getDeviceId(db));
	const report: SyncReport = {
		pushed: 0,
		rejected: 0,
		pulled: 0,
		offsetMs: null,
		clockBehind: false
	};

	const send = async (batch: PendingGroup[]): Promise<void> => {
		try {
			const r = await client.push(
				token,
				deviceId,
				batch.map((g) => g.mutation)
			);
			report.offsetMs = clockOffset(r, r.body.serverTime);
			const s = await applyResults(db, batch, r.body.results);
			report.pushed += s.applied;
			report.rejected += s.rejected;
		} catch (err) {
			// A request the server refuses as a whole (a malformed mutation): send one by one, so one
			// bad record is marked and the others still go.
			const whole =
				err instanceof SyncError &&
				(err.status === 400 || err.status === 413) &&
				err.code !== 'unsupported_version';
			if (!whole) throw err;
			if (batch.length > 1) {
				for (const g of batch) await send([g]);
				return;
			}
			const g = batch[0]!;
			await applyResults(db, batch, [localReject(g, 'invalid', err.message)]);
			report.rejected += g.entryIds.length;
		}
	};

	// Push: every round takes what is pending now (entries written meanwhile go in the next round).
	for (let round = 0; round < 100; round++) {
		const groups = await pendingGroups(db, now(), batchSize * 5);
		if (groups.length === 0) break;
		const { batches, tooLarge } = splitBatches(groups, batchSize);
		if (tooLarge.length > 0) {
			await applyResults(
				db,
				tooLarge,
				tooLarge.map((g) => localReject(g, 'invalid', 'record too large to send'))
			);
		}
		const before = report.pushed + report.rejected;
		for (const batch of batches) await send(batch);
		if (report.pushed + report.rejected === before && tooLarge.length === 0) break;
	}

	// Pull: pages after the cursor; the cursor moves in the same transaction as the records.
	const stored = await readState<StoredCursor>(db, CURSOR_KEY);
	let cursor = stored?.userId === deps.userId ? stored.cursor : 0;
	for (let page = 0; page < 10_000; page++) {
		const r = await client.pull(token, cursor, Math.min(deps.pullLimit ?? 500, MAX_PULL_LIMIT));
		report.offsetMs = clockOffset(r, r.body.serverTime);
		const out = await applyPull(
			db,
			r.body.changes,
			{ userId: deps.userId, cursor: r.body.cursor },
			now()
		);
		report.pulled += out.written;
		report.clockBehind ||= out.clockBehind;
		cursor = r.body.cursor;
		if (!r.body.hasMore) break;
	}
	return report;
}
