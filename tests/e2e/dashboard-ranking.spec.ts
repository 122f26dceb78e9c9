import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8 } from 'fflate';
import {
	downloadXlsx,
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	openApp,
	openReady
} from './support';
import { computeReport } from '../../src/lib/domain/progress/report';
import { scorecard } from '../../src/lib/domain/progress/scorecard';
import { periodOf } from '../../src/lib/domain/periods';
import { DEFAULT_TEST_LIMITS } from '../factories/records';
import { loadSampleCommune } from '../factories/sample-commune';

const sample = loadSampleCommune();
const nameOf = (code: string) => sample.units.find((u) => u.code === code)?.name ?? code;
const QUERY = 'period=annual&year=2026&asOf=2026-12-20';

/** The sample's annual 2026 scorecard as the device computes it, worst first. */
function worstFirst() {
	const card = scorecard(
		computeReport(
			{ ...sample, limits: DEFAULT_TEST_LIMITS, periodMode: 'decree09' },
			periodOf('annual', 2026, 0, 'decree09'),
			'2026-12-20'
		)
	);
	return [
		...card.units.filter((e) => e.rank !== null).reverse(),
		...card.units.filter((e) => e.rank === null)
	];
}

async function setLanguage(page: Page, lang: 'vi' | 'en'): Promise<void> {
	await page.addInitScript((l) => localStorage.setItem('so-hop-534.lang', l), lang);
}

async function loadSample(page: Page): Promise<void> {
	await openApp(page, '/settings');
	await page.getByRole('button', { name: /Dùng thử với dữ liệu mẫu|Try with sample data/ }).click();
	await expect(page.getByText(/Đã nạp dữ liệu mẫu|Sample data loaded/)).toBeVisible({
		timeout: 30_000
	});
}

const openDashboard = (page: Page, query: string) => openReady(page, `/dashboard?${query}`);

