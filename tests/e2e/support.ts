import {
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';
import axe from 'axe-core';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';

/**
 * Open the app at `path` and wait until its screen is up: where the context allows service workers
 * (the specs about the offline shell, `test.use({ serviceWorkers: 'allow' })`), until the service
 * worker controls the page (the shell is precached; elsewhere registration is blocked,
 * playwright.config.ts); then until the screen shows its heading and nothing on it is loading
 * (`aria-busy`: a list's "Đang tải…", a form whose draft or stored values are not read yet).
 */
export async function openApp(page: Page, path = '/'): Promise<void> {
	await page.goto(path);
	// Playwright blocks registration by replacing `register` with a script of its own.
	const swAllowed = await page.evaluate(() =>
		/\[native code\]/.test(ServiceWorkerContainer.prototype.register.toString())
	);
	if (swAllowed) {
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
			timeout: 30_000
		});
	}
	await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
	await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Go to `path` and wait until its screen has read its data (`data-ready="true"`: /dashboard,
 * /reports).
 */
export async function openReady(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.locator('[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
}

export async function goOffline(context: BrowserContext): Promise<void> {
	await context.setOffline(true);
}

/**
 * Client-side navigation through the app's own links, as a user would: the bottom bar, or its
 * "More" page for the destinations that are not on the bar.
 */
export async function navTo(page: Page, name: RegExp | string): Promise<void> {
	const bar = page.getByRole('navigation', { name: /Điều hướng chính|Main navigation/ });
	const direct = bar.getByRole('link', { name, exact: typeof name === 'string' });
	if ((await direct.count()) > 0) {
		await direct.click();
		return;
	}
	await bar.getByRole('link', { name: /^(Khác|More)$/ }).click();
	await page
		.getByRole('navigation', { name: /Các mục khác|Other sections/ })
		.getByRole('link', { name, exact: typeof name === 'string' })
		.click();
}

/** Nothing scrolls sideways: the page is no wider than the screen (once the layout settles). */
/**
 * Answers the page's next dialog (confirm, alert) with `answer` and returns the list its message
 * goes into, for `expect.poll` (Playwright dismisses a dialog no test answers).
 */
export function answerNextDialog(page: Page, answer: 'accept' | 'dismiss'): string[] {
	const asked: string[] = [];
	page.once('dialog', (d) => {
		asked.push(d.message());
		void (answer === 'accept' ? d.accept() : d.dismiss());
	});
	return asked;
}

export async function expectNoSidewaysScroll(page: Page): Promise<void> {
	await expect
		.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
		.toBeLessThanOrEqual(0);
}

/**
 * axe-core finds no violation on the page as it is now (every rule axe-core enables by default;
 * the page has no frames). axe-core's own API, run in the page: its 600 KB source is evaluated
 * once per document and kept for the next check of the same document. @axe-core/playwright
 * evaluated it twice a check and finished each run in a new blank page, about 2.2 s a check
 * against 0.6 s here, a third of some specs' time (docs/TESTING.md).
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const loaded = await page.evaluate(() => 'axe' in window);
	if (!loaded) await page.evaluate(axe.source);
	const summary = await page.evaluate(async () => {
		const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
		return results.violations.map(
			(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		);
	});
	expect(summary).toEqual([]);
}

/**
 * The element is on screen, wholly above the fixed bottom bar, and nothing covers its centre (a tap
 * there reaches it). Looks without scrolling: what the user sees after the app's own scroll.
 */
export async function expectClearOfBottomBar(page: Page, target: Locator): Promise<void> {
	await expect
		.poll(async () => {
			const bar = await page.getByTestId('bottom-nav').boundingBox();
			const box = await target.boundingBox();
			if (!bar || !box) return 'not shown';
			if (box.y < 0) return `top ${box.y} above the screen`;
			if (box.y + box.height > bar.y)
				return `bottom ${box.y + box.height} under the bar at ${bar.y}`;
			const hit = await target.evaluate((el) => {
				const r = el.getBoundingClientRect();
				return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
			});
			return hit ? 'clear' : 'covered';
		})
		.toBe('clear');
}

export interface SittingInput {
	date: string;
	start: string;
	end: string;
}

/** Fill the meeting form (on /meetings/new or edit). */
export async function fillMeeting(
	page: Page,
	m: { title: string; unit?: string; category?: string; format?: string; sittings: SittingInput[] }
): Promise<void> {
	await page.getByLabel('Tên cuộc họp').fill(m.title);
	if (m.unit) await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: m.unit });
	// The form has no default category: the test chooses one, as a user must.
	await page
		.getByLabel('Loại', { exact: true })
		.selectOption({ label: m.category ?? 'Hội nghị chuyên môn' });
	if (m.format) await page.getByLabel('Hình thức').selectOption({ label: m.format });
	for (let i = 0; i < m.sittings.length; i++) {
		if (i > 0) await page.getByRole('button', { name: 'Thêm phiên' }).click();
		const group = page.getByRole('group', { name: `Phiên ${i + 1}` });
		const s = m.sittings[i]!;
		await group.getByLabel('Ngày').fill(s.date);
		await group.getByLabel('Bắt đầu').fill(s.start);
		await group.getByLabel('Kết thúc').fill(s.end);
	}
}

