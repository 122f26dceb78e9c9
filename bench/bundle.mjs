// Performance budget: JS + CSS the first screen (/meetings) loads, gzipped, and the precache size.
import { chromium } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { chromiumOptions, startServer } from './serve.mjs';

const BUDGET_KB = 100;

export async function benchBundle() {
	const server = await startServer(4391);
	const browser = await chromium.launch(chromiumOptions);
	try {
		const page = await browser.newPage();
		// Requests started before the first screen has rendered (its heading is in the DOM) are the
		// first screen's cost; what the app loads lazily afterwards (the sync machinery) is apart.
		await page.addInitScript(() => {
			new MutationObserver((_, obs) => {
				if (document.querySelector('main h1')) {
					window.__firstScreenAt = performance.now();
					obs.disconnect();
				}
			}).observe(document, { subtree: true, childList: true });
		});
		const bodies = new Map();
		page.on('response', async (res) => {
			const url = new URL(res.url());
			if (!/\.(js|css)$/.test(url.pathname)) return;
			try {
				bodies.set(url.pathname, await res.body());
			} catch {
				/* body gone (redirect) */
			}
		});
		await page.goto(`${server.url}/meetings`);
		await page.getByRole('heading', { level: 1 }).waitFor();
		await page.waitForLoadState('networkidle');
		const requested = new Map(
			await page.evaluate(() =>
				performance
					.getEntriesByType('resource')
					.map((e) => [
						new URL(e.name).pathname,
						e.startTime < window.__firstScreenAt ? 'first' : 'after'
					])
			)
		);
		const sizes = { first: { n: 0, raw: 0, gz: 0 }, after: { n: 0, raw: 0, gz: 0 } };
		let chartLoaded = false;
		for (const [pathname, when] of requested) {
			// The service worker and its Workbox runtime are not part of the screen.
			if (pathname === '/sw.js' || pathname.includes('workbox-')) continue;
			const body = bodies.get(pathname);
			if (!body) continue;
			const s = sizes[when];
			s.n += 1;
			s.raw += body.length;
			s.gz += gzipSync(body, { level: 9 }).length;
			if (body.includes('chartjs') || body.includes('Chart.js v')) chartLoaded = true;
		}
		const { raw, gz } = sizes.first;
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
		console.log('## Bundle budget (first screen: /meetings)');
		console.log(`files loaded            ${sizes.first.n}`);
		console.log(`JS + CSS raw            ${(raw / 1024).toFixed(1)} KB`);
		console.log(
			`JS + CSS gzipped        ${(gz / 1024).toFixed(1)} KB (budget ${BUDGET_KB} KB, ratio ${(gz / 1024 / BUDGET_KB).toFixed(2)})`
		);
		console.log(
			`loaded after render     ${sizes.after.n} files, ${(sizes.after.gz / 1024).toFixed(1)} KB gzipped (lazy: sync client)`
		);
		console.log(`chart.js loaded        ${chartLoaded ? 'YES (over budget)' : 'no'}`);
		console.log(
			`precache                ${urls.length} entries, ${(precache / 1024).toFixed(1)} KB`
		);
	} finally {
		await browser.close();
		server.stop();
	}
}