for (const lang of ['vi', 'en'] as const) {
	const T =
		lang === 'vi'
			? {
					title: 'Các đơn vị cần chú ý trong kỳ',
					missed: 'Không đạt',
					atRisk: 'Có nguy cơ không đạt',
					commune: 'Toàn xã',
					onlineChart: /Tỷ lệ hội nghị trực tuyến của từng đơn vị/,
					heldChart: /Số hội nghị chủ trì tổ chức của từng đơn vị/,
					heldTitle: /^Số hội nghị chủ trì tổ chức của các đơn vị trong kỳ \(toàn xã: \d+\)$/,
					pct: (s: string) => `${s.replace('.', ',')}%`,
					cap: (cap: number) => `tối đa cả năm ${cap}; dự kiến cả năm `
				}
			: {
					title: 'Units that need attention in the period',
					missed: 'Missed',
					atRisk: 'At risk',
					commune: 'Whole commune',
					onlineChart: /Online share of conferences per unit/,
					heldChart: /Conferences organised per unit/,
					heldTitle: /^Conferences organised by unit in the period \(commune: \d+\)$/,
					pct: (s: string) => `${s}%`,
					cap: (cap: number) => `cap for the year ${cap}; projected `
				};

	test(`[${lang}] a commune leader's first screen is the units ranked worst first, each tapping into the unit`, async ({
		page
	}, testInfo) => {
		const expected = worstFirst();
		expect(expected.some((e) => e.missed.length > 0)).toBe(true);
		// The sample has reductions at risk: their cap and projection must show (finding 10).
		expect(expected.some((e) => e.missed.some((m) => m.cap !== undefined))).toBe(true);
		await setLanguage(page, lang);
		// A commune leader's phone: no "my unit" (the default test phone has one).
		await page.addInitScript(() => localStorage.removeItem('so-hop-534.my-unit'));
		await loadSample(page);
		await openDashboard(page, QUERY);

		// First thing after the period controls: the ranking, before any unit or commune detail.
		const ranking = page.getByRole('region', { name: T.title });
		await expect(ranking).toBeVisible();
		// On the first screen of a 360 x 640 phone, with its worst unit. Only the one-sentence
		// reminder of meetings left "Dự kiến" past their day (the sample has some) may come first:
		// the ranking leaves those meetings out, which the leader must read before it (clerk review
		// r11, 11); the worst unit then starts no lower than the reminder's own height.
		const reminder = page.getByTestId('overdue-notice');
		await expect(reminder).toBeVisible();
		const first = (await ranking.locator('ol.rows > li').first().boundingBox())!;
		const above = (await reminder.boundingBox())!.height;
		expect(above).toBeLessThan(120);
		expect(first.y).toBeLessThan(640 + above);
		const order = await page
			.locator('[data-testid="unit-ranking"], section.scope, [data-testid="scorecard"]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? 'scope'));
		expect(order[0]).toBe('unit-ranking');

		const rows = ranking.locator('ol.rows > li');
		await expect(rows).toHaveCount(expected.length);
		for (const [k, e] of expected.entries()) {
			const row = rows.nth(k);
			await expect(row).toHaveAttribute('data-unit', e.unitCode);
			await expect(row.getByRole('link')).toHaveText(nameOf(e.unitCode));
			// Each missed or at-risk target: a coloured badge with its words, the figure, the target.
			const misses = row.locator('ul.missed > li');
			await expect(misses).toHaveCount(e.missed.length);
			for (const m of e.missed) {
				const item = row.locator(`li[data-indicator="${m.code}"]`);
				await expect(item.locator('.status-badge')).toHaveAttribute('data-status', m.status);
				await expect(item.locator('.status-badge')).toHaveText(
					m.status === 'at_risk' ? T.atRisk : m.status === 'missed' ? T.missed : /.+/
				);
				await expect(item).toContainText(T.pct(m.display));
				// A reduction: the cap and the projected count beside the percentage (indicators.md).
				if (m.cap !== undefined) await expect(item).toContainText(T.cap(m.cap));
			}
			await expect(row).toHaveAttribute(
				'data-tone',
				e.applicable === 0
					? 'none'
					: e.missed.some((m) => m.status === 'missed' || m.status === 'off_track')
						? 'bad'
						: e.missed.length > 0
							? 'warn'
							: 'ok'
			);
		}
		// Colour is not the only signal: the worst row's border is the "bad" colour and it has words.
		const worst = rows.first();
		const border = await worst.evaluate((el) => getComputedStyle(el).borderLeftColor);
		const bad = await page.evaluate(() =>
			getComputedStyle(document.documentElement).getPropertyValue('--bad').trim()
		);
		expect(expected[0]!.missed.length).toBeGreaterThan(0);
		expect(bad).toBe('#a5161a');
		expect(border).toBe('rgb(165, 22, 26)');

		// Charts compare like with like and name the units.
		const online = page.getByRole('img', { name: T.onlineChart });
		const held = page.getByRole('img', { name: T.heldChart });
		await expect(online).toHaveAttribute('aria-label', new RegExp(nameOf(expected[0]!.unitCode)));
		await expect(held).toHaveAttribute('aria-label', new RegExp(nameOf(expected[0]!.unitCode)));
		await expect(held).not.toHaveAttribute('aria-label', /%/);
		await expect(online).toHaveAttribute('aria-label', new RegExp(T.commune));
		// The commune's total is in the held chart's title, not a bar that flattens the units'
		// (clerk review r20, 6); its table lists the units alone.
		await expect(page.locator('#chart-units-held-title')).toHaveText(T.heldTitle);
		await expect(
			page.locator('#chart-units-held-title').locator('..').getByRole('rowheader', {
				name: T.commune,
				includeHidden: true
			})
		).toHaveCount(0);

		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
		// The longer lines (a reduction's cap and projection) still fit a 320 px phone.
		await page.setViewportSize({ width: 320, height: 640 });
		await expectNoSidewaysScroll(page);
		await page.screenshot({
			path: testInfo.outputPath(`dashboard-320-${lang}.png`),
			fullPage: true
		});
		await page.setViewportSize({ width: 360, height: 640 });
		// The first screen as a leader sees it (copied to docs/dashboard.png for the README).
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.screenshot({ path: testInfo.outputPath(`dashboard-360-${lang}.png`) });

		// The whole row is the tap target: a tap on its figures opens the unit.
		const target = expected[0]!;
		// (The row's link covers it, so the tap lands on the link: a real tap at the list's place.)
		await worst.locator('ul.missed').scrollIntoViewIfNeeded();
		const box = (await worst.locator('ul.missed').boundingBox())!;
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		await expect(page).toHaveURL(new RegExp(`unit=${target.unitCode}`));
		await expect(
			page.getByRole('region', { name: nameOf(target.unitCode), exact: true })
		).toBeVisible();
		await expect(rows.first().getByRole('link')).toHaveAttribute('aria-current', 'true');
	});
}

test('a unit account sees its own unit’s targets first, then the ranking', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('so-hop-534.my-unit', 'VP'));
	await loadSample(page);
	await openDashboard(page, QUERY);
	const order = await page
		.locator('[data-testid="unit-ranking"], section.scope')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-scope') ?? 'ranking'));
	expect(order.slice(0, 3)).toEqual(['VP', 'ranking', '*']);
	await expect(page.locator('li[data-unit="VP"]').first()).toBeVisible();
	await expectNoAxeViolations(page);
});

test('a 100% target out of reach says what happened, not "còn thiếu" (clerk review 6)', async ({
	page
}) => {
	await loadSample(page);
	await openDashboard(page, 'period=annual&year=2026&asOf=2026-09-30');
	const engine = computeReport(
		{ ...sample, limits: DEFAULT_TEST_LIMITS, periodMode: 'decree09' },
		periodOf('annual', 2026, 0, 'decree09'),
		'2026-09-30'
	).commune.indicators;
	const of = (code: string) => engine.find((i) => i.code === code)!;
	const commune = page.locator('section.scope[data-scope="*"]');
	const duration = of('duration_compliance_share');
	const over = duration.denominator! - duration.numerator!;
	expect(over).toBeGreaterThan(0);
	await expect(commune.locator('[data-indicator="duration_compliance_share"]')).toContainText(
		`${duration.numerator}/${duration.denominator} · ${over} hội nghị đã vượt thời lượng quy định; chỉ tiêu 100% không còn đạt được trong năm`
	);
	const electronic = of('electronic_share');
	const paper = electronic.denominator! - electronic.numerator!;
	expect(paper).toBeGreaterThan(0);
	await expect(commune.locator('[data-indicator="electronic_share"]')).toContainText(
		`· ${paper} văn bản chưa gửi điện tử`
	);
	// Neither says how many more are missing: none can make up for them.
	for (const code of ['duration_compliance_share', 'electronic_share'])
		await expect(commune.locator(`[data-indicator="${code}"]`)).not.toContainText(
			'tiếp theo đều phải'
		);
});

