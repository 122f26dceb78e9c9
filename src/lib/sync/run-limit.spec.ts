/**
 * A sync run has a time limit of its own (`runLimitMs`, by the run's injected clock): past it, the
 * run starts no further request and ends `stopped`, keeping what went (the cursor, the applied
 * results). On a weak link a long first download no longer holds the tab's lock, "Đồng bộ ngay"
 * and a sign-out until it ends, and a record saved meanwhile goes with the next run, which pushes
 * first. A request under way is never cut: its own deadline does that (client.ts).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import type { Clock } from '$lib/db/clock';
import { readState } from '$lib/db/device';
import { writeRecords } from '$lib/db/write';
import { documentRecord, fakeUuid, T0 } from '$factories/sync';
import { SyncClient, type FetchLike } from './client';
import { CURSOR_KEY, type StoredCursor } from './apply-pull';
import { syncOnce } from './engine';
import { readRefetch, REFETCH_KEY, summarise } from './outbox';

const json = (body: unknown) =>
	new Response(JSON.stringify(body), {
		status: 200,
		headers: { 'content-type': 'application/json' }
	});

/**
 * A server that answers every request after `stepMs` of the injected clock: pushes apply each
 * mutation, pulls give `pages` empty pages in all. Records what was asked.
 */
function slowServer(clock: { t: number }, stepMs: number, pages: number) {
	const calls: { path: string; at: number; ids: string[]; cursor?: number }[] = [];
	const fetch: FetchLike = async (path, init) => {
		const body = JSON.parse(String(init?.body)) as {
			mutations?: { mutationId: string }[];
			cursor?: number;
		};
		const ids = (body.mutations ?? []).map((m) => m.mutationId);
		calls.push({ path, at: clock.t, ids, cursor: body.cursor });
		clock.t += stepMs;
		if (path.endsWith('/push'))
			return json({
				version: 1,
				results: ids.map((mutationId) => ({ mutationId, status: 'applied' })),
				serverTime: clock.t
			});
		const cursor = (body.cursor ?? 0) + 1;
		return json({ version: 1, changes: [], cursor, hasMore: cursor < pages, serverTime: clock.t });
	};
	return { fetch, calls };
}

async function withDb(name: string, fn: (db: AppDatabase) => Promise<void>): Promise<void> {
	const db = new AppDatabase(`${name}-${Math.random()}`);
	try {
		await fn(db);
	} finally {
		db.close();
		await db.delete();
	}
}

