/**
 * Issue 12 point 5: the procedure and incoming-document registers (one shared component) say which
 * dates the chosen report month covers, and open on the month whose range holds today.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, openApp } from './support';

/** 20/11/2026 in UTC+7: under Decree 09 it belongs to report month 12/2026 (15/11 - 14/12). */
const TODAY = new Date('2026-11-20T09:00:00+07:00');

for (const [path, prefix] of [
	['/procedures', 'proc'],
	['/incoming', 'inc']
] as const) {
	test(`${path}: the report month holding today, its range in words, in Vietnamese and English`, async ({
		page
	}) => {
		await page.clock.install({ time: TODAY });
		await openApp(page, path);
		const month = page.locator(`#${prefix}-month`);
		const range = page.getByTestId('month-range');
		await expect(month).toHaveValue('2026-12');
		await expect(range).toHaveText('Tháng 12/2026: 15/11 - 14/12/2026');
		// Read with the picker by screen readers.
		await expect(month).toHaveAccessibleDescription('Tháng 12/2026: 15/11 - 14/12/2026');

		// A month whose range starts in the year before shows both years.
		await month.fill('2027-01');
		await expect(range).toHaveText('Tháng 1/2027: 15/12/2026 - 14/01/2027');
		await expectNoAxeViolations(page);

		await page.getByRole('button', { name: /^English/ }).click();
		await expect(range).toHaveText('Month 1/2027: 15/12/2026 - 14/01/2027');
		await expectNoAxeViolations(page);
	});
}

test('the range follows the calendar months when the commune reports by calendar month', async ({
	page
}) => {
	await page.clock.install({ time: TODAY });
	await openApp(page, '/settings');
	await page.getByLabel('Kỳ báo cáo').selectOption({ label: 'Theo tháng dương lịch' });
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu trên máy', { exact: true })).toBeVisible();
	await page.goto('/procedures');
	await expect(page.locator('#proc-month')).toHaveValue('2026-11');
	await expect(page.getByTestId('month-range')).toHaveText('Tháng 11/2026: 01/11 - 30/11/2026');
});
