/**
 * Issue #11's proof across two phones: a 6-month report drafted offline on one phone, its
 * narrative edited and marked final, synced to a second phone of the same commune, which shows the
 * same text and the issued figures; a later meeting edit leaves the final report unchanged on both.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openApp, openReady, recordMeeting } from './support';
import {
	createAccount,
	expectPending,
	expectSynced,
	newPhone,
	signInUi,
	syncNowDoneUi,
	uniqueName
} from './sync-support';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const REPORT = '/reports?period=6month&year=2026&asOf=2026-06-20';

const openReport = (page: Page) => openReady(page, REPORT);

const onlineRow = (page: Page) =>
	page.getByRole('table', { name: 'Toàn xã' }).locator('tr[data-indicator="online_share"]');
const heldRow = (page: Page) =>
	page.getByRole('table', { name: 'Toàn xã' }).locator('tr[data-indicator="conferences_held"]');

test('a final report drafted offline reaches the second phone with its text and issued figures; a later meeting edit changes neither', async ({
	browser,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const a = await createAccount(request, base, 'admin', null, 'report-a');
	const b = await createAccount(request, base, 'admin', null, 'report-b');
	const pa = await newPhone(browser, base);
	const pb = await newPhone(browser, base);
	for (const [page, acc] of [
		[pa, a],
		[pb, b]
	] as const) {
		await openApp(page, '/meetings');
		await signInUi(page, acc);
	}

	// Phone A, offline: one in-person conference, then the report.
	const title = uniqueName('Hội nghị sơ kết');
	await pa.context().setOffline(true);
	await recordMeeting(pa, title, {
		category: 'Hội nghị quán triệt',
		format: 'Trực tiếp',
		date: '2026-03-10'
	});

	await openReport(pa);
	const narrative =
		'Tỷ lệ hội nghị trực tuyến còn thấp.\nNguyên nhân: đường truyền ở thôn còn yếu.';
	await pa.getByLabel('Số văn bản').fill('12');
	await pa.getByLabel('Họ và tên người ký').fill('Lê Văn Thành');
	await pa.getByRole('textbox', { name: 'III. Tồn tại, hạn chế và nguyên nhân' }).fill(narrative);
	await expect(pa.getByText('Đã lưu trên máy.')).toBeVisible();
	await expect(onlineRow(pa)).toContainText('0,0% (0/1)');
	await pa.getByRole('button', { name: 'Đánh dấu bản chính thức' }).click();
	await pa.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(pa.getByTestId('report-status')).toHaveAttribute('data-status', 'final');
	await expectPending(pa, 2);
	const issuedText = await pa.getByRole('article').innerText();

	// Back online: phone A sends; phone B pulls and shows the same document.
	await pa.context().setOffline(false);
	await expectSynced(pa);
	await syncNowDoneUi(pb);
	await openReport(pb);
	await expect(pb.getByTestId('report-status')).toHaveAttribute('data-status', 'final');
	await expect(pb.getByText(/Bản chính thức, số liệu chốt đến ngày 20\/06\/2026/)).toBeVisible();
	await expect(
		pb.getByRole('textbox', { name: 'III. Tồn tại, hạn chế và nguyên nhân' })
	).toHaveValue(narrative);
	await expect(pb.getByTestId('report-number')).toHaveText('Số: 12/BC-UBND');
	await expect(pb.getByTestId('signature')).toContainText('Lê Văn Thành');
	await expect(onlineRow(pb)).toContainText('0,0% (0/1)');
	await expect(heldRow(pb)).toContainText('1');
	expect(await pb.getByRole('article').innerText()).toBe(issuedText);
	await expectNoAxeViolations(pb);

	// Later, phone B corrects the conference: it was online. Both phones sync.
	await pb.goto('/meetings');
	await pb.getByRole('link', { name: title }).click();
	await pb.getByRole('link', { name: 'Sửa' }).click();
	await pb.getByLabel('Hình thức').selectOption({ label: 'Trực tuyến' });
	await pb.getByRole('button', { name: 'Lưu' }).click();
	await expect(pb.getByRole('heading', { name: title })).toBeVisible();
	await expectSynced(pb);
	await syncNowDoneUi(pa);

	// The final report is unchanged on both phones; each says the live figures now differ.
	for (const page of [pa, pb]) {
		await openReport(page);
		await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'final');
		await expect(onlineRow(page)).toContainText('0,0% (0/1)');
		await expect(page.getByTestId('figures-differ')).toBeVisible();
		expect(await page.getByRole('article').innerText()).toBe(issuedText);
	}
	// Phone A has the meeting edit (the live figures moved), so the difference is real.
	await pa.goto('/meetings');
	await pa.getByRole('link', { name: title }).click();
	await expect(pa.getByText('Trực tuyến', { exact: true })).toBeVisible();

	// The commune's admin log says it was made final, by whom, with its number and its figures'
	// date (attacker review r20, 3: what the province reads must not change without a trace).
	await pb.goto(`/users/audit?group=reports&actor=${a.id}`);
	const made = pb.getByTestId('audit-entry').filter({ hasText: 'Gửi báo cáo chính thức' }).first();
	await expect(made).toContainText(
		/Báo cáo 6 tháng đầu năm 2026, toàn xã; số 12\/BC-UBND ngày \d{2}\/\d{2}\/\d{4}, số liệu tính đến ngày 20\/06\/2026/
	);
	await expect(made).toContainText(`Người thực hiện: ${a.username}`);
	await expectNoAxeViolations(pb);

	await pa.context().close();
	await pb.context().close();
});
