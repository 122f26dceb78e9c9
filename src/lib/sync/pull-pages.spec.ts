/**
 * The device's pull loop over pages the server ends on bytes (MAX_PULL_PAGE_BYTES) rather than on
 * the device's row limit: a page shorter than the limit with `hasMore: true` is followed by the
 * next one, so every record arrives once and the stored cursor is the last record's seq.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readState } from '$lib/db/device';
import { pullResponseSchema } from '$lib/domain/sync/protocol';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { push } from '$lib/server/sync/push';
import { pullAll } from '$factories/pull';
import { bigReport } from '$factories/reports';
import { mutation } from '$factories/sync';
import { phoneDatabases, syncDevice } from '$factories/devices';
import { CURSOR_KEY, type StoredCursor } from './apply-pull';
import { syncOnce } from './engine';

const newDb = phoneDatabases('pull-pages');

let s: TestServer;
beforeEach(async () => {
	s = await openSeededServer();
});
afterEach(() => s.close());

describe('pulling pages bounded in bytes', () => {
	it('keeps pulling after a short page with hasMore, and gets every record once', async () => {
		const monitor = await addUser(s.ctx, 'monitor', 'monitor', null);
		await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
		const reports = Array.from({ length: 14 }, (_, i) => bigReport({ year: 2040 + i }));
		for (const r of reports) {
			const res = await push(s.ctx, monitor, {
				version: 1,
				deviceId: 'dev-a',
				mutations: [mutation('report', r)]
			});
			expect(res.results[0]!.status).toBe('applied');
		}

		// The phone's fetch, recording what each pull answered.
		const pages: { count: number; hasMore: boolean; cursor: number }[] = [];
		const { db, run } = await syncDevice(
			s,
			'staff-vp',
			newDb(),
			undefined,
			(inner) => async (path, init) => {
				const res = await inner(path, init);
				if (path === '/api/sync/pull') {
					const body = pullResponseSchema.parse(await res.clone().json());
					pages.push({ count: body.changes.length, hasMore: body.hasMore, cursor: body.cursor });
				}
				return res;
			}
		);

		await run();
		// More than one page, the first shorter than the row limit (500) and with more to come.
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages[0]!.count).toBeLessThan(500);
		expect(pages[0]!.hasMore).toBe(true);
		expect(pages.at(-1)!.hasMore).toBe(false);

		const stored = await db.reports.orderBy('id').toArray();
		expect(stored.map((r) => r.id)).toEqual(reports.map((r) => r.id).sort());
		expect(stored.find((r) => r.id === '*:annual:2053')).toEqual(
			JSON.parse(JSON.stringify(reports.at(-1))) as unknown
		);
		const serverLast = Math.max(
			...(await pullAll(s.ctx.storage, monitor.communeId)).map((r) => r.seq)
		);
		expect((await readState<StoredCursor>(db, CURSOR_KEY))?.cursor).toBe(serverLast);

		// The next run pulls one empty page from that cursor.
		pages.length = 0;
		await run();
		expect(pages).toEqual([{ count: 0, hasMore: false, cursor: serverLast }]);
	});

	it('tells its progress after every page (the sync panel’s "đã nhận N thay đổi")', async () => {
		const monitor = await addUser(s.ctx, 'monitor', 'monitor', null);
		await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
		for (const r of Array.from({ length: 6 }, (_, i) => bigReport({ year: 2040 + i }))) {
			await push(s.ctx, monitor, {
				version: 1,
				deviceId: 'dev-a',
				mutations: [mutation('report', r)]
			});
		}
		/** The changes each pull page brought, as the server answered them. */
		const pages: number[] = [];
		const { db, client, login } = await syncDevice(
			s,
			'staff-vp',
			newDb(),
			undefined,
			(inner) => async (path, init) => {
				const res = await inner(path, init);
				if (path === '/api/sync/pull')
					pages.push(pullResponseSchema.parse(await res.clone().json()).changes.length);
				return res;
			}
		);
		const told: number[] = [];
		const report = await syncOnce({
			db,
			client,
			token: login.body.token,
			userId: login.body.user.id,
			now: () => s.clock.now,
			// Two records a page: several pages.
			pullLimit: 2,
			onPulled: (n) => void told.push(n)
		});
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(told).toEqual(pages);
		expect(told.reduce((sum, n) => sum + n, 0)).toBe(report.pulled);
	});
});
