/**
 * Screens whose records an account may not write are read-only for it (field review finding 6):
 * the server refuses a staff account's units, plans and the commune's settings, so the phone offers
 * no form or button for them (docs/ARCHITECTURE.md, "Actions on a record follow the server's rule").
 */
import { expect, test } from '@playwright/test';
import { openApp } from './support';
import { createAccount, signInUi } from './sync-support';

test('a staff account sees /units, /plans and the commune settings read-only', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP', 'readonly');
	await openApp(page, '/units');
	await signInUi(page, acc);

	await page.goto('/units');
	await expect(page.getByRole('heading', { name: /^Đang dùng \(\d+\)$/ })).toBeVisible();
	await expect(page.getByTestId('units-read-only')).toHaveText(
		'Tài khoản cán bộ chỉ xem được danh sách đơn vị; thêm, đổi tên, lưu trữ hoặc xóa đơn vị do tài khoản quản trị làm.'
	);
	await expect(page.getByRole('heading', { name: 'Thêm đơn vị' })).toHaveCount(0);
	await expect(page.getByLabel('Mã đơn vị')).toHaveCount(0);
	await expect(
		page.getByRole('button', { name: /^(Đổi tên|Lưu trữ|Xóa|Thêm đơn vị)/ })
	).toHaveCount(0);
	await expect(page.getByText('Thôn 1', { exact: true })).toBeVisible();

	await page.goto('/plans');
	await expect(page.getByTestId('plans-read-only')).toContainText(
		'Tài khoản cán bộ không được sửa kế hoạch'
	);
	const vp = page.getByRole('form', { name: 'Văn phòng HĐND và UBND xã' });
	await expect(vp.getByRole('button', { name: /^Lưu/ })).toHaveCount(0);
	await expect(vp.getByLabel('Hội nghị dự kiến năm nay')).toHaveAttribute('readonly', '');

	await page.goto('/settings');
	await expect(page.getByTestId('settings-read-only')).toBeVisible();
	await expect(page.getByLabel('Tên xã')).toBeDisabled();
	// The commune's plan, cited by the report, is the commune's too.
	await expect(page.getByLabel('Số, ký hiệu')).toBeDisabled();
	await expect(page.getByLabel('Ngày ban hành')).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Thêm', exact: true })).toBeDisabled();
	const general = page.getByRole('form', { name: 'Thông tin chung' });
	await expect(general.getByRole('button', { name: 'Lưu' })).toHaveCount(0);
	// This device's own choices stay the account's to make.
	await expect(page.getByLabel('Ngôn ngữ')).toBeEnabled();
});

test('a unit head writes only its own unit’s plan, and no unit', async ({
	page,
	request,
	baseURL
}) => {
	const head = await createAccount(request, baseURL!, 'unit_head', 'VP', 'head');
	await openApp(page, '/plans');
	await signInUi(page, head);
	await page.goto('/plans');
	await expect(page.getByTestId('plans-read-only')).toContainText(
		'chỉ sửa được kế hoạch của đơn vị mình'
	);
	await expect(
		page
			.getByRole('form', { name: 'Văn phòng HĐND và UBND xã' })
			.getByRole('button', { name: /^Lưu/ })
	).toHaveCount(1);
	await expect(
		page.getByRole('form', { name: 'Thôn 1' }).getByRole('button', { name: /^Lưu/ })
	).toHaveCount(0);
	await page.goto('/units');
	await expect(page.getByTestId('units-read-only')).toBeVisible();
});
