// `npm run fuzz` (after `npm run build`): an HTTP-level fuzz run against the real server.
//
// Starts `node build` on a free loopback port with its own DATA_DIR, signs in as admin and as a
// staff member, a unit head and a monitor (created through /api/users), then sends FUZZ_RUNS
// (default 10,000) generated requests, FUZZ_CONCURRENCY (default 8) in flight, drawn by
// fast-check from FUZZ_SEED (default 534): pushes with valid and broken records and envelopes,
// pulls with bad cursors, junk to the auth, user and Web Push endpoints, bodies that are not JSON,
// not UTF-8, oversized or chunked. Every answer must be 2xx or 4xx, a 4xx must be the documented
// `{error:{code,message}}` with the status of its code, a 2xx must match its response schema and
// a push may apply only records that pass their schema, for callers allowed to write them. At the
// end the server must still be up, and every record pulled back (as admin, paging the cursor)
// must parse with the entity registry's zod schemas. Exits 1 on any violation.
//
// The schemas are the app's own TypeScript modules, loaded through Vite's SSR loader (no copy).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createServer as viteServer } from 'vite';
import { Builder } from './fuzz/build.mjs';
import { descriptors } from './fuzz/generators.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = Number(process.env.FUZZ_SEED ?? 534);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const ADMIN_PASSWORD = 'fuzz-admin-password-534';
const USER_PASSWORD = 'fuzz-user-password-534';
const REQUEST_TIMEOUT_MS = 60_000;

if (!Number.isInteger(SEED) || !Number.isInteger(RUNS) || RUNS < 1 || CONCURRENCY < 1) {
	console.error('FUZZ_SEED and FUZZ_RUNS must be integers (FUZZ_RUNS >= 1)');
	process.exit(2);
}
if (!existsSync(path.join(root, 'build/index.js'))) {
	console.error('Run `npm run build` first.');
	process.exit(2);
}

const started = performance.now();

// ---- the app's schemas, from source ----
const vite = await viteServer({
	configFile: false,
	root,
	logLevel: 'error',
	appType: 'custom',
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	optimizeDeps: { noDiscovery: true, include: [] },
	resolve: { alias: { $lib: path.join(root, 'src/lib') } }
});
const protocol = await vite.ssrLoadModule('/src/lib/domain/sync/protocol.ts');
const registry = await vite.ssrLoadModule('/src/lib/domain/entities/index.ts');
const { schemaOf } = await vite.ssrLoadModule('/src/lib/domain/entities/schemas.ts');
const { STATUS_OF } = await vite.ssrLoadModule('/src/lib/server/http/errors.ts');
const { can, writeActionOf } = await vite.ssrLoadModule('/src/lib/server/auth/permissions.ts');
await vite.close();

// ---- the server ----
const dataDir = mkdtempSync(path.join(tmpdir(), 'so-hop-fuzz-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const serverLog = [];
const server = spawn(process.execPath, [path.join(root, 'build')], {
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		ADMIN_PASSWORD,
		// The per-account write budget would answer most of the run 429; raise it so pushes are
		// processed (a few 429s still come from sign-in limits and are checked like any 4xx).
		WRITE_BURST: '100000000',
		WRITE_PER_MINUTE: '100000000'
	},
	stdio: ['ignore', 'pipe', 'pipe']
});
let serverExit = null;
server.on('exit', (code, signal) => (serverExit = { code, signal }));
for (const stream of [server.stdout, server.stderr]) {
	stream.setEncoding('utf8');
	stream.on('data', (s) => {
		if (serverLog.length < 2000) serverLog.push(s);
	});
}
process.on('exit', () => {
	if (server.exitCode === null) server.kill('SIGKILL');
});

/** Keep-alive sockets for ordinary requests; oversized ones get a socket of their own. */
// Idle sockets close after 2 s, before the server's own keep-alive timeout (5 s), so a request is
// rarely written to a socket the server is closing (the race every keep-alive client has).
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, timeout: 2000 });
/** Requests resent once after a reset of a reused idle socket (counted in the summary). */
let resent = 0;

const violations = [];
const counts = new Map();
const pushStatuses = new Map();
const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

function violation(kind, detail) {
	violations.push({ kind, ...detail });
	if (violations.length <= 20)
		console.error(`VIOLATION ${kind}: ${JSON.stringify(detail).slice(0, 600)}`);
}

