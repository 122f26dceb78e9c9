/**
 * The admin log of a commune of its own (made here by the province admin, so the shared e2e
 * server's default commune keeps its settings for the other specs): its admin changes a settings
 * field, adds a unit and renames it, as a phone would (pushes). The commune's admin reads the
 * Vietnamese wording on /users/audit; the province admin reaches /province/audit from /province,
 * reads every entry with the commune named, picks the commune and reads the same wording. At 360
 * and 320 px nothing scrolls sideways; keyboard; axe finds nothing. A commune admin is refused
 * the province screen.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, openApp } from './support';
import { apiLogin, pullAll, pushApplied, putMutation, signInUi, signOutUi } from './sync-support';
import {
	communeAdminToken,
	communeWithAdmin,
	OWN_PASSWORD,
	PROVINCE,
	provinceToken
} from './province-support';

/**
 * A commune with its admin, who enters the 2026 plan (as an app of the older version writes it:
 * the single plan), changes it (as this version writes it: the plans by year), adds unit THON99
 * and renames it.
 */
async function communeWithChanges(request: APIRequestContext, base: string) {
	const province = await provinceToken(request, base);
	const c = await communeWithAdmin(request, base, province, {
		prefix: 'xa-nk',
		area: 'Huyện Nhật Ký'
	});
	const token = await communeAdminToken(request, base, c.admin);
	const settings = (await pullAll(request, base, token)).find((x) => x.entity === 'settings')!;
	const device = `dev-${c.id}`.slice(0, 40);
	let n = 0;
	/** A change as the phone sends it: the record's own createdAt stays. */
	const put = (entity: string, recordId: string, record: Record<string, unknown>) =>
		putMutation(device, entity, record, ++n, { recordId, keepCreatedAt: true });
	const unit = (unitName: string) => ({
		code: 'THON99',
		name: unitName,
		kind: 'hamlet',
		archived: false,
		order: 99,
		createdAt: Date.now(),
		deleted: false
	});
	for (const m of [
		put('settings', 'settings', {
			...settings.record,
			planNumber: '45/KH-UBND',
			planDate: '2026-04-15'
		}),
		put('settings', 'settings', {
			...settings.record,
			planNumber: '52/KH-UBND',
			planDate: '2026-04-20',
			plans: [{ year: 2026, number: '52/KH-UBND', date: '2026-04-20' }]
		}),
		put('unit', 'THON99', unit('Thôn Chín Chín')),
		put('unit', 'THON99', unit('Thôn Bản Mới'))
	])
		await pushApplied(request, base, token, device, [m]);
	return c;
}

/** The entries of the commune's changes, in the words of /users/audit. */
async function expectChangesWorded(page: Page): Promise<void> {
	const items = page.getByRole('list', { name: /./ }).getByTestId('audit-entry');
	const settings = items.filter({ hasText: 'Sửa cài đặt của xã' });
	await expect(settings).toHaveCount(2);
	// Each plan change with its values from → to (clerk review r11, 9), newest first.
	await expect(settings.first()).toContainText('Đối tượng: Cài đặt của xã');
	await expect(settings.first()).toContainText(
		'Kế hoạch thực hiện năm 2026 – Số, ký hiệu: 45/KH-UBND → 52/KH-UBND; Ngày ban hành: 15/04/2026 → 20/04/2026'
	);
	await expect(settings.last()).toContainText(
		'Kế hoạch thực hiện năm 2026 – Số, ký hiệu: — → 45/KH-UBND; Ngày ban hành: — → 15/04/2026'
	);
	const added = items.filter({ hasText: 'Thêm đơn vị' });
	await expect(added).toHaveCount(1);
	await expect(added).toContainText('Đối tượng: Thôn Chín Chín');
	await expect(added).toContainText('Thôn, mã THON99');
	const renamed = items.filter({ hasText: 'Sửa đơn vị' });
	await expect(renamed).toHaveCount(1);
	await expect(renamed).toContainText('Tên đơn vị: Thôn Chín Chín → Thôn Bản Mới');
}

