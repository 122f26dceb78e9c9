/**
 * Live pokes across app processes on one PostgreSQL (NOTIFY/LISTEN): two server contexts, each
 * with its own storage pool and its own feed, are two processes. A device streaming from B hears
 * a write made through A, only in its own commune and for what it may read; a sign-out through A
 * closes its stream on B; a lost listening connection reconnects and the streams start over.
 * PostgreSQL is a throwaway cluster (or TEST_DATABASE_URL); never skipped.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { usePgCluster } from '$factories/pg-cluster';
import { meeting, mutation, T0 } from '$factories/sync';
import { sseReader } from '$factories/sse';
import { bootstrap } from '../auth/bootstrap';
import { createProvinceUser, publicUser } from '../auth/users';
import { makeContext, type ServerContext } from '../context';
import * as api from '../http/handlers';
import { authenticate } from '../http/request-auth';
import { createCommune } from '../province/communes';
import { openPostgresStorage } from '../storage/postgres';
import { addUser } from '../test-server';
import { openEventStreams, type FeedEvent } from './events';
import { MAX_PAYLOAD_BYTES, startPgChangeFeed, wirePayloads, type PgChangeFeed } from './pg-feed';

const pgc = usePgCluster();
const { cleanups } = pgc;

interface AppProcess {
	ctx: ServerContext;
	feed: PgChangeFeed;
	/** Every event its feed handed to its listeners: its own publishes and what it heard. */
	heard: FeedEvent[];
}

/** One app process on the database: its own pool, its own feed. */
async function appProcess(url: string, name: string): Promise<AppProcess> {
	const storage = await openPostgresStorage(url, { poolSize: 3 });
	cleanups.push(() => storage.end());
	const feed = await startPgChangeFeed(url, { origin: name });
	cleanups.push(() => feed.close());
	const heard: FeedEvent[] = [];
	feed.subscribe((e) => heard.push(e));
	const ctx = makeContext(storage, { now: () => T0, scrypt: { N: 1024, r: 8, p: 1 }, feed });
	return { ctx, feed, heard };
}

/** An event without its unit codes (a long poke arrives split into several notifications). */
const pokeKey = (e: FeedEvent) => JSON.stringify({ ...e, unitCodes: undefined });

/**
 * Wait until B has heard every poke A published so far. The set-up's writes (seeding a commune,
 * adding users) poke too, and a NOTIFY is sent after the commit without being awaited: on a busy
 * machine it may reach B after a stream opened there, which then hears an old seq. A device pulls
 * once on `ready` and again on that late poke (nothing is lost), but a test that expects a
 * stream's first poke to be its own write must not open the stream before this.
 */
async function caughtUp(a: AppProcess, b: AppProcess): Promise<void> {
	const published = a.heard.map(pokeKey);
	await expect.poll(() => published.filter((k) => !b.heard.map(pokeKey).includes(k))).toEqual([]);
}

async function twoProcesses() {
	const db = await pgc.database();
	const a = await appProcess(db.url, 'A');
	const b = await appProcess(db.url, 'B');
	await bootstrap(a.ctx, 'admin-password');
	await addUser(a.ctx, 'vp1', 'staff', 'VP');
	await addUser(a.ctx, 'vp2', 'staff', 'VP');
	await addUser(a.ctx, 'kt1', 'staff', 'KT');
	await caughtUp(a, b);
	return { db, a, b };
}

type Handler = (ctx: ServerContext, e: api.ApiEvent) => Promise<Response>;

