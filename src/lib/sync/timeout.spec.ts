/**
 * A request that never gets an answer (a dead mobile connection: no error, no reply) ends after its
 * deadline as a network failure (`offline`, code `timeout`), so the scheduler's run ends, its Web
 * Lock is released and its usual retry runs; the retry resends the same mutation ids.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import type { Clock } from '$lib/db/clock';
import { writeRecords } from '$lib/db/write';
import { documentRecord, fakeUuid, T0 } from '$factories/sync';
import {
	LOGIN_TIMEOUT_MS,
	PULL_TIMEOUT_MS,
	PUSH_BASE_TIMEOUT_MS,
	pushTimeoutMs,
	SyncClient,
	SyncError,
	type FetchLike
} from './client';
import { syncOnce } from './engine';
import { summarise } from './outbox';
import { signInErrorOf } from '$lib/state/sync-scheduler';

afterEach(() => {
	vi.useRealTimers();
});

/** A fetch that honours its signal as the browser's does (rejects with an AbortError at once). */
function abortableHangingFetch() {
	const fetch: FetchLike = (_path, init) =>
		new Promise<Response>((_, reject) => {
			init?.signal?.addEventListener('abort', () =>
				reject(new DOMException('signal is aborted without reason', 'AbortError'))
			);
		});
	return fetch;
}

/** A fetch that never settles and ignores its signal (the worst case), recording what it got. */
function hangingFetch() {
	const calls: { path: string; init?: RequestInit }[] = [];
	const fetch: FetchLike = (path, init) => {
		calls.push({ path, init });
		return new Promise<Response>(() => {});
	};
	return { fetch, calls };
}

async function outcome(p: Promise<unknown>): Promise<unknown> {
	return p.then(
		() => 'resolved',
		(e: unknown) => e
	);
}

describe('a request with no answer', () => {
	it('sign-in gives up after 30 s as a timeout, which the form words as such', async () => {
		vi.useFakeTimers();
		const { fetch, calls } = hangingFetch();
		const client = new SyncClient({ fetch });
		const p = outcome(client.login('thon1', 'pw'));
		await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS - 1);
		let settled = false;
		void p.then(() => (settled = true));
		await Promise.resolve();
		expect(settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		const err = await p;
		expect(err).toBeInstanceOf(SyncError);
		expect(err).toMatchObject({ kind: 'offline', code: 'timeout' });
		expect(signInErrorOf(err)).toBe('timeout');
		// The browser's request is cancelled too.
		expect(calls[0]!.init?.signal?.aborted).toBe(true);
	});

	it('a push waits at least 60 s, longer for a larger body (a slow 2G upload)', async () => {
		expect(pushTimeoutMs(0)).toBe(PUSH_BASE_TIMEOUT_MS);
		// A full batch (448 KB) gets minutes, not the 60 s a small one gets.
		expect(pushTimeoutMs(448 * 1024)).toBeGreaterThan(4 * 60_000);
		expect(PULL_TIMEOUT_MS).toBeGreaterThanOrEqual(60_000);
	});

	it('a sync run with a hanging push ends as offline; the records stay pending, then go once', async () => {
		// Advancing with real time too: fake-indexeddb and Dexie wait on timers of their own.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
		let ids = 0;
		const clock: Clock = { now: () => T0, newId: () => fakeUuid(0xe00000 + ++ids) };
		const db = new AppDatabase('timeout-' + Math.random());
		try {
			await writeRecords(db, 'document', [documentRecord({ id: 'd-1', number: '1/TB' })], clock);
			const { fetch, calls } = hangingFetch();
			const client = new SyncClient({ fetch });
			const run = outcome(syncOnce({ db, client, token: 't', userId: 'u', now: () => T0 }));
			await vi.waitFor(() => expect(calls).toHaveLength(1));
			await vi.advanceTimersByTimeAsync(pushTimeoutMs(10_000) + 1);
			const err = await run;
			expect(err).toMatchObject({ kind: 'offline', code: 'timeout' });
			expect(calls.map((c) => c.path)).toEqual(['/api/sync/push']);
			const left = await summarise(db);
			expect(left.pendingRecords).toBe(1);
			expect(left.rejected).toEqual([]);

			// The next run resends the very same mutation id (the server applies it once).
			const sent: string[] = [];
			const answering: FetchLike = async (path, init) => {
				if (path.endsWith('/push')) {
					const body = JSON.parse(String(init?.body)) as {
						mutations: { mutationId: string }[];
					};
					sent.push(...body.mutations.map((m) => m.mutationId));
				}
				return new Response('{}', { status: 503 });
			};
			const first = (
				JSON.parse(String(calls[0]!.init?.body)) as {
					mutations: { mutationId: string }[];
				}
			).mutations.map((m) => m.mutationId);
			await outcome(
				syncOnce({
					db,
					client: new SyncClient({ fetch: answering }),
					token: 't',
					userId: 'u',
					now: () => T0
				})
			);
			expect(sent[0]).toBe(first[0]);
		} finally {
			db.close();
			await db.delete();
		}
	});

	it('a fetch that honours the abort still ends as a timeout, not as "no network"', async () => {
		vi.useFakeTimers();
		const p = outcome(new SyncClient({ fetch: abortableHangingFetch() }).login('a', 'b'));
		await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS);
		const err = await p;
		expect(err).toMatchObject({ kind: 'offline', code: 'timeout' });
		expect(signInErrorOf(err)).toBe('timeout');
	});

	it('a pull that hangs ends after its deadline too', async () => {
		vi.useFakeTimers();
		const { fetch } = hangingFetch();
		const p = outcome(new SyncClient({ fetch }).pull('t', 0));
		await vi.advanceTimersByTimeAsync(PULL_TIMEOUT_MS);
		expect(await p).toMatchObject({ kind: 'offline', code: 'timeout' });
	});

	it('an answer whose body never finishes ends after the deadline too', async () => {
		vi.useFakeTimers();
		const stalled: FetchLike = async () =>
			new Response(new ReadableStream({ start() {} }), {
				status: 200,
				headers: { 'content-type': 'application/json' }
			});
		const p = outcome(new SyncClient({ fetch: stalled }).login('a', 'b'));
		await vi.advanceTimersByTimeAsync(LOGIN_TIMEOUT_MS);
		expect(await p).toMatchObject({ kind: 'offline', code: 'timeout' });
	});

	it('a pull page arriving slowly but steadily is never cut off (the deadline starts again with each part)', async () => {
		vi.useFakeTimers();
		const page = new TextEncoder().encode(
			JSON.stringify({ version: 1, changes: [], cursor: 7, hasMore: false, serverTime: T0 })
		);
		const parts = 6;
		const step = Math.ceil(page.byteLength / parts);
		let sent = 0;
		// Each part comes just before the deadline would end: 6 parts take 3 deadlines in all.
		const trickle: FetchLike = async () =>
			new Response(
				new ReadableStream<Uint8Array>({
					async pull(controller) {
						await new Promise((r) => setTimeout(r, PULL_TIMEOUT_MS / 2));
						if (sent >= page.byteLength) return controller.close();
						controller.enqueue(page.slice(sent, sent + step));
						sent += step;
					}
				}),
				{ status: 200, headers: { 'content-type': 'application/json' } }
			);
		const p = new SyncClient({ fetch: trickle }).pull('t', 0);
		p.catch(() => {});
		await vi.advanceTimersByTimeAsync(PULL_TIMEOUT_MS * (parts + 2));
		expect(sent).toBeGreaterThanOrEqual(page.byteLength);
		await expect(p).resolves.toMatchObject({ body: { cursor: 7, hasMore: false } });
	});
});
