import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoAxeViolations, openApp, openReady } from './support';
import { computeReport } from '../../src/lib/domain/progress/report';
import { periodOf } from '../../src/lib/domain/periods';
import type { ReportResult } from '../../src/lib/domain/progress/types';
import { DEFAULT_TEST_LIMITS } from '../factories/records';
import { loadSampleCommune, readSampleFile } from '../factories/sample-commune';

/** What the engine says about the sample commune: the oracle for figures the CSVs do not hold. */
function engineReport(kind: '6month' | 'annual', asOf: string): ReportResult {
	const input = {
		...loadSampleCommune(),
		limits: DEFAULT_TEST_LIMITS,
		periodMode: 'decree09' as const
	};
	return computeReport(input, periodOf(kind, 2026, 0, 'decree09'), asOf);
}

const lines = (csv: string): string[] =>
	csv
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.filter((l) => l !== '');

/** The expected row "unit,…,indicator,value,target,status" split into its cells. */
function expectedRow(file: string, unit: string, indicator: string): string[] {
	const row = lines(readSampleFile(`expected/${file}`)).find((l) => {
		const c = l.split(',');
		return c[0] === unit && c[4] === indicator;
	});
	if (row === undefined) throw new Error(`no row ${unit} ${indicator} in ${file}`);
	return row.split(',');
}

const STATUS_WORDS: Record<string, string> = {
	met: 'Đạt',
	missed: 'Không đạt',
	on_track: 'Đúng tiến độ',
	at_risk: 'Có nguy cơ không đạt',
	off_track: 'Không thể đạt',
	no_data: 'Chưa có dữ liệu'
};

/** The sample commune through the Settings screen's demo loader, as a user would load it. */
async function loadSample(page: Page): Promise<void> {
	await openApp(page, '/settings');
	await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
	await expect(page.getByText(/Đã nạp dữ liệu mẫu/)).toBeVisible({ timeout: 30_000 });
}

function card(scope: Locator, indicator: string): Locator {
	return scope.locator(`[data-indicator="${indicator}"]`);
}

