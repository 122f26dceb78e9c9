/**
 * The settings screen on a slow phone: its form shows the stored settings before it takes any
 * typing, so nothing typed is overwritten by the read, and "Lưu" never writes the defaults over
 * them.
 */
import { expect, test } from '@playwright/test';
import { holdReads, openApp, saveSettings } from './support';

test('the settings form takes no typing and saves nothing until it shows what is stored', async ({
	page
}) => {
	await openApp(page, '/settings');
	const name = page.getByLabel('Tên xã', { exact: true });
	await name.fill('xã Thiên Tân');
	await saveSettings(page);

	// The app opens again on the settings, and they are read late.
	const release = await holdReads(page, 'settings');
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Thông tin chung' })).toBeVisible();
	await expect(page.locator('form[aria-busy="true"]')).toHaveCount(1);
	await expect(name).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Lưu', exact: true })).toBeDisabled();
	await release();

	await expect(name).toHaveValue('xã Thiên Tân');
	await expect(name).toBeEnabled();
	await expect(page.locator('form[aria-busy="true"]')).toHaveCount(0);
	await name.fill('xã Thiên Tân mới');
	await saveSettings(page);
	await page.reload();
	await expect(name).toHaveValue('xã Thiên Tân mới');
});
