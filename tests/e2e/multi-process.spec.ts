/**
 * Two `node build` processes on one PostgreSQL database behind one port (issue 14, "Several app
 * processes"): a tiny round-robin proxy in front, phones pushing through it, one process killed
 * with SIGKILL mid-run. Nothing in a process's memory is the truth: a session made through one
 * process works on the other; after the kill every acknowledged mutation is in the database
 * exactly once, and the phones' resends of what had no answer are applied once or answered
 * `duplicate`. A device streaming live changes from one process hears a write made through the
 * other (NOTIFY/LISTEN), and both serve the same Web Push key though their DATA_DIRs differ.
 * PostgreSQL is a throwaway cluster (scripts/pg-cluster.sh) or TEST_DATABASE_URL.
 */
import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { Mutation, PushResponse } from '../../src/lib/domain/sync/protocol';
import {
	createTestDatabase,
	startTestCluster,
	type TestCluster
} from '../../src/lib/server/storage/pg-test-cluster';
import { makeDocument } from '../factories/records';
import { sseReader } from '../factories/sse';
import { OwnServer } from './own-server';
import { ADMIN_PASSWORD, freePort } from './sync-support';

const DEVICES = 8;
const PER_REQUEST = 10;
/** Acknowledged mutations before the kill, and after it (through the survivor). */
const ACKS_BEFORE_KILL = 300;
const ACKS_AFTER_KILL = 200;