test('the dashboard shows the sample commune with values, targets, statuses and planning figures', async ({
	page
}) => {
	await loadSample(page);
	await openReady(page, '/dashboard?period=annual&year=2026&asOf=2026-12-20&unit=VP');
	const file = 'annual-2026-asof-2026-12-20.csv';
	const engine = engineReport('annual', '2026-12-20');

	await expect(page.getByTestId('period')).toContainText('15/12/2025');
	await expect(page.getByTestId('period')).toContainText('14/12/2026');
	await expect(page.getByTestId('period')).toContainText('20/12/2026');

	const commune = page.getByRole('region', { name: 'Toàn xã', exact: true });
	const unit = page.getByRole('region', { name: 'Văn phòng HĐND & UBND xã', exact: true });
	for (const [scope, code] of [
		[commune, '*'],
		[unit, 'VP']
	] as const) {
		for (const indicator of ['online_share', 'conference_reduction', 'electronic_share']) {
			const [, , , , , value, target, status] = expectedRow(file, code, indicator);
			const c = card(scope, indicator);
			// On screen in Vietnamese form (decimal comma); report.csv keeps the dot.
			await expect(c.getByTestId('value')).toHaveText(`${value!.replace('.', ',')}%`);
			await expect(c).toContainText(`${target}%`);
			await expect(c).toContainText(STATUS_WORDS[status!]!);
		}
	}
	await expect(card(commune, 'online_share').getByTestId('value')).toHaveText('78,0%');
	await expect(card(commune, 'conference_reduction').getByTestId('value')).toHaveText('44,2%');
	// Attended conferences (v2) are a count beside the organised ones, with no target.
	await expect(card(commune, 'conferences_attended').getByTestId('value')).toHaveText(
		expectedRow(file, '*', 'conferences_attended')[5]!
	);
	await expect(card(commune, 'conferences_held').getByTestId('value')).toHaveText(
		expectedRow(file, '*', 'conferences_held')[5]!
	);

	// The cap and the year-to-date count sit beside the reduction percentage.
	const reduction = engine.commune.indicators.find((i) => i.code === 'conference_reduction')!;
	await expect(card(commune, 'conference_reduction')).toContainText(
		`Tối đa cả năm: ${reduction.cap} · Đến nay: ${reduction.count}`
	);
	const left = engine.commune.conferencesLeft!;
	await expect(commune.getByTestId('conferences-left')).toHaveText(
		left >= 0
			? `Còn được tổ chức tối đa ${left} hội nghị trong năm 2026.`
			: `Đã vượt ${-left} hội nghị so với mức tối đa của năm 2026.`
	);
	const docsLeft = engine.commune.documentsLeft!;
	await expect(commune.getByTestId('documents-left')).toContainText(String(Math.abs(docsLeft)));

	// Units without a baseline are named as left out of the commune reduction.
	expect(engine.commune.excludedFromReduction).toEqual(['THON06']);
	await expect(commune.getByTestId('excluded')).toContainText('Thôn 6');

	// Over-limit conferences link to their meetings.
	const overLimit = engine.commune.overLimitMeetingIds;
	expect(overLimit.length).toBeGreaterThan(0);
	const links = commune.locator('a[href^="/meetings/"]');
	await expect(links).toHaveCount(overLimit.length);
	await expect(commune.locator(`a[href="/meetings/${overLimit[0]}"]`)).toBeVisible();

	// Charts have a text alternative.
	await expect(page.getByRole('img', { name: /đã tổ chức \d+ hội nghị/ }).first()).toBeVisible();
	await expect(page.locator('canvas').first()).toBeAttached();

	await expectNoAxeViolations(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	// Picking another period goes through the URL and recomputes.
	await page.getByText('Chọn kỳ báo cáo, đơn vị, ngày tính số liệu').click();
	await page.getByLabel('Kỳ', { exact: true }).selectOption({ label: '6 tháng' });
	await expect(page).toHaveURL(/period=6month/);
	await expect(page.getByTestId('period')).toContainText('14/06/2026');
	await expect(card(commune, 'online_share').getByTestId('value')).toHaveText(
		`${expectedRow('6month-2026-asof-2026-06-20.csv', '*', 'online_share')[5]!.replace('.', ',')}%`
	);
});

test('an over-limit conference on the dashboard opens its meeting', async ({ page }) => {
	await loadSample(page);
	await openReady(page, '/dashboard?period=annual&year=2026&asOf=2026-12-20');
	const commune = page.getByRole('region', { name: 'Toàn xã', exact: true });
	const first = commune.locator('a[href^="/meetings/"]').first();
	const title = (await first.textContent())?.trim() ?? '';
	await first.click();
	await expect(page).toHaveURL(/\/meetings\/[^/]+$/);
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
});

for (const file of ['annual-2026-asof-2026-12-20.csv', '6month-2026-asof-2026-06-20.csv']) {
	test(`the report page reproduces ${file} on screen and as report.csv`, async ({ page }) => {
		const [, kind, asOf] = /^(annual|6month)-2026-asof-(.+)\.csv$/.exec(file) ?? [];
		await loadSample(page);
		await openReady(page, `/reports?period=${kind}&year=2026&asOf=${asOf}`);

		const title = kind === 'annual' ? 'năm 2026' : '6 tháng đầu năm 2026';
		await expect(page.getByRole('heading', { name: /BÁO CÁO/ })).toContainText(title);
		await expect(page.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeVisible();
		await expect(page.getByText('Độc lập - Tự do - Hạnh phúc')).toBeVisible();
		// Dated the day the figures are as of, with the Decree-30 date (no leading zero on month 6).
		const [y, m, d] = asOf!.split('-').map(Number) as [number, number, number];
		await expect(page.getByTestId('place-date')).toContainText(`ngày ${d} tháng ${m} năm ${y}`);

		// One table per unit and one for the commune, rows as the expected file has them.
		const expected = lines(readSampleFile(`expected/${file}`));
		const commune = page.getByRole('table', { name: /Toàn xã/ });
		for (const indicator of ['online_share', 'conference_reduction', 'document_reduction']) {
			const [, , , , , value, , status] = expectedRow(file, '*', indicator);
			const row = commune.locator(`tr[data-indicator="${indicator}"]`);
			await expect(row).toContainText(`${value!.replace('.', ',')}%`);
			await expect(row).toContainText(STATUS_WORDS[status!]!);
		}
		// The notes say which conferences the meeting indicators count (spec v2).
		await expect(page.locator('[data-section="results"]')).toContainText(
			'chỉ tính hội nghị do đơn vị chủ trì tổ chức'
		);
		const unitCount = new Set(expected.slice(1).map((l) => l.split(',')[0])).size;
		await expect(page.locator('.report-table')).toHaveCount(unitCount);

		await expectNoAxeViolations(page);

		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: /CSV/ }).click();
		const file2 = await download;
		expect(file2.suggestedFilename()).toBe(`report-${kind}-2026-asof-${asOf}.csv`);
		const raw = readFileSync((await file2.path())!, 'utf8');
		expect(raw.startsWith('\uFEFF')).toBe(true);
		const actual = lines(raw);
		expect(actual).toHaveLength(expected.length);
		for (let i = 0; i < expected.length; i++) expect(actual[i], `row ${i}`).toBe(expected[i]);
	});
}

test('a report for one unit shows only that unit, and the print button calls window.print', async ({
	page
}) => {
	await loadSample(page);
	await openReady(page, '/reports?period=annual&year=2026&asOf=2026-12-20&unit=VP');
	const tables = page.locator('.report-table');
	await expect(tables).toHaveCount(1);
	await expect(tables.first()).toHaveAttribute('data-unit', 'VP');
	await expect(page.getByRole('table', { name: /Toàn xã/ })).toHaveCount(0);
	const [, , , , , value] = expectedRow('annual-2026-asof-2026-12-20.csv', 'VP', 'online_share');
	await expect(tables.first().locator('tr[data-indicator="online_share"]')).toContainText(
		`${value!.replace('.', ',')}%`
	);
	// Over-limit conferences of other units are not listed: every listed one is VP's.
	const vp = loadSampleCommune().units.find((u) => u.code === 'VP')!.name;
	const listed = page.locator('[data-section="results"] p', { hasText: /^\d+\. .*, ngày / });
	for (const line of await listed.allTextContents()) expect(line).toContain(`(${vp}, ngày`);

	await page.evaluate(() => {
		(window as unknown as { printed: number }).printed = 0;
		window.print = () => {
			(window as unknown as { printed: number }).printed++;
		};
	});
	await page.getByRole('button', { name: 'In báo cáo' }).click();
	expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
	await expectNoAxeViolations(page);
});

test('the empty dashboard and reports pass axe at 360 px', async ({ page }) => {
	await openApp(page, '/dashboard');
	await expect(page.locator('[data-ready="true"]')).toBeVisible();
	await expect(page.locator('main h1')).toBeVisible();
	await expectNoAxeViolations(page);
	await openReady(page, '/reports');
	await expectNoAxeViolations(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - window.innerWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});
