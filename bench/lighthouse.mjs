// Lighthouse mobile performance (issue 13, point 3: ">= 95, target 100") of a cold load of / and
// /meetings served by `node build`, for two phones: a **new** one (empty storage: / shows the
// first-run screen) and one **in use** (first run done, "my unit" chosen: the daily case, the one
// tests/e2e/first-screen.spec.ts budgets). Lighthouse's default mobile run: simulated slow 4G
// (150 ms RTT, 1.6 Mbit/s) and a 4x CPU slowdown, so total blocking time counts every main-thread
// task of more than 12.5 ms after the first paint. Prints each run, then the median and spread of
// the score, TBT, LCP and FCP per route and phone, and the tasks that blocked (attributed to their
// script) in the median run. Never fails on timing. Needs `npm run build` first.
//
// Lighthouse is not a dependency of the app (12.2.3 pinned by /work/shared/toolchain.md; 13 wants
// Node 22): LIGHTHOUSE_CLI names its cli/index.js, else the npx cache is searched, else
// `npx --yes lighthouse@12.2.3` runs. LH_ROUNDS (default 5) runs per route and phone; LH_PHONES
// (`new,in-use`) and LH_ROUTES (`/,/meetings`) narrow the run. LH_BUILDS (`build` by default) names
// one or more adapter-node outputs, comma-separated (e.g. `build-main,build`): each is served on its
// own port and they alternate run by run, so a change is compared with its base in the same minutes.
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startServer } from './serve.mjs';
import { spread } from './stats.mjs';

const ROUNDS = Math.max(1, Number(process.env.LH_ROUNDS ?? 5));
const PHONES = (process.env.LH_PHONES ?? 'new,in-use').split(',');
const ROUTES = (process.env.LH_ROUTES ?? '/,/meetings').split(',');
const BUILDS = (process.env.LH_BUILDS ?? 'build').split(',');
const CHROME = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
/** What the e2e default phone has in localStorage (playwright.config.ts). */
const IN_USE = { 'so-hop-534.my-unit': 'VP', 'so-hop-534.first-run': 'done' };

function lighthouseCommand() {
	if (process.env.LIGHTHOUSE_CLI) return [process.execPath, process.env.LIGHTHOUSE_CLI];
	const npx = path.join(homedir(), '.npm', '_npx');
	for (const dir of existsSync(npx) ? readdirSync(npx) : []) {
		const pkg = path.join(npx, dir, 'node_modules', 'lighthouse', 'package.json');
		if (!existsSync(pkg)) continue;
		if (JSON.parse(readFileSync(pkg, 'utf8')).version !== '12.2.3') continue;
		return [process.execPath, path.join(path.dirname(pkg), 'cli', 'index.js')];
	}
	return ['npx', '--yes', 'lighthouse@12.2.3'];
}

/** A fresh Chromium with its own profile, reachable by Lighthouse on a DevTools port. */
async function launchChrome() {
	const profile = mkdtempSync(path.join(tmpdir(), 'so-hop-lh-'));
	const port = await freePort();
	const child = spawn(
		CHROME,
		[
			...CHROME_FLAGS,
			`--remote-debugging-port=${port}`,
			`--user-data-dir=${profile}`,
			'about:blank'
		],
		// Its own process group: stopping it ends its helper processes too.
		{ stdio: 'ignore', detached: true }
	);
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const exited = new Promise((r) => child.once('exit', r));
	return {
		port,
		async stop() {
			try {
				process.kill(-child.pid);
			} catch {
				/* already gone */
			}
			await exited;
			try {
				rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
			} catch {
				/* a helper still writing: the system's temporary folder keeps it */
			}
		}
	};
}

/** Writes the in-use phone's localStorage (on a static file of the origin: no app code runs). */
async function seed(port, url) {
	const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
	const page = await browser.contexts()[0].newPage();
	await page.goto(`${url}/manifest.webmanifest`);
	await page.evaluate((items) => {
		for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
	}, IN_USE);
	await page.close();
	await browser.close();
}