async function call(
	ctx: ServerContext,
	handler: Handler,
	path: string,
	token: string | null,
	body?: unknown
) {
	const req = new Request(`http://localhost${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const user = await authenticate(ctx, req);
	return handler(ctx, {
		request: req,
		user: user ? publicUser(user) : null,
		clientAddress: '127.0.0.1',
		params: {}
	});
}

async function login(ctx: ServerContext, username: string, password = `${username}-password`) {
	const res = await call(ctx, api.postLogin, '/api/auth/login', null, { username, password });
	expect(res.status).toBe(200);
	return ((await res.json()) as { token: string }).token;
}

async function stream(ctx: ServerContext, token: string) {
	const res = await call(ctx, api.getEvents, '/api/sync/events', token);
	expect(res.status).toBe(200);
	const events = sseReader(res);
	expect((await events.next())?.event).toBe('ready');
	cleanups.push(() => events.cancel().catch(() => {}));
	return events;
}

async function pushMeeting(ctx: ServerContext, token: string, unitCode: string, id: string) {
	const res = await call(ctx, api.postPush, '/api/sync/push', token, {
		version: 1,
		deviceId: 'dev-a',
		mutations: [mutation('meeting', meeting({ id, unitCode }))]
	});
	const body = (await res.json()) as { results: { status: string; seq: number }[] };
	expect(body.results[0]!.status).toBe('applied');
	return body.results[0]!.seq;
}

describe('PgChangeFeed: pokes across app processes', () => {
	it('a write through process A pokes a stream on process B, only for what its user may read', async () => {
		const { a, b } = await twoProcesses();
		const vpOnB = await stream(b.ctx, await login(b.ctx, 'vp2'));
		const ktToken = await login(a.ctx, 'kt1');
		const vpToken = await login(a.ctx, 'vp1');
		const ktSeq = await pushMeeting(a.ctx, ktToken, 'KT', 'm-kt');
		const vpSeq = await pushMeeting(a.ctx, vpToken, 'VP', 'm-vp');
		expect(vpSeq).toBeGreaterThan(ktSeq);
		// The first poke on B is the VP write: the KT one is not for a VP staff member.
		expect(await vpOnB.next()).toEqual({ event: 'changed', data: { seq: vpSeq } });
		// And the writer's own process pokes its streams too (once, not again from the echo).
		const vpOnA = await stream(a.ctx, vpToken);
		const next = await pushMeeting(b.ctx, vpToken, 'VP', 'm-vp-2');
		expect(await vpOnA.next()).toEqual({ event: 'changed', data: { seq: next } });
		expect(await vpOnB.next()).toEqual({ event: 'changed', data: { seq: next } });
		const last = await pushMeeting(a.ctx, vpToken, 'VP', 'm-vp-3');
		expect(await vpOnA.next()).toEqual({ event: 'changed', data: { seq: last } });
	});

	it("never pokes another commune's stream on the other process", async () => {
		const { a, b } = await twoProcesses();
		const made = await createProvinceUser(a.ctx, null, {
			username: 'tinh-admin',
			password: 'tinh-admin-password',
			displayName: 'tinh-admin',
			role: 'province_admin'
		});
		if (!made.ok) throw new Error(made.code);
		const created = await createCommune(a.ctx, publicUser(made.user), {
			id: 'xa-b',
			name: 'Xã B',
			area: null,
			parentName: null,
			adminUsername: 'b-admin',
			adminPassword: 'b-admin-password',
			adminDisplayName: 'b-admin'
		});
		expect(created.ok).toBe(true);
		await addUser(a.ctx, 'b-staff', 'staff', 'VP', 'xa-b');
		const bStaff = await login(b.ctx, 'b-staff');
		// Commune B is two writes ahead of commune A (the seqs are per commune), so a poke for A's
		// next write cannot pass for one of B's.
		await pushMeeting(a.ctx, bStaff, 'VP', 'm-b-1');
		await pushMeeting(a.ctx, bStaff, 'VP', 'm-b-2');
		// B's seeding and these two poked its VP unit: heard before the stream opens.
		await caughtUp(a, b);
		const onB = await stream(b.ctx, bStaff);
		const aSeq = await pushMeeting(a.ctx, await login(a.ctx, 'vp1'), 'VP', 'm-a-1');
		// B has heard commune A's poke: had it reached the stream, it would be its first event.
		await caughtUp(a, b);
		const bSeq = await pushMeeting(a.ctx, bStaff, 'VP', 'm-b-3');
		expect(aSeq).not.toBe(bSeq);
		expect(await onB.next()).toEqual({ event: 'changed', data: { seq: bSeq } });
	});

	it('a sign-out through A closes the stream held by B', async () => {
		const { a, b } = await twoProcesses();
		const token = await login(a.ctx, 'vp1');
		const onB = await stream(b.ctx, token);
		expect(openEventStreams(b.ctx)).toBe(1);
		expect((await call(a.ctx, api.postLogout, '/api/auth/logout', token, {})).status).toBe(200);
		expect(await onB.next()).toBeNull();
		expect(openEventStreams(b.ctx)).toBe(0);
	});

	it('reconnects when its listening connection is lost; the streams start over', async () => {
		const { db, a, b } = await twoProcesses();
		const token = await login(b.ctx, 'vp2');
		const before = await stream(b.ctx, token);
		const admin = new pg.Client({ connectionString: db.url });
		await admin.connect();
		cleanups.push(() => admin.end());
		// The server ends B's listening connection (a restart, a failover, an idle timeout).
		const killed = await admin.query<{ ok: boolean }>(
			`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
			 WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()
			   AND pid = (SELECT pid FROM pg_stat_activity WHERE application_name = $1)`,
			[`so-hop-534 feed B`]
		);
		expect(killed.rows).toEqual([{ ok: true }]);
		// Pokes may have been missed meanwhile: the stream closes (the device reconnects and pulls).
		expect(await before.next()).toBeNull();
		await b.feed.listening();
		const after = await stream(b.ctx, token);
		const seq = await pushMeeting(a.ctx, await login(a.ctx, 'vp1'), 'VP', 'm-after');
		expect(await after.next()).toEqual({ event: 'changed', data: { seq } });
	});

	it('another database (here: schema) on the same server hears nothing', async () => {
		const { a } = await twoProcesses();
		const other = await pgc.database();
		const elsewhere = await startPgChangeFeed(other.url, { origin: 'C' });
		cleanups.push(() => elsewhere.close());
		const heard: FeedEvent[] = [];
		elsewhere.subscribe((e) => heard.push(e));
		await pushMeeting(a.ctx, await login(a.ctx, 'vp1'), 'VP', 'm-here');
		// A poke on its own database arrives; what came before it would have arrived first.
		const sentinel = await startPgChangeFeed(other.url, { origin: 'D' });
		cleanups.push(() => sentinel.close());
		sentinel.publish({ type: 'sessions', userId: 'sentinel' });
		await expect.poll(() => heard.length).toBeGreaterThan(0);
		expect(heard).toEqual([{ type: 'sessions', userId: 'sentinel' }]);
	});
}, 30_000);

describe('wirePayloads', () => {
	it('splits a poke with many unit codes into notifications under the size limit', () => {
		const unitCodes = [null, ...Array.from({ length: 2_000 }, (_, i) => `UNIT-${i}`)];
		const event: FeedEvent = { type: 'changes', communeId: 'xa-b', seq: 7, unitCodes };
		const payloads = wirePayloads('A', event);
		expect(payloads.length).toBeGreaterThan(1);
		const parts = payloads.map((p) => JSON.parse(p) as { o: string; e: typeof event });
		for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
		expect(parts.every((p) => p.o === 'A' && p.e.seq === 7 && p.e.communeId === 'xa-b')).toBe(true);
		expect(parts.flatMap((p) => p.e.unitCodes)).toEqual(unitCodes);
	});
});
