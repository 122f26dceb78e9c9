/**
 * The admin log (/users/audit, linked from /users): the commune admin reads who did what to which
 * account, newest first, with the time in Asia/Ho_Chi_Minh (dd/MM/yyyy HH:mm) and the action in
 * Vietnamese; older entries come a page at a time ("Xem thêm", by keyboard: focus moves to the
 * first new entry). At 360 and 320 px nothing scrolls sideways; axe finds nothing. A staff account
 * is refused the screen.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, openApp } from './support';
import {
	ADMIN_PASSWORD,
	apiLogin,
	createAccount,
	pullAll,
	pushApplied,
	putMutation,
	signInUi
} from './sync-support';
import {
	communeAdminToken,
	communeWithAdmin,
	OWN_PASSWORD,
	provinceToken
} from './province-support';

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
		// An account made, disabled, and its role changed 55 times (more than one page; a real
		// change each time: an action that changes nothing is not logged).
		const staff = await createAccount(request, baseURL!, 'staff', 'VP', 'nhatky');
		const admin = await apiLogin(request, baseURL!, 'admin', ADMIN_PASSWORD);
		const as = { headers: { authorization: `Bearer ${admin}` } };
		const { id } = staff;
		const off = await request.patch(`${baseURL}/api/users/${id}`, {
			...as,
			data: { disabled: true }
		});
		expect(off.status()).toBe(200);
		for (let i = 0; i < 55; i++) {
			const data = { role: i % 2 === 0 ? 'unit_head' : 'staff', unitCode: 'VP' };
			expect((await request.patch(`${baseURL}/api/users/${id}`, { ...as, data })).status()).toBe(
				200
			);
		}

		await openApp(page, '/');
		await signInUi(page, { username: 'admin', password: ADMIN_PASSWORD });
		await page.goto('/users');
		await page.getByRole('link', { name: 'Nhật ký quản trị' }).click();
		await expect(page).toHaveURL(/\/users\/audit$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' })).toBeVisible();

		const list = page.getByRole('list', { name: 'Nhật ký quản trị' });
		const items = list.getByRole('listitem');
		await expect(items).toHaveCount(50);
		// Newest first: this very sign-in, then the role changes.
		const first = items.first();
		await expect(first).toContainText('Đăng nhập quản trị');
		await expect(first).toContainText('Người thực hiện: admin');
		// A sign-in acts on no one else: no "Đối tượng" line (clerk review r11, 9).
		await expect(first).not.toContainText('Đối tượng');
		const changed = items.filter({ hasText: 'Đổi vai trò và đơn vị' });
		await expect(changed.filter({ hasText: `Đối tượng: ${staff.username}` })).toHaveCount(49);
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

test('an entry of an action this app does not know (a newer server) is counted and told, the others shown', async ({
	page
}) => {
	await openApp(page, '/');
	await signInUi(page, { username: 'admin', password: ADMIN_PASSWORD });
	// The server's real answer, with an entry of an action added after this app was built.
	await page.route('**/api/audit', async (route) => {
		const res = await route.fetch();
		const body = (await res.json()) as { entries: Record<string, unknown>[]; next: string | null };
		const newer = { ...body.entries[0]!, id: '999999', action: 'meeting.purged' };
		await route.fulfill({ response: res, json: { ...body, entries: [newer, ...body.entries] } });
	});
	await page.goto('/users/audit');
	const list = page.getByRole('list', { name: 'Nhật ký quản trị' });
	await expect(list.getByRole('listitem').first()).toContainText('Đăng nhập quản trị');
	await expect(page.getByTestId('audit-unreadable')).toHaveText(
		'1 mục của nhật ký không hiển thị được vì phiên bản ứng dụng trên máy này cũ hơn máy chủ. Hãy tải lại ứng dụng để cập nhật phiên bản mới.'
	);
	await expectNoAxeViolations(page);
});

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
	await openApp(page, '/');
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

	await openApp(page, '/');
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

/**
 * Attacker review r12, 4: a monitor's settings saves (one entry each) bury an admin's password
 * reset pages down. In a commune of its own (the shared server's default commune keeps its
 * settings): 120 saves around one reset; the filter by kind of action finds it on the first
 * page, the filter by actor shows the monitor's saves alone; both in the address (a reload, a
 * link); a bad filter in the address is said in Vietnamese, and the API answers it 400.
 */
