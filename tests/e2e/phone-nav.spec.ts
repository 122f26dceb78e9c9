/**
 * Issue 12, points 6, 7, 8 and 12 at 360 x 640 (and 320 for the header), in Vietnamese and English:
 * the bottom bar and its "More" page, whole-card links and folded filters, lists of 5,000 records
 * shown in steps, a header that never widens the page, report tables as cards on a phone.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	fillMeeting,
	openApp,
	openReady
} from './support';

type Lang = 'vi' | 'en';
const LANGS: Lang[] = ['vi', 'en'];

const TEXT = {
	vi: {
		bar: ['Cuộc họp', 'Văn bản đi', 'Tiến độ', 'Báo cáo', 'Khác'],
		more: ['Thủ tục', 'Văn bản đến', 'Kế hoạch', 'Đơn vị', 'Nhập/Xuất', 'Cài đặt', 'Đăng nhập'],
		moreNav: 'Các mục khác',
		filters: 'Bộ lọc',
		filtersOne: 'Bộ lọc (đang dùng 1)',
		showing: (a: string, b: string) => `Đang hiện ${a}/${b}`,
		showMore: 'Xem thêm 100 bản ghi',
		unit: 'Đơn vị',
		offline: 'Mất mạng',
		lang: /^English/
	},
	en: {
		bar: ['Meetings', 'Outgoing', 'Progress', 'Reports', 'More'],
		more: ['Procedures', 'Incoming', 'Plans', 'Units', 'Import/Export', 'Settings', 'Sign in'],
		moreNav: 'Other sections',
		filters: 'Filters',
		filtersOne: 'Filters (1 in use)',
		showing: (a: string, b: string) => `Showing ${a} of ${b}`,
		showMore: 'Show 100 more',
		unit: 'Unit',
		offline: 'Offline',
		lang: /^Tiếng Việt/
	}
} as const;

/** The app in `lang` from the first paint (the choice the language switch stores). */
async function useLanguage(page: Page, lang: Lang): Promise<void> {
	await page.addInitScript((l) => localStorage.setItem('so-hop-534.lang', l), lang);
}

const mainNav = (page: Page): Locator =>
	page.getByRole('navigation', { name: /^(Điều hướng chính|Main navigation)$/ });

/** A tap on a list card's last line (its details, not its title link). */
async function tapCardBelowTitle(card: Locator): Promise<void> {
	const link = (await card.getByRole('link').boundingBox())!;
	const box = (await card.boundingBox())!;
	expect(box.y + box.height - 8).toBeGreaterThan(link.y + link.height);
	await card.click({ position: { x: box.width - 12, y: box.height - 8 } });
}

