// Starts the production server (node build) on a free loopback port with its own DATA_DIR.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A free loopback port (several engineers run benches on one machine). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/**
 * CPU time (ms) a process has run so far, all its threads (Linux /proc schedstat: ns on a CPU);
 * null where /proc is not there. Unlike wall time it hardly moves with the machine's load.
 */
export function cpuMs(pid) {
	try {
		let ns = 0;
		for (const t of readdirSync(`/proc/${pid}/task`))
			ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
		return ns / 1e6;
	} catch {
		return null;
	}
}

/**
 * `build`: the adapter-node output to serve (another build, to compare with, in the same run);
 * BENCH_BUILD sets it for a whole bench.
 */
export async function startServer(
	port = 4390,
	build = process.env.BENCH_BUILD ?? 'build',
	env = {}
) {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'so-hop-bench-'));
	// BENCH_SERVER_ARGS: node flags for the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
	const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(process.execPath, [...nodeArgs, build], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			ADMIN_PASSWORD: 'bench-password',
			// One account pushes for 200 devices here: the per-account write budget is off.
			WRITE_PER_MINUTE: '0',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	// The database goes with the process: when it exits, or when the bench does (a bench that
	// does not wait for stop()). Without this every run left its DATA_DIR in the temp directory.
	const removeData = () => rmSync(dataDir, { recursive: true, force: true });
	child.once('exit', removeData);
	process.once('exit', removeData);
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			const r = await fetch(`${url}/manifest.webmanifest`);
			if (r.ok) {
				// Resolves when the server has exited (before its database goes away, say). On
				// PostgreSQL its open connections keep it alive after SIGTERM: SIGKILL after 5 s.
				const exited = new Promise((resolve) => child.once('exit', resolve));
				const stop = () => {
					child.kill();
					const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
					return exited.then(() => clearTimeout(kill));
				};
				return { url, pid: child.pid, stop };
			}
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill();
	throw new Error('server did not start');
}

/**
 * PostgreSQL for a bench: BENCH_DATABASE_URL, else a throwaway cluster (scripts/pg-cluster.sh);
 * `stop()` stops the cluster (nothing for a given URL).
 */
export function startPgCluster() {
	const given = process.env.BENCH_DATABASE_URL;
	if (given) return { url: given, stop: () => {} };
	const out = execFileSync('bash', ['scripts/pg-cluster.sh', 'start'], { encoding: 'utf8' });
	const value = (k) =>
		out
			.split('\n')
			.find((l) => l.startsWith(`${k}=`))
			.slice(k.length + 1);
	const dir = value('PGCLUSTER_DIR');
	return {
		url: value('DATABASE_URL'),
		stop: () => execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', dir])
	};
}

/** The bench admin's bearer token (the server above starts with ADMIN_PASSWORD bench-password). */
export async function signIn(url) {
	const login = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: 'admin', password: 'bench-password' })
	});
	return (await login.json()).token;
}

/**
 * The browser of the benches: Debian's Chromium headless shell, as in the e2e suite
 * (tests/e2e/browser.ts; `E2E_CHROMIUM_PATH` overrides it). The full browser opened its window's
 * WebUI with every new context, about 2 s of CPU each, in benches that open a context per load
 * (docs/PERFORMANCE.md, round seventeen). bench/lighthouse.mjs keeps the full browser.
 */
export const chromiumOptions = {
	executablePath: process.env.E2E_CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking'
	]
};
