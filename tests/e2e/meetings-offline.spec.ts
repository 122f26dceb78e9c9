import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, executablePath } from './browser';
import { fillMeeting, goOffline, navTo, openApp } from './support';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('first visit online, then offline: reload, record a two-sitting meeting, reload and find it', async ({
	page,
	context
}) => {
	await openApp(page, '/meetings');
	await goOffline(context);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Cuộc họp, hội nghị' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Mất mạng' })).toBeVisible();

	await page.getByRole('link', { name: 'Thêm cuộc họp' }).first().click();
	await fillMeeting(page, {
		title: 'Hội nghị triển khai chuyển đổi số',
		category: 'Hội nghị chuyên môn',
		format: 'Kết hợp',
		sittings: [
			{ date: '2026-11-20', start: '07:30', end: '11:30' },
			{ date: '2026-11-21', start: '13:30', end: '15:00' }
		]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(
		page.getByRole('heading', { name: 'Hội nghị triển khai chuyển đổi số' })
	).toBeVisible();
	await expect(page.getByTestId('total-duration')).toHaveText('5 giờ 30 phút');

	await page.reload();
	await expect(page.getByTestId('total-duration')).toHaveText('5 giờ 30 phút');
	await expect(page.getByTestId('limit-status')).toContainText('Trong giới hạn');
	// No account on this phone: the record stays here (clerk review 15).
	await expect(page.getByTestId('record-updated')).toContainText(
		'· Chỉ lưu trên máy này (chưa đăng nhập)'
	);

	await navTo(page, 'Cuộc họp');
	await expect(page.getByRole('heading', { name: 'Tháng 11/2026' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Hội nghị triển khai chuyển đổi số' })).toBeVisible();
});

test('a meeting recorded offline survives closing the browser and reopening it offline', async ({
	baseURL
}) => {
	const dir = mkdtempSync(path.join(tmpdir(), 'so-hop-profile-'));
	const launch = () =>
		chromium.launchPersistentContext(dir, {
			executablePath,
			args: chromiumArgs,
			baseURL,
			viewport: { width: 360, height: 640 },
			locale: 'vi-VN',
			timezoneId: 'Asia/Ho_Chi_Minh'
		});
	try {
		let ctx = await launch();
		let page = ctx.pages()[0] ?? (await ctx.newPage());
		await openApp(page, '/meetings/new');
		await goOffline(ctx);
		await fillMeeting(page, {
			title: 'Giao ban thôn tháng 11',
			// A brand-new profile has no "my unit": the unit is chosen in the form.
			unit: 'Thôn 1',
			category: 'Cuộc họp làm việc',
			sittings: [{ date: '2026-11-24', start: '19:00', end: '21:15' }]
		});
		await page.getByRole('button', { name: 'Lưu' }).click();
		await expect(page.getByTestId('total-duration')).toHaveText('2 giờ 15 phút');
		await ctx.close();

		ctx = await launch();
		await ctx.setOffline(true);
		page = ctx.pages()[0] ?? (await ctx.newPage());
		await page.goto('/meetings');
		await expect(page.getByRole('link', { name: 'Giao ban thôn tháng 11' })).toBeVisible();
		await page.getByRole('link', { name: 'Giao ban thôn tháng 11' }).click();
		await expect(page.getByTestId('total-duration')).toHaveText('2 giờ 15 phút');
		await ctx.close();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