/**
 * Record a meeting of one sitting through the form (/meetings/new) and wait for its page. The
 * office's unit on 20/11/2026, 08:00-10:00, held, unless told otherwise (`end` '': a sitting
 * without an end; `status`: the label, e.g. 'Dự kiến').
 */
export async function recordMeeting(
	page: Page,
	title: string,
	m: {
		unit?: string;
		date?: string;
		start?: string;
		end?: string;
		category?: string;
		format?: string;
		status?: string;
	} = {}
): Promise<void> {
	await page.goto('/meetings/new');
	await fillMeeting(page, {
		title,
		unit: m.unit ?? 'Văn phòng HĐND và UBND xã',
		category: m.category,
		format: m.format,
		sittings: [{ date: m.date ?? '2026-11-20', start: m.start ?? '08:00', end: m.end ?? '10:00' }]
	});
	if (m.status) await page.getByLabel('Trạng thái').selectOption({ label: m.status });
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

/**
 * A new phone as it comes out of the box: none of the default test phone's device state (its "my
 * unit" and the first run already done, see playwright.config.ts), 360 x 640, Vietnamese.
 */
export async function freshPhone(
	browser: Browser,
	baseURL: string,
	options: { userAgent?: string; serviceWorkers?: 'allow' | 'block' } = {}
): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL,
		viewport: { width: 360, height: 640 },
		hasTouch: true,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		storageState: { cookies: [], origins: [] },
		...options
	});
	return ctx.newPage();
}

/**
 * Every row of the IndexedDB store `store` of the app's database on this device, read behind the
 * app's back; refused when the page has no app database yet.
 */
export function rowsOnDevice<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(store) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('so-hop-534');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains(store)) {
						db.close();
						reject(new Error(`no store ${store} on this page`));
						return;
					}
					const all = db.transaction(store).objectStore(store).getAll();
					all.onsuccess = () => {
						db.close();
						resolve(all.result as T[]);
					};
					all.onerror = () => reject(all.error);
				};
			}),
		store
	);
}

/**
 * The drafts forms keep on this device (IndexedDB `drafts`, db/drafts.ts), by key: poll it to know
 * a draft is written (shortly after typing stops) or gone.
 */
export async function draftsOnDevice(page: Page): Promise<Record<string, unknown>> {
	const rows = await rowsOnDevice<{ key: string; value: unknown }>(page, 'drafts');
	return Object.fromEntries(rows.map((d) => [d.key, d.value]));
}

/**
 * Put `row` into the IndexedDB store `store` on this device behind the app's back (a draft typed
 * earlier, settings an older app wrote); resolves once the write is committed.
 */
export function putOnDevice(page: Page, store: string, row: unknown): Promise<void> {
	return page.evaluate(
		({ store, row }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('so-hop-534');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(store, 'readwrite');
					tx.objectStore(store).put(row);
					tx.oncomplete = () => (db.close(), resolve());
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ store, row }
	);
}

/** Keys the page reads from IndexedDB `drafts` from its start (an init script), in order. */
export async function recordDraftReads(page: Page): Promise<() => Promise<unknown[]>> {
	await page.addInitScript(() => {
		const w = window as unknown as { __draftReads: unknown[] };
		w.__draftReads = [];
		const get = IDBObjectStore.prototype.get;
		IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
			if (this.name === 'drafts') w.__draftReads.push(key);
			return get.call(this, key);
		};
	});
	return () => page.evaluate(() => (window as unknown as { __draftReads: unknown[] }).__draftReads);
}

