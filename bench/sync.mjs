// Sync server benchmark (npm run bench:sync, after npm run build). Starts the real server on
// loopback, has 200 devices push 50 meetings each (10 per request, 20 requests in flight) in
// BENCH_THROUGHPUT_ROUNDS rounds (default 5, new records each round), alternated with plain
// better-sqlite3 inserts of the same rows; replays some requests as lost-response retries, pulls
// everything back to prove zero lost and zero duplicated, then times a fresh device pulling
// everything stored (at least a commune's year, ~20,000 records).
// Then the cost of one push against two baselines, alternated over ROUNDS rounds (order flipped
// every round): a 10-mutation push vs the same request carrying no mutations (the HTTP floor:
// parse, session, response; both bodies serialized before the clock starts) and vs a plain better-sqlite3 insert of the same 10 rows in one
// transaction with the same durability (WAL, synchronous = FULL), and one durable commit of a tiny
// row (the fsync a push cannot avoid); with the server's own CPU time per request (Linux). Prints
// the median and the spread of each ratio. Fails only on lost or duplicated records, never on timing.
// Mutation ids are UUIDv7 (time-ordered), as devices make them (src/lib/db/clock.ts).
// BENCH_BUILD: the build directory to serve (default `build`), to compare builds in the same minutes.
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hlc, meeting } from './records.mjs';
import { cpuMs, signIn, startServer } from './serve.mjs';
import { describe, median, percentile, roundsFromEnv } from './stats.mjs';

const DEVICES = 200;
const PER_DEVICE = 50;
const PER_REQUEST = 10;
const CONCURRENCY = 20;
const YEAR_TARGET = 20_000;
const ROUNDS = roundsFromEnv(15);
/** Rounds of the 200-device throughput run (10,000 new mutations each). */
const THROUGHPUT_ROUNDS = Number(process.env.BENCH_THROUGHPUT_ROUNDS ?? 5);
/** Sequential requests per arm per round. */
const PER_ROUND = 20;
async function pool(items, limit, worker) {
	let next = 0;
	const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const i = next++;
			await worker(items[i], i);
		}
	});
	await Promise.all(runners);
}

/** `body`: an object, or text already serialized (the floors below, whose timing is the server's). */
async function post(url, token, body) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const send = () =>
		fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: text
		});
	// A kept-alive socket the server closed while this process was busy (the plain-insert run
	// blocks it) fails once; every request here is safe to resend (same mutation ids).
	const res = await send().catch(send);
	const raw = await res.text();
	if (!res.ok) throw new Error(`${url} ${res.status} ${raw.slice(0, 200)}`);
	return { json: JSON.parse(raw), bytes: Buffer.byteLength(raw) };
}

/** Requests of PER_REQUEST mutations for every device, records numbered from `first`. */
function buildRequests(first, devices, perDevice, now) {
	const requests = [];
	let n = first;
	for (let d = 0; d < devices; d++) {
		const deviceId = `bench-dev-${first}-${d}`;
		let counter = 0;
		for (let k = 0; k < perDevice; k += PER_REQUEST) {
			const mutations = [];
			for (let j = 0; j < PER_REQUEST && k + j < perDevice; j++, n++) {
				const record = meeting(n, now);
				mutations.push({
					// Time-ordered, as a device makes them (db/clock.ts): the server's index of applied
					// ids appends instead of touching one random page per mutation.
					mutationId: uuidv7(),
					entity: 'meeting',
					recordId: record.id,
					op: 'put',
					record,
					hlc: hlc(now, counter++, deviceId)
				});
			}
			requests.push({ version: 1, deviceId, mutations });
		}
	}
	return requests;
}

async function pushAll(url, token, requests) {
	const latencies = [];
	const statuses = { applied: 0, duplicate: 0, rejected: 0 };
	const t0 = performance.now();
	await pool(requests, CONCURRENCY, async (body) => {
		const s = performance.now();
		const { json } = await post(`${url}/api/sync/push`, token, body);
		latencies.push(performance.now() - s);
		for (const r of json.results) statuses[r.status]++;
	});
	const seconds = (performance.now() - t0) / 1000;
	return { seconds, latencies, statuses };
}

async function pullEverything(url, token) {
	let cursor = 0;
	let bytes = 0;
	const ids = new Map();
	const t0 = performance.now();
	for (let page = 0; page < 1000; page++) {
		const { json, bytes: b } = await post(`${url}/api/sync/pull`, token, {
			version: 1,
			cursor,
			limit: 1000
		});
		bytes += b;
		for (const c of json.changes)
			ids.set(`${c.entity}:${c.recordId}`, (ids.get(`${c.entity}:${c.recordId}`) ?? 0) + 1);
		cursor = json.cursor;
		if (!json.hasMore) break;
	}
	return { ids, bytes, seconds: (performance.now() - t0) / 1000 };
}

