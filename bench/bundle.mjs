// First screen (issue 13, point 3): for a cold load of / and /meetings, the JS + CSS requested
// before the first heading is in the page (gzipped; budget 60 KB, guarded by
// tests/e2e/first-screen.spec.ts), what loads after it, and the time to the heading (and to the
// meetings list) on an emulated 3G link, alternated round by round with its baseline: the same
// cold load with JavaScript blocked (the HTML + CSS floor). Never fails on timing. BENCH_BUILDS
// compares builds instead (compareBuilds).
import { chromium } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import path from 'node:path';
import { chromiumOptions, freePort, startServer } from './serve.mjs';
import { describe, ROUNDS } from './stats.mjs';

const BUDGET_KB = 60;
/** Puppeteer's "Fast 3G" profile: 1.44 Mbit/s down, 675 kbit/s up, 562.5 ms latency. */
const LINK = {
	offline: false,
	latency: 562.5,
	downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
	uploadThroughput: (750 * 1024 * 0.9) / 8
};

const markHeading = () => {
	new MutationObserver((_, obs) => {
		if (document.querySelector('main h1')) {
			window.__headingAt = performance.now();
			obs.disconnect();
		}
	}).observe(document, { subtree: true, childList: true });
};

async function bytes(browser, url, route) {
	const page = await browser.newPage();
	await page.addInitScript(markHeading);
	const bodies = new Map();
	page.on('response', async (res) => {
		const u = new URL(res.url());
		if (!/\.(js|css)$/.test(u.pathname) || u.pathname === '/sw.js') return;
		try {
			bodies.set(u.pathname, await res.body());
		} catch {
			/* body gone (redirect) */
		}
	});
	await page.goto(url + route);
	await page.getByRole('heading', { level: 1 }).waitFor();
	await page.waitForLoadState('networkidle');
	const requested = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => [new URL(e.name).pathname, e.startTime < window.__headingAt])
	);
	const sizes = { first: { n: 0, gz: 0 }, after: { n: 0, gz: 0 } };
	for (const [pathname, first] of requested) {
		const body = bodies.get(pathname);
		if (!body) continue;
		const s = sizes[first ? 'first' : 'after'];
		s.n += 1;
		s.gz += gzipSync(body, { level: 9 }).length;
	}
	await page.close();
	return sizes;
}

/** One cold load on the emulated link: ms to the heading (and to the list on /meetings). */
async function timed(browser, url, route, blockJs, inUse = false) {
	const context = await browser.newContext();
	const page = await context.newPage();
	// A phone in use: past the first run (a new phone's / shows the first-run flow).
	if (inUse) await page.addInitScript(() => localStorage.setItem('so-hop-534.first-run', 'done'));
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', LINK);
	try {
		if (blockJs) {
			await page.route('**/*.js', (r) => r.abort());
			await page.goto(url + route, { waitUntil: 'load' });
			return await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
		}
		await page.addInitScript(markHeading);
		await page.goto(url + route);
		await page.locator('main h1').waitFor({ timeout: 120_000 });
		const heading = await page.evaluate(() => window.__headingAt);
		let list = null;
		if (route === '/meetings') {
			await page
				.getByText(/Chưa có cuộc họp nào|cuộc họp$/)
				.first()
				.waitFor({ timeout: 120_000 });
			list = await page.evaluate(() => performance.now());
		}
		return { heading, list };
	} finally {
		await context.close();
	}
}

/** ROUNDS cold loads of `route` with JS and without (the floor), in an order flipped every round. */
async function roundsOf(browser, url, route) {
	const heading = [];
	const list = [];
	const floor = [];
	const ratio = [];
	for (let round = 0; round < ROUNDS; round++) {
		let t;
		let f;
		if (round % 2 === 0) {
			t = await timed(browser, url, route, false);
			f = await timed(browser, url, route, true);
		} else {
			f = await timed(browser, url, route, true);
			t = await timed(browser, url, route, false);
		}
		heading.push(t.heading);
		if (t.list !== null) list.push(t.list);
		floor.push(f);
		ratio.push(t.heading / f);
	}
	return [route, { heading, list, floor, ratio }];
}

