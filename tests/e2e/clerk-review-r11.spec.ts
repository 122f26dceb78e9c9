/**
 * What the clerk's review of round eleven left (findings 7, 8 and 14): on /reports, marking final
 * names the sections still holding a place to fill, a stale section names the figures that moved,
 * and the year list starts at the Decision's first target year; on /settings, a wrong field says
 * beside "Lưu" that the card was not saved. (The staff account's hint: account-scope.spec.)
 */
import { expect, test, type Page } from '@playwright/test';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	openApp,
	openReady,
	recordMeeting,
	saveSettings,
	settingsPlan
} from './support';

const REPORT = '/reports?period=6month&year=2026&asOf=2026-06-20';

/** An in-person conference of the first half of 2026, through the meeting form. */
const addConference = (page: Page, title: string, date: string) =>
	recordMeeting(page, title, { category: 'Hội nghị quán triệt', format: 'Trực tiếp', date });

const openReport = (page: Page, path = REPORT) => openReady(page, path);

test('at 320 px: marking final names the sections still holding “……” and asks; a stale section names the figures that moved', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 700 });
	await openApp(page, '/meetings');
	await addConference(page, 'Hội nghị quán triệt Kế hoạch 534', '2026-03-10');
	await openReport(page);
	const deployment = page.getByRole('textbox', { name: 'I. Tình hình triển khai thực hiện' });
	const shortcomings = page.getByRole('textbox', { name: 'III. Tồn tại, hạn chế và nguyên nhân' });
	const proposals = page.getByRole('textbox', { name: 'V. Đề xuất, kiến nghị' });
	// No conference online: section III asks for the causes ("Nguyên nhân: ……").
	await expect(shortcomings).toHaveValue(/Nguyên nhân: ……/);
	await page.getByLabel('Số văn bản').fill('7');
	await page.getByLabel('Họ và tên người ký').fill('Nguyễn Thị Hoa');
	await expect(page.getByText('Đã lưu trên máy.')).toBeVisible();

	// Marking final says which section still has a blank, and asks.
	const mark = page.getByRole('button', { name: 'Đánh dấu bản chính thức' });
	await mark.click();
	await expect(page.getByTestId('final-missing')).toHaveText(
		'Mục III còn chỗ chưa điền (……). Vẫn đánh dấu bản chính thức?'
	);
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Hủy' }).click();
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'draft');

	// She edits section I; a second conference is entered later.
	const mine = 'Trong kỳ, UBND xã đã tổ chức 1 hội nghị quán triệt Kế hoạch.';
	await deployment.fill(mine);
	await expect(page.getByText('Đã lưu trên máy.')).toBeVisible();
	await expect(page.getByTestId('section-moved')).toHaveCount(0);
	await addConference(page, 'Hội nghị sơ kết quý I', '2026-03-25');
	await openReport(page);
	await expect(deployment).toHaveValue(mine);
	const section = page.getByTestId('section-deployment');
	await expect(section.getByRole('status')).toContainText(
		'Số liệu hoặc Kế hoạch đã thay đổi sau khi sửa mục này'
	);
	// What moved, in a few words (clerk review r11, 7).
	await expect(section.getByTestId('section-moved')).toHaveText(
		'Số liệu đã thay đổi trong nội dung soạn sẵn: đã chủ trì tổ chức 1 → 2 hội nghị.'
	);
	await expect(deployment).toHaveAccessibleDescription(
		/Số liệu đã thay đổi trong nội dung soạn sẵn: đã chủ trì tổ chức 1 → 2/
	);
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);

	// The causes written, a blank left in section V: the ask names V only; she may still go on.
	await shortcomings.fill(
		'Tỷ lệ hội nghị trực tuyến còn thấp.\nNguyên nhân: đường truyền ở các thôn còn yếu.'
	);
	await proposals.fill('Đề nghị Sở Nội vụ hỗ trợ ... bộ thiết bị hội nghị trực tuyến.');
	await expect(page.getByText('Đã lưu trên máy.')).toBeVisible();
	await mark.click();
	await expect(page.getByTestId('final-missing')).toHaveText(
		'Mục V còn chỗ chưa điền (……). Vẫn đánh dấu bản chính thức?'
	);
	await page.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'final');
	await expect(page.getByRole('article').locator('[data-section="proposals"]')).toContainText(
		'hỗ trợ ... bộ thiết bị'
	);
});