/**
 * From now on the page's IndexedDB refuses writes to `stores` with a DOMException `name` (what a
 * full or failing storage does). `only`: only on a page whose address contains it (an init script:
 * the page that opens there is broken from its start).
 */
export function refuseWrites({
	stores,
	name,
	only
}: {
	stores: string[];
	name: string;
	only?: string;
}) {
	if (only !== undefined && !location.href.includes(only)) return;
	const w = window as unknown as { __restoreIdb?: () => void };
	const originals = (['add', 'put'] as const).map((m) => {
		const orig = IDBObjectStore.prototype[m];
		IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...a: unknown[]) {
			if (stores.includes(this.name)) throw new DOMException('Write refused.', name);
			return (orig as (...x: unknown[]) => IDBRequest).apply(this, a);
		} as never;
		return [m, orig] as const;
	});
	w.__restoreIdb = () => {
		for (const [m, orig] of originals) IDBObjectStore.prototype[m] = orig as never;
	};
}
/** From now on, writes to these stores throw `name` (QuotaExceededError: storage full). */
export async function breakWrites(page: Page, stores: string[], name: string): Promise<void> {
	await page.evaluate(refuseWrites, { stores, name });
}
/** Writes work again (after `breakWrites`). */
export const mendWrites = (page: Page) =>
	page.evaluate(() => (window as unknown as { __restoreIdb: () => void }).__restoreIdb());

/** A month's figures on /procedures, each typed only when given (the unit: its label). */
export interface ProcedureFigures {
	unit?: string;
	month: string;
	total?: string;
	digital?: string;
	digitized?: string;
}

/** Type a month's figures into the /procedures form, in its order; nothing is saved. */
export async function fillProcedures(page: Page, f: ProcedureFigures): Promise<void> {
	if (f.unit !== undefined) await page.getByLabel('Đơn vị').selectOption({ label: f.unit });
	await page.getByLabel('Tháng báo cáo', { exact: true }).fill(f.month);
	if (f.total !== undefined) await page.getByLabel('Tổng số hồ sơ').fill(f.total);
	if (f.digital !== undefined)
		await page.getByLabel('Xử lý trên môi trường điện tử').fill(f.digital);
	if (f.digitized !== undefined) await page.getByLabel('Được số hóa').fill(f.digitized);
}

/**
 * The commune's plan of `year` on /settings (a group "Kế hoạch thực hiện năm 2026"): added through
 * "Thêm Kế hoạch thực hiện năm" when the form has none for that year yet. Looked for once the form
 * shows the stored settings (before, it lists no plan).
 */
export async function settingsPlan(page: Page, year: number): Promise<Locator> {
	await expect(page.getByRole('form', { name: 'Thông tin chung' })).toHaveAttribute(
		'aria-busy',
		'false'
	);
	const group = page.getByRole('group', { name: `Kế hoạch thực hiện năm ${year}` });
	if ((await group.count()) === 0) {
		await page.getByLabel('Thêm Kế hoạch thực hiện năm').selectOption(String(year));
		await page.getByRole('button', { name: 'Thêm', exact: true }).click();
	}
	await expect(group).toBeVisible();
	return group;
}

/** Press "Lưu" on /settings and wait until it says the settings are saved on the phone. */
export async function saveSettings(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu trên máy' })).toBeVisible();
}

/**
 * Press the button named `name` (exactly), wait for the Excel file it downloads and read it: its
 * suggested name, its parts (unzipped) and its first sheet's XML.
 */
export async function downloadXlsx(
	page: Page,
	name: string
): Promise<{ file: string; parts: Record<string, Uint8Array>; sheet: string }> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name, exact: true }).click();
	const got = await download;
	const parts = unzipSync(new Uint8Array(readFileSync((await got.path())!)));
	const sheet = parts['xl/worksheets/sheet1.xml'];
	expect(sheet, 'the workbook has a first sheet').toBeDefined();
	return { file: got.suggestedFilename(), parts, sheet: strFromU8(sheet!) };
}

const XML_ENTITIES: Record<string, string> = {
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&apos;': "'"
};

