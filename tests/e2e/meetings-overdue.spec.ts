/**
 * Meetings still "Dự kiến" after their day (the closing note, clerk review): /meetings and the
 * dashboard say how many and lead to them; the list filters to them and back; updating one
 * lowers the count. The clock is the browser's (installed), the app reads it through its Clock.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, navTo, recordMeeting } from './support';

/** 01/12/2026 09:00 in UTC+7. */
const NOW = new Date('2026-12-01T09:00:00+07:00');

const addMeeting = (page: Page, title: string, date: string, status: string) =>
	recordMeeting(page, title, { date, status });

/** On the test's day (NOW): two planned meetings whose day is past, and one still to come. */
async function plannedMeetings(page: Page): Promise<void> {
	await page.clock.install({ time: NOW });
	await addMeeting(page, 'Họp giao ban tuần 47', '2026-11-20', 'Dự kiến');
	await addMeeting(page, 'Hội nghị sơ kết quý IV', '2026-11-30', 'Dự kiến');
	await addMeeting(page, 'Hội nghị tổng kết năm', '2026-12-10', 'Dự kiến');
}

test('planned meetings past their day are counted on /meetings and the dashboard, and listed on demand', async ({
	page
}) => {
	await plannedMeetings(page);
	await addMeeting(page, 'Họp chuyên môn tháng 11', '2026-11-18', 'Đã tổ chức');

	await page.goto('/meetings');
	const notice = page.getByTestId('overdue-notice');
	await expect(notice).toHaveText(
		/^Có 2 cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”\. Đề nghị cập nhật thành “Đã tổ chức” hoặc “Đã hủy” để số liệu báo cáo được chính xác\./
	);
	await expectNoAxeViolations(page);
	// From the keyboard: the pressed button goes with its notice, the focus goes to the other one.
	await notice.getByRole('button', { name: 'Xem các cuộc họp này' }).focus();
	await page.keyboard.press('Enter');
	const active = page.getByTestId('overdue-active');
	await expect(active).toContainText('Đang xem 2 cuộc họp đã qua ngày họp');
	await expect(active.getByRole('button', { name: 'Xem tất cả cuộc họp' })).toBeFocused();
	await expect(page.getByRole('link', { name: /^Họp giao ban tuần 47/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Hội nghị sơ kết quý IV/ })).toBeVisible();
	await expect(page.locator('.card-link')).toHaveCount(2);
	// The address says so: a reload shows the same list.
	await expect(page).toHaveURL(/\/meetings\?overdue=1$/);
	await page.reload();
	await expect(active).toContainText('Đang xem 2 cuộc họp đã qua ngày họp');
	await expect(page.locator('.card-link')).toHaveCount(2);
	await active.getByRole('button', { name: 'Xem tất cả cuộc họp' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('.card-link')).toHaveCount(4);
	await expect(
		page.getByTestId('overdue-notice').getByRole('button', { name: 'Xem các cuộc họp này' })
	).toBeFocused();
	await expect(page).toHaveURL(/\/meetings$/);
	await page.reload();
	await expect(page.getByTestId('overdue-notice')).toBeVisible();
	await expect(page.locator('.card-link')).toHaveCount(4);

	// One is marked held: the count goes down.
	await page.getByRole('link', { name: /^Họp giao ban tuần 47/ }).click();
	await page.getByRole('link', { name: 'Sửa' }).click();
	await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đã tổ chức' });
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Họp giao ban tuần 47' })).toBeVisible();

	// The dashboard says it too and links to the list of them.
	await page.goto('/dashboard');
	const dash = page.getByTestId('overdue-notice');
	await expect(dash).toHaveText(
		/^Có 1 cuộc họp đã qua ngày họp chưa cập nhật trạng thái, chưa được tính vào số liệu\./
	);
	// Near the top (clerk review r11, 11): on the first screen of a 360 px phone, before the
	// ranking and the figures.
	expect((await dash.boundingBox())!.y).toBeLessThan(640);
	const order = await page
		.locator('[data-testid="overdue-notice"], [data-testid="unit-ranking"], section.scope')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? 'scope'));
	expect(order[0]).toBe('overdue-notice');
	await dash.getByRole('link', { name: 'Xem các cuộc họp này' }).click();
	await expect(page).toHaveURL(/\/meetings\?overdue=1/);
	await expect(page.getByTestId('overdue-active')).toContainText('Đang xem 1 cuộc họp');
	await expect(page.locator('.card-link')).toHaveCount(1);
	await expect(page.getByRole('link', { name: /^Hội nghị sơ kết quý IV/ })).toBeVisible();

	// On 11/12 the meeting of 10/12, still planned, is past too.
	await page.clock.setFixedTime(new Date('2026-12-11T09:00:00+07:00'));
	await page.goto('/meetings');
	await expect(page.getByTestId('overdue-notice')).toContainText('Có 2 cuộc họp');
});