test('at 360 px: the report’s year list starts at 2026, the Decision’s first target year, and 2025 is never marked final; Tiến độ also offers 2025, the baseline year', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 780 });
	await openApp(page, '/settings');
	await openReport(page, '/reports?period=annual&year=2026');
	const years = async (): Promise<number[]> =>
		(await page.locator('#pc-year option').allTextContents()).map(Number);
	const offered = await years();
	expect(offered).toContain(2026);
	expect(Math.min(...offered)).toBe(2026);
	await expect(page.getByTestId('before-targets')).toHaveCount(0);
	const markFinal = page.getByRole('button', { name: 'Đánh dấu bản chính thức' });
	await expect(markFinal).toBeVisible();

	// A link to 2025 still shows what it asks for, and says there is no report for that year.
	await openReport(page, '/reports?period=annual&year=2025');
	await expect(page.locator('#pc-year')).toHaveValue('2025');
	await expect(page.getByTestId('before-targets')).toHaveText(
		'Quyết định 534 giao chỉ tiêu từ năm 2026; năm 2025 không có báo cáo kết quả thực hiện. Xem số liệu năm 2025 tại mục Tiến độ.'
	);
	// No report of 2025 is final: the control is not offered (the server refuses one too).
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'draft');
	await expect(markFinal).toHaveCount(0);
	await expectNoAxeViolations(page);

	await openReady(page, '/dashboard?period=annual&year=2026');
	const onDashboard = (await page.locator('#pc-year option').allTextContents()).map(Number);
	expect(onDashboard).toContain(2025);
	expect(Math.min(...onDashboard)).toBe(2025);
});

test('at 320 px: a wrong field in “Thông tin chung” says beside “Lưu” that nothing of the card was saved, the commune’s name too', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 700 });
	await openApp(page, '/settings');
	const name = page.getByLabel('Tên xã', { exact: true });
	const plan = await settingsPlan(page, 2026);
	const number = plan.getByLabel('Số, ký hiệu');
	// The plan's date is right: only its number is wrong.
	await plan.getByLabel('Ngày ban hành').fill('15/04/2026');
	const save = page.getByRole('button', { name: 'Lưu', exact: true });
	const notSaved = page.getByTestId('settings-not-saved');
	await name.fill('xã Thiên Tân');
	await number.fill('Số 45');
	await save.click();
	await expect(number).toHaveAttribute('aria-invalid', 'true');
	await expect(notSaved).toHaveText('Chưa lưu được thông tin chung: hãy sửa 1 ô được đánh dấu.');
	await expect(notSaved).toHaveRole('alert');
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu trên máy' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);
	// A name too long is marked beside its field, not only counted (it had no mark of its own).
	await name.fill('x'.repeat(201));
	await number.fill('45/KH-UBND');
	await save.click();
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#communeName-error')).toBeVisible();
	await expect(number).not.toHaveAttribute('aria-invalid', 'true');
	await expect(notSaved).toHaveText('Chưa lưu được thông tin chung: hãy sửa 1 ô được đánh dấu.');
	// True: the name typed beside it was not saved either (the report's masthead still lacks it).
	await openReport(page);
	await expect(page.getByTestId('no-commune-name')).toBeVisible();
	await openApp(page, '/settings');
	await settingsPlan(page, 2026);
	await name.fill('xã Thiên Tân');
	await number.fill('45/KH-UBND');
	await saveSettings(page);
	await expect(notSaved).toHaveCount(0);
});