function plainSqlite(requests) {
	const dir = mkdtempSync(path.join(tmpdir(), 'so-hop-bench-plain-'));
	const db = new Database(path.join(dir, 'plain.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL'); // the server's setting
	db.exec('CREATE TABLE records (entity TEXT, id TEXT, data TEXT, PRIMARY KEY (entity, id))');
	const insert = db.prepare('INSERT INTO records (entity, id, data) VALUES (?, ?, ?)');
	const batch = db.transaction((mutations) => {
		for (const m of mutations) insert.run(m.entity, m.recordId, JSON.stringify(m.record));
	});
	const t0 = performance.now();
	for (const r of requests) batch(r.mutations);
	const seconds = (performance.now() - t0) / 1000;
	db.close();
	rmSync(dir, { recursive: true, force: true });
	return seconds;
}

const fmt = (x, d = 1) => x.toFixed(d);

const spread = (xs) => describe(xs, 2, 'x');

/**
 * ms per request, PER_ROUND requests one after another; `cpu`: the server's CPU time per request
 * (all its threads), when the bench can read it.
 */
async function sequentialMs(url, token, bodies, pid, cpu) {
	const c0 = cpuMs(pid);
	const t0 = performance.now();
	for (const b of bodies) await post(`${url}/api/sync/push`, token, b);
	const ms = (performance.now() - t0) / bodies.length;
	const c1 = cpuMs(pid);
	if (c0 !== null && c1 !== null) cpu.push((c1 - c0) / bodies.length);
	return ms;
}

/** A plain better-sqlite3 table with the server's durability: WAL, synchronous = FULL. */
function plainDb() {
	const dir = mkdtempSync(path.join(tmpdir(), 'so-hop-bench-floor-'));
	const db = new Database(path.join(dir, 'plain.sqlite'));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.exec('CREATE TABLE records (entity TEXT, id TEXT, data TEXT, PRIMARY KEY (entity, id))');
	const insert = db.prepare('INSERT INTO records (entity, id, data) VALUES (?, ?, ?)');
	const batch = db.transaction((mutations) => {
		for (const m of mutations) insert.run(m.entity, m.recordId, JSON.stringify(m.record));
	});
	db.exec('CREATE TABLE ticks (n INTEGER)');
	const tick = db.prepare('INSERT INTO ticks (n) VALUES (?)');
	return {
		/** ms per batch. */
		run(requests) {
			const t0 = performance.now();
			for (const r of requests) batch(r.mutations);
			return (performance.now() - t0) / requests.length;
		},
		/** ms per durable commit of one tiny row: the price of `synchronous = FULL` (one fsync). */
		commit(n) {
			const t0 = performance.now();
			for (let i = 0; i < n; i++) tick.run(i);
			return (performance.now() - t0) / n;
		},
		close() {
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * One push of PER_REQUEST mutations against (a) the same request with none and (b) plain inserts,
 * alternated for ROUNDS rounds with the order flipped each round.
 */
async function floors(url, token, first, now, pid) {
	const plain = plainDb();
	const cpuPush = [];
	const cpuEmpty = [];
	const perPush = [];
	const perEmpty = [];
	const perCommit = [];
	const vsEmpty = [];
	const vsPlain = [];
	const aboveDurable = [];
	let next = first;
	try {
		for (let round = 0; round < ROUNDS; round++) {
			const full = buildRequests(next, PER_ROUND, PER_REQUEST, now);
			next += PER_ROUND * PER_REQUEST;
			// Both arms send bytes serialized before the clock starts: a phone sends its request
			// already serialized, and this process's JSON.stringify of a 15 KB body (~40 us of the
			// shared CPU) is no part of what the server's push costs.
			const fullText = full.map((r) => JSON.stringify(r));
			const emptyText = full.map((r) => JSON.stringify({ ...r, mutations: [] }));
			const arms = {
				push: () => sequentialMs(url, token, fullText, pid, cpuPush),
				empty: () => sequentialMs(url, token, emptyText, pid, cpuEmpty),
				plain: async () => plain.run(full),
				commit: async () => plain.commit(PER_ROUND)
			};
			const order =
				round % 2 === 0
					? ['push', 'empty', 'plain', 'commit']
					: ['commit', 'plain', 'empty', 'push'];
			const ms = {};
			for (const arm of order) ms[arm] = await arms[arm]();
			perPush.push(ms.push);
			perEmpty.push(ms.empty);
			perCommit.push(ms.commit);
			vsEmpty.push(ms.push / ms.empty);
			vsPlain.push(ms.push / ms.plain);
			// What the push costs beyond the HTTP floor and the one fsync it cannot avoid.
			aboveDurable.push((ms.push - ms.commit) / ms.empty);
		}
	} finally {
		plain.close();
	}
	const cpuRatio = cpuPush.map((c, i) => c / cpuEmpty[i]);
	return {
		perPush,
		perEmpty,
		perCommit,
		vsEmpty,
		vsPlain,
		aboveDurable,
		cpuPush,
		cpuEmpty,
		cpuRatio,
		next
	};
}

async function main() {
	const server = await startServer(4390 + Math.floor(Math.random() * 100));
	let failed = false;
	try {
		const token = await signIn(server.url);
		const now = Date.now();

		// 1. 200 devices x 50 mutations, THROUGHPUT_ROUNDS times (new records each round),
		// alternated with the plain inserts of the same rows (order flipped every round).
		const rounds = [];
		const perRound = DEVICES * PER_DEVICE;
		const statuses = { applied: 0, duplicate: 0, rejected: 0 };
		for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
			const requests = buildRequests(round * perRound, DEVICES, PER_DEVICE, now);
			const arms = {
				push: () => pushAll(server.url, token, requests),
				plain: async () => plainSqlite(requests)
			};
			const out = {};
			for (const arm of round % 2 === 0 ? ['push', 'plain'] : ['plain', 'push'])
				out[arm] = await arms[arm]();
			for (const k of Object.keys(statuses)) statuses[k] += out.push.statuses[k];
			rounds.push({ requests, push: out.push, plain: out.plain });
		}
		const requests = rounds[0].requests;
		const total = perRound * THROUGHPUT_ROUNDS;
		const rates = rounds.map((r) => perRound / r.push.seconds);
		const latencies = rounds.flatMap((r) => r.push.latencies);
		console.log(
			`push: ${DEVICES} devices x ${PER_DEVICE} mutations = ${perRound} in ${requests.length} requests (${PER_REQUEST} each, ${CONCURRENCY} in flight), ${THROUGHPUT_ROUNDS} rounds`
		);
		console.log(
			`  mutations/s: ${describe(rates, 0, '')}; request latency p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms`
		);
		console.log(`  results: ${JSON.stringify(statuses)}`);
		console.log(
			`  plain better-sqlite3 insert of the same rows (same batches, synchronous=FULL): ${describe(
				rounds.map((r) => perRound / r.plain),
				0,
				''
			)} rows/s; sync push is ${describe(
				rounds.map((r) => r.push.seconds / r.plain),
				1,
				'x'
			)} slower`
		);

		// 2. Lost responses: every 10th request is sent again with the same mutation ids.
		const replays = requests.filter((_, i) => i % 10 === 0);
		const replay = await pushAll(server.url, token, replays);
		console.log(
			`retries of ${replays.length} requests (same mutation ids): ${JSON.stringify(replay.statuses)}`
		);

		// 3. Pull everything back: zero lost, zero duplicated.
		const back = await pullEverything(server.url, token);
		let present = 0;
		let doubled = 0;
		for (let n = 0; n < total; n++) {
			const c = back.ids.get(`meeting:bench-m-${n}`) ?? 0;
			if (c >= 1) present++;
			if (c > 1) doubled++;
		}
		const lost = total - present;
		const ok =
			lost === 0 &&
			doubled === 0 &&
			statuses.applied === total &&
			replay.statuses.duplicate === replays.reduce((k, r) => k + r.mutations.length, 0);
		console.log(
			`verify: ${present}/${total} present, lost ${lost}, duplicated ${doubled} -> ${ok ? 'OK' : 'FAILED'}`
		);
		if (!ok) failed = true;

		// 4. A commune's full year: top up to ~20,000 records, then a fresh device pulls them all.
		const more = YEAR_TARGET - total;
		if (more > 0)
			await pushAll(server.url, token, buildRequests(total, more / PER_DEVICE, PER_DEVICE, now));
		const fresh = await pullEverything(server.url, token);
		const records = fresh.ids.size;
		console.log(
			`fresh device pull: ${records} records in ${fmt(fresh.seconds, 2)} s (${fmt(records / fresh.seconds, 0)} records/s), ${fmt(fresh.bytes / 1024 / 1024, 2)} MB, ${fmt(fresh.bytes / records, 0)} bytes/record`
		);

		// 5. One push against its floors, alternated.
		const f = await floors(server.url, token, 1_000_000, now, server.pid);
		console.log(
			`one push of ${PER_REQUEST} mutations, ${ROUNDS} rounds x ${PER_ROUND} sequential requests per arm, order alternated:`
		);
		console.log(
			`  push: median ${fmt(median(f.perPush), 2)} ms per request; empty request ${fmt(median(f.perEmpty), 2)} ms; one durable commit (fsync) ${fmt(median(f.perCommit), 2)} ms`
		);
		console.log(`  vs the same request with 0 mutations (HTTP floor): ${spread(f.vsEmpty)}`);
		console.log(`  vs plain better-sqlite3 insert, synchronous=FULL: ${spread(f.vsPlain)}`);
		console.log(
			`  (push - one durable commit) vs the 0-mutation request: ${spread(f.aboveDurable)}`
		);
		if (f.cpuRatio.length > 0)
			console.log(
				`  server CPU per request: push ${fmt(median(f.cpuPush), 2)} ms, empty ${fmt(median(f.cpuEmpty), 2)} ms; push vs empty ${spread(f.cpuRatio)}`
			);
	} finally {
		server.stop();
	}
	if (failed) process.exit(1);
}

await main();
