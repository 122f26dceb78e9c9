/**
 * Issue 12 point 3: forms know who is typing. Signed out, the first form asks "my unit" once
 * (never defaulting to the first department); signed in as a unit account, every form defaults to
 * its unit on every path (direct link, reload, navigation) and offers only the units it may write.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, freshPhone, openApp } from './support';
import { createAccount, signInUi } from './sync-support';

test('signed out, a fresh phone: the first form asks "my unit" once, then every form uses it', async ({
	browser,
	baseURL
}) => {
	const page = await freshPhone(browser, baseURL!);
	await openApp(page, '/meetings/new');
	const ask = page.getByTestId('my-unit-ask');
	await expect(ask.getByRole('heading', { name: 'Bạn làm việc ở đơn vị nào?' })).toBeVisible();
	// No guess: the form's unit is empty until the user says.
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue('');
	await expectNoAxeViolations(page);
	await ask.getByLabel('Đơn vị của tôi').selectOption({ label: 'Thôn 2' });
	await ask.getByRole('button', { name: 'Chọn làm đơn vị của tôi' }).click();
	await expect(ask).toHaveCount(0);
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue('THON02');

	// Asked once: the other forms and a reload already know it.
	await page.goto('/documents/new');
	await expect(page.getByTestId('my-unit-ask')).toHaveCount(0);
	await expect(page.getByRole('combobox', { name: /Đơn vị/ }).first()).toHaveValue('THON02');
	await page.goto('/procedures');
	await expect(page.locator('#proc-unit')).toHaveValue('THON02');
	await page.reload();
	await expect(page.locator('#proc-unit')).toHaveValue('THON02');
	await page.context().close();
});

test('the question in English', async ({ browser, baseURL }) => {
	const page = await freshPhone(browser, baseURL!);
	await openApp(page, '/incoming');
	await page.getByRole('button', { name: /^English/ }).click();
	const ask = page.getByTestId('my-unit-ask');
	await expect(ask.getByRole('heading', { name: 'Which unit do you work for?' })).toBeVisible();
	await expect(page.locator('#inc-unit')).toHaveValue('');
	await expectNoAxeViolations(page);
	await ask.getByLabel('My unit').selectOption({ label: 'Thôn 2' });
	await ask.getByRole('button', { name: 'Make it my unit' }).click();
	await expect(page.locator('#inc-unit')).toHaveValue('THON02');
	await page.context().close();
});

test('signed in as a hamlet staffer: its unit on a direct link, after a reload and after navigation; no other unit offered', async ({
	browser,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'THON02', 'thon2');
	const page = await freshPhone(browser, baseURL!);
	await openApp(page, '/meetings');
	await signInUi(page, acc);

	const unit = page.getByLabel('Đơn vị', { exact: true });
	await page.goto('/meetings/new');
	await expect(page.getByTestId('my-unit-ask')).toHaveCount(0);
	await expect(unit).toHaveValue('THON02');
	await expect(unit.locator('option')).toHaveText(['Thôn 2']);
	await page.reload();
	await expect(unit).toHaveValue('THON02');

	await page.goto('/documents');
	await page.getByRole('link', { name: 'Nhập văn bản', exact: true }).click();
	const docUnit = page.getByRole('combobox', { name: /Đơn vị/ }).first();
	await expect(docUnit).toHaveValue('THON02');
	await expect(docUnit.locator('option')).toHaveText(['Thôn 2']);

	await page.goto('/procedures');
	await expect(page.locator('#proc-unit')).toHaveValue('THON02');
	await expect(page.locator('#proc-unit option')).toHaveText(['Thôn 2']);
	await expectNoAxeViolations(page);
	await page.context().close();
});
