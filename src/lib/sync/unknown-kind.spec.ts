/**
 * Protocol rule: a pull may carry record kinds this app version does not know (a newer server adds
 * kinds without a version bump). The device skips them, applies the rest of the page and keeps its
 * cursor past them (docs/sync-protocol.md, "Unknown record kinds").
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import { readState } from '$lib/db/device';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { pullAll } from '$factories/pull';
import { hlcAt, meeting, mutation, T0 } from '$factories/sync';
import { handlerFetch } from '$factories/devices';
import { CURSOR_KEY, type StoredCursor } from './apply-pull';
import { SyncClient, type FetchLike } from './client';
import { syncOnce } from './engine';
import { DEFAULT_COMMUNE } from '$lib/server/storage/types';

let s: TestServer;
let db: AppDatabase;
beforeEach(async () => {
	s = await openSeededServer();
	db = new AppDatabase('unknown-kind-' + Math.random());
});
afterEach(async () => {
	db.close();
	await db.delete();
	s.close();
});

/** A newer server: every pull page also carries a change of a kind this app does not know. */
function newerServer(inner: FetchLike): FetchLike {
	return async (path, init) => {
		const res = await inner(path, init);
		if (path !== '/api/sync/pull' || !res.ok) return res;
		const body = (await res.json()) as { changes: { seq: number }[]; cursor: number };
		const seq = body.cursor + 1;
		const future = {
			seq,
			entity: 'future_kind',
			recordId: 'f-1',
			record: { id: 'f-1', whatever: true },
			clocks: { whatever: hlcAt(T0) },
			deleted: false
		};
		// In the middle of the page, and the page's cursor is past it (the server's newest seq).
		const changes = [...body.changes];
		changes.splice(Math.floor(changes.length / 2), 0, future);
		return Response.json({ ...body, changes, cursor: Math.max(body.cursor, seq) });
	};
}

describe('a pull carrying a record kind this app does not know', () => {
	it('applies the known records, skips the unknown one and moves the cursor past it', async () => {
		const staff = await addUser(s.ctx, 'vp1', 'staff', 'VP');
		const other = new SyncClient({ fetch: handlerFetch(s), now: () => s.clock.now });
		const login = await other.login('vp1', 'vp1-password');
		await other.push(login.body.token, 'dev-other', [
			mutation('meeting', meeting({ id: 'm-a', unitCode: 'VP' }), { hlc: hlcAt(T0, 'dev-other') }),
			mutation('meeting', meeting({ id: 'm-b', unitCode: 'VP' }), { hlc: hlcAt(T0, 'dev-other') })
		]);

		const client = new SyncClient({ fetch: newerServer(handlerFetch(s)), now: () => s.clock.now });
		const token = (await client.login('vp1', 'vp1-password')).body.token;
		const run = () =>
			syncOnce({ db, client, token, userId: staff.id, now: () => s.clock.now, pullLimit: 500 });

		const report = await run();
		expect(report.skipped).toBe(1);
		expect((await db.meetings.toArray()).map((m) => m.id).sort()).toEqual(['m-a', 'm-b']);
		const cursor = await readState<StoredCursor>(db, CURSOR_KEY);
		const serverNewest = Math.max(...(await pullAll(s.storage, DEFAULT_COMMUNE)).map((r) => r.seq));
		expect(cursor?.cursor).toBe(serverNewest + 1);
		// The next run starts after it: nothing known is pulled again.
		const again = await run();
		expect(again.pulled).toBe(0);
	});
});
