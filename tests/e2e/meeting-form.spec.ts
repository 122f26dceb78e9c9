import { expect, test } from '@playwright/test';
import {
	draftsOnDevice,
	expectClearOfBottomBar,
	expectNoAxeViolations,
	fillMeeting,
	openApp
} from './support';

test('invalid input shows Vietnamese messages beside the fields and saves nothing', async ({
	page
}) => {
	await openApp(page, '/meetings/new');
	await page.getByLabel('Tên cuộc họp').fill('');
	await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Cuộc họp làm việc' });
	const s1 = page.getByRole('group', { name: 'Phiên 1' });
	// A past day: a "held" meeting later today would be refused for that reason too.
	await s1.getByLabel('Ngày').fill('2026-11-10');
	await s1.getByLabel('Bắt đầu').fill('10:00');
	await s1.getByLabel('Kết thúc').fill('10:00');
	await page.getByLabel('Số người dự').fill('hai mươi');
	await page.getByRole('button', { name: 'Lưu' }).click();

	await expect(
		page.getByText('Chưa lưu: vui lòng sửa 3 lỗi được đánh dấu bên dưới.')
	).toBeVisible();
	await expect(page.getByText('Không được để trống.', { exact: true })).toBeVisible();
	await expect(s1.getByText('Giờ kết thúc phải sau giờ bắt đầu.', { exact: true })).toBeVisible();
	await expect(
		page.getByText('Nhập số nguyên, ví dụ 1200 hoặc 1.200.', { exact: true })
	).toBeVisible();
	await expect(s1.getByLabel('Kết thúc')).toHaveAttribute('aria-invalid', 'true');

	// Each fixed field loses its message at once, and the summary counts down.
	await s1.getByLabel('Kết thúc').fill('11:00');
	await expect(s1.getByText('Giờ kết thúc phải sau giờ bắt đầu.', { exact: true })).toHaveCount(0);
	await expect(s1.getByLabel('Kết thúc')).toHaveAttribute('aria-invalid', 'false');
	await expect(
		page.getByText('Chưa lưu: vui lòng sửa 2 lỗi được đánh dấu bên dưới.')
	).toBeVisible();
	await page.getByLabel('Số người dự').fill('20');
	await expect(
		page.getByText('Nhập số nguyên, ví dụ 1200 hoặc 1.200.', { exact: true })
	).toHaveCount(0);
	await expect(
		page.getByText('Chưa lưu: vui lòng sửa 1 lỗi được đánh dấu bên dưới.')
	).toBeVisible();
	await expect(page.getByTestId('error-summary').getByRole('link')).toHaveText([
		'Tên cuộc họp: Không được để trống.'
	]);
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(
		page.getByText('Chưa lưu: vui lòng sửa 1 lỗi được đánh dấu bên dưới.')
	).toBeVisible();
	await expect(page.getByLabel('Tên cuộc họp')).toHaveAttribute('aria-invalid', 'true');
	await expect(page).toHaveURL(/\/meetings\/new$/);

	await page.goto('/meetings');
	await expect(page.getByText('Chưa có cuộc họp nào.')).toBeVisible();
});

test('an unsaved form survives a reload as a draft kept on the device', async ({ page }) => {
	await openApp(page, '/meetings/new');
	await fillMeeting(page, {
		title: 'Bản nháp họp thôn',
		sittings: [{ date: '2026-11-10', start: '08:00', end: '09:30' }]
	});
	// Wait until the draft is in IndexedDB (it is written shortly after typing stops).
	await expect
		.poll(async () => (await draftsOnDevice(page))['meeting:new'])
		.toMatchObject({ title: 'Bản nháp họp thôn' });
	await page.reload();
	await expect(page.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
	await expect(page.getByLabel('Tên cuộc họp')).toHaveValue('Bản nháp họp thôn');
	await expect(page.getByRole('group', { name: 'Phiên 1' }).getByLabel('Kết thúc')).toHaveValue(
		'09:30'
	);
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: 'Bản nháp họp thôn' })).toBeVisible();
	await page.goto('/meetings/new');
	await expect(page.getByLabel('Tên cuộc họp')).toHaveValue('');
});

