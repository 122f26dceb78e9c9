/**
 * /province (Sở Nội vụ), at 360 px: the province admin creates a commune on the screen; a
 * province monitor opens a deep link to a period, sees every commune worst first with who has
 * sent the report and who is overdue, filters by area, downloads the CSV and the Excel file, the
 * Word file of a sent report, and opens its issued figures. The province admin manages the
 * province accounts on /users. A province account's bottom bar has no commune registers and its
 * home is /province. A commune account is refused the screen. Communes and accounts are made
 * through the API first (the commune's final report is pushed like a phone would).
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { makeMeeting, makePlan } from '../factories/records';
import {
	downloadXlsx,
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	navTo,
	openApp
} from './support';
import {
	ADMIN_PASSWORD,
	apiLogin,
	putMutation,
	pushApplied,
	signInUi,
	uniqueName
} from './sync-support';
import {
	communeAdminToken,
	communeWithAdmin,
	createMonitor,
	finalReportPut,
	openProvinceFilters,
	PROVINCE,
	provinceToken
} from './province-support';
/** The period the screen opens on: the 6-month report of this year. */
const YEAR = new Date().getFullYear();

/**
 * A commune with its admin; with `report`, its admin's phone sends the final 6-month report:
 * `decree09` over the province's period (số 15, 16/06), `calendar` over 01/01-30/06 (số 7, 05/07).
 */
async function commune(
	request: APIRequestContext,
	base: string,
	province: string,
	area: string,
	report: false | 'decree09' | 'calendar'
) {
	const made = await communeWithAdmin(request, base, province, { area, parentName: 'Lạng Sơn' });
	const { id } = made;
	if (report) {
		const token = await communeAdminToken(request, base, made.admin);
		const calendar = report === 'calendar';
		const device = `dev-${id}`;
		// The Decree-09 commune also has live figures: one online conference held in March, and
		// the VP's plan (12 conferences the year before: a cap of 10 for the year).
		const records = calendar
			? []
			: [
					putMutation(
						device,
						'plan',
						makePlan({ unitCode: 'VP', year: YEAR, baselineConferences: 12 }),
						1
					),
					putMutation(
						device,
						'meeting',
						makeMeeting({
							id: crypto.randomUUID(),
							on: `${YEAR}-03-02`,
							format: 'truc_tuyen',
							title: 'Hội nghị trực tuyến'
						}),
						2
					)
				];
		await pushApplied(request, base, token, device, [
			...records,
			finalReportPut(device, YEAR, {
				mode: report,
				number: calendar ? 7 : 15,
				issuedOn: calendar ? `${YEAR}-07-05` : `${YEAR}-06-16`,
				deployment: 'Ủy ban nhân dân xã đã ban hành kế hoạch thực hiện.',
				indicators: [
					{ code: 'online_share', value: 50, display: '50.0', target: 60, status: 'missed' }
				]
			})
		]);
	}
	return made;
}