test('no reminder when every planned meeting is still ahead', async ({ page }) => {
	await page.clock.install({ time: NOW });
	await addMeeting(page, 'Hội nghị tổng kết năm', '2026-12-10', 'Dự kiến');
	// Opened on the filter (the dashboard's link): none to show, and it says so.
	await page.goto('/meetings?overdue=1');
	const active = page.getByTestId('overdue-active');
	await expect(active).toContainText(
		'Không còn cuộc họp nào đã qua ngày họp mà vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”.'
	);
	await expect(page.locator('.card-link')).toHaveCount(0);
	// Back to the whole list: the meeting ahead, and no reminder; the focus goes to the heading.
	await active.getByRole('button', { name: 'Xem tất cả cuộc họp' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('.card-link')).toHaveCount(1);
	await expect(page.getByTestId('overdue-active')).toHaveCount(0);
	await expect(page.getByTestId('overdue-notice')).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 1, name: 'Cuộc họp' })).toBeFocused();
	await expect(page).toHaveURL(/\/meetings$/);
});

test('the address drives the overdue filter: the bottom nav’s link shows the whole list, and no other filter hides some of them', async ({
	page
}) => {
	await plannedMeetings(page);

	// The dashboard's link, then "Cuộc họp" in the navigation: the same page, the whole list.
	await page.goto('/meetings?overdue=1');
	await expect(page.getByTestId('overdue-active')).toContainText('Đang xem 2 cuộc họp');
	await expect(page.locator('.card-link')).toHaveCount(2);
	await navTo(page, 'Cuộc họp');
	await expect(page).toHaveURL(/\/meetings$/);
	await expect(page.locator('.card-link')).toHaveCount(3);
	await expect(page.getByTestId('overdue-notice')).toContainText('Có 2 cuộc họp');

	// A category chosen that one of them is not of: showing them clears it, so the count and the
	// list agree.
	await page.locator('summary', { hasText: 'Bộ lọc' }).click();
	await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Hội nghị quán triệt' });
	await expect(page.locator('.card-link')).toHaveCount(0);
	await page
		.getByTestId('overdue-notice')
		.getByRole('button', { name: 'Xem các cuộc họp này' })
		.click();
	await expect(page.getByTestId('overdue-active')).toContainText('Đang xem 2 cuộc họp');
	await expect(page.locator('.card-link')).toHaveCount(2);
	await expect(page.getByLabel('Loại', { exact: true })).toHaveValue('');
	// The category leaves the address with it: a reload shows the same two.
	await expect(page).toHaveURL(/\/meetings\?overdue=1$/);
	await page.reload();
	await expect(page.locator('.card-link')).toHaveCount(2);
});