for (const lang of LANGS) {
	const tx = TEXT[lang];

	test(`bottom bar (${lang}): five 48 px destinations, the current one marked, "More" lists the rest, nothing hidden under it`, async ({
		page
	}, testInfo) => {
		await useLanguage(page, lang);
		await openApp(page, '/meetings');
		const bar = mainNav(page);
		const links = bar.getByRole('link');
		await expect(links).toHaveText(tx.bar);
		for (const link of await links.all()) {
			const box = (await link.boundingBox())!;
			expect(box.width).toBeGreaterThanOrEqual(48);
			expect(box.height).toBeGreaterThanOrEqual(48);
		}
		// Fixed to the bottom edge of the screen.
		const barBox = (await bar.boundingBox())!;
		expect(barBox.y + barBox.height).toBeCloseTo(640, 0);
		await expect(bar.getByRole('link', { name: tx.bar[0] })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(bar.locator('[aria-current]')).toHaveCount(1);

		// By keyboard: Enter on a focused destination opens it and moves the mark.
		await bar.getByRole('link', { name: tx.bar[2] }).focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/dashboard$/);
		await expect(bar.getByRole('link', { name: tx.bar[2] })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(bar.getByRole('link', { name: tx.bar[0] })).not.toHaveAttribute('aria-current');

		// "More" lists every other screen, and stays marked on the screens it leads to.
		await bar.getByRole('link', { name: tx.bar[4] }).click();
		await expect(page).toHaveURL(/\/more$/);
		const more = page.getByRole('navigation', { name: tx.moreNav });
		await expect(more.getByRole('link')).toHaveText(tx.more);
		// Each entry's tap target is its whole card.
		for (const item of await more.getByRole('listitem').all()) {
			expect((await item.boundingBox())!.height).toBeGreaterThanOrEqual(48);
		}
		await expect(bar.getByRole('link', { name: tx.bar[4] })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expectNoAxeViolations(page);
		// The README's picture of the bar (copied from test-results to docs/).
		await page.screenshot({ path: testInfo.outputPath(`bottom-bar-${lang}.png`) });
		// The whole card is the link's target: a tap on its description opens it.
		await tapCardBelowTitle(more.getByRole('listitem').filter({ hasText: tx.more[5] }));
		await expect(page).toHaveURL(/\/settings$/);
		await expect(bar.getByRole('link', { name: tx.bar[4] })).toHaveAttribute(
			'aria-current',
			'page'
		);

		// A long page scrolled to its end: its last line sits above the bar, not under it.
		await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		const lastBottom = await page.evaluate(() => {
			const main = document.getElementById('main')!;
			const last = main.lastElementChild!.getBoundingClientRect();
			return last.bottom;
		});
		const barTop = (await bar.boundingBox())!.y;
		expect(lastBottom).toBeLessThanOrEqual(barTop);
		await expectNoSidewaysScroll(page);
	});
}

test('every deep-linkable screen opens from its address, with the bar shown', async ({ page }) => {
	await openApp(page, '/');
	const paths = [
		'/meetings',
		'/meetings/new',
		'/documents',
		'/documents/new',
		'/procedures',
		'/incoming',
		'/units',
		'/plans',
		'/dashboard',
		'/reports',
		'/import',
		'/login',
		'/settings',
		'/users',
		'/more'
	];
	for (const path of paths) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
		await expect(mainNav(page).getByRole('link'), path).toHaveCount(5);
	}
});

for (const width of [320, 360]) {
	for (const lang of LANGS) {
		test(`header at ${width} px (${lang}): offline badge, sync badge and language switch fit without widening the page`, async ({
			page,
			context
		}) => {
			await useLanguage(page, lang);
			await page.setViewportSize({ width, height: 640 });
			await openApp(page, '/meetings');
			await context.setOffline(true);
			const header = page.getByRole('banner');
			const offline = header.getByText(TEXT[lang].offline, { exact: true });
			const sync = page.getByTestId('sync-badge');
			const switcher = header.getByRole('button', { name: TEXT[lang].lang });
			await expect(offline).toBeVisible();
			await expect(sync).toBeVisible();
			await expect(switcher).toBeVisible();
			await expectNoSidewaysScroll(page);
			for (const el of [offline, sync, switcher, header.getByRole('link').first()]) {
				const box = (await el.boundingBox())!;
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(width);
			}
			// Label in name (WCAG 2.5.3): the badge's accessible name starts with its visible words.
			const visible = await sync.evaluate((el) =>
				[...el.childNodes]
					.filter((n) => n.nodeType === Node.TEXT_NODE)
					.map((n) => n.textContent)
					.join('')
					.trim()
			);
			expect(visible.length).toBeGreaterThan(0);
			await expect(sync).toHaveAccessibleName(
				new RegExp(`^${visible.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
			);
			// The status panel opens inside the screen too.
			await sync.click();
			await expect(page.locator('#sync-panel')).toBeVisible();
			await expectNoSidewaysScroll(page);
			await expectNoAxeViolations(page);
			await context.setOffline(false);
		});
	}
}

// ---- Long lists --------------------------------------------------------------------------------

const at = (date: string, time: string): number => Date.parse(`${date}T${time}:00+07:00`);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `n` valid meetings before December 2026, newest first, and one invalid. */
function meetings(n: number): unknown[] {
	const rows: unknown[] = [];
	for (let i = 0; i < n; i++) {
		// One every 3 hours going back from 28/11/2026 20:00, so the list order is the index order.
		const start = at('2026-11-28', '20:00') - i * 3 * 3_600_000;
		const date = new Date(start + 7 * 3_600_000).toISOString().slice(0, 10);
		rows.push({
			id: `gen-m-${pad(i, 5)}`,
			unitCode: 'VP',
			title: `Họp số ${i + 1}`,
			category: 'hop',
			format: 'truc_tiep',
			paperless: false,
			status: 'held',
			sittings: [{ start, end: start + 1_800_000 }],
			plannedMinutes: null,
			attendees: 10,
			chair: '',
			location: '',
			notes: '',
			agenda: [],
			date,
			createdAt: start,
			updatedAt: start,
			deleted: false
		});
	}
	// A record that fails its schema: left out of the list, and said so.
	rows.push({ ...(rows[0] as object), id: 'gen-m-bad', title: 'Họp hỏng', sittings: [] });
	return rows;
}

function documents(n: number): unknown[] {
	const rows: unknown[] = [];
	for (let i = 0; i < n; i++) {
		const day = new Date(Date.UTC(2026, 10, 28) - Math.floor(i / 8) * 86_400_000);
		const issuedOn = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
		rows.push({
			id: `gen-d-${pad(i, 5)}`,
			unitCode: 'VP',
			number: `${n - i}/UBND-VP`,
			kind: 'cong_van',
			issuedOn,
			electronic: i % 3 !== 0,
			secret: false,
			title: `Văn bản số ${n - i}`,
			createdAt: FIXED,
			updatedAt: FIXED,
			deleted: false
		});
	}
	return rows;
}
const FIXED = at('2026-01-01', '00:00');

/** Writes records straight into the app's IndexedDB (as a restore of a big backup would). */
async function putRecords(page: Page, table: string, rows: unknown[]): Promise<void> {
	await page.evaluate(
		async ({ table, records }) => {
			const req = indexedDB.open('so-hop-534');
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				req.onsuccess = () => resolve(req.result);
				req.onerror = () => reject(req.error);
			});
			const tx = db.transaction(table, 'readwrite');
			for (const r of records) tx.objectStore(table).put(r);
			await new Promise<void>((resolve, reject) => {
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ table, records: rows }
	);
}

const cards = (page: Page) => page.locator('#main li.card-link');

async function showAll(page: Page, total: number): Promise<void> {
	const button = page.getByTestId('show-more').getByRole('button');
	let shown = await cards(page).count();
	while (shown < total) {
		await button.click();
		shown = Math.min(total, shown + 100);
		await expect(cards(page)).toHaveCount(shown);
	}
	await expect(page.getByTestId('show-more')).toHaveCount(0);
}

for (const lang of LANGS) {
	const tx = TEXT[lang];
	const num = (n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);

	test(`5,000 meetings (${lang}): 100 on screen, more in steps of 100 (to the last in vi), whole cards, folded filters, the invalid one told`, async ({
		page
	}) => {
		test.setTimeout(180_000);
		await useLanguage(page, lang);
		await openApp(page, '/meetings');
		await putRecords(page, 'meetings', meetings(5000));
		await page.reload();
		await expect(page.getByText(tx.showing(num(100), num(5000)))).toBeVisible({
			timeout: 30_000
		});
		await expect(cards(page)).toHaveCount(100);
		await expect(page.getByTestId('invalid-note')).toBeVisible();
		const note = page.getByTestId('invalid-note');
		await note.locator('summary').click();
		await expect(note.getByRole('link', { name: 'Họp hỏng' })).toBeVisible();

		// Filters are folded, and the summary counts those in use.
		const filters = page.locator('details.filters');
		await expect(filters).not.toHaveAttribute('open');
		await expect(page.getByLabel(tx.unit, { exact: true })).toBeHidden();
		await filters.locator('summary').click();
		await expect(filters.locator('summary')).toHaveText(tx.filters);
		await page.getByLabel(tx.unit, { exact: true }).selectOption('VP');
		await expect(filters.locator('summary')).toHaveText(tx.filtersOne);
		await expect(cards(page)).toHaveCount(100);
		await expectNoAxeViolations(page);

		// "Show more" adds the next 100 and puts the keyboard on the first new one.
		await page.getByRole('button', { name: tx.showMore }).click();
		await expect(cards(page)).toHaveCount(200);
		await expect(page.getByRole('link', { name: 'Họp số 101', exact: true })).toBeFocused();
		// The walk to the last step is the same in both languages: once, in Vietnamese (fifty
		// steps, about 20 s of the two cores: docs/TESTING.md, "Where CI's time goes").
		if (lang === 'vi') {
			await showAll(page, 5000);
			await expect(page.getByRole('link', { name: 'Họp số 5000', exact: true })).toBeVisible();
		}

		// The whole card opens the meeting (a tap on its details, not on the title).
		await page.evaluate(() => window.scrollTo(0, 0));
		await tapCardBelowTitle(cards(page).first());
		await expect(page).toHaveURL(/\/meetings\/gen-m-00000$/);
	});

	test(`5,000 documents (${lang}): 100 on screen, more in steps, the filter resets the window`, async ({
		page
	}) => {
		test.setTimeout(180_000);
		await useLanguage(page, lang);
		await openApp(page, '/documents');
		await putRecords(page, 'documents', documents(5000));
		await page.reload();
		await expect(page.getByText(tx.showing(num(100), num(5000)))).toBeVisible({
			timeout: 30_000
		});
		await expect(cards(page)).toHaveCount(100);
		await page.getByRole('button', { name: tx.showMore }).click();
		await expect(cards(page)).toHaveCount(200);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);

		// A filter starts again from the first 100 of what it keeps.
		const filters = page.locator('details.filters');
		await filters.locator('summary').click();
		await page.locator('#f-electronic').selectOption('no');
		await expect(filters.locator('summary')).toHaveText(tx.filtersOne);
		await expect(page.getByText(tx.showing(num(100), num(1667)))).toBeVisible();
		await expect(cards(page)).toHaveCount(100);
		if (lang === 'vi') await showAll(page, 1667);

		await page.evaluate(() => window.scrollTo(0, 0));
		await tapCardBelowTitle(cards(page).first());
		await expect(page).toHaveURL(/\/documents\/gen-d-00000$/);
	});
}

// ---- Report tables -----------------------------------------------------------------------------

for (const lang of LANGS) {
	test(`report on a phone (${lang}): each table row is a card under 600 px, words whole, print keeps the A4 table`, async ({
		page
	}) => {
		await openApp(page, '/meetings/new');
		await fillMeeting(page, {
			title: 'Hội nghị quán triệt Kế hoạch 534',
			category: 'Hội nghị quán triệt',
			format: 'Trực tiếp',
			sittings: [{ date: '2026-03-10', start: '08:00', end: '10:00' }]
		});
		await page.getByRole('button', { name: 'Lưu' }).click();
		await expect(
			page.getByRole('heading', { name: 'Hội nghị quán triệt Kế hoạch 534' })
		).toBeVisible();
		await page.evaluate((l) => localStorage.setItem('so-hop-534.lang', l), lang);

		await openReady(page, '/reports?period=6month&year=2026&asOf=2026-06-20');
		const table = page.getByRole('table', { name: 'Toàn xã' });
		await expect(table).toBeVisible();
		const row = table.locator('tbody tr').first();
		const layout = () =>
			row.evaluate((tr) => {
				const cell = tr.querySelector('td:nth-child(3)')!;
				const cs = getComputedStyle(cell);
				return {
					row: getComputedStyle(tr).display,
					label: getComputedStyle(cell, '::before').content,
					wrap: cs.overflowWrap,
					wordBreak: cs.wordBreak
				};
			});
		const phone = await layout();
		expect(phone.row).toBe('block');
		expect(phone.label).toContain('Chỉ tiêu giao');
		expect(phone.wrap).toBe('normal');
		expect(phone.wordBreak).toBe('normal');
		const rowBox = (await row.boundingBox())!;
		expect(rowBox.x + rowBox.width).toBeLessThanOrEqual(360);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);

		// Wider than 600 px it is a table again; printed, always the A4 table.
		await page.setViewportSize({ width: 800, height: 900 });
		expect((await layout()).row).toBe('table-row');
		await page.setViewportSize({ width: 360, height: 640 });
		await page.emulateMedia({ media: 'print' });
		const print = await layout();
		expect(print.row).toBe('table-row');
		expect(print.label).toBe('none');
	});
}