/**
 * BENCH_BUILDS=a,b (adapter-node outputs, e.g. `node_modules/.cache/build-main,build`): the time to
 * the heading on the emulated link for each build, alternated load by load (order flipped every
 * round), so a change is compared with its base in the same minutes: / on a new phone (the
 * first-run flow), / on a phone in use, /meetings.
 */
async function compareBuilds(builds) {
	const servers = [];
	for (const b of builds) servers.push(await startServer(await freePort(), b));
	const browser = await chromium.launch(chromiumOptions);
	const cases = [
		['/', false, '/ (new phone)'],
		['/', true, '/ (in use)'],
		['/meetings', false, '/meetings']
	];
	const times = cases.map(() => builds.map(() => []));
	try {
		console.log(
			`## Fast 3G, builds alternated (${ROUNDS} rounds, load ${loadavg()[0].toFixed(1)})`
		);
		for (let round = 0; round < ROUNDS; round++) {
			const order = builds.map((_, i) => i);
			if (round % 2) order.reverse();
			for (const [c, [route, inUse]] of cases.entries())
				for (const i of order)
					times[c][i].push((await timed(browser, servers[i].url, route, false, inUse)).heading);
		}
		for (const [c, [, , name]] of cases.entries()) {
			console.log(`${name}: heading shown`);
			for (const [i, b] of builds.entries())
				console.log(`  ${b.padEnd(36)} ${describe(times[c][i], 0, ' ms')}`);
		}
		console.log(`load average at the end ${loadavg()[0].toFixed(1)}`);
	} finally {
		await browser.close();
		for (const s of servers) s.stop();
	}
}

export async function benchBundle() {
	const builds = (process.env.BENCH_BUILDS ?? '').split(',').filter(Boolean);
	if (builds.length > 1) return compareBuilds(builds);
	const server = await startServer(await freePort());
	const browser = await chromium.launch(chromiumOptions);
	try {
		console.log(`## First screen (cold load), budget ${BUDGET_KB} KB gz`);
		for (const route of ['/', '/meetings']) {
			const s = await bytes(browser, server.url, route);
			console.log(
				`${route.padEnd(10)} before heading ${s.first.n} files, ${(s.first.gz / 1024).toFixed(1)} KB gz` +
					` (ratio to budget ${(s.first.gz / 1024 / BUDGET_KB).toFixed(2)}); after it ${s.after.n} files, ${(s.after.gz / 1024).toFixed(1)} KB gz`
			);
		}
		// The two screens' rounds run side by side (each its own context and emulated link): a load
		// on Fast 3G waits on the link most of its time, so two at once leave the machine's two
		// cores mostly idle still, and the bench takes half the time (docs/PERFORMANCE.md).
		const results = await Promise.all(
			['/', '/meetings'].map((route) => roundsOf(browser, server.url, route))
		);
		for (const [route, { heading, list, floor, ratio }] of results) {
			console.log(`${route} on emulated Fast 3G (562 ms latency, 1.44 Mbit/s), ${ROUNDS} rounds:`);
			console.log(`  heading shown              ${describe(heading, 0, ' ms')}`);
			if (list.length) console.log(`  list shown                 ${describe(list, 0, ' ms')}`);
			console.log(`  HTML + CSS floor (no JS)   ${describe(floor, 0, ' ms')}`);
			console.log(`  heading / floor            ${describe(ratio)}`);
		}
		const swText = readFileSync('build/client/sw.js', 'utf8');
		// injectManifest writes the precache list as JSON ("url":"…"); generateSW as url:"…".
		const urls = [...new Set([...swText.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1]))];
		let precache = 0;
		for (const u of urls) {
			for (const base of ['build/client', 'build/prerendered']) {
				try {
					precache += statSync(path.join(base, u === '/' ? 'index.html' : u)).size;
					break;
				} catch {
					/* try the next folder */
				}
			}
		}
		console.log(
			`precache                   ${urls.length} entries, ${(precache / 1024).toFixed(1)} KB`
		);
	} finally {
		await browser.close();
		server.stop();
	}
}
