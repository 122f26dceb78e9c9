import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, fillMeeting, openApp } from './support';

const screens = ['/', '/meetings', '/meetings/new', '/settings'];

for (const path of screens) {
	test(`axe-core finds no violations on ${path} at 360 px`, async ({ page }) => {
		await openApp(page, path);
		await expect(page.locator('main h1')).toBeVisible();
		await expectNoAxeViolations(page);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	});
}

test('axe-core finds no violations on a meeting detail page and a form with errors', async ({
	page
}) => {
	await openApp(page, '/meetings/new');
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByText(/Chưa lưu/)).toBeVisible();
	await expectNoAxeViolations(page);
	await fillMeeting(page, {
		title: 'Kiểm tra truy cập',
		sittings: [{ date: '2026-11-02', start: '08:00', end: '10:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByTestId('total-duration')).toBeVisible();
	await expectNoAxeViolations(page);
});

test('the meeting form can be completed with the keyboard alone', async ({ page }) => {
	await openApp(page, '/meetings/new');
	await page.getByLabel('Tên cuộc họp').focus();
	await page.keyboard.type('Họp bằng bàn phím');
	// The category has no default: chosen with the arrow key; "Dự kiến" by typing its first letter
	// (a meeting later today cannot be recorded as held).
	await page.getByLabel('Loại', { exact: true }).focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByLabel('Loại', { exact: true })).not.toHaveValue('');
	await page.getByLabel('Trạng thái', { exact: true }).focus();
	await page.keyboard.type('D');
	await expect(page.getByLabel('Trạng thái', { exact: true })).toHaveValue('planned');
	await page.getByRole('button', { name: 'Lưu' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Họp bằng bàn phím' })).toBeVisible();
});
