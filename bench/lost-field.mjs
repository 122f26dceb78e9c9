// A lost-field push on a commune with many mutations (`npm run bench:lost`, after `npm run build`).
// Starts the real server (SQLite in its own DATA_DIR; BENCH_ENGINE=postgres: PostgreSQL, a
// throwaway cluster or BENCH_DATABASE_URL, analysed after the load), stores BENCH_MUTATIONS (default 100,000)
// meetings from 200 devices, then alternates, over BENCH_ROUNDS rounds (default 15, order flipped
// every round), PER_ROUND one-mutation pushes of each arm:
// - lost: a device sends a title older than the one another device stored, so the answer carries
//   `lost` and the server names the writer (`Storage.findRecordWriters`: one lookup per lost field);
// - plain: the same device sends a newer title for another old record (no `lost`).
// Prints the median and spread of each arm's ms per request, of the difference (what naming the
// writer costs) and the server's CPU per request. Fails only when an answer is not what the arm
// expects (no `lost`, or no writer named), never on timing.
// BENCH_BUILD: the build directory to serve (default `build`), to compare two builds.
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { performance } from 'node:perf_hooks';
import { hlc, meeting } from './records.mjs';
import { cpuMs, freePort, signIn, startPgCluster, startServer } from './serve.mjs';
import { describe, median, roundsFromEnv } from './stats.mjs';

const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 100_000);
const ROUNDS = roundsFromEnv(15);
const PER_ROUND = 20;
const DEVICES = 200;
const PER_REQUEST = 100;
async function post(url, token, body) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(body)
	});
	const raw = await res.text();
	if (!res.ok) throw new Error(`${url} ${res.status} ${raw.slice(0, 200)}`);
	return JSON.parse(raw);
}

/** A title edit of meeting `n` from `deviceId` at `wall`. */
const edit = (n, deviceId, wall, counter, title) => ({
	version: 1,
	deviceId,
	mutations: [
		{
			mutationId: uuidv7(),
			entity: 'meeting',
			recordId: `bench-m-${n}`,
			op: 'put',
			record: { ...meeting(n, wall), title },
			hlc: hlc(wall, counter, deviceId),
			fields: ['title']
		}
	]
});

async function seed(url, token, now) {
	const requests = [];
	for (let first = 0; first < MUTATIONS; first += PER_REQUEST) {
		const deviceId = `lost-dev-${(first / PER_REQUEST) % DEVICES}`;
		const mutations = [];
		for (let n = first; n < Math.min(MUTATIONS, first + PER_REQUEST); n++)
			mutations.push({
				mutationId: uuidv7(),
				entity: 'meeting',
				recordId: `bench-m-${n}`,
				op: 'put',
				record: meeting(n, now),
				hlc: hlc(now, n - first, deviceId)
			});
		requests.push({ version: 1, deviceId, mutations });
	}
	let next = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < requests.length) await post(`${url}/api/sync/push`, token, requests[next++]);
		})
	);
}

/** ms per request of `bodies` sent one after another; checks each answer with `expect`. */
async function timed(url, token, bodies, expect, pid, cpu) {
	const c0 = cpuMs(pid);
	const t0 = performance.now();
	for (const b of bodies) expect((await post(`${url}/api/sync/push`, token, b)).results[0]);
	const ms = (performance.now() - t0) / bodies.length;
	const c1 = cpuMs(pid);
	if (c0 !== null && c1 !== null) cpu.push((c1 - c0) / bodies.length);
	return ms;
}

async function main() {
	// PostgreSQL: the server's own CPU leaves the database's out; read the wall times there.
	const cluster = process.env.BENCH_ENGINE === 'postgres' ? startPgCluster() : null;
	let server = null;
	try {
		const env = cluster ? { DATABASE_URL: cluster.url } : {};
		server = await startServer(await freePort(), undefined, env);
		const token = await signIn(server.url);
		// Clocks an hour back: every edit below is newer than the seed and never ahead of the server.
		const base = Date.now() - 3_600_000;
		const t0 = performance.now();
		await seed(server.url, token, base);
		console.log(
			`stored ${MUTATIONS.toLocaleString('en')} mutations in ${((performance.now() - t0) / 1000).toFixed(1)} s`
		);
		if (cluster) {
			// As autovacuum would after such a load: the planner's statistics.
			const sql = new pg.Client({ connectionString: cluster.url });
			await sql.connect();
			await sql.query('ANALYZE');
			await sql.end();
		}
		// Old records (stored first): another device writes their title last, 30 minutes ago.
		const lostRecords = Array.from({ length: PER_ROUND }, (_, i) => i * 7);
		const plainRecords = Array.from({ length: PER_ROUND }, (_, i) => i * 7 + 3);
		for (const [i, n] of lostRecords.entries())
			await post(
				`${server.url}/api/sync/push`,
				token,
				edit(n, `lost-writer-${i}`, base + 1_800_000, 0, `Tiêu đề mới ${n}`)
			);
		const device = 'lost-bench-device';
		let counter = 0;
		const expectLost = (r) => {
			if (r.status !== 'applied' || r.lost?.[0]?.field !== 'title' || !r.lost[0].byUserName)
				throw new Error(`expected a lost title with its writer: ${JSON.stringify(r)}`);
		};
		const expectPlain = (r) => {
			if (r.status !== 'applied' || r.lost?.length)
				throw new Error(`expected applied: ${JSON.stringify(r)}`);
		};
		const ms = { lost: [], plain: [] };
		const cpu = { lost: [], plain: [] };
		const diff = [];
		for (let round = 0; round < ROUNDS; round++) {
			// Older than the writers' edit (its title wins), newer than the seed.
			const lostBodies = lostRecords.map((n) =>
				edit(n, device, base + 60_000 + round, counter++, `Tiêu đề cũ ${round}`)
			);
			const plainBodies = plainRecords.map((n) =>
				edit(n, device, Date.now() - 1000, counter++, `Tiêu đề ${round}`)
			);
			const arms = [
				['lost', () => timed(server.url, token, lostBodies, expectLost, server.pid, cpu.lost)],
				['plain', () => timed(server.url, token, plainBodies, expectPlain, server.pid, cpu.plain)]
			];
			if (round % 2) arms.reverse();
			const r = {};
			for (const [name, run] of arms) r[name] = await run();
			ms.lost.push(r.lost);
			ms.plain.push(r.plain);
			diff.push(r.lost - r.plain);
		}
		console.log(
			`build ${process.env.BENCH_BUILD ?? 'build'} on ${cluster ? 'PostgreSQL' : 'SQLite'}, ${ROUNDS} rounds x ${PER_ROUND} requests`
		);
		console.log(`lost-field push, ms/request: ${describe(ms.lost)}`);
		console.log(`plain push, ms/request:      ${describe(ms.plain)}`);
		console.log(`lost - plain, ms:            ${describe(diff)}`);
		if (cpu.lost.length)
			console.log(
				`server CPU per request, ms: lost ${median(cpu.lost).toFixed(2)}, plain ${median(cpu.plain).toFixed(2)}`
			);
	} finally {
		await server?.stop();
		cluster?.stop();
	}
}

await main();