for (const width of [360, 320]) {
	test(`a commune's settings and unit changes, in words, on /users/audit and /province/audit at ${width} px`, async ({
		page,
		request,
		baseURL
	}) => {
		await page.setViewportSize({ width, height: 740 });
		const c = await communeWithChanges(request, baseURL!);

		// The commune's admin reads its own log.
		await openApp(page, '/');
		await signInUi(page, { username: c.admin, password: OWN_PASSWORD });
		await page.goto('/users/audit');
		await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' })).toBeVisible();
		await expectChangesWorded(page);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		// The province screen is not theirs.
		await page.goto('/province/audit');
		await expect(page.getByTestId('audit-refused')).toHaveText(
			'Chỉ tài khoản quản trị cấp tỉnh mới xem được nhật ký quản trị của các xã.'
		);
		const res = await request.get(`${baseURL}/api/province/audit`, {
			headers: {
				authorization: `Bearer ${await apiLogin(request, baseURL!, c.admin, OWN_PASSWORD)}`
			}
		});
		expect(res.status()).toBe(403);

		// The province admin, from /province, by keyboard.
		await signOutUi(page);
		await signInUi(page, PROVINCE, false);
		await page.goto('/province');
		const link = page.getByRole('link', { name: 'Nhật ký quản trị' });
		await link.focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/province\/audit$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' })).toBeVisible();
		// Every entry at first, each naming its commune (the province's own accounts by that name).
		await expect(
			page.getByRole('heading', { level: 2, name: 'Mọi xã và tài khoản cấp tỉnh' })
		).toBeVisible();
		const all = page.getByRole('list', { name: 'Mọi xã và tài khoản cấp tỉnh' });
		await expect(all.getByTestId('audit-entry').first()).toContainText('Xã, phường:');
		// This very sign-in is among them (other specs may log theirs in between).
		await expect(
			all
				.getByTestId('audit-entry')
				.filter({ hasText: 'Đăng nhập quản trị' })
				.filter({ hasText: 'Xã, phường: Tài khoản cấp tỉnh' })
				.first()
		).toBeVisible();
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);

		// The migrated `default` commune is listed by a name, never by its id nor as an empty
		// choice (province review r21, 4): its settings' name, else "Xã (chưa đặt tên)".
		const defaultChoice = page.getByLabel('Xem nhật ký của').locator('option[value="default"]');
		await expect(defaultChoice).toHaveCount(1);
		await expect(defaultChoice).toHaveText(/\S/);
		await expect(defaultChoice).not.toHaveText('default');

		// The commune, picked in the list: the address follows, the list is its log alone.
		const picker = page.getByLabel('Xem nhật ký của');
		await picker.focus();
		await picker.selectOption({ label: c.name });
		await expect(page).toHaveURL(new RegExp(`/province/audit\\?commune=${c.id}$`));
		await expect(page.getByRole('heading', { level: 2, name: c.name })).toBeVisible();
		const mine = page.getByRole('list', { name: c.name }).getByTestId('audit-entry');
		// Its log: the three changes, its admin's creation and the commune's, its admin's sign-ins.
		await expectChangesWorded(page);
		await expect(mine.filter({ hasText: 'Tạo xã' })).toHaveCount(1);
		await expect(mine.filter({ hasText: 'Tạo tài khoản' })).toContainText(`Đối tượng: ${c.admin}`);
		await expect(mine.filter({ hasText: 'Xã, phường:' })).toHaveCount(0);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		// A reload shows what the screen showed.
		await page.reload();
		await expect(page.getByLabel('Xem nhật ký của')).toHaveValue(c.id);
		await expectChangesWorded(page);

		// Filtered by kind of action (attacker review r12, 4): the commune's settings and units
		// alone, the commune kept in the address; then every commune under the same filter.
		await page.getByLabel('Loại thao tác').selectOption({ label: 'Cài đặt, đơn vị' });
		await expect(page).toHaveURL(new RegExp(`/province/audit\\?commune=${c.id}&group=settings$`));
		await expectChangesWorded(page);
		await expect(mine).toHaveCount(4);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await page.getByLabel('Loại thao tác').selectOption({ label: 'Tài khoản' });
		await expect(mine.filter({ hasText: 'Tạo tài khoản' })).toContainText(`Đối tượng: ${c.admin}`);
		await expect(mine.filter({ hasText: 'Sửa cài đặt của xã' })).toHaveCount(0);
		await expect(mine.filter({ hasText: 'Tạo xã' })).toHaveCount(0);
		await page
			.getByLabel('Xem nhật ký của')
			.selectOption({ label: 'Mọi xã và tài khoản cấp tỉnh' });
		await expect(page).toHaveURL(/\/province\/audit\?group=accounts$/);
		const every = page.getByRole('list', { name: 'Mọi xã và tài khoản cấp tỉnh' });
		const entries = every.getByTestId('audit-entry');
		await expect(entries.first()).toBeVisible();
		await expect(entries.filter({ hasText: 'Sửa cài đặt' })).toHaveCount(0);
		// The sign-ins are a kind of their own (attacker review r20, 4): the province's among them.
		await expect(entries.filter({ hasText: 'Đăng nhập quản trị' })).toHaveCount(0);
		await page.getByLabel('Loại thao tác').selectOption({ label: 'Đăng nhập quản trị' });
		await expect(page).toHaveURL(/\/province\/audit\?group=signins$/);
		await expect(
			entries
				.filter({ hasText: 'Đăng nhập quản trị' })
				.filter({ hasText: 'Xã, phường: Tài khoản cấp tỉnh' })
				.first()
		).toBeVisible();
		await expect(entries.filter({ hasNotText: 'Đăng nhập quản trị' })).toHaveCount(0);
		// A bad filter in the address is said, and the log is not shown.
		await page.goto(`/province/audit?commune=${c.id}&actor=`);
		await expect(page.getByTestId('audit-bad-filter')).toBeVisible();
		await expect(page.getByTestId('audit-entry')).toHaveCount(0);
		await expectNoAxeViolations(page);
	});
}
