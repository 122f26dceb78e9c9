/**
 * After a pull that timed out the next pull asks for a smaller page (field review; pull-size.ts):
 * half of it, down to MIN_PULL_LIMIT, and back up after pages that arrive. The limit is the
 * server's `limit` of protocol version 1 (no wire change).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import { readState } from '$lib/db/device';
import { T0 } from '$factories/sync';
import { PULL_TIMEOUT_MS, SyncClient, type FetchLike } from './client';
import { syncOnce } from './engine';
import {
	afterPage,
	afterTimeout,
	DEFAULT_PULL_LIMIT,
	GROW_AFTER_PAGES,
	MIN_PULL_LIMIT,
	PULL_LIMIT_KEY,
	startSize
} from './pull-size';

afterEach(() => {
	vi.useRealTimers();
});

describe('the pull page size', () => {
	it('halves after a timeout, never below the minimum', () => {
		expect(afterTimeout({ limit: 500, okPages: 3 })).toEqual({ limit: 250, okPages: 0 });
		expect(afterTimeout({ limit: 40, okPages: 0 })).toEqual({ limit: MIN_PULL_LIMIT, okPages: 0 });
		expect(afterTimeout({ limit: MIN_PULL_LIMIT, okPages: 0 }).limit).toBe(MIN_PULL_LIMIT);
	});

	it('doubles back after pages in a row that arrived, never past the usual size', () => {
		let s = { limit: 125, okPages: 0 };
		for (let i = 1; i < GROW_AFTER_PAGES; i++) {
			s = afterPage(s, 500);
			expect(s).toEqual({ limit: 125, okPages: i });
		}
		expect(afterPage(s, 500)).toEqual({ limit: 250, okPages: 0 });
		expect(afterPage({ limit: 400, okPages: GROW_AFTER_PAGES - 1 }, 500).limit).toBe(500);
		expect(afterPage({ limit: 500, okPages: 0 }, 500)).toEqual({ limit: 500, okPages: 0 });
	});

	it('starts from the stored size, kept within bounds', () => {
		expect(startSize(undefined, 500)).toEqual({ limit: 500, okPages: 0 });
		expect(startSize(125, 500).limit).toBe(125);
		expect(startSize(900, 500).limit).toBe(500);
		expect(startSize(3, 500).limit).toBe(MIN_PULL_LIMIT);
		expect(startSize('x', 500).limit).toBe(500);
		// A device set to pages smaller than the minimum keeps its own.
		expect(startSize(undefined, 10).limit).toBe(10);
	});
});

describe('a sync run after a pull timeout', () => {
	it('asks the next pull for half the page; pages that arrive bring it back', async () => {
		// Advancing with real time too: fake-indexeddb and Dexie wait on timers of their own.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
		const db = new AppDatabase('pull-size-' + Math.random());
		const limits: number[] = [];
		const limitOf = (init?: RequestInit) =>
			(JSON.parse(String(init?.body)) as { limit: number }).limit;
		/** A pull that never answers: the device's deadline ends it as a timeout. */
		const hanging: FetchLike = (_path, init) => {
			limits.push(limitOf(init));
			return new Promise<Response>(() => {});
		};
		/** Pulls that answer: `more` pages with more to come, then the last. */
		const answering = (more: number): FetchLike => {
			let n = 0;
			return async (_path, init) => {
				limits.push(limitOf(init));
				n += 1;
				const body = { version: 1, changes: [], cursor: n, hasMore: n <= more, serverTime: T0 };
				return new Response(JSON.stringify(body), {
					status: 200,
					headers: { 'content-type': 'application/json' }
				});
			};
		};
		const run = (fetch: FetchLike) =>
			syncOnce({ db, client: new SyncClient({ fetch }), token: 't', userId: 'u', now: () => T0 });
		const timedOut = async () => {
			const p = run(hanging).then(
				() => 'resolved',
				(e: unknown) => e
			);
			const before = limits.length;
			await vi.waitFor(() => expect(limits.length).toBe(before + 1));
			await vi.advanceTimersByTimeAsync(PULL_TIMEOUT_MS + 1);
			expect(await p).toMatchObject({ kind: 'offline', code: 'timeout' });
		};
		try {
			await timedOut();
			expect(limits).toEqual([DEFAULT_PULL_LIMIT]);
			expect(await readState(db, PULL_LIMIT_KEY)).toBe(250);

			// The next run (the scheduler's retry, or after a reload: the size is stored) asks for less.
			await timedOut();
			expect(limits.at(-1)).toBe(250);
			expect(await readState(db, PULL_LIMIT_KEY)).toBe(125);

			// A run of one page that arrives keeps the small page (nothing to gain yet)...
			limits.length = 0;
			await run(answering(0));
			expect(limits).toEqual([125]);
			// ...a long pull grows it back, page by page, to the usual size.
			limits.length = 0;
			await run(answering(2 * GROW_AFTER_PAGES + 1));
			expect(limits).toEqual([
				...Array<number>(GROW_AFTER_PAGES).fill(125),
				...Array<number>(GROW_AFTER_PAGES).fill(250),
				500,
				500
			]);
			expect(await readState(db, PULL_LIMIT_KEY)).toBe(500);
		} finally {
			db.close();
			await db.delete();
		}
	});
});
