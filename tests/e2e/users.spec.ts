/**
 * Account management by the admin (/users, online only): reached from the settings link, a staff
 * account is created for a unit and listed, a taken username is refused beside the field, and the
 * new staff account can sign in but is refused the screen (and sees no settings link).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openControlled } from './support';
import { ADMIN_PASSWORD, signInUi, uniqueName } from './sync-support';

const VP = 'Văn phòng HĐND & UBND xã';

async function openUsersFromSettings(page: Page): Promise<void> {
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Quản lý tài khoản' }).click();
	await expect(page).toHaveURL(/\/users$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Quản lý tài khoản' })).toBeVisible();
}

async function fillNewUser(
	page: Page,
	u: { username: string; displayName: string; password: string; role: string; unit?: string }
): Promise<void> {
	await page.getByLabel('Tên đăng nhập').fill(u.username);
	await page.getByLabel('Họ và tên').fill(u.displayName);
	await page.getByLabel('Mật khẩu').fill(u.password);
	await page.getByLabel('Vai trò').selectOption({ label: u.role });
	if (u.unit) await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: u.unit });
}

test('admin creates a staff account; duplicates are refused; staff cannot manage accounts', async ({
	page,
	browser,
	baseURL
}) => {
	await openControlled(page, '/');
	await signInUi(page, { username: 'admin', password: ADMIN_PASSWORD });
	await openUsersFromSettings(page);

	const list = page.getByRole('list', { name: 'Danh sách tài khoản' });
	await expect(list.getByRole('listitem').filter({ hasText: 'admin' })).toContainText('Quản trị');
	await expectNoAxeViolations(page);

	// Too-short password and no unit: refused on the device, messages beside the fields.
	const username = uniqueName('canbo.vp');
	await fillNewUser(page, {
		username,
		displayName: 'Trần Thị Cán Bộ',
		password: 'ngan',
		role: 'Cán bộ'
	});
	await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(page.getByText('Mật khẩu cần từ 8 đến 256 ký tự.')).toBeVisible();
	await expect(page.getByText('Trưởng đơn vị và cán bộ phải thuộc một đơn vị')).toBeVisible();
	await expect(page.getByLabel('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);

	const password = `${username}-mat-khau`;
	await fillNewUser(page, {
		username,
		displayName: 'Trần Thị Cán Bộ',
		password,
		role: 'Cán bộ',
		unit: VP
	});
	await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(page.getByRole('status').getByText(`Đã tạo tài khoản ${username}.`)).toBeVisible();
	const item = list.getByRole('listitem').filter({ hasText: username });
	await expect(item).toContainText('Trần Thị Cán Bộ');
	await expect(item).toContainText('Cán bộ');
	await expect(item).toContainText(VP);
	await expect(page.getByLabel('Mật khẩu')).toHaveValue('');

	// The same username again: the server's 409, shown beside the username.
	await fillNewUser(page, {
		username,
		displayName: 'Người khác',
		password: 'mot-mat-khau-khac',
		role: 'Cán bộ',
		unit: VP
	});
	await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(page.getByText('Tên đăng nhập này đã có người dùng.')).toBeVisible();
	await expect(page.getByLabel('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
	await expect(list.getByRole('listitem').filter({ hasText: username })).toHaveCount(1);
	await expectNoAxeViolations(page);

	// Offline: this screen says it needs a connection.
	await page.context().setOffline(true);
	await expect(page.getByText('Quản lý tài khoản cần kết nối mạng.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Tạo tài khoản' })).toHaveCount(0);
	await page.context().setOffline(false);
	await expect(list.getByRole('listitem').filter({ hasText: username })).toBeVisible();

	// The new staff account signs in on another phone and is refused the screen.
	const ctx = await browser.newContext({
		baseURL,
		viewport: { width: 360, height: 640 },
		hasTouch: true,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh'
	});
	const staff = await ctx.newPage();
	await openControlled(staff, '/');
	await signInUi(staff, { username, password });
	await staff.goto('/settings');
	await expect(staff.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
	await expect(staff.getByRole('link', { name: 'Quản lý tài khoản' })).toHaveCount(0);
	await staff.goto('/users');
	await expect(staff.getByTestId('users-refused')).toContainText(
		'Chỉ tài khoản quản trị mới được quản lý tài khoản.'
	);
	await expect(staff.getByRole('link', { name: 'Đến trang đăng nhập' })).toBeVisible();
	await expect(staff.getByRole('button', { name: 'Tạo tài khoản' })).toHaveCount(0);
	await expectNoAxeViolations(staff);
	await ctx.close();
});

test('without signing in, /users asks for an admin sign-in', async ({ page }) => {
	await openControlled(page, '/users');
	await expect(
		page.getByText('Bạn cần đăng nhập bằng tài khoản quản trị để quản lý tài khoản.')
	).toBeVisible();
	await page.getByRole('link', { name: 'Đến trang đăng nhập' }).click();
	await expect(page).toHaveURL(/\/login$/);
});
