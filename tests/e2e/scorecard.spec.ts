import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, openApp, openReady } from './support';
import { computeReport } from '../../src/lib/domain/progress/report';
import { scorecard } from '../../src/lib/domain/progress/scorecard';
import { periodOf } from '../../src/lib/domain/periods';
import { DEFAULT_TEST_LIMITS } from '../factories/records';
import { loadSampleCommune } from '../factories/sample-commune';

const sample = loadSampleCommune();
const nameOf = (code: string) => sample.units.find((u) => u.code === code)?.name ?? code;

/**
 * The engine's annual 2026 report of the sample commune as the device computes it (the demo data
 * loads the incoming-documents register too, so incoming_electronic_share counts where a unit has
 * incoming months).
 */
const annual2026 = () =>
	computeReport(
		{ ...sample, limits: DEFAULT_TEST_LIMITS, periodMode: 'decree09' },
		periodOf('annual', 2026, 0, 'decree09'),
		'2026-12-20'
	);

async function loadSample(page: Page): Promise<void> {
	await openApp(page, '/settings');
	await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
	await expect(page.getByText(/Đã nạp dữ liệu mẫu/)).toBeVisible({ timeout: 30_000 });
}

const openDashboard = (page: Page, query: string) => openReady(page, `/dashboard?${query}`);

test('the yearly scorecard on /dashboard: ranked cards at 360 px, a table on wider screens and on paper', async ({
	page
}) => {
	const card = scorecard(annual2026());
	// The sample must exercise the ranking: several ranks and at least one missed target.
	expect(new Set(card.units.map((e) => e.rank)).size).toBeGreaterThan(2);
	expect(card.units.some((e) => e.missed.length > 0)).toBe(true);

	await loadSample(page);
	await openDashboard(page, 'period=annual&year=2026&asOf=2026-12-20');
	const section = page.getByRole('region', {
		name: 'Tổng hợp kết quả thực hiện chỉ tiêu năm 2026 theo đơn vị'
	});
	await expect(section).toBeVisible();
	await expect(section).toContainText('Số liệu tính đến ngày 20/12/2026.');

	// 360 px: one card per unit in rank order, then the commune; the table is not shown.
	await expect(section.getByRole('table')).toBeHidden();
	const cards = section.locator('ol > li');
	await expect(cards).toHaveCount(card.units.length + 1);
	for (const [k, e] of card.units.entries()) {
		const c = cards.nth(k);
		await expect(c).toHaveAttribute('data-unit', e.unitCode);
		await expect(c).toContainText(nameOf(e.unitCode));
		if (e.rank !== null) await expect(c).toContainText(`Hạng ${e.rank}`);
		if (e.applicable > 0) await expect(c).toContainText(`Đạt ${e.met}/${e.applicable} chỉ tiêu`);
		await expect(c.locator('.missed li')).toHaveCount(e.missed.length);
	}
	// A missed target reads with its result and its target, in words.
	const withMiss = card.units.find((e) => e.missed.some((m) => m.code === 'online_share'));
	if (withMiss !== undefined) {
		const m = withMiss.missed.find((x) => x.code === 'online_share')!;
		await expect(section.locator(`li[data-unit="${withMiss.unitCode}"]`)).toContainText(
			`Tỷ lệ hội nghị trực tuyến: ${m.display.replace('.', ',')}% (chỉ tiêu ≥ 60%)`
		);
	}
	// The incoming register counts where it has data: KT's 94.1% is a missed target of the year.
	const kt = card.units.find((e) => e.unitCode === 'KT')!;
	expect(kt.missed.map((m) => m.code)).toContain('incoming_electronic_share');
	await expect(section.locator('li[data-unit="KT"]')).toContainText(
		'Tỷ lệ văn bản đến được xử lý trên môi trường điện tử: 94,1% (chỉ tiêu ≥ 95%)'
	);
	await expect(cards.last()).toContainText('Toàn xã');
	await expect(cards.last()).toContainText(
		`Đạt ${card.commune.met}/${card.commune.applicable} chỉ tiêu`
	);
	await expectNoAxeViolations(page);

	// From 600 px: a table with the rank column.
	await page.setViewportSize({ width: 800, height: 700 });
	const table = section.getByRole('table');
	await expect(table).toBeVisible();
	const first = card.units[0]!;
	await expect(table.locator('tbody tr').first()).toHaveAttribute('data-unit', first.unitCode);
	await expect(table.getByRole('row', { name: new RegExp(nameOf(first.unitCode)) })).toContainText(
		`${first.met}/${first.applicable}`
	);

	// On paper, even from a phone: the table, not the cards.
	await page.setViewportSize({ width: 360, height: 640 });
	await page.emulateMedia({ media: 'print' });
	await expect(table).toBeVisible();
	await expect(cards.first()).toBeHidden();
	await page.emulateMedia({ media: 'screen' });
});

