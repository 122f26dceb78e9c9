// Province benchmark (npm run bench:province, after npm run build). Issue 14, "Proof of scale".
// Two sizes (BENCH_SCALE; every size is also an env variable of its own, printed in the output):
//   ci (the default, what .ci/run runs in a few minutes on a shared 2-core machine):
//     65 communes x 11 units x 10 years x 300 records a year (195,000 records), 4 devices a commune;
//   full (the size, run by hand; figures in docs/SCALING.md):
//     65 communes x 11 units x 10 years x 1,500 records a year (~1 M records), 20 devices a commune.
// 1. A province on PostgreSQL (a throwaway cluster from scripts/pg-cluster.sh, or
//    BENCH_DATABASE_URL): the most recent year first, then the nine before it, written straight
//    into the tables (records, change log, applied ids) in batched multi-row INSERTs (one
//    `INSERT ... SELECT FROM unnest($arrays)` per commune and year: a COPY-like bulk write through
//    one statement; not through the API, which would be the sync benchmark), then the size.
// 2. /province (GET /api/province/summary, annual, as a province monitor): time for all communes
//    with one year present (the baseline, same run) and with all years present, medians and
//    spread, and the bytes a monitor's device downloads for it (it runs no record sync).
// 3. Sync: DEVICES_PER_COMMUNE devices per commune push MUTATIONS each (10 per request, 20 requests
//    in flight) through a round-robin proxy over two `node build` processes on that database:
//    throughput, p50/p95, then lost 0 and duplicated 0 checked in the tables. The same run on one
//    commune's SQLite server (one process) for comparison.
// 4. Alternating rounds (order flipped each round): a 10-mutation push through the two PostgreSQL
//    processes vs one SQLite process; the median and spread of the ratio.
// Never fails on timing; fails only on lost or duplicated mutations (or an error).
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { describe, percentile, roundsFromEnv } from './stats.mjs';
import { UNITS } from './records.mjs';
import { startPgCluster } from './serve.mjs';