describe('a sync run past its time limit', () => {
	it('pulls no further page, keeps the cursor, and the next run goes on from it', () =>
		withDb('run-limit-pull', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 25_000, 10);
			const client = new SyncClient({ fetch: server.fetch });
			const run = () =>
				syncOnce({ db, client, token: 't', userId: 'u', now: () => clock.t, runLimitMs: 60_000 });

			// Pages answered at 25 s, 50 s, 75 s: the limit (60 s) has passed, no fourth page.
			const first = await run();
			expect(first.stopped).toBe(true);
			expect(server.calls.map((c) => c.path)).toEqual(Array(3).fill('/api/sync/pull'));
			expect((await readState<StoredCursor>(db, CURSOR_KEY))?.cursor).toBe(3);

			const second = await run();
			expect(second.stopped).toBe(true);
			expect((await readState<StoredCursor>(db, CURSOR_KEY))?.cursor).toBe(6);
			// The last pages, and a run that ends before its limit is not stopped.
			await run();
			const last = await run();
			expect(last.stopped).toBe(false);
			expect((await readState<StoredCursor>(db, CURSOR_KEY))?.cursor).toBe(10);
			expect(server.calls).toHaveLength(10);
		}));

	it('a full pull asked by a discard ("Bỏ thay đổi của tôi") goes on from where a stopped run left it, and ends', () =>
		withDb('run-limit-refetch', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 25_000, 10);
			const client = new SyncClient({ fetch: server.fetch });
			const run = () =>
				syncOnce({ db, client, token: 't', userId: 'u', now: () => clock.t, runLimitMs: 60_000 });
			await db.syncState.put({ key: CURSOR_KEY, value: { userId: 'u', cursor: 8 } });
			await db.syncState.put({ key: REFETCH_KEY, value: { nonce: 'n1' } });
			const from = () => server.calls.map((c) => c.cursor);

			// From 0 (the discarded record's seq is unknown), three pages a run, each run going on.
			expect((await run()).stopped).toBe(true);
			expect(await readRefetch(db)).toEqual({ nonce: 'n1', cursor: 3 });
			expect((await run()).stopped).toBe(true);
			expect((await run()).stopped).toBe(true);
			const last = await run();
			expect(last.stopped).toBe(false);
			expect(from()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
			// Every page read once: the mark goes.
			expect(await readRefetch(db)).toBeUndefined();
		}));

	it('a full pull whose page fails (weak link) goes on in the next run from the last page read', () =>
		withDb('run-limit-refetch-failed', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 1_000, 10);
			let failAt: number | null = 4;
			const fetch: FetchLike = async (path, init) => {
				const cursor = (JSON.parse(String(init?.body)) as { cursor?: number }).cursor;
				if (cursor === failAt) {
					failAt = null;
					return new Response('{}', { status: 503 });
				}
				return server.fetch(path, init);
			};
			const client = new SyncClient({ fetch });
			const run = () =>
				syncOnce({ db, client, token: 't', userId: 'u', now: () => clock.t, runLimitMs: 60_000 });
			await db.syncState.put({ key: REFETCH_KEY, value: { nonce: 'n1' } });
			await expect(run()).rejects.toThrow();
			expect(await readRefetch(db)).toEqual({ nonce: 'n1', cursor: 4 });
			expect((await run()).stopped).toBe(false);
			expect(server.calls.map((c) => c.cursor)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
			expect(await readRefetch(db)).toBeUndefined();
		}));

	it('a failed page stays the run’s error, though keeping the mark fails too', () =>
		withDb('run-limit-refetch-error', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 1_000, 10);
			let broken = false;
			const fetch: FetchLike = async (path, init) => {
				const cursor = (JSON.parse(String(init?.body)) as { cursor?: number }).cursor;
				if (cursor === 4) {
					broken = true; // the disk fails from now on
					return new Response('{}', { status: 503 });
				}
				return server.fetch(path, init);
			};
			const real = db.transaction.bind(db) as (...a: unknown[]) => Promise<unknown>;
			vi.spyOn(db, 'transaction').mockImplementation(((...a: unknown[]) =>
				broken ? Promise.reject(new Error('disk full')) : real(...a)) as never);
			const client = new SyncClient({ fetch });
			await db.syncState.put({ key: REFETCH_KEY, value: { nonce: 'n1' } });
			const run = syncOnce({ db, client, token: 't', userId: 'u', now: () => clock.t });
			await expect(run).rejects.toMatchObject({ status: 503 });
		}));

	it('a new discard during a stopped full pull starts it again from 0', () =>
		withDb('run-limit-refetch-new', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 25_000, 10);
			const client = new SyncClient({ fetch: server.fetch });
			const run = () =>
				syncOnce({ db, client, token: 't', userId: 'u', now: () => clock.t, runLimitMs: 60_000 });
			await db.syncState.put({ key: REFETCH_KEY, value: { nonce: 'n1' } });
			expect((await run()).stopped).toBe(true);
			await db.syncState.put({ key: REFETCH_KEY, value: { nonce: 'n2' } });
			await run();
			expect(server.calls.slice(3).map((c) => c.cursor)).toEqual([0, 1, 2]);
		}));

	it('a record saved during a long download goes first in the next run', () =>
		withDb('run-limit-push-first', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 40_000, 50);
			const client = new SyncClient({ fetch: server.fetch });
			const run = () =>
				syncOnce({ db, client, token: 't', userId: 'u', now: () => clock.t, runLimitMs: 60_000 });
			expect((await run()).stopped).toBe(true);
			const ids: Clock = { now: () => clock.t, newId: () => fakeUuid(0xa00001) };
			await writeRecords(db, 'document', [documentRecord({ id: 'd-1', number: '1/TB' })], ids);
			const before = server.calls.length;
			const next = await run();
			expect(server.calls[before]?.path).toBe('/api/sync/push');
			expect(next.pushed).toBe(1);
			expect((await summarise(db)).pendingRecords).toBe(0);
		}));

	it('stops between push batches and leaves the rest pending, untouched, for the next run', () =>
		withDb('run-limit-push', async (db) => {
			const clock = { t: T0 };
			let n = 0;
			const ids: Clock = { now: () => T0, newId: () => fakeUuid(0xb00000 + ++n) };
			await writeRecords(
				db,
				'document',
				[1, 2, 3, 4, 5].map((i) => documentRecord({ id: `d-${i}`, number: `${i}/TB` })),
				ids
			);
			const server = slowServer(clock, 30_000, 1);
			const client = new SyncClient({ fetch: server.fetch });
			const run = () =>
				syncOnce({
					db,
					client,
					token: 't',
					userId: 'u',
					now: () => clock.t,
					runLimitMs: 60_000,
					batchSize: 1
				});
			const first = await run();
			expect(first).toMatchObject({ stopped: true, pushed: 2, rejected: 0 });
			// Two pushes (30 s each), no pull.
			expect(server.calls.map((c) => c.path)).toEqual(['/api/sync/push', '/api/sync/push']);
			const left = await summarise(db);
			expect(left.pendingRecords).toBe(3);
			expect(left.rejected).toEqual([]);

			await run(); // two more
			const last = await run(); // the fifth, then the pull
			expect(last.stopped).toBe(false);
			expect(server.calls.map((c) => c.path).slice(-2)).toEqual([
				'/api/sync/push',
				'/api/sync/pull'
			]);
			// Every mutation went once.
			const sent = server.calls.flatMap((c) => c.ids);
			expect(new Set(sent).size).toBe(5);
			expect(sent).toHaveLength(5);
		}));

	it('always makes its first request, however slow the clock says the start was', () =>
		withDb('run-limit-first', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 1, 2);
			const client = new SyncClient({ fetch: server.fetch });
			const r = await syncOnce({
				db,
				client,
				token: 't',
				userId: 'u',
				now: () => clock.t,
				runLimitMs: 0
			});
			expect(r.stopped).toBe(true);
			expect(server.calls).toHaveLength(1);
		}));

	it('without a limit, a run goes on to the last page (the engine alone, as before)', () =>
		withDb('run-limit-none', async (db) => {
			const clock = { t: T0 };
			const server = slowServer(clock, 25_000, 10);
			const client = new SyncClient({ fetch: server.fetch });
			const r = await syncOnce({ db, client, token: 't', userId: 'u', now: () => clock.t });
			expect(r.stopped).toBe(false);
			expect(server.calls).toHaveLength(10);
		}));
});
