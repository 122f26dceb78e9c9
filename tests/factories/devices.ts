/**
 * Phones against the real server code in vitest: a `fetch` that goes straight into the route
 * handlers (with optional lost requests or answers), and a signed-in device with its own database
 * that runs one sync. One place for the setup the sync tests share.
 */
import { afterEach } from 'vitest';
import type { Clock } from '$lib/db/clock';
import { AppDatabase } from '$lib/db/database';
import { publicUser } from '$lib/server/auth/users';
import * as api from '$lib/server/http/handlers';
import { authenticate } from '$lib/server/http/request-auth';
import type { TestServer } from '$lib/server/test-server';
import { SyncClient, type FetchLike } from '$lib/sync/client';
import { syncOnce } from '$lib/sync/engine';
import { fakeUuid, T0 } from './sync';

/**
 * `newDb()` gives a fresh device database (fake-indexeddb); all of them are closed and deleted
 * after each test of the file that calls this.
 */
export function phoneDatabases(prefix: string): () => AppDatabase {
	let dbs: AppDatabase[] = [];
	afterEach(async () => {
		for (const db of dbs) {
			db.close();
			await db.delete();
		}
		dbs = [];
	});
	return () => {
		const db = new AppDatabase(`${prefix}-${Math.random()}`);
		dbs.push(db);
		return db;
	};
}

let ids = 0;
/** A device clock standing at `start` (move it with `t`); its ids never repeat within a file. */
export function testClock(start = T0): Clock & { t: number } {
	const c = { t: start, now: () => c.t, newId: () => fakeUuid(0xb00000 + ++ids) };
	return c;
}

type Handler = (ctx: TestServer['ctx'], e: api.ApiEvent) => Promise<Response>;

/** The routes a syncing phone calls. */
export const SYNC_ROUTES: Readonly<Record<string, Handler>> = {
	'/api/auth/login': api.postLogin,
	'/api/auth/me': api.getMe,
	'/api/sync/push': api.postPush,
	'/api/sync/pull': api.postPull
};

/**
 * A network fault, used once: `dropBefore` loses the request (the server never sees it),
 * `dropAfter` lets the server commit and loses the answer.
 */
export interface Fault {
	dropBefore?: string;
	dropAfter?: string;
}

export function handlerFetch(s: TestServer, fault: Fault = {}, routes = SYNC_ROUTES): FetchLike {
	return async (path, init) => {
		if (fault.dropBefore === path) {
			delete fault.dropBefore;
			throw new TypeError('Failed to fetch');
		}
		const req = new Request(`http://localhost${path}`, init);
		const user = await authenticate(s.ctx, req);
		const handler = routes[path];
		if (!handler) throw new Error('no route ' + path);
		const res = await handler(s.ctx, {
			request: req,
			user: user ? publicUser(user) : null,
			clientAddress: '127.0.0.1'
		});
		if (fault.dropAfter === path) {
			delete fault.dropAfter;
			throw new TypeError('Failed to fetch');
		}
		return res;
	};
}

/**
 * `username` signed in (password `<username>-password`, as addUser makes it) on a phone `db`.
 * `wrap`: around the phone's fetch (to watch what it sends and receives).
 */
export async function syncDevice(
	s: TestServer,
	username: string,
	db: AppDatabase,
	fault?: Fault,
	wrap: (f: FetchLike) => FetchLike = (f) => f
) {
	const client = new SyncClient({ fetch: wrap(handlerFetch(s, fault)), now: () => s.clock.now });
	const login = await client.login(username, `${username}-password`);
	const run = () =>
		syncOnce({
			db,
			client,
			token: login.body.token,
			userId: login.body.user.id,
			now: () => s.clock.now
		});
	return { db, client, login, run };
}
