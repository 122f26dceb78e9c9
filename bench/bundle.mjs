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
		const assets = new Map();
		page.on('response', async (res) => {
			const url = new URL(res.url());
			if (!/\.(js|css)$/.test(url.pathname)) return;
			try {
				assets.set(url.pathname, await res.body());
			} catch {
				/* body gone (redirect) */
			}
		});
		await page.goto(`${server.url}/meetings`, { waitUntil: 'networkidle' });
		await page.getByRole('heading', { level: 1 }).waitFor();
		// The service worker script itself is not part of the screen.
		assets.delete('/sw.js');
		for (const k of [...assets.keys()]) if (k.includes('workbox-')) assets.delete(k);
		let raw = 0;
		let gz = 0;
		let chartLoaded = false;
		for (const [, body] of assets) {
			raw += body.length;
			gz += gzipSync(body, { level: 9 }).length;
			if (body.includes('chartjs') || body.includes('Chart.js v')) chartLoaded = true;
		}
		const swText = readFileSync('build/client/sw.js', 'utf8');
		const urls = [...swText.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
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
		console.log(`files loaded            ${assets.size}`);
		console.log(`JS + CSS raw            ${(raw / 1024).toFixed(1)} KB`);
		console.log(
			`JS + CSS gzipped        ${(gz / 1024).toFixed(1)} KB (budget ${BUDGET_KB} KB, ratio ${(gz / 1024 / BUDGET_KB).toFixed(2)})`
		);
		console.log(`chart.js in first screen ${chartLoaded ? 'YES (over budget)' : 'no'}`);
		console.log(
			`precache                ${urls.length} entries, ${(precache / 1024).toFixed(1)} KB`
		);
	} finally {
		await browser.close();
		server.stop();
	}
}
