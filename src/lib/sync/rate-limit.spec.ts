/**
 * The server's write budget seen from the device: a push answered 429 with Retry-After stops the
 * run, keeps every record pending (never refused), and goes through once the wait is over. (The
 * scheduler's wait: state/sync-scheduler.spec.ts.)
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import type { Clock } from '$lib/db/clock';
import { writeRecords } from '$lib/db/write';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { documentRecord, fakeUuid, T0 } from '$factories/sync';
import { SyncClient, SyncError, type FetchLike } from './client';
import { syncOnce } from './engine';
import { summarise } from './outbox';
import { handlerFetch } from '$factories/devices';
import { DEFAULT_COMMUNE } from '../server/storage/types';

let s: TestServer;
let db: AppDatabase;
let ids = 0;
const clock: Clock = { now: () => T0, newId: () => fakeUuid(0xd00000 + ++ids) };

beforeEach(async () => {
	s = await openSeededServer();
	await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
	db = new AppDatabase('rate-' + Math.random());
});
afterEach(async () => {
	db.close();
	await db.delete();
	s.close();
});

const serverFetch: FetchLike = (path, init) => handlerFetch(s)(path, init);

const docs = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) =>
		documentRecord({ id: `d-${from + i}`, number: `${from + i}/KH-UBND` })
	);

describe('429 with Retry-After from the write budget', () => {
	it('stops the run, refuses nothing on the device, and sends after the wait', async () => {
		s.ctx.writeLimit = { burst: 10, perMinute: 60 };
		const client = new SyncClient({ fetch: serverFetch, now: () => s.clock.now });
		const login = await client.login('staff-vp', 'staff-vp-password');
		const run = () =>
			syncOnce({ db, client, token: login.body.token, userId: login.body.user.id, now: () => T0 });

		const seeded = (await s.storage.counts(DEFAULT_COMMUNE)).records;
		await writeRecords(db, 'document', docs(0, 10), clock);
		await run();
		await writeRecords(db, 'document', docs(100, 5), clock);

		const err = await run().catch((e: unknown) => e);
		expect(err).toBeInstanceOf(SyncError);
		expect(err).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 5 });
		const waiting = await summarise(db);
		expect(waiting.pendingRecords).toBe(5);
		expect(waiting.rejected).toEqual([]);
		expect((await s.storage.counts(DEFAULT_COMMUNE)).records).toBe(seeded + 10);

		s.clock.now += 5_000;
		const report = await run();
		expect(report.pushed).toBe(5);
		expect((await summarise(db)).pendingRecords).toBe(0);
	});

	it('the byte budget is the same 429: big records wait on the device, never refused, then go', async () => {
		s.ctx.writeLimit = null;
		s.ctx.writeBytesLimit = { burst: 20_000, perMinute: 60_000 };
		const client = new SyncClient({ fetch: serverFetch, now: () => s.clock.now });
		const login = await client.login('staff-vp', 'staff-vp-password');
		const run = () =>
			syncOnce({ db, client, token: login.body.token, userId: login.body.user.id, now: () => T0 });
		const big = (from: number, n: number) =>
			docs(from, n).map((d) => ({ ...d, title: 'Kế hoạch '.repeat(30).trim() }));

		const seeded = (await s.storage.counts(DEFAULT_COMMUNE)).records;
		await writeRecords(db, 'document', big(0, 40), clock);
		await run();
		await writeRecords(db, 'document', big(100, 40), clock);
		const err = await run().catch((e: unknown) => e);
		expect(err).toBeInstanceOf(SyncError);
		expect(err).toMatchObject({ status: 429, code: 'rate_limited' });
		const wait = (err as SyncError).retryAfterSeconds!;
		expect(wait).toBeGreaterThan(0);
		const waiting = await summarise(db);
		expect(waiting.pendingRecords).toBe(40);
		expect(waiting.rejected).toEqual([]);
		expect((await s.storage.counts(DEFAULT_COMMUNE)).records).toBe(seeded + 40);

		s.clock.now += wait * 1000;
		expect((await run()).pushed).toBe(40);
		expect((await summarise(db)).pendingRecords).toBe(0);
	});
});
