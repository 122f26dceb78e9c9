/**
 * Account management by the admin (/users, online only): reached from the settings link, a staff
 * account is created for a unit and listed, a taken username is refused beside the field, and the
 * new staff account can sign in but is refused the screen (and sees no settings link). The admin
 * disables and re-enables an account (its session ends at once), resets its password (the user
 * must change it at the next sign-in, on /password), changes its role and unit and ends its
 * sessions.
 */
import { expect, test, type BrowserContext, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, openApp } from './support';
import { ADMIN_PASSWORD, createAccount, signInUi, uniqueName } from './sync-support';

const VP = 'Văn phòng HĐND và UBND xã';

async function openUsersFromSettings(page: Page): Promise<void> {
	await page.goto('/settings');
	await page.getByRole('link', { name: 'Quản lý tài khoản' }).click();
	await expect(page).toHaveURL(/\/users$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Quản lý tài khoản' })).toBeVisible();
}

const newUserForm = (page: Page) => page.getByRole('form', { name: 'Tạo tài khoản mới' });

async function fillNewUser(
	page: Page,
	u: { username: string; displayName: string; password: string; role: string; unit?: string }
): Promise<void> {
	const form = newUserForm(page);
	await form.getByLabel('Tên đăng nhập').fill(u.username);
	await form.getByLabel('Họ và tên').fill(u.displayName);
	await form.getByLabel('Mật khẩu').fill(u.password);
	await form.getByLabel('Vai trò').selectOption({ label: u.role });
	if (u.unit) await form.getByLabel('Đơn vị', { exact: true }).selectOption({ label: u.unit });
}

test('admin creates a staff account; duplicates are refused; staff cannot manage accounts', async ({
	page,
	browser,
	baseURL
}) => {
	await openApp(page, '/');
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
	await expect(page.getByText('Mật khẩu cần từ 10 đến 256 ký tự.')).toBeVisible();
	await expect(page.getByText('Trưởng đơn vị và cán bộ phải thuộc một đơn vị')).toBeVisible();
	await expect(newUserForm(page).getByLabel('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');
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
	await expect(newUserForm(page).getByLabel('Mật khẩu')).toHaveValue('');

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
	await expect(newUserForm(page).getByLabel('Tên đăng nhập')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
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
	await openApp(staff, '/');
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
	await openApp(page, '/users');
	await expect(
		page.getByText('Bạn cần đăng nhập bằng tài khoản quản trị để quản lý tài khoản.')
	).toBeVisible();
	await page.getByRole('link', { name: 'Đến trang đăng nhập' }).click();
	await expect(page).toHaveURL(/\/login$/);
});

/** Another phone: a fresh context at 360 px. */
async function phone(browser: Browser, baseURL: string | undefined): Promise<BrowserContext> {
	return browser.newContext({
		baseURL,
		viewport: { width: 360, height: 640 },
		hasTouch: true,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh'
	});
}

/** The status of /api/auth/me with the token kept on this device. */
const meStatus = (page: Page) =>
	page.evaluate(async () => {
		const s = JSON.parse(localStorage.getItem('so-hop-534.session') ?? '{}') as { token?: string };
		const res = await fetch('/api/auth/me', { headers: { authorization: `Bearer ${s.token}` } });
		return res.status;
	});

test('admin disables, resets, moves and signs out an account; the user must change the reset password', async ({
	page,
	browser,
	baseURL,
	request
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP', 'nhanvien');
	const ctx = await phone(browser, baseURL);
	const staff = await ctx.newPage();
	await openApp(staff, '/');
	await signInUi(staff, acc);

	await openApp(page, '/');
	await signInUi(page, { username: 'admin', password: ADMIN_PASSWORD });
	await page.goto('/users');
	const item = page
		.getByRole('list', { name: 'Danh sách tài khoản' })
		.getByRole('listitem')
		.filter({ hasText: acc.username });
	// Two sessions: the API sign-in of createAccount and the phone.
	await expect(item).toContainText('Phiên đăng nhập đang hoạt động: 2');
	await item.getByText(`Thao tác với tài khoản ${acc.username}`).click();
	await expect(item.getByText(/^Đăng nhập lúc \d{2}\/\d{2}\/\d{4}/).first()).toBeVisible();
	await expectNoAxeViolations(page);

	// Disable, asked first (a mis-tap would sign a colleague out mid-meeting): "Hủy" changes
	// nothing; confirmed, the phone's session ends at once; re-enable.
	const asked: string[] = [];
	page.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
	await item.getByRole('button', { name: 'Khóa tài khoản' }).click();
	await expect
		.poll(() => asked)
		.toEqual([`Khóa tài khoản ${acc.username}? Người dùng sẽ bị đăng xuất ngay trên mọi máy.`]);
	expect(await meStatus(staff)).toBe(200);
	await expect(item.getByRole('button', { name: 'Khóa tài khoản' })).toBeVisible();
	page.once('dialog', (d) => void d.accept());
	await item.getByRole('button', { name: 'Khóa tài khoản' }).click();
	await expect(item.getByRole('status')).toContainText(`Đã khóa tài khoản ${acc.username}`);
	await expect(item).toContainText('Đã khóa');
	await expect(item).toContainText('Phiên đăng nhập đang hoạt động: 0');
	expect(await meStatus(staff)).toBe(401);
	await item.getByRole('button', { name: 'Mở lại tài khoản' }).click();
	await expect(item.getByRole('status')).toContainText(`Đã mở lại tài khoản ${acc.username}`);

	// Reset: a common password is refused beside the field, then a temporary one is set.
	const temp = item.getByLabel('Mật khẩu tạm thời');
	await temp.fill('password123');
	await item.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
	await expect(item.getByText('Mật khẩu này quá phổ biến, dễ bị dò ra.')).toBeVisible();
	await expect(temp).toHaveAttribute('aria-invalid', 'true');
	await temp.fill('tam-thoi-2026-vp');
	await item.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
	await expect(item.getByRole('status')).toContainText('Người dùng phải đổi mật khẩu');
	await expect(item).toContainText('Chờ người dùng đổi mật khẩu');

	// Role and unit.
	await item.getByLabel('Vai trò').selectOption({ label: 'Trưởng đơn vị' });
	await item
		.getByLabel('Đơn vị', { exact: true })
		.selectOption({ label: 'Phòng Văn hóa - Xã hội' });
	await item.getByRole('button', { name: 'Lưu vai trò và đơn vị' }).click();
	await expect(item.getByRole('status')).toContainText('Đã cập nhật vai trò và đơn vị');
	await expect(item).toContainText('Trưởng đơn vị');
	await expectNoAxeViolations(page);

	// The user signs in with the temporary password and is sent to change it.
	await staff.goto('/login');
	await staff.getByLabel('Tên đăng nhập').fill(acc.username);
	await staff.getByLabel('Mật khẩu').fill('tam-thoi-2026-vp');
	await staff.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(staff).toHaveURL(/\/password$/);
	await expect(staff.getByTestId('password-required')).toBeVisible();
	// The home page (a first screen, with its own few texts) says so too and leads back here.
	await staff.goto('/');
	await expect(
		staff.getByRole('status').filter({ hasText: 'Bạn cần đổi mật khẩu trước khi đồng bộ dữ liệu.' })
	).toBeVisible();
	await staff.getByRole('link', { name: 'Đổi mật khẩu ngay' }).click();
	await expect(staff).toHaveURL(/\/password$/);
	await expect(staff.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' })).toBeVisible();
	await expectNoAxeViolations(staff);
	await staff.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-cu');
	await staff.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-rieng-2026');
	await staff.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-rieng-2026');
	await staff.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await expect(staff.getByText('Mật khẩu hiện tại không đúng.')).toBeVisible();
	await expect(staff.getByLabel('Mật khẩu hiện tại')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(staff);
	await staff.getByLabel('Mật khẩu hiện tại').fill('tam-thoi-2026-vp');
	await staff.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await expect(staff.getByRole('status').getByText('Đã đổi mật khẩu.')).toBeVisible();
	await expect(staff.getByTestId('password-required')).toHaveCount(0);
	expect(await meStatus(staff)).toBe(200);

	// The admin ends the user's sessions.
	await page.reload();
	await expect(item).toContainText('Phiên đăng nhập đang hoạt động: 1');
	await expect(item).not.toContainText('Chờ người dùng đổi mật khẩu');
	await item.getByText(`Thao tác với tài khoản ${acc.username}`).click();
	await item.getByRole('button', { name: 'Kết thúc mọi phiên đăng nhập' }).click();
	await expect(item.getByRole('status')).toContainText('Đã kết thúc 1 phiên đăng nhập');
	expect(await meStatus(staff)).toBe(401);
	// None is left: the list says so and offers no second "end" (which would log nothing).
	await expect(item).toContainText('Phiên đăng nhập đang hoạt động: 0');
	await expect(item.getByRole('button', { name: 'Kết thúc mọi phiên đăng nhập' })).toHaveCount(0);
	await ctx.close();
});
