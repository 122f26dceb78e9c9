// Dashboard speed as years of data grow (issue 13): 1, 5 and 10 target years of a 13-unit commune
// (300 meetings, 1,220 documents and 12 procedure months per unit and year) in IndexedDB in
// Chromium. Each round runs, in an order flipped every round:
//   (a) the baseline: open the database and IDBIndex.getAll of one target year's rows (units, plans,
//       meetings, documents, procedure and incoming months), as plainly as IndexedDB allows;
//   (b) the dashboard's data path for that year from opening the database: the app's own
//       AppDatabase, loadYearFigures (aggregates + the raw half-month the as-of day cuts), the
//       annual report, two monthly series, the scorecard and the over-limit list.
// The code is the app's (src/lib), bundled alone by Vite (bench/dashboard/entry.mjs), so the bench
// needs no server. Prints the median and spread of (b)/(a); fails only if the figures from the
// aggregates differ from the figures over the raw records.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { chromiumOptions } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SIZES = (process.env.BENCH_YEARS ?? '1,5,10').split(',').map(Number);
const YEAR = 2026;
/** Mid-year "today": the as-of day cuts a half-month, as on any ordinary day. */
const AS_OF = '2026-06-20';
const ORIGIN = 'http://bench.local';

async function bundle() {
	const out = await build({
		configFile: false,
		logLevel: 'warn',
		root: ROOT,
		resolve: { alias: { $lib: path.join(ROOT, 'src/lib') } },
		build: {
			write: false,
			minify: true,
			lib: { entry: path.join(ROOT, 'bench/dashboard/entry.mjs'), formats: ['es'], fileName: 'b' },
			rollupOptions: { output: { codeSplitting: false } }
		}
	});
	const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
	const chunk = outputs.find((o) => o.type === 'chunk');
	if (!chunk) throw new Error('no bundle');
	return chunk.code;
}

