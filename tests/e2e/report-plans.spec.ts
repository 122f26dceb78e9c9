/**
 * The commune's plan per year (clerk review r11, 6): entered on /settings, cited by the report of
 * its own year only; /reports says which plan the opening cites, or why none.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	openApp,
	openReady,
	putOnDevice,
	saveSettings,
	settingsPlan
} from './support';

const report = (year: number) => `/reports?period=6month&year=${year}&asOf=${year}-06-20`;

const openReport = (page: Page, year: number) => openReady(page, report(year));

const opening = (page: Page) =>
	page
		.getByRole('article')
		.locator('p')
		.filter({ hasText: /^Thực hiện Kế hoạch/ });

test('each year’s report cites that year’s plan; a year without one says so and where to enter it', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 780 });
	await page.clock.install({ time: new Date('2027-07-01T09:00:00+07:00') });
	await openApp(page, '/settings');
	await page.getByLabel('Tên xã', { exact: true }).fill('xã Thiên Tân');
	// A new phone shows this year's plan, empty, and the fixed example.
	await expect(page.getByTestId('plan-hint')).toContainText('ví dụ');
	const y2026 = await settingsPlan(page, 2026);
	await y2026.getByLabel('Số, ký hiệu').fill('45/KH-UBND');
	await y2026.getByLabel('Ngày ban hành').fill('15/04/2026');
	// The hint shows her own plan as the 2026 report will print it (the document's own words: the
	// Decision in full), not the example.
	await expect(page.getByTestId('plan-2026-printed')).toHaveText(
		'Báo cáo năm 2026 sẽ ghi: “Thực hiện Kế hoạch số 45/KH-UBND ngày 15/4/2026 của UBND xã Thiên Tân về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ …”'
	);
	await expect(page.getByTestId('plan-hint')).not.toContainText('ví dụ');
	const y2027 = await settingsPlan(page, 2027);
	await y2027.getByLabel('Số, ký hiệu').fill('52/KH-UBND');
	await y2027.getByLabel('Ngày ban hành').fill('20/01/2027');
	await saveSettings(page);
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);

	await openReport(page, 2026);
	// As /settings showed it.
	await expect(opening(page)).toHaveText(
		/^Thực hiện Kế hoạch số 45\/KH-UBND ngày 15\/4\/2026 của UBND xã Thiên Tân về triển khai thực hiện Quyết định số 534\/QĐ-TTg ngày 31\/3\/2026 của Thủ tướng Chính phủ, /
	);
	const note = page.getByTestId('plan-note');
	await expect(note).toHaveText(
		'Câu mở đầu báo cáo dẫn Kế hoạch số 45/KH-UBND ngày 15/4/2026 (Kế hoạch thực hiện năm 2026 của xã). Sửa tại Cài đặt → Kế hoạch thực hiện.'
	);
	await openReport(page, 2027);
	await expect(opening(page)).toHaveText(/^Thực hiện Kế hoạch số 52\/KH-UBND ngày 20\/1\/2027 của/);
	await expect(note).toHaveAttribute('data-kind', 'cited');

	// The 2027 plan removed: the 2027 report does not fall back to the 2026 plan, and says why.
	await openApp(page, '/settings');
	await page.getByRole('button', { name: 'Bỏ Kế hoạch thực hiện năm 2027' }).click();
	await saveSettings(page);
	await openReport(page, 2027);
	await expect(opening(page)).toHaveText(/^Thực hiện Kế hoạch của UBND xã về triển khai thực hiện/);
	await expect(note).toHaveText(
		'Chưa nhập Kế hoạch thực hiện năm 2027 của xã (Kế hoạch đã nhập: năm 2026; báo cáo của năm nào dẫn Kế hoạch của năm đó), nên câu mở đầu chỉ ghi “Thực hiện Kế hoạch của UBND xã”: vào Cài đặt → Kế hoạch thực hiện.'
	);
	await expectNoAxeViolations(page);
	// Its link opens the plans on /settings.
	await note.getByRole('link', { name: 'Cài đặt → Kế hoạch thực hiện' }).click();
	await expect(page).toHaveURL(/\/settings#plan$/);
	await expect(page.getByRole('group', { name: 'Kế hoạch thực hiện năm 2026' })).toBeVisible();
});

test('a plan dated after the report is not cited, and /reports says so', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-12-01T09:00:00+07:00') });
	await openApp(page, '/settings');
	const y2026 = await settingsPlan(page, 2026);
	await y2026.getByLabel('Số, ký hiệu').fill('52/KH-UBND');
	await y2026.getByLabel('Ngày ban hành').fill('25/07/2026');
	await saveSettings(page);
	await openReport(page, 2026);
	await expect(opening(page)).toHaveText(/^Thực hiện Kế hoạch của UBND xã về triển khai thực hiện/);
	const note = page.getByTestId('plan-note');
	await expect(note).toHaveAttribute('data-kind', 'after');
	await expect(note).toHaveText(
		'Kế hoạch thực hiện năm 2026 (số 52/KH-UBND ngày 25/07/2026) ban hành sau ngày ban hành báo cáo (20/06/2026), nên câu mở đầu không dẫn Kế hoạch này mà chỉ ghi “Thực hiện Kế hoạch của UBND xã”. Kiểm tra lại ngày ban hành của báo cáo, hoặc của Kế hoạch tại Cài đặt → Kế hoạch thực hiện.'
	);
	// Dated after the report's date no longer: cited.
	await page.getByLabel('Ngày ban hành').fill('2026-07-25');
	await expect(note).toHaveAttribute('data-kind', 'cited');
	await expect(opening(page)).toHaveText(/^Thực hiện Kế hoạch số 52\/KH-UBND ngày 25\/7\/2026/);
});

test('settings saved by the older version (one plan) are read as the plan of its date’s year', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2027-07-01T09:00:00+07:00') });
	await openApp(page, '/settings');
	// As an older app stored them: planNumber and planDate, no list.
	await putOnDevice(page, 'settings', {
		id: 'settings',
		communeName: 'xã Thiên Tân',
		province: '',
		periodMode: 'decree09',
		limits: { quan_triet: 240, chuyen_mon: 480, thao_luan: 720, hop: null },
		warningLeadMinutes: 15,
		planNumber: '45/KH-UBND',
		planDate: '2026-04-15',
		updatedAt: Date.parse('2026-05-01T00:00:00Z')
	});
	await openReport(page, 2026);
	await expect(opening(page)).toHaveText(/^Thực hiện Kế hoạch số 45\/KH-UBND ngày 15\/4\/2026/);
	await openReport(page, 2027);
	await expect(opening(page)).toHaveText(/^Thực hiện Kế hoạch của UBND xã về/);
	await expect(page.getByTestId('plan-note')).toHaveAttribute('data-kind', 'none');
	// /settings shows it as the 2026 plan.
	await openApp(page, '/settings');
	const y2026 = page.getByRole('group', { name: 'Kế hoạch thực hiện năm 2026' });
	await expect(y2026.getByLabel('Số, ký hiệu')).toHaveValue('45/KH-UBND');
	await expect(y2026.getByLabel('Ngày ban hành')).toHaveValue('15/04/2026');
	await expect(page.getByRole('group', { name: 'Kế hoạch thực hiện năm 2027' })).toHaveCount(0);
});
