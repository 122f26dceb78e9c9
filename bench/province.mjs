// Province benchmark (npm run bench:province, after npm run build). Issue 14, "Proof of scale",
// at a scale this machine runs in minutes (every size is an env variable; the defaults are stated
// in the output and in docs/SCALING.md):
// 1. A province on PostgreSQL (a throwaway cluster from scripts/pg-cluster.sh, or
//    BENCH_DATABASE_URL): COMMUNES communes x 11 units x YEARS years of RECORDS_PER_YEAR meeting
//    records each, written straight into the tables (records, change log, applied ids), then the
//    database size per record.
// 2. Sync: DEVICES_PER_COMMUNE devices per commune push MUTATIONS each (10 per request, 20 requests
//    in flight) through a round-robin proxy over two `node build` processes on that database:
//    throughput, p50/p95, then lost 0 and duplicated 0 checked in the tables. The same run on one
//    commune's SQLite server (one process) for comparison.
// 3. Alternating rounds (order flipped each round): a 10-mutation push through the two PostgreSQL
//    processes vs one SQLite process; the median and spread of the ratio.
// Never fails on timing; fails only on lost or duplicated mutations.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const COMMUNES = env('BENCH_COMMUNES', 65);
const YEARS = env('BENCH_YEARS', 1);
const RECORDS_PER_YEAR = env('BENCH_RECORDS_PER_YEAR', 1500);
const DEVICES_PER_COMMUNE = env('BENCH_DEVICES_PER_COMMUNE', 4);
const MUTATIONS = env('BENCH_MUTATIONS', 50);
const ROUNDS = env('BENCH_ROUNDS', 9);
const PER_REQUEST = 10;
const CONCURRENCY = 20;
const PER_ROUND = 10;
const UNITS = [
	'VP',
	'VHXH',
	'KT',
	'TTPVHCC',
	'TTDV',
	'THON01',
	'THON02',
	'THON03',
	'THON04',
	'THON05',
	'THON06'
];
const DAY = 86_400_000;
const ADMIN_PASSWORD = 'bench-password';

