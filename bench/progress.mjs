// Dashboard speed with years of history: five target years of a 13-unit commune (about 100,000
// meetings, documents and procedure months) written into the app's own IndexedDB, then
// (a) a plain indexed read of one year's rows and (b) the dashboard's load + computation for that
// year, as the page itself measures it (performance.measure 'dashboard-compute'). Prints figures
// and their ratio; never fails on timing.
import { chromium } from '@playwright/test';
import { chromiumOptions, startServer } from './serve.mjs';

const YEAR = 2026;
const AS_OF = '2026-12-20';
const RUNS = 3;

/** Runs in the page: fills the database the app has already created (its tables and indexes). */
async function seed({ years, unitCount, meetingsPerUnitYear, documentsPerUnitYear }) {
	const db = await new Promise((resolve, reject) => {
		const req = indexedDB.open('so-hop-534');
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	let seed = 42;
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
	const meetings = [];
	const documents = [];
	const procedures = [];
	const plans = [];
	let n = 0;
	for (const year of years) {
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
					id: `bench-m-${++n}`,
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
					id: `bench-d-${++n}`,
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
				const total = 50 + Math.floor(rand() * 100);
				procedures.push({
					id: `${u.code}:${year}-${pad(m)}`,
					unitCode: u.code,
					month: `${year}-${pad(m)}`,
					total,
					digital: total - Math.floor(rand() * 6),
					digitized: total - Math.floor(rand() * 8),
					...meta
				});
			}
		}
	}
	const stores = { units, plans, meetings, documents, procedures };
	await new Promise((resolve, reject) => {
		const tx = db.transaction(Object.keys(stores), 'readwrite');
		for (const [name, rows] of Object.entries(stores)) {
			const store = tx.objectStore(name);
			if (name === 'units') store.clear();
			for (const r of rows) store.put(r);
		}
		tx.oncomplete = resolve;
		tx.onerror = () => reject(tx.error);
	});
	db.close();
	return { meetings: meetings.length, documents: documents.length, procedures: procedures.length };
}

/** Runs in the page: one target year's rows by index, as plainly as IndexedDB allows. */
async function plainRead({ start, end }) {
	const db = await new Promise((resolve, reject) => {
		const req = indexedDB.open('so-hop-534');
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	const t0 = performance.now();
	const tx = db.transaction(['units', 'plans', 'meetings', 'documents', 'procedures'], 'readonly');
	const get = (req) =>
		new Promise((resolve, reject) => {
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
	const range = IDBKeyRange.bound(start, end);
	const year = Number(end.slice(0, 4));
	const rows = await Promise.all([
		get(tx.objectStore('units').getAll()),
		get(tx.objectStore('plans').index('year').getAll(year)),
		get(tx.objectStore('meetings').index('date').getAll(range)),
		get(tx.objectStore('documents').index('issuedOn').getAll(range)),
		get(
			tx
				.objectStore('procedures')
				.index('month')
				.getAll(IDBKeyRange.bound(start.slice(0, 7), end.slice(0, 7)))
		)
	]);
	const ms = performance.now() - t0;
	db.close();
	return { ms, rows: rows.reduce((s, r) => s + r.length, 0) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchProgress() {
	const server = await startServer(4392);
	const browser = await chromium.launch(chromiumOptions);
	try {
		const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
		// The app opens (and so creates) its database on the first screen.
		await page.goto(`${server.url}/meetings`);
		await page.getByRole('heading', { level: 1 }).waitFor();
		await page.waitForFunction(async () => {
			const dbs = await indexedDB.databases();
			return dbs.some((d) => d.name === 'so-hop-534');
		});
		const t0 = Date.now();
		const counts = await page.evaluate(seed, {
			years: [2022, 2023, 2024, 2025, 2026],
			unitCount: 13,
			meetingsPerUnitYear: 300,
			documentsPerUnitYear: 1220
		});
		const total = counts.meetings + counts.documents + counts.procedures;
		const seedMs = Date.now() - t0;

		const reads = [];
		let rows = 0;
		for (let i = 0; i < RUNS; i++) {
			const r = await page.evaluate(plainRead, {
				start: `${YEAR - 1}-12-15`,
				end: `${YEAR}-12-14`
			});
			reads.push(r.ms);
			rows = r.rows;
		}
		const computes = [];
		const toReady = [];
		for (let i = 0; i < RUNS; i++) {
			await page.goto(`${server.url}/dashboard?period=annual&year=${YEAR}&asOf=${AS_OF}`);
			await page.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
			const m = await page.evaluate(() => {
				const e = performance.getEntriesByName('dashboard-compute')[0];
				return e ? { duration: e.duration, end: e.startTime + e.duration } : null;
			});
			if (m) {
				computes.push(m.duration);
				toReady.push(m.end);
			}
		}
		const read = median(reads);
		const compute = computes.length ? median(computes) : NaN;
		console.log('## Progress dashboard (five years, 13 units)');
		console.log(
			`records stored          ${total} (${counts.meetings} meetings, ${counts.documents} documents, ${counts.procedures} procedure months; seeded in ${seedMs} ms)`
		);
		console.log(`one year's rows         ${rows}`);
		console.log(`(a) plain indexed read  ${read.toFixed(1)} ms (median of ${RUNS})`);
		console.log(
			`(b) dashboard load+compute ${compute.toFixed(1)} ms (median of ${computes.length}; target < 200 ms)`
		);
		console.log(
			`    navigation to ready ${toReady.length ? median(toReady).toFixed(1) : 'n/a'} ms`
		);
		console.log(`ratio (b)/(a)           ${(compute / read).toFixed(2)} (aim <= 1.5)`);
	} finally {
		await browser.close();
		server.stop();
	}
}
