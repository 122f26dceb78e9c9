/**
 * Issue 12, point 13 at 360 x 640 in Vietnamese and English: the countdown comes first on the
 * live screen, stays in view when the threshold banner appears (the banner sits under it), shows
 * the limit, and its words follow the phase. The browser's clock is Playwright's (injected).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, fillMeeting, navTo, openApp } from './support';

const TITLE = 'Hội nghị chuyên môn quý IV';
const START = new Date('2026-11-20T07:30:00+07:00');

const TEXT = {
	vi: {
		start: 'Bắt đầu cuộc họp',
		limit: 'Giới hạn 8 giờ',
		reached: 'Đã đến giới hạn',
		equal: 'bằng giới hạn',
		usedUp: 'Cuộc họp đã hết thời gian giới hạn 8 giờ.',
		overtime: `Quá giờ 5 phút: ${TITLE}`,
		documents: 'Văn bản đi'
	},
	en: {
		start: 'Start the meeting',
		limit: 'Limit 8 h',
		reached: 'Limit reached',
		equal: 'the allowed limit',
		usedUp: 'The meeting has used up its 8 h limit.',
		overtime: `5 min over: ${TITLE}`,
		documents: 'Outgoing'
	}
} as const;

async function planConference(page: Page): Promise<void> {
	await openApp(page, '/meetings/new');
	await fillMeeting(page, {
		title: TITLE,
		category: 'Hội nghị chuyên môn',
		sittings: [{ date: '2026-11-20', start: '07:30', end: '11:30' }]
	});
	await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Dự kiến' });
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
}

/** The countdown's box is fully on screen, above the bottom bar, and nothing covers its middle. */
async function expectCountdownInView(page: Page): Promise<void> {
	const countdown = page.getByTestId('countdown');
	const box = (await countdown.boundingBox())!;
	const barTop = (await page.getByTestId('bottom-nav').boundingBox())!.y;
	expect(box.y).toBeGreaterThanOrEqual(0);
	expect(box.y + box.height).toBeLessThanOrEqual(barTop);
	expect(box.x + box.width).toBeLessThanOrEqual(360);
	// The digits fit their box (no digit cut off or spilling past the card).
	expect(await countdown.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
	const onTop = await countdown.evaluate((el) => {
		const r = el.getBoundingClientRect();
		const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
		return hit !== null && el.contains(hit);
	});
	expect(onTop).toBe(true);
}

for (const lang of ['vi', 'en'] as const) {
	const tx = TEXT[lang];

	test(`live timer (${lang}): countdown first and 64 px+, the limit shown, banner under it, words follow the phase`, async ({
		page
	}, testInfo) => {
		await page.clock.install({ time: START });
		await planConference(page);
		if (lang === 'en') {
			await page.evaluate(() => localStorage.setItem('so-hop-534.lang', 'en'));
			await page.reload();
		}
		await page.getByRole('button', { name: tx.start }).click();
		const countdown = page.getByTestId('countdown');
		await expect(countdown).toHaveText(/^(8:00:00|7:59:5\d)$/);

		// First on the screen: above the title and everything else of the page.
		const title = page.getByRole('heading', { level: 1, name: TITLE });
		expect((await countdown.boundingBox())!.y).toBeLessThan((await title.boundingBox())!.y);
		expect(
			await page.evaluate(() => {
				const main = document.getElementById('main')!;
				const first = [...main.querySelectorAll('*')].find(
					(el) => el.getBoundingClientRect().height > 0 && el.textContent?.trim()
				);
				return first?.querySelector('[data-testid="countdown"]') !== null;
			})
		).toBe(true);
		const fontPx = await countdown.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(fontPx).toBeGreaterThanOrEqual(64);
		await expect(page.getByTestId('timer-limit')).toHaveText(tx.limit);
		await expectCountdownInView(page);
		await expectNoAxeViolations(page);

		// 8 h: the banner appears under the countdown, which stays where it was.
		const before = (await countdown.boundingBox())!.y;
		await page.clock.fastForward('08:00:00');
		const banner = page.getByTestId('run-banner');
		await expect(banner).toContainText(tx.reached);
		expect((await countdown.boundingBox())!.y).toBe(before);
		expect((await banner.boundingBox())!.y).toBeGreaterThan(
			(await countdown.boundingBox())!.y + (await countdown.boundingBox())!.height
		);
		await expectCountdownInView(page);

		// Overtime has started: no "equal to the limit" any more, anywhere on the screen.
		await page.clock.fastForward('00:00:30');
		await expect(countdown).toHaveText(/^\+0:00:[23]\d$/);
		await expect(banner).toContainText(tx.usedUp);
		await expect(page.locator('#main')).not.toContainText(tx.equal);
		await expect(page.getByTestId('timer-limit')).toHaveText(tx.limit);

		await page.clock.fastForward('00:05:00');
		await expect(banner).toContainText(tx.overtime);
		await expect(page.locator('#main')).not.toContainText(tx.equal);
		await expectCountdownInView(page);
		await expectNoAxeViolations(page);
		// The README's picture of the live screen (copied from test-results to docs/).
		await page.screenshot({ path: testInfo.outputPath(`live-timer-${lang}.png`) });

		// The banner on other screens follows the phase too.
		await navTo(page, tx.documents);
		await expect(page).toHaveURL(/\/documents$/);
		await expect(banner).toContainText(tx.overtime);
		await expect(banner).not.toContainText(tx.equal);
	});
}