test('Sở Nội vụ sees every commune for a period, who has sent, filters, exports and opens a report', async ({
	page,
	request,
	baseURL
}, testInfo) => {
	const base = baseURL!;
	const province = await provinceToken(request, base);
	const area = `Huyện ${uniqueName('e2e')}`;
	const sent = await commune(request, base, province, area, 'decree09');
	const otherPeriod = await commune(request, base, province, area, 'calendar');
	const notSent = await commune(request, base, province, area, false);
	const monitor = await createMonitor(request, base, province, 'snv', 'Chuyên viên Sở Nội vụ');

	const pulls: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/api/sync/')) pulls.push(r.url());
	});
	await openApp(page, '/');
	await signInUi(page, monitor, false);
	// A link to the period (deep link), then the area filter.
	await page.goto(`/province?kind=6month&year=${YEAR}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Tổng hợp kết quả các xã, phường' })
	).toBeVisible();
	const list = page.getByTestId('province-communes');
	await expect(list.locator(`[data-commune="${sent.id}"]`)).toContainText('Đã gửi báo cáo');
	const sentCard = list.locator(`[data-commune="${sent.id}"]`);
	// The document's number as the document writes it. No due date is set on this server (none
	// by default: Decree 09 fixes the data-close day, not a deadline), so nothing is "late".
	await expect(sentCard).toContainText(`Đã gửi báo cáo — Số 15/BC-UBND, ngày 16/06/${YEAR}`);
	await expect(sentCard.getByTestId('late')).toHaveCount(0);
	// The headline follows the report sent (0 of 1 target, as issued), the live figures beside it,
	// each named (province review r21, 1).
	await expect(sentCard.getByTestId('standing')).toContainText(
		'Theo báo cáo đã gửi: đạt hoặc đúng tiến độ 0/1 chỉ tiêu; số liệu hiện tại: đạt hoặc đúng tiến độ '
	);
	// A compact card on a phone (province review r21, 2): the secondary facts folded, the fold
	// named with its commune and opened by keyboard.
	const more = sentCard.locator('summary');
	// (Chromium adds the marker and a space before the hidden part; a reader hears the words.)
	await expect(more).toHaveAccessibleName(
		new RegExp(`Chi tiết và kết quả các chỉ tiêu ?: ${sent.name}$`)
	);
	await expect(sentCard.getByRole('button', { name: /^Tải báo cáo \(\.docx\)/ })).toBeHidden();
	expect((await sentCard.boundingBox())!.height).toBeLessThan(320);
	await more.focus();
	await page.keyboard.press('Enter');
	await expect(sentCard.getByRole('button', { name: /^Tải báo cáo \(\.docx\)/ })).toBeVisible();
	// Which figures are official, and a warning naming what now differs from them.
	await expect(sentCard.getByTestId('official')).toHaveText(
		`Số liệu chính thức của kỳ là số liệu trong báo cáo đã gửi (tính đến ngày 14/06/${YEAR}). Kết quả các chỉ tiêu dưới đây là số liệu hiện tại, chỉ để theo dõi.`
	);
	await expect(sentCard.getByTestId('figures-differ')).toHaveText(
		'Số liệu hiện tại khác với số liệu của báo cáo đã gửi ở 1 chỉ tiêu: Tỷ lệ hội nghị trực tuyến. Báo cáo vẫn giữ số liệu đã ban hành.'
	);
	await expect(sentCard.getByText('Kết quả các chỉ tiêu (số liệu hiện tại)')).toBeVisible();
	await expect(sentCard.locator('[data-indicator="online_share"]')).toHaveText(
		/^Tỷ lệ hội nghị trực tuyến: 100,0% — (Đạt|Đúng tiến độ) \(báo cáo đã gửi: 50,0% — Không đạt\)$/
	);
	// A reduction: its cap and projected count beside the percentage (indicators.md).
	await expect(sentCard.locator('[data-indicator="conference_reduction"]')).toContainText(
		/% \(tối đa cả năm 10; dự kiến cả năm [\d,]+\) — /
	);
	// The disclosure shows a marker: it reads as a control, not a heading.
	expect(
		await sentCard
			.locator('summary')
			.evaluate((el) => getComputedStyle(el, '::before').content.replaceAll('"', ''))
	).toBe('▾');
	const otherCard = list.locator(`[data-commune="${otherPeriod.id}"]`);
	await expect(otherCard).toContainText(`Số 07/BC-UBND, ngày 05/07/${YEAR}`);
	await expect(otherCard.getByTestId('late')).toHaveCount(0);
	await expect(otherCard.getByTestId('flag-other-period')).toHaveText(
		`Báo cáo gửi theo kỳ khác (01/01/${YEAR}–30/06/${YEAR}).`
	);
	await expect(sentCard.getByTestId('flag-other-period')).toHaveCount(0);
	// Ranked by its report (0/1), not among the communes with nothing to judge, as its live figures
	// (none) would put it; said so on its card.
	await expect(otherCard).not.toHaveAttribute('data-nodata');
	await expect(otherCard.getByTestId('standing')).toContainText(
		'Theo báo cáo đã gửi: đạt hoặc đúng tiến độ 0/1 chỉ tiêu; số liệu hiện tại: chưa có số liệu để đánh giá chỉ tiêu'
	);
	// Where the due date comes from: none set, and why no report is called late.
	await expect(page.getByTestId('province-due')).toHaveText(
		`Chưa đặt hạn gửi báo cáo. Nghị định số 09/2019/NĐ-CP quy định ngày chốt số liệu (14/06/${YEAR}), không quy định hạn gửi báo cáo của xã; hạn gửi do từng chế độ báo cáo quy định, quản trị cấp tỉnh đặt cho từng kỳ trên trang này. Khi chưa đặt hạn, trang này không đánh giá gửi muộn, quá hạn.`
	);
	await expect(page.getByText(/Hạn gửi báo cáo: /)).toHaveCount(0);
	// The counts come on a phone's first screen (round twenty-two). The period's dates and the due
	// date are one line after them; what they mean folds under it.
	await page.evaluate(() => window.scrollTo(0, 0));
	await expect(page.getByTestId('province-counts')).toBeInViewport();
	const about = page.getByTestId('province-about');
	await expect(about.locator('summary')).toHaveText(
		`Kỳ báo cáo: 15/12/${YEAR - 1} – 14/06/${YEAR}; chưa đặt hạn gửi báo cáo`
	);
	await expect(page.getByTestId('province-due')).toBeHidden();
	await about.locator('summary').press('Enter');
	await expect(page.getByTestId('province-due')).toBeVisible();
	await expect(page.getByTestId('province-period')).toBeVisible();
	// A province account's device runs no sync: no "Đã đồng bộ" badge.
	await expect(page.getByTestId('sync-badge')).toHaveCount(0);
	// The area and the report state fold under "Bộ lọc", as on the registers.
	await expect(page.getByLabel('Khu vực', { exact: true })).toBeHidden();
	await openProvinceFilters(page, 0);
	await page.getByLabel('Khu vực', { exact: true }).selectOption({ label: area });
	await expect(page).toHaveURL(/area=/);
	await expect(page.locator('details.more-filters > summary')).toHaveText('Bộ lọc (đang dùng 1)');
	await expect(list.getByRole('listitem').filter({ has: page.locator('h3') })).toHaveCount(3);
	// Made today: a commune created after the 6-month period ended owes no report for it.
	const ended = new Date() > new Date(`${YEAR}-06-14T23:59:59+07:00`);
	const todayVn = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Ho_Chi_Minh',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(new Date());
	// An ended period's live figures cover all of it (province review r21, 6).
	await expect(page.getByTestId('province-period')).toHaveText(
		ended
			? `Kỳ báo cáo từ 15/12/${YEAR - 1} đến 14/06/${YEAR} đã kết thúc; số liệu hiện tại tính cho cả kỳ, theo số liệu máy chủ nhận được đến ngày ${todayVn}.`
			: `Kỳ báo cáo từ 15/12/${YEAR - 1} đến 14/06/${YEAR}; số liệu tính đến ngày ${todayVn}.`
	);
	await expect(list.locator(`[data-commune="${notSent.id}"]`)).toHaveAttribute(
		'data-state',
		ended ? 'not_required' : 'missing'
	);
	await expect(page.getByTestId('province-counts')).toHaveText(
		`Đã gửi báo cáo: 2/${ended ? 2 : 3} xã, phường; chưa gửi: ${ended ? 0 : 1}.`
	);
	await expect(page.getByTestId('province-flagged')).toHaveText(
		'1 báo cáo gửi theo kỳ khác hoặc có số liệu chưa hết kỳ báo cáo (xem lưu ý ở từng xã, phường).'
	);
	// When each commune's data last arrived (Hà Nội time); a commune that never sent any says so,
	// and is counted among those to chase.
	await expect(sentCard.getByTestId('fresh')).toHaveText(
		new RegExp(`^Cập nhật lần cuối: ${todayVn.replaceAll('/', '\\/')} \\d\\d:\\d\\d$`)
	);
	await expect(sentCard.getByTestId('fresh')).not.toHaveAttribute('data-stale');
	await expect(list.locator(`[data-commune="${notSent.id}"]`).getByTestId('fresh')).toHaveText(
		'Chưa nhận được số liệu nào từ xã, phường này'
	);
	await expect(page.getByTestId('province-stale')).toHaveText(
		/^\d+ xã, phường chưa cập nhật số liệu quá 7 ngày hoặc chưa nhận được số liệu lần nào\.$/
	);
	// A commune with no data is its own highlighted group at the top, not at the "best" end.
	await expect(list.locator(':scope > li').first()).toHaveAttribute('data-nodata', '');
	// Only those who sent (province review r21, 2): a filter in the address; the exports hold what
	// the screen lists.
	await page.getByLabel('Tình hình gửi báo cáo').selectOption({ label: 'Đã gửi' });
	await expect(page).toHaveURL(/[?&]report=sent(&|$)/);
	await expect(list.locator(':scope > li')).toHaveCount(2);
	await expect(list.locator(`[data-commune="${notSent.id}"]`)).toHaveCount(0);
	await expect(page.getByTestId('province-shown')).toHaveText(
		'Đang hiện 2/3 xã, phường theo tình hình gửi báo cáo đã chọn.'
	);
	await expect(page.getByRole('heading', { level: 2, name: /· Đã gửi$/ })).toBeVisible();
	// Fits 360 px and 320 px: nothing wider than the screen.
	await expectNoSidewaysScroll(page);
	await page.screenshot({ path: testInfo.outputPath('province-360.png'), fullPage: true });
	await expectNoAxeViolations(page);
	await page.setViewportSize({ width: 320, height: 640 });
	await expectNoSidewaysScroll(page);
	await page.setViewportSize({ width: 360, height: 640 });

	const download = page.waitForEvent('download');
	// Its headers are English codes, for software, and the button says so.
	await page
		.getByRole('button', { name: 'Tải tệp CSV (tiêu đề tiếng Anh, cho phần mềm)', exact: true })
		.click();
	const file = await download;
	expect(file.suggestedFilename()).toBe(`tong-hop-6month-${YEAR}-khu-vuc-da-gui.csv`);
	const csv = readFileSync((await file.path())!, 'utf8');
	expect(csv).toContain(
		`${sent.id},Xã ${sent.id},${area},6month,${YEAR},${YEAR - 1}-12-15,${YEAR}-06-14,`
	);
	// Live and issued figures in separate, named columns: the report's number stands only beside
	// the report's own figures.
	const [head, ...rows] = csv.replace('\uFEFF', '').trimEnd().split('\r\n');
	const cols = head!.split(',');
	// The rows on screen, in its order: the two that sent.
	expect(rows.map((r) => r.split(',')[0]).sort()).toEqual([sent.id, otherPeriod.id].sort());
	const row = rows.find((r) => r.startsWith(`${sent.id},`))!.split(',');
	const cell = (name: string) => row[cols.indexOf(name)];
	expect(cell('report_state')).toBe('sent');
	expect(cell('report_number')).toBe('15');
	expect(cell('report_late_days')).toBe('');
	expect(cell('due_date')).toBe('');
	expect(cell('online_share')).toBe('100.0');
	expect(cell('conference_reduction_cap')).toBe('10');
	expect(cell('report_online_share')).toBe('50.0');
	expect(cell('report_changed')).toBe('online_share');
	expect(cell('ranked_by')).toBe('report');
	expect(cell('online_share_target')).toBe('60');
	expect(cell('last_data_at')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d\+07:00$/);
	expect(cell('data_age_days')).toBe('0');
	for (const c of ['conference_reduction_cap', 'conference_reduction_projected'])
		expect(cols).toContain(c);

	// Excel (tiếng Việt): Vietnamese headers and words, numbers as numbers.
	const xlsx = await downloadXlsx(page, 'Tải bản Excel (tiếng Việt)');
	expect(xlsx.file).toBe(`tong-hop-6-thang-${YEAR}-khu-vuc-da-gui.xlsx`);
	const sheet = xlsx.sheet;
	for (const text of ['Tên xã, phường', 'Tình hình gửi báo cáo', 'Đã gửi báo cáo', `Xã ${sent.id}`])
		expect(sheet).toContain(text);
	// The year and the document number are number cells.
	expect(sheet).toMatch(new RegExp(`<c r="E2" s="2"><v>${YEAR}</v></c>`));
	// (column Q: the due date's and the time received's columns stand before the days late)
	expect(sheet).toMatch(/<c r="Q\d" s="2"><v>15<\/v><\/c>/);
	for (const text of [
		'Số liệu hiện tại: Tỷ lệ hội nghị trực tuyến (%)',
		'Báo cáo đã gửi: Tỷ lệ hội nghị trực tuyến (%)'
	])
		expect(sheet).toContain(text);
	await expect(
		page.getByText(`Đã tải tệp tong-hop-6-thang-${YEAR}-khu-vuc-da-gui.xlsx.`)
	).toBeVisible();
	// The sent report's targets assessed beside its targets met (province review r21, 3).
	expect(sheet).toContain('Báo cáo đã gửi: số chỉ tiêu được đánh giá');

	// The Word file of the report sent: the commune's own document, made from the server's answer.
	const card = list.locator(`[data-commune="${sent.id}"]`);
	await expect(
		list.locator(`[data-commune="${notSent.id}"]`).getByRole('button', { name: /docx/ })
	).toHaveCount(0);
	const docxDownload = page.waitForEvent('download');
	await card.getByRole('button', { name: /^Tải báo cáo \(\.docx\)/ }).click();
	const docx = await docxDownload;
	expect(docx.suggestedFilename()).toBe(
		`bao-cao-${sent.id}-6-thang-${YEAR}-den-14-06-${YEAR}.docx`
	);
	const documentXml = strFromU8(
		unzipSync(readFileSync((await docx.path())!))['word/document.xml']!
	);
	for (const text of [
		'Số: 15/BC-UBND',
		'Ủy ban nhân dân xã đã ban hành kế hoạch thực hiện.',
		'Hoàng Văn Nam',
		'Tỷ lệ hội nghị trực tuyến'
	])
		expect(documentXml).toContain(text);
	await expect(
		card.getByText(`Đã tải tệp bao-cao-${sent.id}-6-thang-${YEAR}-den-14-06-${YEAR}.docx.`)
	).toBeVisible();

	await list
		.locator(`[data-commune="${sent.id}"]`)
		.getByRole('button', { name: /^Xem số liệu báo cáo đã gửi/ })
		.click();
	await expect(page.getByTestId('issued-figures')).toContainText(
		'Tỷ lệ hội nghị trực tuyến: 50,0% — Không đạt'
	);
	// The report's own data period, in two sentences.
	await expect(sentCard.locator('.issued > p')).toContainText(
		`Số 15/BC-UBND, ngày 16/06/${YEAR}. Kỳ báo cáo từ 15/12/${YEAR - 1} đến 14/06/${YEAR}; số liệu tính đến ngày 14/06/${YEAR}.`
	);
	await expectNoAxeViolations(page);
	// A province account's device never pulls commune records (no sync runs for it).
	expect(pulls).toEqual([]);
});

test('/province opens on the period running today, and lists the communes with no area on their own', async ({
	page,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const province = await provinceToken(request, base);
	const area = `Huyện ${uniqueName('e2e')}`;
	const placed = await commune(request, base, province, area, false);
	const monitor = await createMonitor(request, base, province, 'snv-cur');
	await openApp(page, '/');
	await signInUi(page, monitor, false);
	await page.goto('/province');
	// Decree 09: the 6 months until 14/06, the 9 months until 14/09, then the year (December: annual).
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })
		.format(new Date())
		.slice(5);
	const kind = today <= '06-14' ? '6month' : today <= '09-14' ? '9month' : 'annual';
	await expect(page.getByLabel('Kỳ báo cáo', { exact: true })).toHaveValue(kind);
	const list = page.getByTestId('province-communes');
	await expect(list.locator(`[data-commune="${placed.id}"]`)).toBeVisible();
	// The default commune (made by the migration) has no area: "Chưa xếp khu vực" finds it.
	await openProvinceFilters(page, 0);
	await page.getByLabel('Khu vực', { exact: true }).selectOption({ label: 'Chưa xếp khu vực' });
	await expect(page).toHaveURL(/noArea=1/);
	await expect(list.locator('[data-commune="default"]')).toBeVisible();
	// Named, never by its id (province review r21, 4).
	await expect(list.locator('[data-commune="default"] h3')).toHaveText(/\S/);
	await expect(list.locator('[data-commune="default"] h3')).not.toHaveText('default');
	await expect(list.locator(`[data-commune="${placed.id}"]`)).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 2, name: /Chưa xếp khu vực/ })).toBeVisible();
	await expectNoAxeViolations(page);
});

const bar = (page: Page) => page.getByRole('navigation', { name: 'Điều hướng chính' });

test('a province account’s bar and home: the province view, its accounts, no commune registers', async ({
	page,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const province = await provinceToken(request, base);
	const monitor = await createMonitor(request, base, province, 'snv-nav');
	await openApp(page, '/');
	await signInUi(page, monitor, false);
	await expect(bar(page).getByRole('link')).toHaveText(['Toàn tỉnh', 'Khác']);
	// The app's home is the province view.
	await page.getByRole('link', { name: 'Sổ họp 534' }).click();
	await expect(page).toHaveURL(/\/province/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Tổng hợp kết quả các xã, phường' })
	).toBeVisible();
	await expect(bar(page).getByRole('link', { name: 'Toàn tỉnh' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	// /more lists what a province monitor can use, and none of the commune's registers.
	await bar(page).getByRole('link', { name: 'Khác' }).click();
	const more = page.getByRole('navigation', { name: 'Các mục khác' });
	await expect(more.getByRole('link')).toHaveText(['Toàn tỉnh', 'Tài khoản / Đăng xuất']);
	await expectNoSidewaysScroll(page);
	await expectNoAxeViolations(page);
});

test('a province account opening / never sees the commune home, not even before it moves to /province', async ({
	page,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const province = await provinceToken(request, base);
	const monitor = await createMonitor(request, base, province, 'snv-home');
	// Every document of this page notes each h1 ever attached, however briefly.
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { h1Seen: string[] }).h1Seen = seen;
		new MutationObserver((records) => {
			for (const r of records)
				for (const n of r.addedNodes) {
					if (!(n instanceof Element)) continue;
					const found = n.matches('h1') ? [n] : [...n.querySelectorAll('h1')];
					for (const h of found) seen.push(h.textContent?.trim() ?? '');
				}
		}).observe(document, { childList: true, subtree: true });
	});
	const h1Seen = () => page.evaluate(() => (window as unknown as { h1Seen: string[] }).h1Seen);
	await openApp(page, '/login');
	await signInUi(page, monitor, false);
	const provinceHeading = page.getByRole('heading', {
		level: 1,
		name: 'Tổng hợp kết quả các xã, phường'
	});
	// The app opened at its start URL (a reload, the installed app's icon).
	await page.goto('/');
	await expect(page).toHaveURL(/\/province/);
	await expect(provinceHeading).toBeVisible();
	expect(await h1Seen()).not.toContain('Sổ họp 534');
	// The header's link to the home page, inside the app.
	await page.getByRole('link', { name: 'Sổ họp 534' }).click();
	await expect(page).toHaveURL(/\/province/);
	await expect(provinceHeading).toBeVisible();
	expect(await h1Seen()).not.toContain('Sổ họp 534');
	// The observer does see the home heading where it belongs: a commune device (signed out).
	await page.evaluate(() => localStorage.removeItem('so-hop-534.session'));
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Sổ họp 534' })).toBeVisible();
	expect(await h1Seen()).toContain('Sổ họp 534');
});

test('the province admin manages the province accounts: create, disable, re-enable, reset the password', async ({
	page,
	request,
	baseURL
}) => {
	await openApp(page, '/');
	await signInUi(page, PROVINCE, false);
	// The province admin's bar: the province view, the province accounts, more.
	await expect(bar(page).getByRole('link')).toHaveText(['Toàn tỉnh', 'Tài khoản', 'Khác']);
	await bar(page).getByRole('link', { name: 'Tài khoản' }).click();
	await expect(page).toHaveURL(/\/users$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản cấp tỉnh' })).toBeVisible();
	const list = page.getByRole('list', { name: 'Danh sách tài khoản' });
	await expect(list.getByRole('listitem').filter({ hasText: 'province' }).first()).toContainText(
		'Quản trị cấp tỉnh'
	);
	// Only province accounts: never a commune's account in this list.
	for (const text of await list.locator(':scope > li').allInnerTexts())
		expect(text).toMatch(/Quản trị cấp tỉnh|Sở Nội vụ \(theo dõi\)/);
	await expectNoAxeViolations(page);

	const form = page.getByRole('form', { name: 'Tạo tài khoản mới' });
	await expect(form.getByLabel('Vai trò').locator('option')).toHaveText([
		'Quản trị cấp tỉnh',
		'Sở Nội vụ (theo dõi)'
	]);
	await expect(form.getByLabel('Đơn vị', { exact: true })).toHaveCount(0);
	const username = uniqueName('snv.cv');
	await form.getByLabel('Tên đăng nhập').fill(username);
	await form.getByLabel('Họ và tên').fill('Lường Thị Mai');
	await form.getByLabel('Mật khẩu').fill('ngan');
	await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(form.getByText('Mật khẩu cần từ 10 đến 256 ký tự.')).toBeVisible();
	await expect(form.getByLabel('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');
	await form.getByLabel('Mật khẩu').fill('mat-khau-chuyen-vien');
	await form.getByLabel('Vai trò').selectOption({ label: 'Sở Nội vụ (theo dõi)' });
	await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
	await expect(form.getByText(`Đã tạo tài khoản ${username}.`)).toBeVisible();
	const item = list.getByRole('listitem').filter({ hasText: username });
	await expect(item).toContainText('Lường Thị Mai');
	await expect(item).toContainText('Sở Nội vụ (theo dõi)');
	await expectNoSidewaysScroll(page);
	await expectNoAxeViolations(page);

	// Disable: the account can no longer sign in; re-enable: it can again.
	await item.getByText(`Thao tác với tài khoản ${username}`).click();
	page.once('dialog', (d) => void d.accept());
	await item.getByRole('button', { name: 'Khóa tài khoản' }).click();
	await expect(item.getByText('Đã khóa', { exact: true })).toBeVisible();
	const login = (password: string) =>
		request.post(`${baseURL}/api/auth/login`, { data: { username, password } });
	expect((await login('mat-khau-chuyen-vien')).status()).toBe(401);
	await item.getByRole('button', { name: 'Mở lại tài khoản' }).click();
	await expect(item.getByText(`Đã mở lại tài khoản ${username}.`)).toBeVisible();
	expect((await login('mat-khau-chuyen-vien')).status()).toBe(200);

	// Reset the password: the new one signs in and must be changed.
	await item.getByLabel('Mật khẩu tạm thời').fill('mat-khau-tam-thoi-1');
	await item.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
	await expect(item.getByText('Chờ người dùng đổi mật khẩu')).toBeVisible();
	const after = await login('mat-khau-tam-thoi-1');
	expect(after.status()).toBe(200);
	expect(((await after.json()) as { user: { mustChangePassword: boolean } }).user).toMatchObject({
		mustChangePassword: true
	});
	await expectNoAxeViolations(page);
});

test('the province admin creates a commune and its first admin on the screen; a commune admin is refused', async ({
	page,
	browser
}) => {
	await openApp(page, '/');
	await signInUi(page, PROVINCE, false);
	await navTo(page, 'Toàn tỉnh');
	await expect(page).toHaveURL(/\/province/);
	const form = page.getByRole('form', { name: 'Tạo xã, phường mới' });
	const id = uniqueName('xa-moi')
		.toLowerCase()
		.replace(/[^a-z0-9-]/g, '-');
	await form.getByLabel('Mã xã, phường').fill('Sai mã');
	await form.getByRole('button', { name: 'Tạo xã, phường' }).click();
	await expect(form.getByText('Không đúng định dạng.')).toBeVisible();
	await form.getByLabel('Mã xã, phường').fill(id);
	await form.getByLabel('Tên xã, phường').fill('Xã Tân Thành');
	await form.getByLabel('Khu vực (không bắt buộc)').fill('Huyện Bình Gia');
	await form.getByLabel('Tên đăng nhập của quản trị xã').fill(`${id}-qt`.slice(0, 32));
	await form.getByLabel('Mật khẩu của quản trị xã').fill('mat-khau-quan-tri-xa');
	await form.getByRole('button', { name: 'Tạo xã, phường' }).click();
	await expect(form.getByText(/^Đã tạo Xã Tân Thành và tài khoản quản trị/)).toBeVisible();
	await expect(page.locator(`[data-commune="${id}"]`)).toContainText('Xã Tân Thành');
	await expectNoAxeViolations(page);

	// The default commune's admin: the screen is not theirs.
	const other = await browser.newPage({ viewport: { width: 360, height: 640 } });
	await openApp(other, '/');
	await signInUi(other, { username: 'admin', password: ADMIN_PASSWORD });
	await other.goto('/province');
	await expect(other.getByTestId('province-refused')).toBeVisible();
	await other.close();
});

test('the province admin names a commune and sets its area on its card, by keyboard, at 360 and 320 px', async ({
	page,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const province = await provinceToken(request, base);
	const area = `Huyện ${uniqueName('e2e')}`;
	const newArea = `Khu vực ${uniqueName('kv')}`;
	const made = await commune(request, base, province, area, false);
	await openApp(page, '/');
	await signInUi(page, PROVINCE, false);
	await page.goto(`/province?kind=annual&year=${YEAR}&area=${encodeURIComponent(area)}`);
	const card = page.locator(`[data-commune="${made.id}"]`);
	const edit = card.getByRole('button', { name: `Sửa tên, khu vực: ${made.name}` });
	// Among the card's details, folded on a phone: opened by keyboard.
	await card.locator('summary').focus();
	await page.keyboard.press('Enter');
	await expect(edit).toHaveAttribute('aria-expanded', 'false');
	// By keyboard: the button opens the form and puts the cursor in the name.
	await edit.focus();
	await page.keyboard.press('Enter');
	await expect(edit).toHaveAttribute('aria-expanded', 'true');
	const form = card.getByRole('form', { name: `Sửa tên, khu vực: ${made.name}` });
	const name = form.getByLabel('Tên xã, phường');
	await expect(name).toBeFocused();
	await expect(name).toHaveValue(made.name);
	await expect(name).toHaveAccessibleDescription(/Bắt đầu bằng “Xã”, “Phường” hoặc “Đặc khu”/);
	// A name without "Xã"/"Phường"/"Đặc khu" is refused on the field, announced and described.
	await name.fill('Bình An');
	await page.keyboard.press('Enter');
	await expect(form.getByText('Chưa lưu được: hãy sửa 1 ô được đánh dấu.')).toBeVisible();
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription(
		/Tên cần bắt đầu bằng “Xã”, “Phường” hoặc “Đặc khu”\./
	);
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);
	await page.setViewportSize({ width: 320, height: 640 });
	await expectNoSidewaysScroll(page);
	await page.setViewportSize({ width: 360, height: 640 });
	await name.fill('Phường Bình An');
	await form.getByLabel('Khu vực (không bắt buộc)').fill(newArea);
	await form.getByRole('button', { name: 'Lưu' }).click();
	// Saved: the card moves to its new area; focus back on its button, the result announced.
	await expect(page.getByText(`Đã lưu: Phường Bình An, ${newArea}.`)).toBeVisible();
	await expect(card.locator('h3')).toHaveText('Phường Bình An');
	await expect(
		card.getByRole('button', { name: 'Sửa tên, khu vực: Phường Bình An' })
	).toBeFocused();
	await page.goto(`/province?kind=annual&year=${YEAR}&area=${encodeURIComponent(newArea)}`);
	await expect(page.getByTestId('province-communes').locator('h3')).toHaveText(['Phường Bình An']);
	// The server kept it (what every other province account reads).
	const communes = (await (
		await request.get(`${base}/api/province/communes`, {
			headers: { authorization: `Bearer ${province}` }
		})
	).json()) as { communes: { id: string; name: string; area: string | null }[] };
	expect(communes.communes.find((c) => c.id === made.id)).toMatchObject({
		name: 'Phường Bình An',
		area: newArea
	});
	// Cancel closes the form and gives the focus back to its button.
	const again = page
		.locator(`[data-commune="${made.id}"]`)
		.getByRole('button', { name: /^Sửa tên, khu vực/ });
	await page.locator(`[data-commune="${made.id}"] summary`).click();
	await again.click();
	await page.locator(`[data-commune="${made.id}"]`).getByRole('button', { name: 'Hủy' }).click();
	await expect(again).toBeFocused();
	await expect(again).toHaveAttribute('aria-expanded', 'false');
	await expectNoAxeViolations(page);
});

test('a province monitor has no way to edit a commune', async ({ page, request, baseURL }) => {
	const base = baseURL!;
	const province = await provinceToken(request, base);
	const area = `Huyện ${uniqueName('e2e')}`;
	const made = await commune(request, base, province, area, false);
	const monitor = await createMonitor(request, base, province, 'snv-edit');
	await openApp(page, '/');
	await signInUi(page, monitor, false);
	await page.goto(`/province?kind=annual&year=${YEAR}&area=${encodeURIComponent(area)}`);
	const card = page.locator(`[data-commune="${made.id}"]`);
	await expect(card).toBeVisible();
	await expect(card.getByRole('button', { name: /^Sửa tên, khu vực/ })).toHaveCount(0);
	// Nor through the API.
	const token = await apiLogin(request, base, monitor.username, monitor.password);
	const r = await request.patch(`${base}/api/province/communes/${made.id}`, {
		headers: { authorization: `Bearer ${token}` },
		data: { name: 'Xã Chiếm' }
	});
	expect(r.status()).toBe(403);
});

test.describe('on a desktop screen', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('the province admin’s view and accounts screen', async ({ page }) => {
		await openApp(page, '/');
		await signInUi(page, PROVINCE, false);
		await bar(page).getByRole('link', { name: 'Toàn tỉnh' }).click();
		await expect(page.getByTestId('province-counts')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Tải bản Excel (tiếng Việt)' })).toBeVisible();
		// A wide screen opens each commune's details (a phone folds them), once: one the reader
		// closes stays closed when the list is read again.
		const firstCard = page.getByTestId('province-communes').locator('li[data-commune]').first();
		const id = await firstCard.getAttribute('data-commune');
		const details = page.locator(`li[data-commune="${id}"] details.more`);
		await expect(details).toHaveAttribute('open', '');
		await details.locator('summary').click();
		await expect(details).not.toHaveAttribute('open');
		const year = page.getByLabel('Năm', { exact: true });
		const shownYear = await year.inputValue();
		await year.fill(String(Number(shownYear) - 1));
		await year.press('Enter');
		await expect(page).toHaveURL(new RegExp(`year=${Number(shownYear) - 1}`));
		await year.fill(shownYear);
		await year.press('Enter');
		await expect(page).toHaveURL(new RegExp(`year=${shownYear}`));
		await expect(page.getByTestId('province-communes')).toBeVisible();
		await expect(details).not.toHaveAttribute('open');
		await page.getByRole('link', { name: 'Tài khoản cấp tỉnh' }).click();
		await expect(page).toHaveURL(/\/users$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản cấp tỉnh' })).toBeVisible();
		await expect(page.getByRole('list', { name: 'Danh sách tài khoản' })).toContainText(
			'Quản trị cấp tỉnh'
		);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
	});
});