/** Runs in the page: raw puts of `years` target years into the app's (empty) database. */
async function seed({ name, years, unitCount, meetingsPerUnitYear, documentsPerUnitYear }) {
	const db = await new Promise((resolve, reject) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	// The random stream; each year below starts its own.
	let seed = 0;
	const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const pick = (list) => list[Math.floor(rand() * list.length)];
	const pad = (n) => String(n).padStart(2, '0');
	const DAY = 86_400_000;
	const OFFSET = 7 * 3_600_000;
	const localDate = (ms) => {
		const d = new Date(ms + OFFSET);
		return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	};
	const now = Date.UTC(2026, 11, 20);
	const meta = { createdAt: now, updatedAt: now, deleted: false };
	const units = Array.from({ length: unitCount }, (_, i) => ({
		code: i < 5 ? ['VP', 'VHXH', 'KT', 'TTPVHCC', 'TTDV'][i] : `THON${pad(i - 4)}`,
		name: i < 5 ? `Phòng ${i + 1}` : `Thôn ${i - 4}`,
		kind: i < 5 ? 'department' : 'hamlet',
		archived: false,
		order: i,
		...meta
	}));
	const put = (stores) =>
		new Promise((resolve, reject) => {
			const tx = db.transaction(Object.keys(stores), 'readwrite');
			for (const [store, rows] of Object.entries(stores)) {
				const s = tx.objectStore(store);
				for (const r of rows) s.put(r);
			}
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
	await put({ units });
	let n = 0;
	let total = 0;
	for (const year of years) {
		// A stream of its own per year: a year's rows are the same in every database that holds it.
		seed = 42 + year;
		const meetings = [];
		const documents = [];
		const procedures = [];
		const plans = [];
		// Decree-09 target year: 15/12 of the year before .. 14/12.
		const start = Date.UTC(year - 1, 11, 15) - OFFSET;
		const span = Date.UTC(year, 11, 15) - OFFSET - start;
		for (const u of units) {
			plans.push({
				id: `${u.code}:${year}`,
				unitCode: u.code,
				year,
				baselineConferences: u.code === 'THON08' ? null : meetingsPerUnitYear,
				baselineDocuments: u.code === 'THON08' ? null : documentsPerUnitYear,
				plannedConferences: Math.floor(meetingsPerUnitYear * 0.85),
				...meta
			});
			for (let i = 0; i < meetingsPerUnitYear; i++) {
				const day = Math.floor(rand() * (span / DAY));
				const s = start + day * DAY + (1 + Math.floor(rand() * 8)) * 3_600_000;
				const minutes = 60 + Math.floor(rand() * 300);
				meetings.push({
					id: `bench-m-${year}-${++n}`,
					unitCode: u.code,
					title: `Hội nghị ${n}`,
					category: pick(['quan_triet', 'chuyen_mon', 'thao_luan', 'hop']),
					format: pick(['truc_tuyen', 'truc_tiep', 'ket_hop']),
					paperless: rand() < 0.6,
					status: rand() < 0.9 ? 'held' : 'cancelled',
					sittings: [{ start: s, end: s + minutes * 60_000 }],
					plannedMinutes: null,
					attendees: 20,
					chair: '',
					location: '',
					notes: '',
					agenda: [],
					date: localDate(s),
					...meta
				});
			}
			for (let i = 0; i < documentsPerUnitYear; i++) {
				const day = Math.floor(rand() * (span / DAY));
				documents.push({
					id: `bench-d-${year}-${++n}`,
					unitCode: u.code,
					number: `${i + 1}/UBND-${u.code}`,
					kind: pick(['qppl', 'ke_hoach', 'quyet_dinh', 'cong_van', 'bao_cao', 'thong_bao']),
					issuedOn: localDate(start + day * DAY + 8 * 3_600_000),
					electronic: rand() < 0.97,
					secret: rand() < 0.02,
					title: `Văn bản ${i + 1}`,
					...meta
				});
			}
			for (let m = 1; m <= 12; m++) {
				const t = 50 + Math.floor(rand() * 100);
				procedures.push({
					id: `${u.code}:${year}-${pad(m)}`,
					unitCode: u.code,
					month: `${year}-${pad(m)}`,
					total: t,
					digital: t - Math.floor(rand() * 6),
					digitized: t - Math.floor(rand() * 8),
					...meta
				});
			}
		}
		await put({ plans, meetings, documents, procedures });
		total += meetings.length + documents.length + procedures.length;
	}
	db.close();
	return total;
}

/** Runs in the page: open the database, then one target year's rows by index (the baseline). */
async function plainRead({ name, start, end }) {
	const t0 = performance.now();
	const db = await new Promise((resolve, reject) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	const stores = ['units', 'plans', 'meetings', 'documents', 'procedures', 'incoming'];
	const tx = db.transaction(stores, 'readonly');
	const get = (req) =>
		new Promise((resolve, reject) => {
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
	const range = IDBKeyRange.bound(start, end);
	const months = IDBKeyRange.bound(start.slice(0, 7), end.slice(0, 7));
	const rows = await Promise.all([
		get(tx.objectStore('units').getAll()),
		get(
			tx
				.objectStore('plans')
				.index('year')
				.getAll(Number(end.slice(0, 4)))
		),
		get(tx.objectStore('meetings').index('date').getAll(range)),
		get(tx.objectStore('documents').index('issuedOn').getAll(range)),
		get(tx.objectStore('procedures').index('month').getAll(months)),
		get(tx.objectStore('incoming').index('month').getAll(months))
	]);
	const ms = performance.now() - t0;
	db.close();
	return { ms, rows: rows.reduce((s, r) => s + r.length, 0) };
}

const quantile = (xs, q) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const f = (x, d = 2) => x.toFixed(d);

export async function benchDashboard() {
	const code = await bundle();
	const browser = await chromium.launch(chromiumOptions);
	let failed = false;
	try {
		const page = await browser.newPage();
		await page.route(`${ORIGIN}/**`, (route) => {
			const url = route.request().url();
			if (url.endsWith('/bench.js'))
				return route.fulfill({ contentType: 'text/javascript', body: code });
			return route.fulfill({
				contentType: 'text/html',
				body: '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>'
			});
		});
		await page.goto(`${ORIGIN}/`);
		await page.waitForFunction(() => window.bench !== undefined);
		console.log(
			`## Dashboard of one year as of ${AS_OF} (13 units; ${ROUNDS} rounds, order flipped each round)`
		);
		console.log(
			'years  records   year rows  seed s  rebuild ms  raw read ms  dashboard ms  ratio median (p25-p75; min-max)'
		);
		// One database, grown size by size (the 5-year one is the 1-year one and four more years,
		// and so on): the same target-year rows in each, and the seeding of the largest size
		// only once (docs/PERFORMANCE.md). `seed s` is the seeding time of all its years.
		const name = 'bench-years';
		await page.evaluate((n) => window.bench.create(n), name);
		let seeded = 0;
		let total = 0;
		let seedS = 0;
		for (const years of [...SIZES].sort((a, b) => a - b)) {
			const t0 = Date.now();
			total += await page.evaluate(seed, {
				name,
				years: Array.from({ length: years - seeded }, (_, i) => YEAR - years + 1 + i),
				unitCount: 13,
				meetingsPerUnitYear: 300,
				documentsPerUnitYear: 1220
			});
			seeded = years;
			seedS += (Date.now() - t0) / 1000;
			// The rows were written behind Dexie's back: recount them (the repair command).
			const rebuildMs = await page.evaluate((n) => window.bench.rebuild(n), name);
			const check = await page.evaluate(
				async ({ n, y, d }) => ({
					agg: await window.bench.dashboard(n, y, d),
					raw: await window.bench.fromRecords(n, y, d)
				}),
				{ n: name, y: YEAR, d: AS_OF }
			);
			if (check.agg.source !== 'aggregates' || check.agg.csv !== check.raw) {
				console.error(`${years} years: the figures from the aggregates differ from the records`);
				failed = true;
			}
			const reads = [];
			const dashboards = [];
			const ratios = [];
			let rows = 0;
			const arg = { name, start: `${YEAR - 1}-12-15`, end: `${YEAR}-12-14` };
			for (let r = -1; r < ROUNDS; r++) {
				const runRead = () => page.evaluate(plainRead, arg);
				const runDash = () =>
					page.evaluate(({ n, y, d }) => window.bench.dashboard(n, y, d), {
						n: name,
						y: YEAR,
						d: AS_OF
					});
				let read;
				let dash;
				if (r % 2 === 0) {
					read = await runRead();
					dash = await runDash();
				} else {
					dash = await runDash();
					read = await runRead();
				}
				if (r < 0) continue; // warm-up
				rows = read.rows;
				reads.push(read.ms);
				dashboards.push(dash.ms);
				ratios.push(dash.ms / read.ms);
			}
			console.log(
				[
					String(years).padStart(5),
					String(total).padStart(8),
					String(rows).padStart(11),
					f(seedS, 1).padStart(7),
					f(rebuildMs, 0).padStart(11),
					f(quantile(reads, 0.5), 1).padStart(12),
					f(quantile(dashboards, 0.5), 1).padStart(13),
					`  ${f(quantile(ratios, 0.5))}x (${f(quantile(ratios, 0.25))}-${f(quantile(ratios, 0.75))}; ${f(Math.min(...ratios))}-${f(Math.max(...ratios))})`
				].join(' ')
			);
		}
		await page.evaluate(
			(n) =>
				new Promise((resolve) => {
					const req = indexedDB.deleteDatabase(n);
					req.onsuccess = req.onerror = req.onblocked = () => resolve(undefined);
				}),
			name
		);
		console.log('goal: ratio <= 0.2x, and flat from 1 to 10 years');
	} finally {
		await browser.close();
	}
	if (failed) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
	await benchDashboard();