for (const lang of ['vi', 'en'] as const) {
	test(`[${lang}] 3817/4020 at risk reads 94.95% with the shortfall, never 95.0%`, async ({
		page
	}) => {
		await setLanguage(page, lang);
		await openApp(page, '/procedures');
		await page.locator('#proc-unit').selectOption({ index: 1 });
		const unitName = (
			await page.locator('#proc-unit').locator('option:checked').innerText()
		).trim();
		await page.locator('#proc-month').fill('2026-03');
		await page.locator('#proc-total').fill('4020');
		await page.locator('#proc-digital').fill('3817');
		await page.locator('#proc-digitized').fill('4020');
		await page.getByRole('button', { name: lang === 'vi' ? 'Lưu' : 'Save', exact: true }).click();
		// The register has no status: its share is rounded as always (95,0%).
		const shares = lang === 'vi' ? '3.817 (95,0%)' : '3,817 (95.0%)';
		await expect(page.getByRole('cell', { name: shares }).first()).toBeVisible();
		await expect(
			page.getByRole('cell', { name: lang === 'vi' ? '4.020' : '4,020' }).first()
		).toBeVisible();

		await openDashboard(page, 'period=annual&year=2026&asOf=2026-06-20');
		const commune = page.locator('section.scope[data-scope="*"]');
		const c = commune.locator('[data-indicator="digital_procedures_share"]');
		await expect(c.getByTestId('value')).toHaveText(lang === 'vi' ? '94,95%' : '94.95%');
		await expect(c.locator('.status-badge')).toHaveAttribute('data-status', 'at_risk');
		await expect(c).toContainText(
			lang === 'vi'
				? '3.817/4.020 · 40 hồ sơ tiếp theo đều phải xử lý trên môi trường điện tử mới đạt chỉ tiêu'
				: '3,817/4,020 · the next 40 case file(s) must all be processed electronically to reach the target'
		);
		await expect(c).not.toContainText(/95[,.]0%/);
		// The ranking says it too, in words.
		const row = page.locator('[data-testid="unit-ranking"] li', { hasText: unitName }).first();
		await expect(row.locator('[data-indicator="digital_procedures_share"]')).toContainText(
			lang === 'vi' ? '94,95%' : '94.95%'
		);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
	});
}

test('/reports: "Excel (tiếng Việt)" is a workbook with Vietnamese headers and words; report.csv stays the machine file', async ({
	page
}) => {
	await loadSample(page);
	await openReady(page, `/reports?${QUERY}`);
	// The contract of the other specs: exactly one control named CSV, one Word.
	await expect(page.getByRole('button', { name: /CSV/ })).toHaveCount(1);
	await expect(page.getByRole('button', { name: /Word|\.docx/ })).toHaveCount(1);
	const excel = page.getByRole('button', { name: 'Tải bản Excel (tiếng Việt)' });
	await expect(excel).toBeVisible();
	await expectNoAxeViolations(page);

	const { file, parts, sheet } = await downloadXlsx(page, 'Tải bản Excel (tiếng Việt)');
	expect(file).toBe('bao-cao-nam-2026-den-20-12-2026.xlsx');
	for (const h of ['Đơn vị', 'Từ ngày', 'Chỉ tiêu', 'Kết quả', 'Chỉ tiêu giao', 'Đánh giá'])
		expect(sheet).toContain(`<t xml:space="preserve">${h}</t>`);
	expect(sheet).toContain(nameOf('VP').replace(/&/g, '&amp;'));
	expect(sheet).toContain('Tỷ lệ hội nghị trực tuyến');
	expect(sheet).toContain('Toàn xã');
	expect(sheet).toContain('20/12/2026');
	// Every part is well-formed XML (the browser's strict parser).
	const errors = await page.evaluate(
		(xmls) =>
			xmls.filter(
				(x) =>
					new DOMParser().parseFromString(x, 'application/xml').getElementsByTagName('parsererror')
						.length > 0
			).length,
		Object.values(parts).map((b) => strFromU8(b))
	);
	expect(errors).toBe(0);

	// report.csv keeps its machine format.
	const csvDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: /CSV/ }).click();
	const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
	expect(csv.split('\n')[0]).toBe(
		'\uFEFFunit_code,period_start,period_end,as_of,indicator,value,target,status'
	);
	expect(csv).toMatch(/,online_share,\d+\.\d,60,/);
});
