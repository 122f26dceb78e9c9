import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expectNoAxeViolations, fillMeeting, openControlled } from './support';

const REPORT = '/reports?period=6month&year=2026&asOf=2026-06-20';

/** One in-person conference in the first half of 2026, through the meeting form. */
async function addConference(page: Page): Promise<void> {
	await openControlled(page, '/meetings/new');
	await fillMeeting(page, {
		title: 'Hội nghị quán triệt Kế hoạch 534',
		category: 'Hội nghị quán triệt',
		format: 'Trực tiếp',
		sittings: [{ date: '2026-03-10', start: '08:00', end: '10:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(
		page.getByRole('heading', { name: 'Hội nghị quán triệt Kế hoạch 534' })
	).toBeVisible();
}

async function openReport(page: Page): Promise<void> {
	await page.goto(REPORT);
	await expect(page.locator('[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
}

async function markFinal(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Đánh dấu bản chính thức' }).click();
	await page.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'final');
	await expect(page.getByText(/Bản chính thức, số liệu chốt đến ngày 20\/06\/2026/)).toBeVisible();
}

/** The text of each paragraph of a WordprocessingML part. */
const paragraphs = (xml: string): string[] =>
	[...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
		.map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
		.filter((t) => t !== '');

test('a 6-month report is drafted, edited, kept across a reload, marked final and downloaded as .docx', async ({
	page
}) => {
	await addConference(page);
	await openReport(page);

	// The narrative is pre-drafted from the figures.
	const deployment = page.getByRole('textbox', { name: 'I. Tình hình triển khai thực hiện' });
	await expect(deployment).toHaveValue(/đã chủ trì tổ chức 1 hội nghị/);
	await expect(page.getByRole('heading', { name: /BÁO CÁO/ })).toContainText(
		'Kết quả thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ 6 tháng đầu năm 2026'
	);
	await expect(page.getByTestId('place-date')).toHaveText(/, ngày 20 tháng 6 năm 2026$/);

	await page.getByLabel('Số văn bản').fill('7');
	await page.getByLabel('Họ và tên người ký').fill('Nguyễn Thị Hoa');
	await page.getByLabel('Phó Chủ tịch ký thay (KT.)').check();
	const shortcomings = page.getByRole('textbox', { name: 'III. Tồn tại, hạn chế và nguyên nhân' });
	await shortcomings.fill(
		'Tỷ lệ hội nghị trực tuyến còn thấp.\nNguyên nhân: đường truyền ở các thôn còn yếu.'
	);
	await expect(page.getByText('Đã lưu trên máy.')).toBeVisible();

	// Saved on the device: a reload shows what was typed.
	await openReport(page);
	await expect(page.getByLabel('Số văn bản')).toHaveValue('7');
	await expect(shortcomings).toHaveValue(/đường truyền ở các thôn còn yếu/);
	const paper = page.getByRole('article');
	await expect(page.getByTestId('report-number')).toHaveText('Số: 07/BC-UBND');
	await expect(page.getByTestId('signature')).toContainText('KT. CHỦ TỊCH');
	await expect(page.getByTestId('signature')).toContainText('Nguyễn Thị Hoa');
	await expect(paper.locator('[data-section="shortcomings"]')).toContainText(
		'Nguyên nhân: đường truyền ở các thôn còn yếu.'
	);
	await expect(page.getByTestId('recipients')).toContainText('- Lưu: VT, VHXH.');

	await markFinal(page);
	await expect(shortcomings).toBeDisabled();
	await expectNoAxeViolations(page);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: /Word|\.docx/ }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/\.docx$/);
	const files = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
	const text = paragraphs(strFromU8(files['word/document.xml']!));
	for (const line of [
		'ỦY BAN NHÂN DÂN',
		'Số: 07/BC-UBND',
		'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'Độc lập - Tự do - Hạnh phúc',
		'BÁO CÁO',
		'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN',
		'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
		'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
		'Nguyên nhân: đường truyền ở các thôn còn yếu.',
		'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
		'V. ĐỀ XUẤT, KIẾN NGHỊ',
		'TM. ỦY BAN NHÂN DÂN',
		'KT. CHỦ TỊCH',
		'PHÓ CHỦ TỊCH',
		'Nguyễn Thị Hoa',
		'Nơi nhận:',
		'- Thường trực HĐND xã (b/c);',
		'- Lưu: VT, VHXH.',
		'Phụ lục I',
		'Phụ lục II',
		'TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU THEO ĐƠN VỊ'
	])
		expect(text, line).toContain(line);
	// The scorecard annex after the unit tables: header, every unit ranked, then the commune.
	const annex = text.slice(text.indexOf('Phụ lục II'));
	for (const cell of ['Xếp hạng', 'Đơn vị', 'Chỉ tiêu đạt', 'Toàn xã'])
		expect(annex).toContain(cell);
	await expect(paper.locator('[data-section="scorecard"]')).toContainText('Phụ lục II');
	const unitRows = paper.locator('[data-section="scorecard"] tbody tr');
	const count = await unitRows.count();
	expect(count).toBeGreaterThan(1);
	for (let k = 0; k < count; k++) {
		const name = (await unitRows.nth(k).getByRole('rowheader').innerText()).trim();
		expect(annex, name).toContain(name.replace(/&/g, '&amp;'));
	}
	expect(text.some((l) => l.startsWith('Thiên') || /, ngày 20 tháng 6 năm 2026$/.test(l))).toBe(
		true
	);
});

test('the printed report is A4 with page numbers from page 2', async ({ page }) => {
	await addConference(page);
	await openReport(page);
	await page.emulateMedia({ media: 'print' });
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
	const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
	const file = path.join(dir, 'report.pdf');
	writeFileSync(file, pdf);

	const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
	expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
	const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
	expect(pages).toBeGreaterThanOrEqual(2);

	const firstLine = (n: number): string =>
		execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], {
			encoding: 'utf8'
		})
			.split('\n')
			.map((l) => l.trim())
			.find((l) => l !== '') ?? '';
	// Page 1 opens with the masthead, not a number; every later page with its own number.
	expect(firstLine(1)).toMatch(/ỦY BAN NHÂN DÂN/);
	for (let n = 2; n <= pages; n++) expect(firstLine(n)).toBe(String(n));
});

test('a meeting edited after the report is final leaves its figures; the screen says the live ones differ', async ({
	page
}) => {
	await addConference(page);
	const meetingUrl = page.url();
	await openReport(page);
	const online = page
		.getByRole('table', { name: 'Toàn xã' })
		.locator('tr[data-indicator="online_share"]');
	await expect(online).toContainText('0,0% (0/1)');
	await markFinal(page);
	await expect(page.getByTestId('figures-differ')).toHaveCount(0);

	// The conference turns out to have been online.
	await page.goto(meetingUrl);
	await page.getByRole('link', { name: 'Sửa' }).click();
	await page.getByLabel('Hình thức').selectOption({ label: 'Trực tuyến' });
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(
		page.getByRole('heading', { name: 'Hội nghị quán triệt Kế hoạch 534' })
	).toBeVisible();

	await openReport(page);
	await expect(page.getByTestId('figures-differ')).toBeVisible();
	await expect(online).toContainText('0,0% (0/1)');

	// Back to a draft: the live figures come back.
	await page.getByRole('button', { name: 'Chuyển về dự thảo' }).click();
	await page.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(online).toContainText('100,0% (1/1)');
	await expect(page.getByTestId('figures-differ')).toHaveCount(0);
});

test('a draft the device refuses says why in Vietnamese, and is saved once put right', async ({
	page
}) => {
	await openReport(page);
	const proposals = page.getByRole('textbox', { name: 'V. Đề xuất, kiến nghị' });
	await proposals.fill('x'.repeat(20_001));
	await expect(page.getByText('Chưa lưu được: V. Đề xuất, kiến nghị: Quá dài.')).toBeVisible();
	await proposals.fill('Đề nghị tỉnh hỗ trợ đường truyền cho các thôn.');
	await expect(page.getByText('Đã lưu trên máy.')).toBeVisible();
	await openReport(page);
	await expect(proposals).toHaveValue('Đề nghị tỉnh hỗ trợ đường truyền cho các thôn.');
});

test('a final report stored over the size cap before it still opens, and goes back to a draft', async ({
	page
}) => {
	await openReport(page);
	await markFinal(page);
	// As a server before the cap could have synced it down: a 450,000-character unit name.
	await page.evaluate(async () => {
		const req = indexedDB.open('so-hop-534');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const store = (mode: IDBTransactionMode) =>
			db.transaction('reports', mode).objectStore('reports');
		const stored = await new Promise<Record<string, unknown>>((resolve, reject) => {
			const get = store('readonly').get('*:6month:2026');
			get.onsuccess = () => resolve(get.result as Record<string, unknown>);
			get.onerror = () => reject(get.error);
		});
		const issued = stored.issued as Record<string, unknown>;
		await new Promise<void>((resolve, reject) => {
			const put = store('readwrite').put({
				...stored,
				issued: {
					...issued,
					unitNames: { ...(issued.unitNames as object), ZZ: 'A'.repeat(450_000) }
				}
			});
			put.onsuccess = () => resolve();
			put.onerror = () => reject(put.error);
		});
		db.close();
	});
	await openReport(page);
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'final');
	await expect(page.getByRole('heading', { name: /BÁO CÁO/ })).toBeVisible();

	await page.getByRole('button', { name: 'Chuyển về dự thảo' }).click();
	await page.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'draft');
	await expect(page.getByText('Đã lưu trên máy.')).toBeVisible();
});

test('marking final a report whose figures are over the cap is refused with the reason; it stays a draft', async ({
	page
}) => {
	await openReport(page);
	// A commune with more units than a report may carry (LIMITS.reportUnits, 300).
	await page.evaluate(async () => {
		const req = indexedDB.open('so-hop-534');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const tx = db.transaction('units', 'readwrite');
		for (let i = 1; i <= 301; i++) {
			const code = `THON${String(i).padStart(3, '0')}`;
			tx.objectStore('units').put({
				code,
				name: `Thôn ${i}`,
				kind: 'hamlet',
				archived: false,
				order: 100 + i,
				createdAt: 1,
				updatedAt: 1,
				deleted: false
			});
		}
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	});
	await openReport(page);
	await page.getByRole('button', { name: 'Đánh dấu bản chính thức' }).click();
	await page.getByRole('button', { name: 'Xác nhận' }).click();
	await expect(
		page.getByText(
			'Chưa lưu được: Báo cáo quá lớn (tối đa 384 KB, số liệu của tối đa 300 đơn vị); đề nghị rút gọn nội dung các mục.'
		)
	).toBeVisible();
	// Not shown as final, and nothing final was stored.
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'draft');
	await openReport(page);
	await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'draft');
});