try {
	await waitUp();
	const run = await setUp();
	const builder = new Builder(run);
	const next = descriptors(SEED, RUNS);
	let i = 0;
	let done = 0;
	const worker = async () => {
		while (i < RUNS) {
			const index = i++;
			const d = next(index);
			const req = builder.build(d, Date.now());
			await send(index, d, req, run);
			if (++done % 1000 === 0) {
				const s = ((performance.now() - started) / 1000).toFixed(0);
				console.log(`fuzz: ${done}/${RUNS} requests, ${violations.length} violations, ${s} s`);
				if (serverExit) break;
			}
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	await finalChecks(run);
} catch (e) {
	violation('runner', { error: String(e?.stack ?? e) });
} finally {
	if (server.exitCode === null) server.kill('SIGTERM');
}

summary();
if (violations.length === 0) rmSync(dataDir, { recursive: true, force: true });
else console.error(`server data kept in ${dataDir}`);
process.exit(violations.length === 0 ? 0 : 1);

// ---------------------------------------------------------------------------------------------

async function freePort() {
	return new Promise((resolve, reject) => {
		const s = netServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

async function waitUp() {
	for (let i = 0; i < 300; i++) {
		if (serverExit) throw new Error(`server exited at start: ${serverLog.join('')}`);
		try {
			if ((await fetch(`${base}/api/health`)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('server did not start');
}

async function call(method, p, token, body) {
	const res = await fetch(base + p, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

/** Accounts of the run: admin, staff of THON01, unit head of VP, a monitor, throwaway victims. */
async function setUp() {
	const login = (username, password) =>
		call('POST', '/api/auth/login', null, { username, password });
	const admin = await login('admin', ADMIN_PASSWORD);
	const create = (username, role, unitCode) =>
		call('POST', '/api/users', admin.token, {
			username,
			password: USER_PASSWORD,
			displayName: username,
			role,
			unitCode
		});
	const staff = (await create('fz-staff', 'staff', 'THON01')).user;
	const head = (await create('fz-head', 'unit_head', 'VP')).user;
	const monitor = (await create('fz-monitor', 'monitor', null)).user;
	const victims = [];
	for (let v = 0; v < 3; v++)
		victims.push((await create(`fz-victim-${v}`, 'staff', 'THON02')).user.id);
	const tokens = { admin: admin.token };
	for (const [name, u] of [
		['staff', staff],
		['head', head],
		['monitor', monitor]
	])
		tokens[name] = (await login(u.username, USER_PASSWORD)).token;
	return {
		tokens,
		ids: { admin: admin.user.id, staff: staff.id, head: head.id, monitor: monitor.id },
		actors: {
			admin: admin.user,
			staff,
			cookie: staff,
			head,
			monitor
		},
		units: { staff: 'THON01', head: 'VP' },
		victims
	};
}

function endpointName(d) {
	if (d.endpoint === 'raw') return `raw ${d.path}`;
	if (d.endpoint === 'users') return `users.${d.call}`;
	if (d.endpoint === 'subscribe') return `subscribe ${d.method}`;
	return d.endpoint;
}

/**
 * One request with node:http (fetch shares sockets between oversized and ordinary requests).
 * `ownConnection`: on a connection of its own, closed after, not a reused keep-alive socket.
 */
function httpRequest(req, ownConnection) {
	return new Promise((resolve, reject) => {
		const headers = { ...req.headers };
		if (ownConnection) headers.connection = 'close';
		const body = req.body !== undefined && req.method !== 'GET' ? req.body : undefined;
		if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
		const r = http.request(
			base + req.path,
			{
				method: req.method,
				headers,
				agent: ownConnection ? false : agent,
				timeout: REQUEST_TIMEOUT_MS
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode,
						headers: res.headers,
						text: Buffer.concat(chunks).toString('utf8')
					})
				);
				res.on('error', reject);
			}
		);
		r.on('timeout', () => r.destroy(new Error('timeout')));
		r.on('error', reject);
		if (req.chunked) {
			writeChunked(r, req.chunked);
		} else r.end(body);
	});
}

function writeChunked(r, size) {
	r.write('{"version":1,"deviceId":"d","mutations":[],"pad":"');
	const piece = 'x'.repeat(16 * 1024);
	let sent = 0;
	const more = () => {
		while (sent < size) {
			sent += piece.length;
			if (!r.write(piece)) return void r.once('drain', more);
		}
		r.end('"}');
	};
	r.on('error', () => {});
	more();
}

async function send(index, d, req, run) {
	const name = endpointName(d);
	const large =
		Boolean(req.chunked) || (req.body !== undefined && Buffer.byteLength(req.body) > 400_000);
	let res;
	let text;
	let resending = false;
	try {
		try {
			res = await httpRequest(req, large);
		} catch (e) {
			// A keep-alive socket closed by the server as the request went out: send it again once
			// (a push resends the same mutation ids, which the server applies at most once), on a
			// new connection. Resent on the pool, it could meet a second socket being closed on a
			// busy machine (round twenty-three: once with the first-screen bench beside the fuzz);
			// a reset on a new connection is the server's and stays a violation.
			if (large || e?.code !== 'ECONNRESET' || serverExit) throw e;
			resent++;
			resending = true;
			res = await httpRequest(req, true);
		}
		text = res.text;
	} catch (e) {
		// A 413 may close the socket before a large body is fully sent: then the status is lost.
		// That is fine for an oversized body, nothing else.
		const oversized =
			req.chunked ||
			(req.body !== undefined && Buffer.byteLength(req.body) > protocol.MAX_BODY_BYTES);
		if (oversized && !serverExit) {
			bump(counts, `${name} (connection closed on oversized body)`);
			return;
		}
		violation('transport', {
			index,
			name,
			code: e?.code,
			large,
			resending,
			error: String(e?.stack ?? e)
		});
		return;
	}
	bump(counts, `${name} ${res.status}`);
	const where = {
		index,
		name,
		status: res.status,
		request: digest(req),
		response: text.slice(0, 300)
	};
	if (res.status >= 500) return violation('5xx', where);
	// SvelteKit's canonical-URL redirect of a trailing slash (e.g. PATCH /api/users/ for an empty
	// id), answered before any hook or handler: nothing is read or stored.
	if (
		res.status === 308 &&
		req.path.endsWith('/') &&
		res.headers.location === req.path.slice(0, -1)
	)
		return;
	if (res.status < 200 || res.status >= 500 || (res.status >= 300 && res.status < 400))
		return violation('status', where);
	if (!(res.headers['content-type'] ?? '').startsWith('application/json'))
		return violation('content-type', { ...where, contentType: res.headers['content-type'] });
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		return violation('not-json', where);
	}
	if (res.status >= 400) {
		const parsed = protocol.errorBodySchema.safeParse(body);
		if (!parsed.success) return violation('error-shape', where);
		if (STATUS_OF[parsed.data.error.code] !== res.status) return violation('error-status', where);
		if (res.status === 429 && !/^\d+$/.test(res.headers['retry-after'] ?? ''))
			return violation('retry-after', where);
		return;
	}
	checkSuccess(d, req, body, run, where);
}

function checkSuccess(d, req, body, run, where) {
	const actor = run.actors[d.actor];
	switch (d.endpoint) {
		case 'push': {
			const parsed = protocol.pushResponseSchema.safeParse(body);
			if (!parsed.success) return violation('push-shape', where);
			const sent = req.sentMutations;
			if (!actor) return violation('push-without-session', where);
			if (parsed.data.results.length !== sent.length) return violation('push-count', where);
			parsed.data.results.forEach((r, k) => {
				const m = sent[k];
				bump(pushStatuses, r.status === 'rejected' ? `rejected ${r.code}` : r.status);
				if (r.mutationId !== m.mutationId) violation('push-order', { ...where, k });
				if (r.status === 'rejected' && !r.code) violation('push-reject-code', { ...where, k });
				if (r.status === 'applied' && r.seq === undefined) violation('push-seq', { ...where, k });
				if (r.status === 'applied') checkApplied(m, actor, where, k);
			});
			return;
		}
		case 'pull': {
			const parsed = protocol.pullResponseSchema.safeParse(body);
			if (!parsed.success) return violation('pull-shape', where);
			if (!actor) return violation('pull-without-session', where);
			for (const c of parsed.data.changes) {
				const unit = registry.ownerOf(registry.entityOf(c.entity), c.record);
				if (!can(actor, 'read', unit)) violation('pull-leak', { ...where, recordId: c.recordId });
			}
			return;
		}
		case 'login':
			if (!protocol.loginResponseSchema.safeParse(body).success) violation('login-shape', where);
			return;
		case 'me':
			if (!protocol.publicUserSchema.safeParse(body.user).success) violation('me-shape', where);
			return;
		case 'users':
			if (d.actor !== 'admin') return violation('users-not-admin', where);
			if (
				d.call === 'list' &&
				!body.users?.every((u) => protocol.adminUserSchema.safeParse(u).success)
			)
				violation('users-shape', where);
			return;
		case 'password':
			return violation('password-changed', where);
		default:
			return;
	}
}

/** An applied mutation must pass its schema locally and be one its caller may write. */
function checkApplied(m, actor, where, k) {
	// As the server read it (a `__proto__` key set here is a prototype, not a field, on the wire).
	const sent = JSON.parse(JSON.stringify(m.record));
	const record = m.op === 'delete' ? { ...sent, deleted: true } : sent;
	const parsed = schemaOf(m.entity).safeParse(record);
	if (!parsed.success)
		return violation('applied-invalid', {
			...where,
			k,
			issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`)
		});
	const unit = registry.ownerOf(registry.entityOf(m.entity), parsed.data);
	if (!can(actor, writeActionOf(m.entity), unit)) violation('applied-forbidden', { ...where, k });
}

/** A short description of a request for the report. */
function digest(req) {
	const body =
		typeof req.body === 'string'
			? req.body.length > 400
				? `${req.body.slice(0, 400)}… (${req.body.length} chars)`
				: req.body
			: req.chunked
				? `(chunked ${req.chunked} bytes)`
				: String(req.body);
	return `${req.method} ${req.path} ${body}`;
}

async function finalChecks(run) {
	if (serverExit)
		return violation('server-died', { exit: serverExit, log: serverLog.join('').slice(-2000) });
	const health = await fetch(`${base}/api/health`);
	const h = await health.json();
	if (!health.ok || h.ok !== true) violation('health', { status: health.status, body: h });

	// Everything back as admin, paging the cursor; every record must pass its schema.
	let cursor = 0;
	const seen = new Map();
	let pages = 0;
	for (;;) {
		const page = await call('POST', '/api/sync/pull', run.tokens.admin, {
			version: 1,
			cursor,
			limit: 1000
		});
		pages++;
		for (const c of page.changes) {
			if (c.seq <= cursor) violation('pull-order', { seq: c.seq, cursor });
			seen.set(`${c.entity}/${c.recordId}`, c);
		}
		if (page.cursor <= cursor && page.hasMore) {
			violation('pull-stuck', { cursor });
			break;
		}
		cursor = page.cursor;
		if (!page.hasMore) break;
	}
	const byEntity = new Map();
	let invalid = 0;
	for (const c of seen.values()) {
		bump(byEntity, `${c.entity}${c.deleted ? ' (deleted)' : ''}`);
		const parsed = schemaOf(c.entity).safeParse(c.record);
		const key = registry.keyOf(registry.entityOf(c.entity), c.record);
		if (!parsed.success || key !== c.recordId) {
			invalid++;
			violation('stored-invalid', {
				entity: c.entity,
				recordId: c.recordId,
				issues: parsed.success
					? ['key differs from recordId']
					: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
				record: JSON.stringify(c.record).slice(0, 400)
			});
		}
	}
	console.log(
		`fuzz: pulled ${seen.size} records in ${pages} pages (${[...byEntity].map(([k, v]) => `${k} ${v}`).join(', ')}), ${invalid} invalid`
	);

	// Staff see their own unit and the commune-wide records only.
	const staffPull = await call('POST', '/api/sync/pull', run.tokens.staff, {
		version: 1,
		cursor: 0,
		limit: 1000
	});
	for (const c of staffPull.changes) {
		const unit = registry.ownerOf(registry.entityOf(c.entity), c.record);
		if (unit !== null && unit !== run.units.staff)
			violation('staff-pull-leak', { recordId: c.recordId, unit });
	}
	const unexpected = serverLog.join('').match(/\[api\] unexpected error/g);
	if (unexpected) violation('server-logged-errors', { count: unexpected.length });
}

function summary() {
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const total = [...counts.values()].reduce((a, b) => a + b, 0);
	console.log(
		`\nfuzz summary: seed ${SEED}, ${total} requests, ${CONCURRENCY} in flight, ${seconds} s` +
			(resent ? ` (${resent} resent after a keep-alive socket reset)` : '')
	);
	const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
	for (const [k, v] of rows) console.log(`  ${k.padEnd(58)} ${v}`);
	console.log('push results per mutation:');
	for (const [k, v] of [...pushStatuses].sort(([a], [b]) => a.localeCompare(b)))
		console.log(`  ${k.padEnd(58)} ${v}`);
	if (violations.length > 0) {
		mkdirSync(path.join(root, 'test-results'), { recursive: true });
		const file = path.join(root, 'test-results', 'fuzz-violations.json');
		writeFileSync(
			file,
			JSON.stringify(
				{ seed: SEED, violations, serverLog: serverLog.join('').slice(-20000) },
				null,
				2
			)
		);
		console.error(
			`\nfuzz: ${violations.length} violations (details in ${file}); replay with FUZZ_SEED=${SEED}`
		);
	} else
		console.log(
			'fuzz: no violations: every answer 2xx/4xx in the documented shape, nothing invalid stored'
		);
}