/** Round-robin over the backends; a backend that fails answers 502 (the phone retries). */
function startProxy(backends: number[]): Promise<{ url: string; close(): Promise<void> }> {
	let next = 0;
	const server = http.createServer((req, res) => {
		const port = backends[next++ % backends.length]!;
		const upstream = http.request(
			{ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers },
			(up) => {
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
				up.on('error', () => res.destroy());
			}
		);
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502).end();
			else res.destroy();
		});
		req.pipe(upstream);
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}`,
				close: () =>
					new Promise<void>((r) => {
						server.closeAllConnections();
						server.close(() => r());
					})
			});
		});
	});
}

interface Device {
	id: string;
	counter: number;
	unacked: Mutation[];
}

const hlc = (d: Device) =>
	`${String(Date.now()).padStart(15, '0')}-${(d.counter++ % 0x10000).toString(16).padStart(4, '0')}-${d.id}`;

function newMutations(d: Device, n: number): Mutation[] {
	return Array.from({ length: n }, () => {
		const record = makeDocument({ id: `mp-${randomUUID()}` });
		return {
			mutationId: randomUUID(),
			entity: 'document',
			recordId: record.id,
			op: 'put',
			record,
			hlc: hlc(d)
		} satisfies Mutation;
	});
}

let cluster: TestCluster;
test.beforeAll(() => {
	cluster = startTestCluster();
});
test.afterAll(() => cluster?.stop());

test('two app processes on one PostgreSQL: a SIGKILL loses no acknowledged push and doubles none', async () => {
	test.setTimeout(120_000);
	const db = await createTestDatabase(cluster.url);
	const env = { DATABASE_URL: db.url, WRITE_PER_MINUTE: '0' };
	const a = new OwnServer(await freePort(), { env });
	const b = new OwnServer(await freePort(), { env });
	// The first start migrates and seeds; the second finds both done.
	await a.start();
	await b.start();
	const proxy = await startProxy([a.port, b.port]);
	const sql = new pg.Client({ connectionString: db.url });
	await sql.connect();
	try {
		const token = await a.adminToken();
		// The session made by A is in the database: B knows it.
		const onB = await fetch(`${b.url}/api/sync/pull`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ version: 1, cursor: 0, limit: 1 })
		});
		expect(onB.status).toBe(200);

		const acked = new Map<string, string>(); // mutationId -> recordId
		const statuses = new Map<string, number>();
		let failures = 0;
		const devices: Device[] = Array.from({ length: DEVICES }, (_, i) => ({
			id: `mp-dev-${i}`,
			counter: 0,
			unacked: []
		}));

		async function send(d: Device, batch: Mutation[]): Promise<boolean> {
			let res: Response;
			try {
				res = await fetch(`${proxy.url}/api/sync/push`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
					body: JSON.stringify({ version: 1, deviceId: d.id, mutations: batch })
				});
			} catch {
				failures++;
				return false;
			}
			if (res.status !== 200) {
				failures++;
				return false;
			}
			const body = (await res.json()) as PushResponse;
			for (const r of body.results) {
				statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
				expect(r.status, r.reason).not.toBe('rejected');
				acked.set(r.mutationId, batch.find((m) => m.mutationId === r.mutationId)!.recordId);
			}
			d.unacked = d.unacked.filter((m) => !acked.has(m.mutationId));
			return true;
		}

		/** Push new batches (and resend unanswered ones) while `more()` says so. */
		const pushWhile = (more: () => boolean) =>
			Promise.all(
				devices.map(async (d) => {
					while (more()) {
						const batch = d.unacked.length > 0 ? d.unacked.slice(0, PER_REQUEST) : [];
						if (batch.length === 0) {
							batch.push(...newMutations(d, PER_REQUEST));
							d.unacked.push(...batch);
						}
						await send(d, batch);
					}
				})
			);

		// Both processes serve; kill A while the phones keep pushing, and go on until the survivor
		// acknowledged ACKS_AFTER_KILL more (so requests do reach the killed process, whatever the
		// machine's speed).
		let ackedAtKill: number | null = null;
		const running = pushWhile(
			() => ackedAtKill === null || acked.size < ackedAtKill + ACKS_AFTER_KILL
		);
		await expect
			.poll(() => acked.size, { timeout: 60_000 })
			.toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
		await a.kill();
		ackedAtKill = acked.size;
		await running;
		expect(failures, 'requests that reached the killed process').toBeGreaterThan(0);
		// What had no answer is resent until answered (the survivor answers every other request).
		for (const d of devices) {
			while (d.unacked.length > 0) await send(d, d.unacked.slice(0, 50));
		}

		// Every acknowledged mutation is there, exactly once, in the pull and in the tables.
		const seen = new Map<string, number>();
		let cursor = 0;
		let last = 0;
		for (;;) {
			const r = await fetch(`${b.url}/api/sync/pull`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
				body: JSON.stringify({ version: 1, cursor, limit: 1000 })
			});
			const body = (await r.json()) as {
				changes: { recordId: string; seq: number }[];
				cursor: number;
				hasMore: boolean;
			};
			for (const c of body.changes) {
				expect(c.seq).toBeGreaterThan(last);
				last = c.seq;
				seen.set(c.recordId, (seen.get(c.recordId) ?? 0) + 1);
			}
			cursor = body.cursor;
			if (!body.hasMore) break;
		}
		const ours = [...seen].filter(([id]) => id.startsWith('mp-'));
		expect([...acked.values()].filter((id) => !seen.has(id))).toEqual([]);
		expect(ours.length).toBe(acked.size);
		expect(ours.every(([, n]) => n === 1)).toBe(true);

		const doubled = await sql.query(
			`SELECT mutation_id FROM changes WHERE record_id LIKE 'mp-%'
			 GROUP BY mutation_id HAVING COUNT(*) > 1`
		);
		expect(doubled.rows).toEqual([]);
		const changes = await sql.query<{ n: number }>(
			"SELECT COUNT(*)::int AS n FROM changes WHERE record_id LIKE 'mp-%'"
		);
		expect(changes.rows[0]!.n).toBe(acked.size);
		const applied = await sql.query<{ mutation_id: string }>(
			'SELECT mutation_id FROM applied_mutations'
		);
		const appliedIds = new Set(applied.rows.map((r) => r.mutation_id));
		expect([...acked.keys()].filter((id) => !appliedIds.has(id))).toEqual([]);
		// Seqs of the commune have no hole: no commit was lost between two that were seen.
		const gaps = await sql.query<{ n: number; max: number }>(
			"SELECT COUNT(*)::int AS n, MAX(seq)::int AS max FROM changes WHERE commune_id = 'default'"
		);
		expect(gaps.rows[0]!.n).toBe(gaps.rows[0]!.max);
	} finally {
		await sql.end();
		await proxy.close();
		await a.kill();
		await b.kill();
		await db.drop();
	}
});

test('a record pushed through one process pokes a device streaming from the other within 5 s', async () => {
	test.setTimeout(90_000);
	const db = await createTestDatabase(cluster.url);
	const env = { DATABASE_URL: db.url, WRITE_PER_MINUTE: '0' };
	const a = new OwnServer(await freePort(), { env });
	const b = new OwnServer(await freePort(), { env });
	await Promise.all([a.start(), b.start()]);
	const proxy = await startProxy([a.port, b.port]);
	const streams: { cancel(): Promise<void> }[] = [];
	try {
		const login = await fetch(`${proxy.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })
		});
		const { token } = (await login.json()) as { token: string };
		const auth = { authorization: `Bearer ${token}` };

		// One Web Push key for both processes (each has its own DATA_DIR).
		const keyOf = async (url: string) =>
			((await (await fetch(`${url}/api/push/vapid`)).json()) as { publicKey: string }).publicKey;
		expect(a.dataDir).not.toBe(b.dataDir);
		expect(await keyOf(a.url)).toBe(await keyOf(b.url));

		for (const [writer, listener] of [
			[a, b],
			[b, a]
		] as const) {
			const res = await fetch(`${listener.url}/api/sync/events`, { headers: auth });
			expect(res.status).toBe(200);
			const events = sseReader(res);
			streams.push(events);
			expect((await events.next())?.event).toBe('ready');

			const record = makeDocument({ id: `mp-live-${randomUUID()}` });
			const pushed = await fetch(`${writer.url}/api/sync/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...auth },
				body: JSON.stringify({
					version: 1,
					deviceId: 'mp-live-writer',
					mutations: [
						{
							mutationId: randomUUID(),
							entity: 'document',
							recordId: record.id,
							op: 'put',
							record,
							hlc: `${String(Date.now()).padStart(15, '0')}-0000-mp-live-writer`
						}
					]
				})
			});
			const started = Date.now();
			const body = (await pushed.json()) as PushResponse;
			expect(body.results[0]!.status, body.results[0]!.reason).toBe('applied');
			const deadline = new Promise<null>((resolve) => {
				const t = setTimeout(() => resolve(null), 5_000);
				t.unref();
			});
			const poke = await Promise.race([events.next(), deadline]);
			expect(poke, `no poke on ${listener.port} within 5 s`).toEqual({
				event: 'changed',
				data: { seq: body.results[0]!.seq }
			});
			expect(Date.now() - started).toBeLessThan(5_000);
		}
	} finally {
		for (const s of streams) await s.cancel().catch(() => {});
		await proxy.close();
		await a.kill();
		await b.kill();
		await db.drop();
	}
});

test('SIGTERM: a process on PostgreSQL ends its event streams, lets go of the database and exits', async () => {
	test.setTimeout(90_000);
	const db = await createTestDatabase(cluster.url);
	const a = new OwnServer(await freePort(), { env: { DATABASE_URL: db.url } });
	await a.start();
	const sql = new pg.Client({ connectionString: db.url });
	await sql.connect();
	const connections = async () =>
		(
			await sql.query<{ n: number }>(
				'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'
			)
		).rows[0]!.n;
	try {
		const token = await a.adminToken();
		const res = await fetch(`${a.url}/api/sync/events`, {
			headers: { authorization: `Bearer ${token}` }
		});
		const events = sseReader(res);
		expect((await events.next())?.event).toBe('ready');
		expect(await connections()).toBeGreaterThan(0);

		// The pool and the LISTEN connection used to keep the process alive until a SIGKILL. An open
		// event stream must not hold it either (SHUTDOWN_TIMEOUT is adapter-node's 30 s default).
		expect(await a.stop(20_000)).toBe(0);
		await expect.poll(connections, { timeout: 10_000 }).toBe(0);
		await events.cancel().catch(() => {});
	} finally {
		await sql.end();
		await a.kill();
		await db.drop();
	}
});