for (const width of [360, 320]) {
	test(`the admin finds a password reset under a flood of settings saves by the filter at ${width} px`, async ({
		page,
		request,
		baseURL
	}) => {
		await page.setViewportSize({ width, height: 740 });
		const base = baseURL!;
		const c = await communeWithAdmin(request, base, await provinceToken(request, base), {
			prefix: 'xa-lu',
			area: 'Huyện Lũ'
		});
		const admin = await communeAdminToken(request, base, c.admin);
		const as = { headers: { authorization: `Bearer ${admin}` } };
		const password = 'mat-khau-giam-sat-9';
		const monitorAccount = async (suffix: string) => {
			const username = `${c.id}`.slice(0, 28) + `-${suffix}`;
			const r = await request.post(`${base}/api/users`, {
				...as,
				data: { username, password, role: 'monitor', unitCode: null, displayName: username }
			});
			expect(r.status(), await r.text()).toBe(201);
			return { username, id: ((await r.json()) as { user: { id: string } }).user.id };
		};
		const monitor = await monitorAccount('gs');
		const victim = await monitorAccount('nn');
		const monitorToken = await apiLogin(request, base, monitor.username, password);
		const settings = (await pullAll(request, base, admin)).find((x) => x.entity === 'settings')!;
		const device = `dev-${c.id}`.slice(0, 40);
		let n = 0;
		const flood = (count: number) =>
			pushApplied(
				request,
				base,
				monitorToken,
				device,
				Array.from({ length: count }, () => {
					n++;
					return putMutation(
						device,
						'settings',
						{ ...settings.record, communeName: `Xã Lũ ${n}` },
						n,
						{ recordId: 'settings', keepCreatedAt: true }
					);
				})
			);
		await flood(60);
		const reset = await request.post(`${base}/api/users/${victim.id}/password`, {
			...as,
			data: { password: 'mat-khau-dat-lai-moi-7' }
		});
		expect(reset.status()).toBe(200);
		await flood(60);

		await openApp(page, '/');
		await signInUi(page, { username: c.admin, password: OWN_PASSWORD });
		await page.goto('/users/audit');
		const items = page.getByRole('list', { name: 'Nhật ký quản trị' }).getByTestId('audit-entry');
		// Unfiltered, the first page is this sign-in and the monitor's saves: the reset is pages down.
		await expect(items).toHaveCount(50);
		await expect(items.filter({ hasText: 'Sửa cài đặt của xã' })).toHaveCount(49);
		await expect(items.filter({ hasText: 'Đặt lại mật khẩu' })).toHaveCount(0);

		// By kind of action, by keyboard: the account actions alone, the reset among them.
		const kind = page.getByLabel('Loại thao tác');
		await kind.focus();
		await kind.selectOption({ label: 'Tài khoản' });
		await expect(page).toHaveURL(/\/users\/audit\?group=accounts$/);
		const found = items.filter({ hasText: 'Đặt lại mật khẩu' });
		await expect(found).toHaveCount(1);
		await expect(found).toContainText(`Đối tượng: ${victim.username}`);
		await expect(found).toContainText(`Người thực hiện: ${c.admin}`);
		await expect(items.filter({ hasText: 'Sửa cài đặt của xã' })).toHaveCount(0);
		await expect(page.getByText('Đã hiển thị mọi thao tác khớp bộ lọc.')).toBeVisible();
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);

		// By actor: the monitor did no account action; all it did was the saves.
		const actor = page.getByLabel('Người thực hiện');
		await actor.selectOption({ label: monitor.username });
		await expect(page).toHaveURL(new RegExp(`\\?group=accounts&actor=${monitor.id}$`));
		await expect(page.getByText('Không có thao tác nào khớp bộ lọc.')).toBeVisible();
		await kind.selectOption({ label: 'Mọi thao tác' });
		await expect(page).toHaveURL(new RegExp(`/users/audit\\?actor=${monitor.id}$`));
		await expect(items).toHaveCount(50);
		await expect(items.filter({ hasText: `Người thực hiện: ${monitor.username}` })).toHaveCount(50);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);

		// An entry's actor links to that account's actions: the admin's, account actions only.
		await kind.selectOption({ label: 'Tài khoản' });
		await actor.selectOption({ label: 'Mọi tài khoản' });
		await expect(page).toHaveURL(/\/users\/audit\?group=accounts$/);
		await found.getByRole('link', { name: `Chỉ xem thao tác của ${c.admin}` }).click();
		await expect(page).toHaveURL(/\?group=accounts&actor=[^&]+$/);
		const link = page.url();
		// The admin's own creation, by the province, is gone; the reset by the admin is there.
		const createdByProvince = items.filter({ hasText: 'Tạo tài khoản' }).filter({
			hasText: `Đối tượng: ${c.admin}`
		});
		await expect(createdByProvince).toHaveCount(0);
		await expect(found).toHaveCount(1);
		await expect(items.filter({ hasNotText: `Người thực hiện: ${c.admin}` })).toHaveCount(0);
		// The address is the filter: a reload, or the link opened anew, shows the same.
		await page.reload();
		await expect(page.getByLabel('Loại thao tác')).toHaveValue('accounts');
		await expect(page.getByLabel('Người thực hiện')).not.toHaveValue('');
		await expect(found).toHaveCount(1);
		await page.goto(link);
		await expect(found).toHaveCount(1);

		// A bad filter in the address: said, with the way back; the API refuses it.
		await page.goto('/users/audit?group=bogus');
		await expect(page.getByTestId('audit-bad-filter')).toContainText(
			'Bộ lọc trong địa chỉ trang không hợp lệ. Hãy chọn lại loại thao tác và người thực hiện.'
		);
		await expect(page.getByRole('list', { name: 'Nhật ký quản trị' })).toHaveCount(0);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Bỏ lọc' }).click();
		await expect(page).toHaveURL(/\/users\/audit$/);
		await expect(items).toHaveCount(50);
		for (const q of ['group=bogus', 'actor=', `actor=${'x'.repeat(65)}`]) {
			const res = await request.get(`${base}/api/audit?${q}`, as);
			expect(res.status(), q).toBe(400);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
				'invalid_request'
			);
		}
		// Another commune's account named as the actor: nothing of that commune is read.
		const other = await apiLogin(request, base, 'admin', ADMIN_PASSWORD);
		const me = await request.get(`${base}/api/auth/me`, {
			headers: { authorization: `Bearer ${other}` }
		});
		const otherId = ((await me.json()) as { user: { id: string } }).user.id;
		const theirs = await request.get(`${base}/api/audit?actor=${otherId}`, {
			headers: { authorization: `Bearer ${other}` }
		});
		expect(((await theirs.json()) as { entries: unknown[] }).entries.length).toBeGreaterThan(0);
		const crafted = await request.get(`${base}/api/audit?actor=${otherId}`, as);
		expect(crafted.status()).toBe(200);
		expect(await crafted.json()).toEqual({ entries: [], next: null });
	});
}
