import { expect, test } from '@playwright/test';
import { openApp } from './support';

test('"my unit" is a device preference that sets the defaults of the entry forms', async ({
	page
}) => {
	await openApp(page, '/settings');
	await page.getByLabel('Đơn vị của tôi (mặc định khi nhập)').selectOption({ label: 'Thôn 2' });

	await page.goto('/meetings/new');
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue('THON02');
	await page.goto('/documents/new');
	await expect(page.getByRole('combobox', { name: /Đơn vị/ }).first()).toHaveValue('THON02');

	// Kept on this device across reloads, and not part of the shared commune settings.
	await page.goto('/settings');
	await expect(page.getByLabel('Đơn vị của tôi (mặc định khi nhập)')).toHaveValue('THON02');
	const shared = await page.evaluate(async () => {
		const req = indexedDB.open('so-hop-534');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const tx = db.transaction('settings', 'readonly');
		const get = tx.objectStore('settings').get('settings');
		return new Promise<unknown>((resolve) => (get.onsuccess = () => resolve(get.result ?? null)));
	});
	expect(JSON.stringify(shared ?? {})).not.toContain('THON02');
});
