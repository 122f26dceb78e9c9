/**
 * Clerk review item 14: the entry screens at 360 and 320 px. Words stay whole ("Chủ trì", never
 * "Chủ / trì"), a select shows its whole choice, the monthly tables fit without sideways scrolling,
 * the import preview's labels stay whole and the bottom bar's labels take one line. Each screen is
 * also saved as a picture (test-results/) to look at.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { expectNoAxeViolations, openApp } from './support';
import { SAMPLE_DIR } from '../factories/sample-commune';

const KINDS = ['units', 'plans', 'meetings', 'documents', 'procedures', 'incoming'] as const;
const SAMPLE_FILES = KINDS.map((k) => path.join(SAMPLE_DIR, `${k}.csv`));

/** Every element of `all` shows its text on one line, inside its own box. */
async function expectOneLine(all: Locator, atLeast = 1): Promise<void> {
	expect(await all.count()).toBeGreaterThanOrEqual(atLeast);
	const broken = await all.evaluateAll((els) =>
		els
			.filter((el) => {
				const style = getComputedStyle(el);
				const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.45;
				return (
					el.getBoundingClientRect().height > line * 1.3 || el.scrollWidth > el.clientWidth + 1
				);
			})
			.map((el) => el.textContent?.trim())
	);
	expect(broken).toEqual([]);
}

/** The select is wide enough for the text of each of its choices (beside its arrow). */
async function expectChoicesFit(select: Locator): Promise<void> {
	const cut = await select.evaluate((el) => {
		const s = el as HTMLSelectElement;
		const style = getComputedStyle(s);
		const ctx = document.createElement('canvas').getContext('2d')!;
		ctx.font = style.font;
		const room =
			s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
		return [...s.options].filter((o) => ctx.measureText(o.text).width > room).map((o) => o.text);
	});
	expect(cut).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
	const over = await page.evaluate(() => {
		const page = document.documentElement.scrollWidth - window.innerWidth;
		const wraps = [...document.querySelectorAll('.table-wrap')].map(
			(w) => w.scrollWidth - w.clientWidth
		);
		return Math.max(page, ...wraps);
	});
	expect(over).toBeLessThanOrEqual(0);
}

for (const width of [360, 320]) {
	test(`entry screens at ${width} px: whole words, whole choices, tables and bar without scrolling`, async ({
		page
	}, testInfo) => {
		const shot = (name: string) =>
			page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
		await page.setViewportSize({ width, height: 780 });

		await openApp(page, '/import');
		await page.getByLabel('Chọn tệp CSV').setInputFiles(SAMPLE_FILES);
		const preview = page.getByTestId('import-preview');
		await expect(preview).toBeVisible();
		await expectOneLine(preview.locator('dt'), 30);
		await expectNoSidewaysScroll(page);
		await shot('import-preview');
		await page.getByRole('button', { name: 'Nhập 862 bản ghi' }).click();
		await expect(page.getByTestId('import-result')).toContainText('Đã nhập 862 bản ghi');

		await page.goto('/meetings/new');
		await expect(page.getByLabel('Tên cuộc họp')).toBeVisible();
		const roles = page.getByRole('group', { name: 'Vai trò của đơn vị' });
		await expectOneLine(roles.locator('label span'), 2);
		await expectChoicesFit(page.getByLabel('Loại', { exact: true }));
		await expectChoicesFit(page.getByLabel('Hình thức'));
		await expectChoicesFit(page.getByLabel('Trạng thái', { exact: true }));
		await expectOneLine(page.getByTestId('bottom-nav').locator('.label'), 5);
		await expectNoSidewaysScroll(page);
		await expectNoAxeViolations(page);
		await shot('meeting-new');

		for (const [route, heading] of [
			['/procedures', 'Thủ tục hành chính'],
			['/incoming', 'Văn bản đến']
		] as const) {
			await page.goto(route);
			await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
			await page.getByLabel('Đơn vị').selectOption('VP');
			await page.getByLabel('Năm', { exact: true }).selectOption('2026');
			const table = page.getByRole('table');
			await expect(table.getByRole('row')).not.toHaveCount(0);
			await expect(table.locator('tbody tr')).toHaveCount(12);
			await expectNoSidewaysScroll(page);
			// The last column is wholly inside the screen.
			const last = table.locator('thead th').last();
			const box = await last.boundingBox();
			expect(box!.x + box!.width).toBeLessThanOrEqual(width);
			await expectNoAxeViolations(page);
			await shot(route.slice(1));
		}
	});
}