const hlc = (wall, counter, node) =>
	`${String(wall).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;

function meeting(id, n, year, now) {
	const start = Date.UTC(2026 - year, 0, 1) - 7 * 3_600_000 + (n % 365) * DAY + 8 * 3_600_000;
	return {
		id,
		unitCode: UNITS[n % UNITS.length],
		title: `Cuộc họp giao ban số ${n}`,
		category: 'hop',
		format: n % 3 === 0 ? 'truc_tuyen' : 'truc_tiep',
		paperless: n % 2 === 0,
		status: 'held',
		sittings: [{ start, end: start + 90 * 60_000 }],
		plannedMinutes: 90,
		attendees: 10 + (n % 30),
		chair: 'Chủ tịch UBND xã',
		location: 'Hội trường UBND xã',
		notes: '',
		agenda: [],
		date: new Date(start + 7 * 3_600_000).toISOString().slice(0, 10),
		createdAt: now,
		updatedAt: now,
		deleted: false
	};
}

const percentile = (s, p) =>
	s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
const fmt = (x, d = 1) => x.toFixed(d);
const mb = (bytes) => `${fmt(bytes / 1_048_576)} MB`;

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

async function startServer(extraEnv) {
	const port = await freePort();
	const dataDir = mkdtempSync(path.join(tmpdir(), 'so-hop-bench-province-'));
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ADMIN_PASSWORD,
			WRITE_PER_MINUTE: '0',
			...extraEnv
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok)
				return {
					url,
					port,
					stop() {
						child.kill();
						rmSync(dataDir, { recursive: true, force: true });
					}
				};
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill();
	throw new Error('server did not start');
}

/** Round-robin over the backends' ports (what a load balancer in front of two processes does). */
function startProxy(ports) {
	let next = 0;
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const server = http.createServer((req, res) => {
		const port = ports[next++ % ports.length];
		const up = http.request(
			{ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers, agent },
			(r) => {
				res.writeHead(r.statusCode ?? 502, r.headers);
				r.pipe(res);
			}
		);
		up.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
		req.pipe(up);
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				close: () => {
					server.closeAllConnections();
					server.close();
					agent.destroy();
				}
			})
		)
	);
}

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

async function pool(items, limit, worker) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) await worker(items[next++]);
		})
	);
}

/** Requests of PER_REQUEST new meetings for `devices` devices of one account (one commune). */
function requestsFor(token, tag, devices, perDevice) {
	const out = [];
	const now = Date.now();
	for (let d = 0; d < devices; d++) {
		const deviceId = `bench-${tag}-dev-${d}`;
		let counter = 0;
		for (let k = 0; k < perDevice; k += PER_REQUEST) {
			const mutations = [];
			for (let j = 0; j < PER_REQUEST && k + j < perDevice; j++) {
				const record = meeting(`bench-${randomUUID()}`, k + j, 0, now);
				mutations.push({
					mutationId: randomUUID(),
					entity: 'meeting',
					recordId: record.id,
					op: 'put',
					record,
					hlc: hlc(now, counter++, deviceId)
				});
			}
			out.push({ token, body: { version: 1, deviceId, mutations } });
		}
	}
	return out;
}

async function pushAll(url, requests) {
	const latencies = [];
	const acked = new Set();
	const t0 = performance.now();
	await pool(requests, CONCURRENCY, async ({ token, body }) => {
		const s = performance.now();
		const json = await post(`${url}/api/sync/push`, token, body);
		latencies.push(performance.now() - s);
		for (const r of json.results) if (r.status === 'applied') acked.add(r.mutationId);
	});
	latencies.sort((a, b) => a - b);
	return { seconds: (performance.now() - t0) / 1000, latencies, acked };
}

// --- PostgreSQL -----------------------------------------------------------------------------------

let cluster = null;
let databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) {
	const out = execFileSync('bash', ['scripts/pg-cluster.sh', 'start'], { encoding: 'utf8' });
	const value = (k) =>
		out
			.split('\n')
			.find((l) => l.startsWith(`${k}=`))
			.slice(k.length + 1);
	cluster = value('PGCLUSTER_DIR');
	databaseUrl = value('DATABASE_URL');
}
const stops = [];
let failed = false;
try {
	const a = await startServer({ DATABASE_URL: databaseUrl });
	stops.push(a.stop);
	const b = await startServer({ DATABASE_URL: databaseUrl });
	stops.push(b.stop);
	const sql = new pg.Client({ connectionString: databaseUrl });
	await sql.connect();
	stops.push(() => void sql.end());

	// Communes, their units, one admin account and a session each (written as the server would).
	const communes = Array.from(
		{ length: COMMUNES },
		(_, i) => `xa-${String(i + 1).padStart(3, '0')}`
	);
	const tokens = new Map();
	const genStart = performance.now();
	for (const id of communes) {
		await sql.query('BEGIN');
		await sql.query(
			"INSERT INTO communes (id, name, area, parent_name, created_at) VALUES ($1, $2, $3, 'Lạng Sơn', 0)",
			[id, `Xã ${id}`, `Khu vực ${(Number(id.slice(3)) % 11) + 1}`]
		);
		await sql.query(
			'INSERT INTO units (commune_id, code, name, kind) SELECT $1, u, u, $3 FROM unnest($2::text[]) u',
			[id, UNITS, 'office']
		);
		const userId = randomUUID();
		await sql.query(
			`INSERT INTO users (id, username, display_name, password_hash, role, commune_id, created_at)
			 VALUES ($1, $2, $2, 'unused', 'admin', $3, 0)`,
			[userId, `admin-${id}`, id]
		);
		const token = randomBytes(32).toString('base64url');
		await sql.query(
			'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, 0, $3)',
			[createHash('sha256').update(token).digest('hex'), userId, Date.now() + 86_400_000]
		);
		tokens.set(id, token);
		// YEARS x RECORDS_PER_YEAR records with their change-log rows and applied mutation ids.
		const n = YEARS * RECORDS_PER_YEAR;
		const ids = [],
			units = [],
			data = [],
			clocks = [],
			hlcs = [],
			seqs = [],
			muts = [];
		for (let r = 0; r < n; r++) {
			const year = Math.floor(r / RECORDS_PER_YEAR);
			const rec = meeting(`${id}-m-${r}`, r, year, Date.UTC(2026 - year, 5, 1));
			const h = hlc(rec.updatedAt, r % 0x10000, `gen-${id}`);
			ids.push(rec.id);
			units.push(rec.unitCode);
			data.push(JSON.stringify(rec));
			clocks.push(JSON.stringify(Object.fromEntries(Object.keys(rec).map((k) => [k, h]))));
			hlcs.push(h);
			seqs.push(r + 1);
			muts.push(randomUUID());
		}
		await sql.query(
			`INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at, deleted, seq)
			 SELECT $1, 'meeting', t.id, t.unit, t.data, t.clocks, t.hlc, 0, false, t.seq
			 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
			   AS t(id, unit, data, clocks, hlc, seq)`,
			[id, ids, units, data, clocks, hlcs, seqs]
		);
		await sql.query(
			`INSERT INTO changes (commune_id, seq, entity, record_id, unit_code, mutation_id, user_id, device_id, at)
			 SELECT $1, t.seq, 'meeting', t.id, t.unit, t.mut, $5, 'gen', 0
			 FROM unnest($2::text[], $3::text[], $4::text[], $6::bigint[]) AS t(id, unit, mut, seq)`,
			[id, ids, units, muts, userId, seqs]
		);
		await sql.query(
			`INSERT INTO applied_mutations (commune_id, mutation_id, user_id, device_id, result, applied_at)
			 SELECT $1, t.mut, $3, 'gen', '{"status":"applied"}', 0 FROM unnest($2::text[]) AS t(mut)`,
			[id, muts, userId]
		);
		await sql.query('INSERT INTO commune_seq (commune_id, seq) VALUES ($1, $2)', [id, n]);
		await sql.query('COMMIT');
	}
	const genSeconds = (performance.now() - genStart) / 1000;
	await sql.query('VACUUM ANALYZE');
	const size = Number(
		(await sql.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b
	);
	const records = Number((await sql.query('SELECT COUNT(*) AS n FROM records')).rows[0].n);
	const perRecord = size / records;

	console.log(
		`PostgreSQL ${(await sql.query('SHOW server_version')).rows[0].server_version}, synchronous_commit ${(await sql.query('SHOW synchronous_commit')).rows[0].synchronous_commit}`
	);
	console.log(
		`Province: ${COMMUNES} communes x 11 units x ${YEARS} year(s) x ${RECORDS_PER_YEAR} records = ${records.toLocaleString('en')} records, written in ${fmt(genSeconds)} s`
	);
	console.log(
		`  database ${mb(size)}, ${fmt(perRecord, 0)} bytes per record (record, change log, applied id, indexes)`
	);
	const country = 3300 * 10 * 1500;
	console.log(
		`  extrapolated: 3,300 communes x 10 years x 1,500 = ${(country / 1e6).toFixed(1)} M records ~ ${fmt((country * perRecord) / 1024 ** 3, 0)} GB`
	);

	// Sync through two processes behind one port.
	const proxy = await startProxy([a.port, b.port]);
	stops.push(proxy.close);
	const requests = communes.flatMap((c) =>
		requestsFor(tokens.get(c), c, DEVICES_PER_COMMUNE, MUTATIONS)
	);
	const total = requests.reduce((n, r) => n + r.body.mutations.length, 0);
	const pgRun = await pushAll(proxy.url, requests);
	const sent = requests.flatMap((r) => r.body.mutations.map((m) => m.mutationId));
	const stored = await sql.query(
		`SELECT mutation_id, COUNT(*)::int AS n FROM changes WHERE mutation_id = ANY($1::text[]) GROUP BY mutation_id`,
		[sent]
	);
	const lost = sent.length - stored.rows.length;
	const duplicated = stored.rows.filter((r) => r.n > 1).length;
	console.log(
		`Sync, PostgreSQL, 2 processes: ${COMMUNES * DEVICES_PER_COMMUNE} devices x ${MUTATIONS} mutations = ${total} in ${fmt(pgRun.seconds)} s, ${fmt(total / pgRun.seconds, 0)} mutations/s, request p50 ${fmt(percentile(pgRun.latencies, 50), 0)} ms p95 ${fmt(percentile(pgRun.latencies, 95), 0)} ms; lost ${lost}, duplicated ${duplicated}`
	);
	if (lost !== 0 || duplicated !== 0 || pgRun.acked.size !== total) failed = true;

	// The same run on one commune's SQLite server.
	const lite = await startServer({});
	stops.push(lite.stop);
	const login = await fetch(`${lite.url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })
	});
	const liteToken = (await login.json()).token;
	const liteRequests = requestsFor(liteToken, 'sqlite', COMMUNES * DEVICES_PER_COMMUNE, MUTATIONS);
	const liteRun = await pushAll(lite.url, liteRequests);
	console.log(
		`Sync, SQLite, 1 process, 1 commune: same ${total} mutations in ${fmt(liteRun.seconds)} s, ${fmt(total / liteRun.seconds, 0)} mutations/s, p50 ${fmt(percentile(liteRun.latencies, 50), 0)} ms p95 ${fmt(percentile(liteRun.latencies, 95), 0)} ms; acknowledged ${liteRun.acked.size}`
	);
	if (liteRun.acked.size !== total) failed = true;
	console.log(
		`  throughput ratio PostgreSQL (2 processes) / SQLite: ${fmt(liteRun.seconds / pgRun.seconds, 2)}x`
	);

	// Alternating rounds: one request at a time, the cost of a push on each.
	const ratios = [];
	for (let round = 0; round < ROUNDS; round++) {
		const arms = [
			['pg', proxy.url, tokens.get(communes[round % communes.length])],
			['sqlite', lite.url, liteToken]
		];
		if (round % 2) arms.reverse();
		const ms = {};
		for (const [name, url, token] of arms) {
			const reqs = requestsFor(token, `${name}-r${round}`, 1, PER_ROUND * PER_REQUEST);
			const t0 = performance.now();
			for (const r of reqs) await post(`${url}/api/sync/push`, token, r.body);
			ms[name] = (performance.now() - t0) / reqs.length;
		}
		ratios.push(ms.pg / ms.sqlite);
	}
	ratios.sort((x, y) => x - y);
	console.log(
		`One 10-mutation push, PostgreSQL via proxy / SQLite, ${ROUNDS} alternating rounds: median ${fmt(percentile(ratios, 50), 2)}x (min ${fmt(ratios[0], 2)}, max ${fmt(ratios.at(-1), 2)})`
	);
} catch (err) {
	console.error(err);
	failed = true;
} finally {
	for (const stop of stops.reverse()) {
		try {
			stop();
		} catch {
			/* already gone */
		}
	}
	if (cluster) execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', cluster]);
}
if (failed) {
	console.error('FAILED: lost or duplicated mutations (or an error above)');
	process.exit(1);
}
