import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fillMeeting, navTo, openApp } from './support';
import { OwnServer } from './own-server';
import { freePort } from './sync-support';
import { PRECACHE_CONCURRENCY } from '../../src/sw/precache-parallel';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('the manifest makes the app installable: Vietnamese name, icons incl. maskable, standalone', async ({
	request
}) => {
	const res = await request.get('/manifest.webmanifest');
	expect(res.ok()).toBe(true);
	const m = (await res.json()) as {
		name: string;
		display: string;
		start_url: string;
		theme_color: string;
		icons: { sizes: string; purpose?: string; src: string }[];
	};
	expect(m.name).toBe('Sổ họp 534');
	expect(m.display).toBe('standalone');
	expect(m.start_url).toBe('/meetings');
	expect(m.theme_color).toMatch(/^#/);
	expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(m.icons.some((i) => i.purpose === 'maskable')).toBe(true);
	for (const icon of m.icons) expect((await request.get(icon.src)).ok()).toBe(true);
});

test('every route of the app shell is precached, so deep links open offline after the first visit', async ({
	page,
	context
}) => {
	await openApp(page, '/');
	await context.setOffline(true);
	for (const [path, heading] of [
		['/meetings', 'Cuộc họp, hội nghị'],
		['/meetings/new', 'Thêm cuộc họp'],
		['/settings', 'Cài đặt'],
		['/meetings/does-not-exist', null]
	] as const) {
		await page.goto(path);
		if (heading) await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
		else
			await expect(page.getByText('Không tìm thấy bản ghi này (có thể đã bị xóa).')).toBeVisible();
	}
});

test('the first visit precaches several files at a time, each once, and the whole list', async ({
	page,
	context
}) => {
	// A slow link: every file the service worker asks for answers 50 ms later. One file after
	// another (Workbox's own install) never has two in flight. (Routing turns the HTTP cache off:
	// every file the worker asks for comes here.)
	let inFlight = 0;
	let most = 0;
	const asked = new Map<string, number>();
	await context.route('**/_app/immutable/**', async (route) => {
		if (route.request().serviceWorker() === null) return route.continue();
		const url = route.request().url();
		asked.set(url, (asked.get(url) ?? 0) + 1);
		most = Math.max(most, ++inFlight);
		try {
			await new Promise((r) => setTimeout(r, 50));
			await route.continue();
		} finally {
			inFlight--;
		}
	});
	await openApp(page, '/meetings');
	expect(most).toBeGreaterThan(1);
	expect(most).toBeLessThanOrEqual(PRECACHE_CONCURRENCY);
	expect(asked.size).toBeGreaterThan(50);
	expect([...asked.values()].filter((n) => n > 1)).toEqual([]);
	// Workbox's precache holds every file of the list the build gave the worker, each under its
	// cache key (a revisioned file's carries its revision), and nothing else.
	const { expected, cached } = await page.evaluate(async () => {
		const sw = await (await fetch('/sw.js')).text();
		const expected = [...sw.matchAll(/\{"revision":(null|"[^"]+"),"url":"([^"]+)"\}/g)].map((m) => {
			const u = new URL(m[2]!, location.href);
			if (m[1] !== 'null') u.searchParams.set('__WB_REVISION__', JSON.parse(m[1]!) as string);
			return u.href;
		});
		const scope = (await navigator.serviceWorker.ready).scope;
		const cache = await caches.open(`workbox-precache-v2-${scope}`);
		return { expected, cached: (await cache.keys()).map((r) => r.url) };
	});
	expect(expected.length).toBeGreaterThan(100);
	expect(cached.sort()).toEqual(expected.sort());
});

/** A server of its own (its build copied, so it can be redeployed) and a page on it, closed after. */
async function onOwnServer(
	browser: Browser,
	run: (server: OwnServer, page: Page) => Promise<void>
): Promise<void> {
	const server = new OwnServer(await freePort(), { copyBuild: true });
	await server.start();
	const context = await browser.newContext({ baseURL: server.url });
	try {
		await run(server, await context.newPage());
	} finally {
		await context.close();
		await server.kill();
	}
}

/**
 * Redeploy: the same server comes back with a changed service worker, and the page looks for it.
 * `change` rewrites the new worker's code (else it only differs by a comment).
 */
async function redeploy(
	server: OwnServer,
	page: Page,
	change: (code: string) => string = (code) => code
): Promise<void> {
	await server.kill();
	const sw = path.join(server.buildDir, 'client', 'sw.js');
	writeFileSync(sw, change(readFileSync(sw, 'utf8')) + '\n// next version\n');
	for (const ext of ['.br', '.gz']) rmSync(sw + ext, { force: true });
	await server.start();
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		await reg?.update();
	});
}

test('a new deployment shows "Có phiên bản mới — Tải lại" and never reloads by itself while a form is dirty', async ({
	browser
}) => {
	await onOwnServer(browser, async (server, page) => {
		await openApp(page, '/meetings/new');
		await fillMeeting(page, {
			title: 'Đang nhập dở',
			sittings: [{ date: '2026-11-03', start: '08:00', end: '09:00' }]
		});

		await redeploy(server, page);

		const banner = page.getByRole('button', { name: 'Có phiên bản mới — Tải lại' });
		await expect(banner).toBeVisible({ timeout: 30_000 });
		// Nothing reloaded: the typed title is still there.
		await expect(page.getByLabel('Tên cuộc họp')).toHaveValue('Đang nhập dở');

		// Declining keeps the page; accepting reloads into the new version with the draft restored.
		page.once('dialog', (d) => void d.dismiss());
		await banner.click();
		await expect(page.getByLabel('Tên cuộc họp')).toHaveValue('Đang nhập dở');
		page.once('dialog', (d) => void d.accept());
		await banner.click();
		await expect(page.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
		await expect(page.getByLabel('Tên cuộc họp')).toHaveValue('Đang nhập dở');
		await expect(banner).toHaveCount(0);
	});
});

test('"Tải lại" asks first on the document form, the registers, the plans and the units, and says the draft is kept', async ({
	browser
}) => {
	await onOwnServer(browser, async (server, page) => {
		const kept = 'Bạn đang nhập dở một biểu mẫu. Bản nháp đã được lưu trên máy; tải lại ngay?';
		const banner = page.getByRole('button', { name: 'Có phiên bản mới — Tải lại' });
		/** Press "Tải lại", answer its question (decline unless told), and return the question. */
		const reloadAsks = async (accept = false): Promise<string | null> => {
			let asked: string | null = null;
			page.once('dialog', (d) => {
				asked = d.message();
				void (accept ? d.accept() : d.dismiss());
			});
			await banner.click();
			await expect.poll(() => asked).not.toBeNull();
			return asked;
		};
		await openApp(page, '/documents/new');
		await redeploy(server, page);
		await expect(banner).toBeVisible({ timeout: 30_000 });

		// The document form keeps a draft: asked, and told the draft is kept.
		await page.getByLabel('Trích yếu').fill('Công văn đang gõ dở');
		expect(await reloadAsks()).toBe(kept);
		await expect(page.getByLabel('Trích yếu')).toHaveValue('Công văn đang gõ dở');

		// So do a register, a plan and a unit being added (drafts.spec.ts: each one comes back).
		await navTo(page, 'Thủ tục');
		await page.getByLabel('Tổng số hồ sơ').fill('13');
		expect(await reloadAsks()).toBe(kept);
		await expect(page.getByLabel('Tổng số hồ sơ')).toHaveValue('13');

		await navTo(page, 'Kế hoạch');
		const vp = page.getByRole('form', { name: 'Văn phòng HĐND và UBND xã' });
		await vp.getByLabel('Hội nghị năm trước').fill('12');
		expect(await reloadAsks()).toBe(kept);
		await expect(vp.getByLabel('Hội nghị năm trước')).toHaveValue('12');

		await navTo(page, 'Đơn vị');
		await page.getByLabel('Tên đơn vị').fill('Thôn 9');
		expect(await reloadAsks()).toBe(kept);
		await expect(page.getByLabel('Tên đơn vị')).toHaveValue('Thôn 9');

		// Back on the document form, its draft is restored (still unsaved input): accepting reloads
		// into the new version (the page loads again: the restored notice was already on screen)
		// with the draft.
		await navTo(page, 'Văn bản đi');
		await page.getByRole('link', { name: 'Nhập văn bản' }).click();
		await expect(page.getByLabel('Trích yếu')).toHaveValue('Công văn đang gõ dở');
		const reloaded = page.waitForEvent('load', { timeout: 30_000 });
		expect(await reloadAsks(true)).toBe(kept);
		await reloaded;
		await expect(page.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
		await expect(page.getByLabel('Trích yếu')).toHaveValue('Công văn đang gõ dở');
		await expect(banner).toHaveCount(0);
	});
});

test('"Tải lại" brings the new version in while the page keeps making requests through the old worker', async ({
	browser
}) => {
	// Chromium activates the new worker once the old one has stopped; a request of the page in that
	// moment starts the old one again and the first skipWaiting was then lost (the new worker waited
	// until the old one idled out, 30 s later: the flaky case above). The app asks again.
	await onOwnServer(browser, async (server, page) => {
		await openApp(page, '/meetings');
		await redeploy(server, page);
		const banner = page.getByRole('button', { name: 'Có phiên bản mới — Tải lại' });
		await expect(banner).toBeVisible({ timeout: 30_000 });

		// Four requests at a time for 4 s, each a fetch event for the old worker (as a syncing page).
		await page.evaluate(() => {
			const end = Date.now() + 4_000;
			const next = (): void => {
				if (Date.now() < end) void fetch('/favicon.svg', { cache: 'no-store' }).finally(next);
			};
			for (let i = 0; i < 4; i++) next();
		});
		const reloaded = page.waitForEvent('load', { timeout: 20_000 });
		await banner.click();
		await reloaded;
		await expect(page.getByRole('heading', { level: 1, name: 'Cuộc họp, hội nghị' })).toBeVisible();
		await expect(banner).toHaveCount(0);
		expect(
			await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return (
					registration?.waiting === null &&
					registration.active === navigator.serviceWorker.controller
				);
			})
		).toBe(true);
	});
});

test('"Tải lại" when the new version does not take over: no reload into the old one, a Vietnamese message says what is going on and what to do', async ({
	browser
}) => {
	await onOwnServer(browser, async (server, page) => {
		await openApp(page, '/meetings');
		// The new worker ignores the request to take over.
		await redeploy(server, page, (code) => code.replaceAll('SKIP_WAITING', 'SKIP_WAITING_IGNORED'));
		const banner = page.getByRole('button', { name: 'Có phiên bản mới — Tải lại' });
		await expect(banner).toBeVisible({ timeout: 30_000 });
		let loads = 0;
		page.on('load', () => loads++);

		await banner.click();
		await expect(page.getByText('Đang chuyển sang phiên bản mới…')).toBeVisible();
		await expect(
			page.getByText(
				'Phiên bản mới đang chờ phiên bản cũ dừng hẳn; ứng dụng sẽ tự tải lại khi xong (có thể mất vài phút). Nếu không muốn chờ, hãy đóng hẳn ứng dụng (mọi thẻ, cửa sổ đang mở) rồi mở lại.'
			)
		).toBeVisible({ timeout: 30_000 });
		expect(loads).toBe(0);
		await expect(banner).toBeVisible();
		// The page is still the one it was, controlled by the old worker, the new one waiting.
		expect(
			await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return (
					registration?.waiting !== null &&
					registration?.active === navigator.serviceWorker.controller
				);
			})
		).toBe(true);
	});
});

test('settings show whether persistent storage was granted and how much space the data uses', async ({
	page
}) => {
	await openApp(page, '/settings');
	await expect(page.getByTestId('persisted')).toHaveText(/lưu trữ lâu dài/);
	await expect(page.getByTestId('usage')).toHaveText(
		/Dữ liệu đang dùng [\d.]*\d,\d MB trên [\d.]*\d,\d MB khả dụng\./
	);
	await expect(page.getByTestId('record-counts')).toHaveText(/0 cuộc họp/);
});
