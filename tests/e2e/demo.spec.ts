/**
 * Demo mode (issue 12 point 1): the sample commune lives in its own database, a banner shows on
 * every screen, nothing of it reaches the server even when signed in, and leaving wipes it while
 * the real records stay.
 */
import { expect, test } from '@playwright/test';
import { loadSampleCommune } from '../factories/sample-commune';
import { expectNoAxeViolations, fillMeeting, freshPhone, openApp } from './support';
import { createAccount, expectSynced, pullAll, signInUi, uniqueName } from './sync-support';

const sampleIds = new Set(loadSampleCommune().meetings.map((m) => m.id));
const dbNames = (page: import('@playwright/test').Page) =>
	page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));

test('demo mode: own database, banner in both languages, never synced, leaving wipes it and keeps real records', async ({
	browser,
	request,
	baseURL
}) => {
	// Two loads of the sample, a sign-in and a sync: slower than most on a busy machine.
	test.setTimeout(120_000);
	const base = baseURL!;
	const acc = await createAccount(request, base, 'staff', 'VP', 'demo');
	const page = await freshPhone(browser, base);
	await openApp(page, '/meetings/new');
	// A real record, saved on this phone before anyone signs in.
	const real = uniqueName('Họp thật');
	await fillMeeting(page, {
		title: real,
		unit: 'Văn phòng HĐND và UBND xã',
		sittings: [{ date: '2026-11-20', start: '08:00', end: '10:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: real })).toBeVisible();

	await page.goto('/settings');
	await expect(page.getByTestId('demo-banner')).toHaveCount(0);
	await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
	const banner = page.getByTestId('demo-banner');
	await expect(banner).toContainText('Chế độ dùng thử — dữ liệu mẫu, không đồng bộ');
	expect(await dbNames(page)).toContain('so-hop-534-demo');
	await expectNoAxeViolations(page);

	// The banner is on every screen; the lists show the sample, not the real record.
	await page.goto('/meetings');
	await expect(banner).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Quán triệt Kết luận 226-KL/TW' }).first()
	).toBeVisible();
	await expect(page.getByRole('link', { name: real })).toHaveCount(0);
	await page.getByRole('button', { name: /^English/ }).click();
	await expect(banner).toContainText('Demo mode — sample data, not synced');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: /^Tiếng Việt/ }).click();

	// Signed in while in demo mode: nothing is sent (the sync never runs on the demo database).
	await signInUi(page, acc, false);
	await expect(page.getByTestId('demo-banner')).toBeVisible();
	// The badge says so too, never "Đang đồng bộ…" waiting for a run that never comes.
	await expect(page.getByTestId('sync-badge')).toContainText('Không đồng bộ (dùng thử)');

	// One tap leaves: the demo database is gone, the real record is back and syncs alone.
	await page.getByTestId('demo-banner').getByRole('button', { name: 'Thoát dùng thử' }).click();
	await expect(page.getByTestId('demo-banner')).toHaveCount(0);
	expect(await dbNames(page)).not.toContain('so-hop-534-demo');
	await page.goto('/meetings');
	await expect(page.getByRole('link', { name: real })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Quán triệt Kết luận 226-KL/TW' })).toHaveCount(0);
	await expectSynced(page);

	const server = await pullAll(request, base, acc.token);
	expect(server.filter((c) => c.entity === 'meeting' && c.record.title === real)).toHaveLength(1);
	expect(server.filter((c) => sampleIds.has(c.recordId))).toEqual([]);
	await page.context().close();
});