const SCALES = {
	ci: { years: 10, recordsPerYear: 300, devicesPerCommune: 4 },
	full: { years: 10, recordsPerYear: 1500, devicesPerCommune: 20 }
};
const SCALE = process.env.BENCH_SCALE ?? 'ci';
if (!(SCALE in SCALES)) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES)}`);
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const COMMUNES = env('BENCH_COMMUNES', 65);
const YEARS = env('BENCH_YEARS', SCALES[SCALE].years);
const RECORDS_PER_YEAR = env('BENCH_RECORDS_PER_YEAR', SCALES[SCALE].recordsPerYear);
const DEVICES_PER_COMMUNE = env('BENCH_DEVICES_PER_COMMUNE', SCALES[SCALE].devicesPerCommune);
const MUTATIONS = env('BENCH_MUTATIONS', 50);
const ROUNDS = roundsFromEnv(9);
const PROVINCE_ROUNDS = Math.max(3, env('BENCH_PROVINCE_ROUNDS', 6));
/** BENCH_SKIP_SYNC=1: the province and /province only (e.g. to time an older build's view). */
const SKIP_SYNC = process.env.BENCH_SKIP_SYNC === '1';
/** The most recent generated year; /province asks for its annual period. */
const LAST_YEAR = 2025;
const PER_REQUEST = 10;
const CONCURRENCY = 20;
const PER_ROUND = 10;
const CATEGORIES = ['quan_triet', 'chuyen_mon', 'thao_luan', 'hop'];
const DOCUMENT_KINDS = ['ke_hoach', 'quyet_dinh', 'cong_van', 'bao_cao', 'thong_bao', 'giay_moi'];
const DAY = 86_400_000;
const HOUR = 3_600_000;
const ADMIN_PASSWORD = 'bench-password';

const hlc = (wall, counter, node) =>
	`${String(wall).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
const pad = (n) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD' of day `d` (0-364) of `year`, local time. */
const dayOf = (year, d) => new Date(Date.UTC(year, 0, 1) + d * DAY).toISOString().slice(0, 10);

/** A held meeting of calendar `year` (the sync pushes use the current year). */
function meeting(id, n, year, now) {
	const start = Date.UTC(year, 0, 1) - 7 * HOUR + (n % 365) * DAY + 8 * HOUR;
	const minutes = 60 + (n % 7) * 30;
	return {
		id,
		unitCode: UNITS[n % UNITS.length],
		title: `Cuộc họp giao ban số ${n}`,
		category: CATEGORIES[n % CATEGORIES.length],
		format: n % 3 === 0 ? 'truc_tuyen' : 'truc_tiep',
		role: n % 5 === 0 ? 'tham_du' : 'chu_tri',
		paperless: n % 2 === 0,
		status: 'held',
		sittings: [{ start, end: start + minutes * 60_000 }],
		plannedMinutes: minutes,
		attendees: 10 + (n % 30),
		chair: 'Chủ tịch UBND xã',
		location: 'Hội trường UBND xã',
		notes: '',
		agenda: [],
		date: dayOf(year, n % 365),
		createdAt: now,
		updatedAt: now,
		deleted: false
	};
}

const meta = (now) => ({ createdAt: now, updatedAt: now, deleted: false });

/**
 * One commune's records of one calendar year, about `perYear` of them: a plan per unit, monthly
 * procedure and incoming figures (every unit at the full rate), the rest meetings and documents.
 */
function yearRecords(communeId, year, perYear) {
	const now = Date.UTC(year, 11, 20);
	// Communes differ a little (their figures, so the ranking and the payload are not all alike).
	const k = Number(communeId.slice(3)) || 0;
	const out = [];
	for (const unitCode of UNITS)
		out.push([
			'plan',
			{
				id: `${unitCode}:${year}`,
				unitCode,
				year,
				baselineConferences: 24,
				baselineDocuments: 120,
				plannedConferences: 20,
				baselineMonths: 12,
				...meta(now)
			}
		]);
	const monthlyUnits = UNITS.slice(0, Math.max(1, Math.round((11 * perYear) / 1500)));
	for (const unitCode of monthlyUnits)
		for (let m = 1; m <= 12; m++) {
			const month = `${year}-${pad(m)}`;
			const total = 20 + ((m * 7) % 30);
			out.push([
				'procedure',
				{
					id: `${unitCode}:${month}`,
					unitCode,
					month,
					total,
					digital: total - ((m + k) % 7),
					digitized: total - ((m * k) % 5),
					...meta(now)
				}
			]);
			out.push([
				'incoming',
				{
					id: `${unitCode}:${month}`,
					unitCode,
					month,
					received: 40 + m,
					electronic: 30 + ((m + k) % 11),
					...meta(now)
				}
			]);
		}
	for (let n = 0; out.length < perYear; n++) {
		if (n % 2 === 0)
			out.push(['meeting', meeting(`${communeId}-m-${year}-${n}`, n + k, year, now)]);
		else
			out.push([
				'document',
				{
					id: `${communeId}-d-${year}-${n}`,
					unitCode: UNITS[n % UNITS.length],
					number: `${n}/UBND-${UNITS[n % UNITS.length]}`,
					kind: DOCUMENT_KINDS[n % DOCUMENT_KINDS.length],
					issuedOn: dayOf(year, (n * 7) % 365),
					electronic: (n + k) % (3 + (k % 5)) !== 0,
					secret: false,
					title: `Văn bản số ${n} năm ${year}`,
					...meta(now)
				}
			]);
	}
	return out;
}

/** The day the server files a record under ($lib/domain/record-day.ts), for the bulk writer. */
function recordDay(entity, data) {
	if (entity === 'meeting') return data.date;
	if (entity === 'document') return data.issuedOn;
	if (entity === 'procedure' || entity === 'incoming') return data.month;
	if (entity === 'plan') return String(data.year);
	return null;
}

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
	// BENCH_NODE_ARGS: extra node flags for the app processes (e.g. --cpu-prof to profile them).
	const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, 'build'], {
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

/** Requests the proxy answered 502 (a backend closed a kept-alive socket), sent again. */
let retried = 0;
async function post(url, token, body) {
	let res;
	for (let attempt = 0; ; attempt++) {
		res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify(body)
		});
		// A device's outbox sends again; the mutation ids make that safe (the check below counts).
		if (res.status !== 502 || attempt === 3) break;
		await res.text();
		retried++;
	}
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
				const record = meeting(`bench-${randomUUID()}`, k + j, new Date(now).getUTCFullYear(), now);
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