/**
 * A sheet's rows below its header row, each by the header's words: `{ 'Đơn vị': 'Toàn xã', … }`.
 * A cell reads as a spreadsheet shows it: a number's value, a text's words (our files write texts
 * inline, xlsx.ts); a row leaves out the columns it has no cell in.
 */
export function sheetTable(sheet: string): Record<string, string>[] {
	const rows = [...sheet.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map(
		(row) =>
			new Map(
				[...row[1]!.matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => [
					c[1]!,
					(c[2] ?? '').replace(/<[^>]+>/g, '').replace(/&[a-z]+;/g, (e) => XML_ENTITIES[e] ?? e)
				])
			)
	);
	const [header, ...body] = rows;
	expect(header, 'the sheet has a header row').toBeDefined();
	return body.map((row) =>
		Object.fromEntries(
			[...header!].flatMap(([col, title]) => (row.has(col) ? [[title, row.get(col)!]] : []))
		)
	);
}

/**
 * From now on a write to one of `stores` is held open: its transaction keeps reading (a count,
 * again and again) until `releaseWrites`, so it never commits and the app's save stays "writing"
 * as on a slow phone. Each held write counts in `writesHeld`; the other writes go as usual and
 * are listed by `writesMade` (store and value). Read nothing of the database from the test while
 * a write is held (`draftsOnDevice` was seen to wait until the end).
 */
export async function holdWrites(page: Page, stores: string[]): Promise<void> {
	await page.evaluate((stores) => {
		const w = window as unknown as {
			__held: number;
			__made: { store: string; value: unknown }[];
			__releaseWrites: () => void;
		};
		let released = false;
		w.__held = 0;
		w.__made = [];
		const originals = (['add', 'put'] as const).map((m) => {
			const orig = IDBObjectStore.prototype[m];
			IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...a: unknown[]) {
				const req = (orig as (...x: unknown[]) => IDBRequest).apply(this, a);
				if (stores.includes(this.name) && !released) {
					w.__held++;
					const spin = (store: IDBObjectStore) => {
						if (!released) store.count().onsuccess = () => spin(store);
					};
					spin(this);
				} else w.__made.push({ store: this.name, value: a[0] });
				return req;
			} as never;
			return [m, orig] as const;
		});
		w.__releaseWrites = () => {
			released = true;
			for (const [m, orig] of originals) IDBObjectStore.prototype[m] = orig as never;
		};
	}, stores);
}
/**
 * Every read of the app's store `store` waits from now until the returned release: another tab of
 * the same browser opens a write on that store and keeps it open (reading, as `holdWrites` does),
 * and IndexedDB runs no read of a store before an earlier write on it ends. A screen opened
 * meanwhile is on screen while its data is not read yet, as on a slow phone (Dexie loads after
 * the first paint): a form's draft (`drafts`), the settings (`settings`). Nothing else of the
 * database waits.
 */
export async function holdReads(page: Page, store: string): Promise<() => Promise<void>> {
	const other = await page.context().newPage();
	await other.goto('/favicon.svg');
	await other.evaluate(
		(name) =>
			new Promise<void>((resolve, reject) => {
				const w = window as unknown as { __released: boolean };
				w.__released = false;
				const open = indexedDB.open('so-hop-534');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const store = db.transaction(name, 'readwrite').objectStore(name);
					const spin = () => {
						if (!w.__released) store.count().onsuccess = spin;
					};
					spin();
					db.close();
					resolve();
				};
			}),
		store
	);
	return async () => {
		await other.evaluate(() => ((window as unknown as { __released: boolean }).__released = true));
		await other.close();
	};
}
/** How many writes `holdWrites` holds (or held) open. */
export const writesHeld = (page: Page): Promise<number> =>
	page.evaluate(() => (window as unknown as { __held: number }).__held);
/** The writes made (not held) since `holdWrites`, in order. */
export const writesMade = (page: Page): Promise<{ store: string; value: unknown }[]> =>
	page.evaluate(
		() => (window as unknown as { __made: { store: string; value: unknown }[] }).__made
	);
/** The held writes commit; writes are no longer held. */
export const releaseWrites = (page: Page): Promise<void> =>
	page.evaluate(() => (window as unknown as { __releaseWrites: () => void }).__releaseWrites());
