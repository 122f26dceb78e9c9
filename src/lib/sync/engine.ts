/**
 * One sync run: push the outbox in batches, then pull every page after the stored cursor.
 * No timers and no UI here (scheduler.ts decides when; state/sync.svelte.ts shows the outcome).
 */
import type { AppDatabase } from '$lib/db/database';
import { applyPull, CURSOR_KEY, type StoredCursor } from './apply-pull';
import { clockOffset, SyncError, type SyncClient } from './client';
import { getDeviceId, readState, writeState } from '$lib/db/device';
import {
	applyResults,
	settleRefetch,
	pendingGroups,
	readRefetch,
	type PendingGroup
} from './outbox';
import { MAX_BODY_BYTES, MAX_MUTATIONS_PER_PUSH, MAX_PULL_LIMIT } from '$lib/domain/sync/protocol';
import {
	afterPage,
	afterTimeout,
	DEFAULT_PULL_LIMIT,
	PULL_LIMIT_KEY,
	startSize,
	type PullSize
} from './pull-size';

export interface SyncDeps {
	db: AppDatabase;
	client: SyncClient;
	token: string;
	userId: string;
	now: () => number;
	/** Mutations per push request (at most 500). */
	batchSize?: number;
	/** Records a pull page asks for when the link is well (pull-size.ts shrinks it after a timeout). */
	pullLimit?: number;
	/**
	 * How long (by `now`) the run may go on: past it, it starts no further request and ends with
	 * `stopped` (what it sent and pulled is kept). A request under way is never cut (each has its
	 * own deadline, client.ts); at least one request is always made. None: no limit.
	 */
	runLimitMs?: number;
	/**
	 * Told after each pull page is on the device: how many changes it brought (a long download's
	 * progress, which the sync panel shows).
	 */
	onPulled?: (changes: number) => void;
}

export interface SyncReport {
	pushed: number;
	rejected: number;
	pulled: number;
	/** Pulled changes of a record kind this app version does not know (left out, cursor past them). */
	skipped: number;
	/** Device clock minus server clock (ms), from the last request. */
	offsetMs: number | null;
	/** A pulled clock was far ahead of this device's clock. */
	clockBehind: boolean;
	/**
	 * The run reached `runLimitMs` with more to push or pull: what went is kept (applied results,
	 * the cursor), and the next run goes on from there, pushing first.
	 */
	stopped: boolean;
	/**
	 * The server refused a change as `forbidden`: the account's role or unit may have changed (the
	 * scheduler asks who it is now at once, state/sync-scheduler.ts).
	 */
	forbidden: boolean;
}

/** Room left in MAX_BODY_BYTES for the envelope around the mutations (deviceId is at most 64). */
const ENVELOPE_BYTES = 256;
const BODY_BUDGET = MAX_BODY_BYTES - ENVELOPE_BYTES;
/** 5xx answers one run tolerates while it looks for a mutation the server fails on, then it stops. */
const MAX_SERVER_ERRORS_PER_RUN = 24;
const encoder = new TextEncoder();

/** Bytes of a mutation in the request body (with its separating comma). */
const sizeOf = (g: PendingGroup): number => encoder.encode(JSON.stringify(g.mutation)).length + 1;

/**
 * Cut groups into requests whose body stays within MAX_BODY_BYTES (the server's limit); a record
 * too big to send even alone is returned apart.
 */