test('a filter changed by hand: the status or category ends the overdue view and takes its place in the address; a unit keeps it there', async ({
	page
}) => {
	await plannedMeetings(page);
	const active = page.getByTestId('overdue-active');
	const status = page.getByLabel('Trạng thái', { exact: true });

	// A status chosen by hand on the overdue view ("Dự kiến"): that status's whole list, the
	// reminder back, and no ?overdue=1 left to bring the filter back on a reload.
	await page.goto('/meetings?overdue=1');
	await expect(active).toContainText('Đang xem 2 cuộc họp');
	await page.locator('summary', { hasText: 'Bộ lọc' }).click();
	await expect(status).toHaveValue('');
	await status.selectOption({ label: 'Dự kiến' });
	await expect(page).toHaveURL(/\/meetings\?status=planned$/);
	await expect(page.locator('.card-link')).toHaveCount(3);
	await expect(active).toHaveCount(0);
	await expect(page.getByTestId('overdue-notice')).toContainText('Có 2 cuộc họp');
	await page.reload();
	await expect(page.getByTestId('overdue-notice')).toContainText('Có 2 cuộc họp');
	await expect(page.locator('.card-link')).toHaveCount(3);
	await expect(active).toHaveCount(0);

	// A category chosen on the overdue view ends it too: the list is no longer the counted one.
	await page.goto('/meetings?overdue=1');
	await expect(active).toContainText('Đang xem 2 cuộc họp');
	await page.locator('summary', { hasText: 'Bộ lọc' }).click();
	await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Hội nghị quán triệt' });
	await expect(page).toHaveURL(/\/meetings\?category=quan_triet$/);
	await expect(active).toHaveCount(0);
	await expect(page.locator('.card-link')).toHaveCount(0);

	// A unit keeps the overdue view (its count follows the unit), and the address says which.
	await page.goto('/meetings?overdue=1');
	await expect(active).toContainText('Đang xem 2 cuộc họp');
	await page.locator('summary', { hasText: 'Bộ lọc' }).click();
	await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Phòng Kinh tế' });
	await expect(page).toHaveURL(/\/meetings\?overdue=1&unit=KT$/);
	await expect(active).toContainText('Không còn cuộc họp nào đã qua ngày họp');
	await expect(page.locator('.card-link')).toHaveCount(0);
	await page.reload();
	await expect(active).toContainText('Không còn cuộc họp nào đã qua ngày họp');
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue('KT');
	await page.locator('summary', { hasText: 'Bộ lọc' }).click();
	await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Tất cả' });
	await expect(page).toHaveURL(/\/meetings\?overdue=1$/);
	await expect(active).toContainText('Đang xem 2 cuộc họp');
	await expect(page.locator('.card-link')).toHaveCount(2);
});

test('/reports says how many meetings of its period are past their day and not updated, above “Đánh dấu bản chính thức”', async ({
	page
}) => {
	await plannedMeetings(page);
	await page.goto('/reports?period=annual&year=2026&asOf=2026-12-01');
	const notice = page.getByTestId('overdue-notice');
	await expect(notice).toHaveText(
		/^Trong kỳ báo cáo còn 2 cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”; số liệu báo cáo chưa tính các cuộc họp này\./
	);
	const mark = page.getByRole('button', { name: 'Đánh dấu bản chính thức' });
	expect((await notice.boundingBox())!.y).toBeLessThan((await mark.boundingBox())!.y);
	await expectNoAxeViolations(page);
	// Marking it final names them too: locked, the report would leave them out (clerk review r20, 3).
	await mark.click();
	await expect(page.getByTestId('final-missing')).toContainText(
		'Còn 2 cuộc họp trong kỳ đã qua ngày họp nhưng chưa cập nhật trạng thái, chưa được tính vào báo cáo. Vẫn đánh dấu bản chính thức?'
	);
	await page.getByRole('button', { name: 'Hủy' }).click();
	await notice.getByRole('link', { name: 'Xem các cuộc họp này' }).click();
	await expect(page.getByTestId('overdue-active')).toContainText('Đang xem 2 cuộc họp');
	// Another period's report: none of its meetings is overdue, no reminder.
	await page.goto('/reports?period=6month&year=2026&asOf=2026-06-14');
	await expect(page.getByRole('button', { name: 'Đánh dấu bản chính thức' })).toBeVisible();
	await expect(page.locator('[data-overdue]')).toHaveAttribute('data-overdue', '0');
	await expect(page.getByTestId('overdue-notice')).toHaveCount(0);
});