const cluster = startPgCluster();
const databaseUrl = cluster.url;
class Skip extends Error {}
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
	// The build under test may predate records.day (a baseline run on an older build).
	const hasDay =
		(
			await sql.query(
				"SELECT 1 FROM information_schema.columns WHERE table_name = 'records' AND column_name = 'day'"
			)
		).rows.length > 0;

	// Communes, their units, one admin account and a session each (written as the server would).
	const communes = Array.from(
		{ length: COMMUNES },
		(_, i) => `xa-${String(i + 1).padStart(3, '0')}`
	);
	const tokens = new Map();
	const admins = new Map();
	const seqs = new Map();
	const session = async (userId) => {
		const token = randomBytes(32).toString('base64url');
		await sql.query(
			'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, 0, $3)',
			[createHash('sha256').update(token).digest('hex'), userId, Date.now() + 86_400_000]
		);
		return token;
	};
	for (const id of communes) {
		await sql.query('BEGIN');
		await sql.query(
			"INSERT INTO communes (id, name, area, parent_name, created_at) VALUES ($1, $2, $3, 'Lạng Sơn', 0)",
			[id, `Xã ${id}`, `Khu vực ${(Number(id.slice(3)) % 11) + 1}`]
		);
		await sql.query('INSERT INTO commune_seq (commune_id, seq) VALUES ($1, 0)', [id]);
		await sql.query(
			'INSERT INTO units (commune_id, code, name, kind) SELECT $1, u, u, $3 FROM unnest($2::text[]) u',
			[id, UNITS, 'department']
		);
		const userId = randomUUID();
		await sql.query(
			`INSERT INTO users (id, username, display_name, password_hash, role, commune_id, created_at)
			 VALUES ($1, $2, $2, 'unused', 'admin', $3, 0)`,
			[userId, `admin-${id}`, id]
		);
		admins.set(id, userId);
		seqs.set(id, 0);
		await sql.query('COMMIT');
		tokens.set(id, await session(userId));
	}
	const monitorId = randomUUID();
	await sql.query(
		`INSERT INTO users (id, username, display_name, password_hash, role, commune_id, created_at)
		 VALUES ($1, 'so-noi-vu', 'Sở Nội vụ', 'unused', 'province_monitor', NULL, 0)`,
		[monitorId]
	);
	const monitorToken = await session(monitorId);

	/** Bulk-write `rows` ([entity, data]) of one commune: records, change log, applied ids. */
	async function writeRows(client, communeId, rows) {
		const userId = admins.get(communeId);
		let seq = seqs.get(communeId);
		const cols = {
			entity: [],
			id: [],
			unit: [],
			data: [],
			clocks: [],
			hlc: [],
			seq: [],
			mut: [],
			day: []
		};
		for (const [entity, rec] of rows) {
			const h = hlc(rec.updatedAt, seq % 0x10000, `gen-${communeId}`);
			cols.entity.push(entity);
			cols.id.push(entity === 'unit' ? rec.code : rec.id);
			cols.unit.push(rec.unitCode ?? (entity === 'unit' ? rec.code : null));
			cols.data.push(JSON.stringify(rec));
			cols.clocks.push(JSON.stringify(Object.fromEntries(Object.keys(rec).map((k) => [k, h]))));
			cols.hlc.push(h);
			cols.seq.push(++seq);
			cols.mut.push(randomUUID());
			cols.day.push(recordDay(entity, rec));
		}
		seqs.set(communeId, seq);
		await client.query('BEGIN');
		await client.query(
			`INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at, deleted, seq${hasDay ? ', day' : ''})
			 SELECT $1, t.entity, t.id, t.unit, t.data, t.clocks, t.hlc, 0, false, t.seq${hasDay ? ', t.day' : ''}
			 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[])
			   AS t(entity, id, unit, data, clocks, hlc, seq, day)`,
			[
				communeId,
				cols.entity,
				cols.id,
				cols.unit,
				cols.data,
				cols.clocks,
				cols.hlc,
				cols.seq,
				cols.day
			]
		);
		await client.query(
			`INSERT INTO changes (commune_id, seq, entity, record_id, unit_code, mutation_id, user_id, device_id, at)
			 SELECT $1, t.seq, t.entity, t.id, t.unit, t.mut, $7, 'gen', 0
			 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS t(entity, id, unit, mut, seq)`,
			[communeId, cols.entity, cols.id, cols.unit, cols.mut, cols.seq, userId]
		);
		await client.query(
			`INSERT INTO applied_mutations (commune_id, mutation_id, user_id, device_id, result, applied_at)
			 SELECT $1, t.mut, $3, 'gen', '{"status":"applied"}', 0 FROM unnest($2::text[]) AS t(mut)`,
			[communeId, cols.mut, userId]
		);
		await client.query('UPDATE commune_seq SET seq = $2 WHERE commune_id = $1', [communeId, seq]);
		await client.query('COMMIT');
		return rows.length;
	}

	/** Write `years` of every commune, two connections at once (the server's cores are idle). */
	async function generate(years, withUnits) {
		const writers = await Promise.all(
			[0, 1].map(async () => {
				const c = new pg.Client({ connectionString: databaseUrl });
				await c.connect();
				return c;
			})
		);
		let written = 0;
		const t0 = performance.now();
		let next = 0;
		await Promise.all(
			writers.map(async (client) => {
				while (next < communes.length) {
					const id = communes[next++];
					if (withUnits)
						written += await writeRows(
							client,
							id,
							UNITS.map((code, order) => [
								'unit',
								{
									code,
									name: `Đơn vị ${code}`,
									kind: code.startsWith('THON') ? 'hamlet' : 'department',
									archived: false,
									order,
									...meta(0)
								}
							])
						);
					for (const year of years)
						written += await writeRows(client, id, yearRecords(id, year, RECORDS_PER_YEAR));
				}
			})
		);
		await Promise.all(writers.map((c) => c.end()));
		const seconds = (performance.now() - t0) / 1000;
		await sql.query('VACUUM ANALYZE');
		return { written, seconds };
	}

	/**
	 * /province for the annual period as the monitor, through the proxy: times and bytes. The
	 * first two requests are cold (one per process: each computes every commune changed since its
	 * last view, here all of them); the rest are warm (nothing changed: each process answers from
	 * the figures it keeps per commune and change counter).
	 */
	async function provinceView(url) {
		const times = [];
		let body = '';
		for (let i = 0; i < PROVINCE_ROUNDS; i++) {
			const t0 = performance.now();
			const res = await fetch(`${url}/api/province/summary?kind=annual&year=${LAST_YEAR}`, {
				headers: { authorization: `Bearer ${monitorToken}` }
			});
			body = await res.text();
			if (!res.ok) throw new Error(`/api/province/summary ${res.status} ${body.slice(0, 200)}`);
			times.push(performance.now() - t0);
		}
		const summary = JSON.parse(body);
		const sorted = (list) => [...list].sort((x, y) => x - y);
		return {
			cold: sorted(times.slice(0, 2)),
			warm: sorted(times.slice(2)),
			bytes: Buffer.byteLength(body),
			gzip: gzipSync(body).length,
			brotli: brotliCompressSync(body).length,
			communes: summary.communes.length,
			skipped: summary.communes.reduce((n, c) => n + c.skipped, 0),
			offTrack: summary.communes.filter((c) => c.met < c.applicable).length
		};
	}
	const spread = (t) => `${describe(t, 0, ' ms')}, ${t.length} runs`;

	const proxy = await startProxy([a.port, b.port]);
	stops.push(proxy.close);

	console.log(
		`PostgreSQL ${(await sql.query('SHOW server_version')).rows[0].server_version}, synchronous_commit ${(await sql.query('SHOW synchronous_commit')).rows[0].synchronous_commit}; scale ${SCALE}${hasDay ? '' : ' (build without records.day)'}`
	);
	const years = Array.from({ length: YEARS }, (_, i) => LAST_YEAR - i);
	const first = await generate([LAST_YEAR], true);
	const oneYear = await provinceView(proxy.url);
	const rest = await generate(years.slice(1), false);
	const allYears = await provinceView(proxy.url);
	const genSeconds = first.seconds + rest.seconds;
	const size = Number(
		(await sql.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b
	);
	const records = Number((await sql.query('SELECT COUNT(*) AS n FROM records')).rows[0].n);
	const perRecord = size / records;
	console.log(
		`Province: ${COMMUNES} communes x 11 units x ${YEARS} year(s) (${years.at(-1)}-${LAST_YEAR}) x ~${RECORDS_PER_YEAR} records = ${records.toLocaleString('en')} records, written in ${fmt(genSeconds)} s (${fmt(records / genSeconds, 0)} records/s; batched INSERT ... SELECT FROM unnest, one per commune and year, 2 connections)`
	);
	console.log(
		`  database ${mb(size)}, ${fmt(perRecord, 0)} bytes per record (record, change log, applied id, indexes)`
	);
	const country = 3300 * 10 * 1500;
	console.log(
		`  extrapolated: 3,300 communes x 10 years x 1,500 = ${(country / 1e6).toFixed(1)} M records ~ ${fmt((country * perRecord) / 1024 ** 3, 0)} GB`
	);
	console.log(
		`/province, annual ${LAST_YEAR}, ${allYears.communes} communes (${allYears.offTrack} off track, ${allYears.skipped} records left out):`
	);
	const coldOne = percentile(oneYear.cold, 50);
	const coldAll = percentile(allYears.cold, 50);
	console.log(
		`  1 year present (baseline): cold ${spread(oneYear.cold)}; warm ${spread(oneYear.warm)}`
	);
	console.log(
		`  ${YEARS} years present:          cold ${spread(allYears.cold)}; warm ${spread(allYears.warm)}`
	);
	console.log(
		`  cold: ${fmt(coldAll / allYears.communes, 1)} ms per commune; ratio ${YEARS} years / 1 year ${fmt(coldAll / coldOne, 2)}x (records in the database: ${YEARS}x); warm / cold ${fmt(percentile(allYears.warm, 50) / coldAll, 3)}x`
	);
	console.log(
		`  a monitor's first load of it: ${fmt(allYears.bytes / 1024, 1)} KB JSON (${fmt(allYears.gzip / 1024, 1)} KB gzip, ${fmt(allYears.brotli / 1024, 1)} KB brotli); no record sync`
	);

	if (SKIP_SYNC) throw new Skip();

	// Sync through two processes behind one port.
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
		`Sync, PostgreSQL, 2 processes: ${COMMUNES * DEVICES_PER_COMMUNE} devices x ${MUTATIONS} mutations = ${total} in ${fmt(pgRun.seconds)} s, ${fmt(total / pgRun.seconds, 0)} mutations/s, request p50 ${fmt(percentile(pgRun.latencies, 50), 0)} ms p95 ${fmt(percentile(pgRun.latencies, 95), 0)} ms; lost ${lost}, duplicated ${duplicated}; requests sent again after a 502: ${retried}`
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
	console.log(
		`One 10-mutation push, PostgreSQL via proxy / SQLite, ${ROUNDS} alternating rounds: ${describe(ratios, 2, 'x')}`
	);
} catch (err) {
	if (!(err instanceof Skip)) {
		console.error(err);
		failed = true;
	}
} finally {
	for (const stop of stops.reverse()) {
		try {
			stop();
		} catch {
			/* already gone */
		}
	}
	cluster.stop();
}
if (failed) {
	console.error('FAILED: lost or duplicated mutations (or an error above)');
	process.exit(1);
}