function run(cmd, url, phone, port) {
	const out = path.join(mkdtempSync(path.join(tmpdir(), 'so-hop-lh-out-')), 'report.json');
	const args = [
		...cmd.slice(1),
		url,
		`--port=${port}`,
		'--only-categories=performance',
		'--output=json',
		`--output-path=${out}`,
		'--quiet'
	];
	// The in-use phone keeps the storage seeded above (its profile is new, so nothing is cached).
	if (phone === 'in-use') args.push('--disable-storage-reset');
	// LH_SAVE=1: keep each run's report, trace and DevTools log (printed) to look into a task.
	if (process.env.LH_SAVE) args.push('--save-assets');
	execFileSync(cmd[0], args, { stdio: ['ignore', 'ignore', 'inherit'] });
	const report = JSON.parse(readFileSync(out, 'utf8'));
	if (process.env.LH_SAVE) console.log(`  saved: ${path.dirname(out)}`);
	else rmSync(path.dirname(out), { recursive: true, force: true });
	const a = report.audits;
	const num = (k) => a[k]?.numericValue ?? NaN;
	return {
		score: report.categories.performance.score * 100,
		tbt: num('total-blocking-time'),
		lcp: num('largest-contentful-paint'),
		fcp: num('first-contentful-paint'),
		si: num('speed-index'),
		cls: num('cumulative-layout-shift'),
		tasks: (a['long-tasks']?.details?.items ?? []).map((t) => ({
			url: t.url.replace(/^https?:\/\/[^/]+/, ''),
			ms: Math.round(t.duration),
			at: Math.round(t.startTime)
		}))
	};
}

const d0 = (x) => x.toFixed(0);
const line = (name, values, unit = '') => {
	const r = spread(values);
	return `  ${name.padEnd(6)} median ${d0(r.median)}${unit} (p25 ${d0(r.p25)}, p75 ${d0(r.p75)}; ${d0(r.min)}-${d0(r.max)})`;
};
const load = () =>
	loadavg()
		.map((x) => x.toFixed(2))
		.join(', ');

export async function benchLighthouse() {
	const cmd = lighthouseCommand();
	const servers = [];
	for (const build of BUILDS)
		servers.push({ build, ...(await startServer(await freePort(), build)) });
	const results = new Map();
	const loadBefore = load();
	try {
		console.log(
			`## Lighthouse mobile performance (12.2.3, simulated slow 4G, 4x CPU), ${ROUNDS} runs per route and phone`
		);
		console.log(`load average at start: ${loadBefore} (${process.env.HOSTNAME ?? 'this machine'})`);
		for (let round = 0; round < ROUNDS; round++) {
			for (const phone of PHONES) {
				// The routes alternate their order round by round.
				for (const route of round % 2 ? [...ROUTES].reverse() : ROUTES) {
					for (const server of round % 2 ? [...servers].reverse() : servers) {
						// A fresh browser per run. Lighthouse now and then fails to record a trace on a busy
						// machine (NO_NAVSTART): such a run is repeated in a new browser (twice at most).
						let r;
						for (let attempt = 1; !r; attempt++) {
							const chrome = await launchChrome();
							try {
								if (phone === 'in-use') await seed(chrome.port, server.url);
								r = run(cmd, server.url + route, phone, chrome.port);
							} catch (err) {
								if (attempt >= 3) throw err;
								console.log(`  (run failed, repeated: ${String(err.message).split('\n')[0]})`);
							} finally {
								await chrome.stop();
							}
						}
						const key = `${route} (${phone})${servers.length > 1 ? ` ${server.build}` : ''}`;
						if (!results.has(key)) results.set(key, []);
						results.get(key).push(r);
						console.log(
							`${key.padEnd(28)} round ${round + 1}: score ${d0(r.score)}, TBT ${d0(r.tbt)} ms, LCP ${d0(r.lcp)} ms, FCP ${d0(r.fcp)} ms, SI ${d0(r.si)} ms, CLS ${r.cls.toFixed(3)}`
						);
					}
				}
			}
		}
		console.log(`load average at end: ${load()}`);
		for (const [key, runs] of results) {
			console.log(`${key}:`);
			console.log(
				line(
					'score',
					runs.map((r) => r.score)
				)
			);
			console.log(
				line(
					'TBT',
					runs.map((r) => r.tbt),
					' ms'
				)
			);
			console.log(
				line(
					'LCP',
					runs.map((r) => r.lcp),
					' ms'
				)
			);
			console.log(
				line(
					'FCP',
					runs.map((r) => r.fcp),
					' ms'
				)
			);
			const median = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)];
			const blocking = median.tasks.filter((t) => t.ms > 50);
			console.log(
				`  long tasks of the median run (simulated ms @ start): ${blocking.map((t) => `${t.url || '?'} ${t.ms}@${t.at}`).join(', ') || 'none'}`
			);
		}
	} finally {
		for (const server of servers) server.stop();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	if (!existsSync('build/index.js')) {
		console.error('Run `npm run build` first.');
		process.exit(1);
	}
	await benchLighthouse();
}
