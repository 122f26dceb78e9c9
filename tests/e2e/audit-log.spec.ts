/**
 * The admin log (/users/audit, linked from /users): the commune admin reads who did what to which
 * account, newest first, with the time in Asia/Ho_Chi_Minh (dd/MM/yyyy HH:mm) and the action in
 * Vietnamese; older entries come a page at a time ("Xem thêm", by keyboard: focus moves to the
 * first new entry). At 360 and 320 px nothing scrolls sideways; axe finds nothing. A staff account
 * is refused the screen.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, openControlled } from './support';
import { ADMIN_PASSWORD, apiLogin, createAccount, signInUi } from './sync-support';

/** 'dd/MM/yyyy HH:mm' of an instant in Việt Nam (UTC+7, no daylight saving). */
const vnTime = (iso: string): string => {
	const d = new Date(Date.parse(iso) + 7 * 3_600_000);
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};

for (const width of [360, 320]) {
	test(`the commune admin reads the admin log at ${width} px, by keyboard, axe-clean`, async ({
		page,
		request,
		baseURL
	}) => {
		await page.setViewportSize({ width, height: 740 });
		// An account made, disabled, and its sessions ended 55 times (more than one page).
		const staff = await createAccount(request, baseURL!, 'staff', 'VP', 'nhatky');
		const admin = await apiLogin(request, baseURL!, 'admin', ADMIN_PASSWORD);
		const as = { headers: { authorization: `Bearer ${admin}` } };
		const { id } = staff;
		const off = await request.patch(`${baseURL}/api/users/${id}`, {
			...as,
			data: { disabled: true }
		});
		expect(off.status()).toBe(200);
		for (let i = 0; i < 55; i++)
			expect((await request.delete(`${baseURL}/api/users/${id}/sessions`, as)).status()).toBe(200);

		await openControlled(page, '/');
		await signInUi(page, { username: 'admin', password: ADMIN_PASSWORD });
		await page.goto('/users');
		await page.getByRole('link', { name: 'Nhật ký quản trị' }).click();
		await expect(page).toHaveURL(/\/users\/audit$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' })).toBeVisible();

		const list = page.getByRole('list', { name: 'Nhật ký quản trị' });
		const items = list.getByRole('listitem');
		await expect(items).toHaveCount(50);
		// Newest first: this very sign-in, then the sessions ended.
		const first = items.first();
		await expect(first).toContainText('Đăng nhập quản trị');
		await expect(first).toContainText('Người thực hiện: admin');
		// A sign-in acts on no one else: no "Đối tượng" line (clerk review r11, 9).
		await expect(first).not.toContainText('Đối tượng');
		const ended = items.filter({ hasText: 'Kết thúc mọi phiên đăng nhập' });
		await expect(ended.filter({ hasText: `Đối tượng: ${staff.username}` })).toHaveCount(49);
		const time = first.locator('time');
		await expect(time).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
		expect(await time.textContent()).toBe(vnTime((await time.getAttribute('datetime'))!));
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);

		// The next page, by keyboard: focus goes to the first entry it brought.
		const more = page.getByRole('button', { name: 'Xem thêm' });
		await more.focus();
		await page.keyboard.press('Enter');
		await expect(items).not.toHaveCount(50);
		await expect(items.nth(50)).toBeFocused();
		// Further on: the disabling and the creation, by the admin, of this account.
		// Each click waits for its page to come and the loading to end: while it loads the button
		// is still there but disabled, and then (after the last page) gone.
		const loadingText = page.getByText('Đang tải nhật ký…');
		while (await more.isVisible()) {
			const shown = await items.count();
			await more.click();
			await expect(items).not.toHaveCount(shown);
			await expect(loadingText).toHaveCount(0);
		}
		await expect(page.getByText('Đã hiển thị toàn bộ nhật ký.')).toBeVisible();
		const ours = items.filter({ hasText: `Đối tượng: ${staff.username}` });
		await expect(ours.filter({ hasText: 'Khóa tài khoản' })).toHaveCount(1);
		const made = ours.filter({ hasText: 'Tạo tài khoản' });
		await expect(made).toHaveCount(1);
		await expect(made).toContainText('Người thực hiện: admin');
		// The unit by its name, as on /users, not its code (clerk review r11, 9).
		await expect(made).toContainText('Cán bộ, Văn phòng HĐND và UBND xã');
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
	});
}

test('a staff account is refused the admin log, and the API answers it 403', async ({
	page,
	request,
	baseURL
}) => {
	const staff = await createAccount(request, baseURL!, 'staff', 'VP', 'nhatky-cb');
	const res = await request.get(`${baseURL}/api/audit`, {
		headers: { authorization: `Bearer ${staff.token}` }
	});
	expect(res.status()).toBe(403);
	await openControlled(page, '/');
	await signInUi(page, staff);
	await page.goto('/users/audit');
	await expect(page.getByTestId('audit-refused')).toHaveText(
		'Chỉ tài khoản quản trị của xã mới xem được nhật ký quản trị.'
	);
	await expect(page.getByRole('list', { name: 'Nhật ký quản trị' })).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('an admin who must change their password is told so, with the way to do it, not refused as a non-admin', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'admin', null, 'nhatky-qt');
	const admin = await apiLogin(request, baseURL!, 'admin', ADMIN_PASSWORD);
	const as = { headers: { authorization: `Bearer ${admin}` } };
	const { id } = acc;
	const temp = 'tam-thoi-2026-qt';
	const reset = await request.post(`${baseURL}/api/users/${id}/password`, {
		...as,
		data: { password: temp }
	});
	expect(reset.status()).toBe(200);
	// The API refuses the log to this account until it changes its password.
	const token = await apiLogin(request, baseURL!, acc.username, temp);
	const res = await request.get(`${baseURL}/api/audit`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(res.status()).toBe(403);
	expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
		'password_change_required'
	);

	await openControlled(page, '/');
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill(acc.username);
	await page.getByLabel('Mật khẩu').fill(temp);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page).toHaveURL(/\/password$/);
	await page.goto('/users/audit');
	const notice = page.getByTestId('audit-password');
	await expect(notice).toContainText('Bạn cần đổi mật khẩu trước khi xem nhật ký quản trị.');
	await expect(page.getByTestId('audit-refused')).toHaveCount(0);
	await expect(page.getByRole('list', { name: 'Nhật ký quản trị' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await notice.getByRole('link', { name: 'Đổi mật khẩu ngay' }).click();
	await expect(page).toHaveURL(/\/password$/);
});