export function splitBatches(
	groups: readonly PendingGroup[],
	maxCount: number,
	budget = BODY_BUDGET
): { batches: PendingGroup[][]; tooLarge: PendingGroup[] } {
	const batches: PendingGroup[][] = [];
	const tooLarge: PendingGroup[] = [];
	let current: PendingGroup[] = [];
	let bytes = 0;
	for (const g of groups) {
		const size = sizeOf(g);
		if (size > budget) {
			tooLarge.push(g);
			continue;
		}
		if (current.length >= maxCount || bytes + size > budget) {
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

/** A rejection decided on the device; `too_large` and `invalid` show their i18n text in SyncStatus. */
const localReject = (g: PendingGroup, code: 'invalid' | 'too_large', reason: string) => ({
	mutationId: g.mutation.mutationId,
	status: 'rejected' as const,
	code: code as 'invalid',
	reason
});

const kib = (bytes: number) => Math.ceil(bytes / 1024);
/** The record's size, and the limit when the device decided (a proxy's limit is not known). */
const tooLargeReason = (g: PendingGroup, local: boolean) =>
	`${kib(sizeOf(g))} KB` + (local ? ` > ${kib(BODY_BUDGET)} KB` : '');

export async function syncOnce(deps: SyncDeps): Promise<SyncReport> {
	const { db, client, token, now } = deps;
	const batchSize = Math.min(deps.batchSize ?? 200, MAX_MUTATIONS_PER_PUSH);
	const deviceId = await db.transaction('rw', db.syncState, () => getDeviceId(db));
	const report: SyncReport = {
		pushed: 0,
		rejected: 0,
		pulled: 0,
		skipped: 0,
		offsetMs: null,
		clockBehind: false,
		stopped: false,
		forbidden: false
	};
	const startedAt = now();
	let requests = 0;
	/** Past the run's limit (never before its first request): start nothing more. */
	const outOfTime = (): boolean =>
		deps.runLimitMs !== undefined && requests > 0 && now() - startedAt >= deps.runLimitMs;
	/** Mutations the server failed on (5xx) even alone: left pending, resent by the next run. */
	const deferred = new Set<string>();
	let serverErrors = 0;
	let lastServerError: SyncError | null = null;

	const reject = async (batch: PendingGroup[], code: 'invalid' | 'too_large', reason: string) => {
		const g = batch[0]!;
		await applyResults(db, batch, [localReject(g, code, reason)]);
		report.rejected += g.entryIds.length;
	};

	/**
	 * Send one batch. A batch the server rejects as a whole (413 too large, 400 malformed) or fails on
	 * twice (5xx) is split in halves down to single mutations, so one bad record never holds up the
	 * others. Retries resend the same mutation ids, which the server applies once.
	 */
	const send = async (batch: PendingGroup[]): Promise<void> => {
		for (let attempt = 1; ; attempt++) {
			try {
				requests++;
				const r = await client.push(
					token,
					deviceId,
					batch.map((g) => g.mutation)
				);
				report.offsetMs = clockOffset(r, r.body.serverTime);
				const s = await applyResults(db, batch, r.body.results);
				report.pushed += s.applied;
				report.rejected += s.rejected;
				report.forbidden ||= r.body.results.some(
					(x) => x.status === 'rejected' && x.code === 'forbidden'
				);
				return;
			} catch (err) {
				if (!(err instanceof SyncError) || err.kind !== 'http') throw err;
				const split = async () => {
					const half = Math.ceil(batch.length / 2);
					await send(batch.slice(0, half));
					await send(batch.slice(half));
				};
				const refusedWhole =
					err.status === 413 || (err.status === 400 && err.code !== 'unsupported_version');
				if (refusedWhole) {
					if (batch.length > 1) return split();
					// One mutation the server can never take: marked on the device, kept, sent again after
					// an edit (or "Gửi lại").
					if (err.status === 413)
						return reject(batch, 'too_large', tooLargeReason(batch[0]!, false));
					return reject(batch, 'invalid', err.message);
				}
				// 5xx without Retry-After: retry once, then split. A server asking to wait stops the run.
				if (err.status < 500 || err.retryAfterSeconds !== null) throw err;
				lastServerError = err;
				if (++serverErrors > MAX_SERVER_ERRORS_PER_RUN) throw err;
				if (attempt < 2) continue;
				if (batch.length > 1) return split();
				deferred.add(batch[0]!.mutation.mutationId);
				return;
			}
		}
	};

	// Push: every round takes what is pending now (entries written meanwhile go in the next round).
	for (let round = 0; round < 100; round++) {
		const groups = (await pendingGroups(db, batchSize * 5)).filter(
			(g) => !deferred.has(g.mutation.mutationId)
		);
		if (groups.length === 0) break;
		const { batches, tooLarge } = splitBatches(groups, batchSize);
		for (const g of tooLarge) await reject([g], 'too_large', tooLargeReason(g, true));
		const before = report.pushed + report.rejected;
		for (const batch of batches) {
			if (outOfTime()) break;
			await send(batch);
		}
		if (outOfTime()) {
			report.stopped = true;
			break;
		}
		if (report.pushed + report.rejected === before && tooLarge.length === 0) break;
	}
	// Stopped while pushing: the pull waits for the next run (which pushes the rest first).
	if (report.stopped) {
		if (deferred.size > 0 && lastServerError) throw lastServerError;
		return report;
	}

	// Pull: pages after the cursor; the cursor moves in the same transaction as the records.
	const stored = await readState<StoredCursor>(db, CURSOR_KEY);
	// A discarded change (outbox.ts `discardChanges`): everything again, so its record returns.
	const refetch = await readRefetch(db);
	let cursor = refetch ? (refetch.cursor ?? 0) : stored?.userId === deps.userId ? stored.cursor : 0;
	let complete = false;
	// The page size: smaller after a pull that timed out (pull-size.ts), stored when it changes.
	const base = Math.min(deps.pullLimit ?? DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT);
	let size = startSize(await readState<number>(db, PULL_LIMIT_KEY), base);
	const keep = async (next: PullSize) => {
		if (next.limit !== size.limit) await writeState(db, PULL_LIMIT_KEY, next.limit);
		size = next;
	};
	let read = false;
	try {
		for (let page = 0; page < 10_000; page++) {
			if (outOfTime()) {
				report.stopped = true;
				break;
			}
			let r: Awaited<ReturnType<SyncClient['pull']>>;
			try {
				requests++;
				r = await client.pull(token, cursor, size.limit);
			} catch (err) {
				// No answer in time: the next pull (this run's retry by the scheduler) asks for less.
				if (err instanceof SyncError && err.code === 'timeout') await keep(afterTimeout(size));
				throw err;
			}
			report.offsetMs = clockOffset(r, r.body.serverTime);
			const out = await applyPull(
				db,
				r.body.changes,
				{ userId: deps.userId, cursor: r.body.cursor },
				now()
			);
			report.pulled += out.written;
			report.skipped += r.body.skipped;
			report.clockBehind ||= out.clockBehind;
			cursor = r.body.cursor;
			read = true;
			deps.onPulled?.(r.body.changes.length + r.body.skipped);
			await keep(afterPage(size, base));
			if (!r.body.hasMore) {
				complete = true;
				break;
			}
		}
	} catch (err) {
		// Failed after some pages: the next run goes on from the last page read. The pull's error is
		// the run's (its code is shown): a failure to keep the mark never takes its place.
		if (refetch && read) await settleRefetch(db, refetch, { cursor }).catch(() => {});
		throw err;
	}
	// A full pull asked by a discard: cleared once every page was read; else, stopped after some
	// pages, the next run goes on from the last page read, not from 0 again.
	if (refetch && complete) await settleRefetch(db, refetch, { done: true });
	else if (refetch && read) await settleRefetch(db, refetch, { cursor });
	// Some mutation failed on the server every time: the rest went, this run still counts as failed
	// (shown in the status, retried with backoff).
	if (deferred.size > 0 && lastServerError) throw lastServerError;
	return report;
}