test('/plans offers last year’s counts from the device; months covered annualise the baseline and the dashboard notes it', async ({
	page
}) => {
	// The 2027 baseline is the 2026 count: organised (chu_tri) held conferences and administrative documents.
	const report = annual2026();
	const vhxh = report.units.find((u) => u.unitCode === 'VHXH')!;
	const conferences = vhxh.indicators.find((i) => i.code === 'conference_reduction')!.count!;
	const documents = vhxh.indicators.find((i) => i.code === 'document_reduction')!.count!;
	expect(conferences).toBeGreaterThan(0);

	await loadSample(page);
	await page.goto('/plans');
	await page.getByLabel('Năm mục tiêu').selectOption('2027');
	const row = page.getByRole('form', { name: 'Phòng Văn hóa - Xã hội' });
	const suggestion = row.getByTestId('suggestion-VHXH');
	await expect(suggestion).toContainText(
		`Theo sổ trên máy, năm 2026: ${conferences} hội nghị chủ trì tổ chức, ${documents} văn bản hành chính.`
	);
	const baseline = row.getByLabel('Hội nghị năm trước');
	await expect(baseline).toHaveValue('');
	await expectNoAxeViolations(page);

	// One tap fills the fields; nothing is saved until Save.
	await suggestion.getByRole('button', { name: /Dùng số liệu này/ }).click();
	await expect(baseline).toHaveValue(String(conferences));
	await expect(row.getByLabel('Văn bản hành chính năm trước')).toHaveValue(String(documents));
	await expect(row.getByText('Đã điền số liệu năm 2026. Kiểm tra rồi bấm Lưu.')).toBeVisible();
	expect(await storedPlan(page, 'VHXH:2027')).toBeNull();

	// The user edits before confirming: the department worked 6 months of 2026.
	await baseline.fill('5');
	await row.getByLabel('Số tháng hoạt động năm trước').fill('6');
	await expect(row.getByTestId('annualised-VHXH')).toHaveText(
		`Quy đổi cả năm: hội nghị 10, văn bản hành chính ${documents * 2}.`
	);
	await expect(row.getByTestId('caps-VHXH')).toContainText('Hội nghị tối đa: 9');
	await row.getByRole('button', { name: /Lưu/ }).click();
	await expect(row.getByText('Đã lưu kế hoạch Phòng Văn hóa - Xã hội.')).toBeVisible();
	await expect
		.poll(() => storedPlan(page, 'VHXH:2027'))
		.toMatchObject({ baselineConferences: 5, baselineDocuments: documents, baselineMonths: 6 });
	await expectNoAxeViolations(page);

	// The 2027 figures hold VHXH against 10 conferences, and the scorecard's notes say why.
	await openDashboard(page, 'period=annual&year=2027&asOf=2027-01-10&unit=VHXH');
	await expect(page.getByTestId('scorecard')).toContainText(
		'Phòng Văn hóa - Xã hội hoạt động 6 tháng trong năm 2026: số liệu năm trước được quy đổi ra cả năm (số liệu × 12 / 6, làm tròn): hội nghị 5 thành 10;'
	);
	await expectNoAxeViolations(page);
});

/** The plan as stored in IndexedDB (what survives a reload), or null. */
async function storedPlan(page: Page, id: string): Promise<Record<string, unknown> | null> {
	return page.evaluate(async (key) => {
		return new Promise<Record<string, unknown> | null>((resolve, reject) => {
			// The sample was loaded in demo mode: its own database.
			const open = indexedDB.open('so-hop-534-demo');
			open.onerror = () => reject(open.error);
			open.onsuccess = () => {
				const get = open.result.transaction('plans').objectStore('plans').get(key);
				get.onsuccess = () => {
					resolve((get.result as Record<string, unknown> | undefined) ?? null);
					open.result.close();
				};
				get.onerror = () => reject(get.error);
			};
		});
	}, id);
}