test('edit changes a meeting in place; delete removes it from the list', async ({ page }) => {
	await openApp(page, '/meetings/new');
	await fillMeeting(page, {
		title: 'Hội nghị quán triệt nghị quyết',
		category: 'Hội nghị quán triệt',
		sittings: [{ date: '2026-10-05', start: '07:30', end: '12:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	// Over the category's limit: the form asks first.
	await page.getByRole('button', { name: 'Đúng, vẫn lưu' }).click();
	await expect(page.getByTestId('limit-status')).toHaveText(/Vượt giới hạn 30 phút/);

	// On a 360 x 780 phone the question's buttons come into view above the bottom bar.
	await page.setViewportSize({ width: 360, height: 780 });
	await page.getByRole('link', { name: 'Sửa' }).click();
	await page.getByRole('group', { name: 'Phiên 1' }).getByLabel('Kết thúc').fill('12:30');
	// The clerk has scrolled to the end of the form, as she does to reach "Lưu".
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	await page.getByRole('button', { name: 'Lưu' }).click();
	const ask = page.getByTestId('long-meeting');
	await expect(ask).toBeFocused();
	await expectClearOfBottomBar(page, ask.getByRole('button', { name: 'Đúng, vẫn lưu' }));
	await expectClearOfBottomBar(page, ask.getByRole('button', { name: 'Xem lại giờ' }));
	await ask.getByRole('button', { name: 'Xem lại giờ' }).click();
	await page.getByRole('group', { name: 'Phiên 1' }).getByLabel('Kết thúc').fill('11:00');
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByTestId('total-duration')).toHaveText('3 giờ 30 phút');
	// A held meeting is over: how much shorter than its limit, not a countdown (clerk review 16).
	await expect(page.getByTestId('limit-status')).toHaveText(
		'✓ Trong giới hạn — ngắn hơn quy định 30 phút'
	);
	await expect(page.getByText('Giới hạn: 4 giờ', { exact: true })).toBeVisible();
	// Exactly the limit: said so, not "ngắn hơn quy định 0 phút" (clerk review r19).
	await page.getByRole('link', { name: 'Sửa' }).click();
	await page.getByRole('group', { name: 'Phiên 1' }).getByLabel('Kết thúc').fill('11:30');
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByTestId('total-duration')).toHaveText('4 giờ');
	await expect(page.getByTestId('limit-status')).toHaveText(
		'✓ Trong giới hạn — bằng thời lượng quy định'
	);

	await page.goto('/meetings');
	await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(1);
	await page.getByRole('link', { name: 'Hội nghị quán triệt nghị quyết' }).click();
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Xóa' }).click();
	await expect(page).toHaveURL(/\/meetings$/);
	await expect(page.getByText('Chưa có cuộc họp nào.')).toBeVisible();
});

test('meetings can be filtered by unit, category, format and status', async ({ page }) => {
	await openApp(page, '/meetings/new');
	await fillMeeting(page, {
		title: 'Họp A trực tuyến',
		format: 'Trực tuyến',
		sittings: [{ date: '2026-09-01', start: '08:00', end: '09:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: 'Họp A trực tuyến' })).toBeVisible();
	await page.goto('/meetings/new');
	await fillMeeting(page, {
		title: 'Họp B thôn 2',
		unit: 'Thôn 2',
		category: 'Cuộc họp làm việc',
		sittings: [{ date: '2026-09-02', start: '08:00', end: '09:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: 'Họp B thôn 2' })).toBeVisible();

	await page.goto('/meetings');
	await expect(page.getByText('2 cuộc họp')).toBeVisible();
	// The filters are folded; their summary counts the ones in use.
	await page.getByText('Bộ lọc', { exact: true }).click();
	await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Thôn 2' });
	await expect(page.getByText('1 cuộc họp')).toBeVisible();
	await expect(page.getByText('Bộ lọc (đang dùng 1)')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Họp B thôn 2' })).toBeVisible();
	await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Tất cả' });
	await page.getByLabel('Hình thức').selectOption({ label: 'Trực tuyến' });
	await expect(page.getByRole('link', { name: 'Họp A trực tuyến' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Họp B thôn 2' })).toHaveCount(0);
	await page.getByLabel('Hình thức').selectOption({ label: 'Tất cả' });
	await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Cuộc họp làm việc' });
	await expect(page.getByText('1 cuộc họp')).toBeVisible();
	await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Tất cả' });
	await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đã hủy' });
	await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Thôn 2' });
	await expect(page).toHaveURL(/\/meetings\?status=cancelled&unit=THON02$/);
	await expect(page.getByText('Chưa có cuộc họp nào phù hợp.')).toBeVisible();
	// Every filter is in the address: a reload (or the link sent to a colleague) shows the same
	// list (clerk review r20).
	await page.reload();
	await expect(page.getByText('Bộ lọc (đang dùng 2)')).toBeVisible();
	await page.getByText('Bộ lọc (đang dùng 2)').click();
	await expect(page.getByLabel('Trạng thái', { exact: true })).toHaveValue('cancelled');
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue('THON02');
	await expect(page.getByText('Chưa có cuộc họp nào phù hợp.')).toBeVisible();
	// Emptied by the filters: one tap brings the whole list back, the address too (clerk review
	// r20, 5).
	await page.getByRole('button', { name: 'Bỏ lọc' }).click();
	await expect(page.getByText('2 cuộc họp')).toBeVisible();
	await expect(page.getByText('Bộ lọc', { exact: true })).toBeVisible();
	await expect(page.getByLabel('Trạng thái', { exact: true })).toHaveValue('');
	await expect(page).toHaveURL(/\/meetings$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Cuộc họp' })).toBeFocused();
});

test("the unit's role is one tap, organised by default, and shows in the list and on the meeting", async ({
	page
}) => {
	await openApp(page, '/meetings/new');
	const organised = page.getByRole('radio', { name: 'Chủ trì', exact: true });
	const attended = page.getByRole('radio', { name: 'Tham dự', exact: true });
	await expect(organised).toBeChecked();
	await expect(attended).not.toBeChecked();
	await expect(page.getByRole('group', { name: 'Vai trò của đơn vị' })).toBeVisible();
	await expectNoAxeViolations(page);
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
	).toBeLessThanOrEqual(0);

	await fillMeeting(page, {
		title: 'Hội nghị trực tuyến toàn tỉnh',
		category: 'Hội nghị quán triệt',
		format: 'Trực tuyến',
		sittings: [{ date: '2026-10-05', start: '08:00', end: '10:00' }]
	});
	// One tap on the label switches the role.
	await page.getByText('Tham dự', { exact: true }).click();
	await expect(attended).toBeChecked();
	await expect(organised).not.toBeChecked();
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: 'Hội nghị trực tuyến toàn tỉnh' })).toBeVisible();
	await expect(page.getByTestId('role')).toHaveText('Tham dự');

	await page.goto('/meetings/new');
	await fillMeeting(page, {
		title: 'Hội nghị chuyên môn của xã',
		sittings: [{ date: '2026-10-06', start: '08:00', end: '10:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByTestId('role')).toHaveText('Chủ trì');

	await page.goto('/meetings');
	const item = (title: string) =>
		page.getByRole('main').getByRole('listitem').filter({ hasText: title });
	await expect(item('Hội nghị trực tuyến toàn tỉnh').getByTestId('role')).toHaveText('Tham dự');
	await expect(item('Hội nghị chuyên môn của xã').getByTestId('role')).toHaveText('Chủ trì');
	await expectNoAxeViolations(page);

	// Editing keeps the stored role and can change it.
	await page.getByRole('link', { name: 'Hội nghị trực tuyến toàn tỉnh' }).click();
	await page.getByRole('link', { name: 'Sửa' }).click();
	await expect(attended).toBeChecked();
	await organised.check();
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByTestId('role')).toHaveText('Chủ trì');
});

test('a planned meeting without end times shows its planned length in the list, never "0 phút"', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2026-11-20T09:00:00+07:00') });
	await openApp(page, '/meetings/new');
	await fillMeeting(page, {
		title: 'Hội nghị quán triệt dự kiến',
		category: 'Hội nghị quán triệt',
		sittings: [{ date: '2026-12-10', start: '07:00', end: '' }]
	});
	await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Dự kiến' });
	await page.getByLabel('Thời lượng dự kiến (phút)').fill('90');
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: 'Hội nghị quán triệt dự kiến' })).toBeVisible();

	await page.goto('/meetings/new');
	await fillMeeting(page, {
		title: 'Họp dự kiến chưa rõ giờ',
		category: 'Cuộc họp làm việc',
		sittings: [{ date: '2026-12-11', start: '14:00', end: '' }]
	});
	await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Dự kiến' });
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: 'Họp dự kiến chưa rõ giờ' })).toBeVisible();

	await page.goto('/meetings');
	const row = (title: string) => page.getByRole('listitem').filter({ hasText: title });
	await expect(row('Hội nghị quán triệt dự kiến').locator('.meta')).toHaveText(
		/· dự kiến 1 giờ 30 phút$/
	);
	await expect(row('Họp dự kiến chưa rõ giờ').locator('.meta')).toHaveText(/UBND xã\s*$/);
	await expect(page.getByRole('main')).not.toContainText(/(?<!\d)0 phút/);
});
