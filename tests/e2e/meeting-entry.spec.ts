/**
 * Issue 12 point 4, meeting entry rules: no silent category, a sitting may cross midnight, a future
 * meeting cannot be "held", a very long meeting asks before saving, and the error summary links to
 * and focuses the first wrong field. At 360 x 640, in Vietnamese and English, axe clean.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, openApp } from './support';

/** 20/11/2026 09:00 in UTC+7. */
const NOW = new Date('2026-11-20T09:00:00+07:00');

test('meeting entry: category to choose, no future "held", summary links focus the field, midnight and long sittings', async ({
	page
}) => {
	await page.clock.install({ time: NOW });
	await openApp(page, '/meetings/new');
	await page.getByLabel('Tên cuộc họp').fill('Họp thôn Đông');
	// No category is chosen for the user.
	await expect(page.getByLabel('Loại', { exact: true })).toHaveValue('');
	const s1 = page.getByRole('group', { name: 'Phiên 1' });
	await s1.getByLabel('Ngày').fill('2026-11-21');
	await s1.getByLabel('Bắt đầu').fill('08:00');
	await s1.getByLabel('Kết thúc').fill('10:00');
	await page.getByRole('button', { name: 'Lưu' }).click();

	const summary = page.getByTestId('error-summary');
	await expect(summary.getByRole('link')).toHaveText([
		'Loại: Chọn loại cuộc họp.',
		'Trạng thái: Cuộc họp chưa diễn ra nên chưa thể ghi "Đã tổ chức"; hãy chọn "Dự kiến".'
	]);
	// The first wrong field has the focus; a link of the summary moves it to its field.
	await expect(page.getByLabel('Loại', { exact: true })).toBeFocused();
	await summary.getByRole('link', { name: /^Trạng thái/ }).click();
	await expect(page.getByLabel('Trạng thái', { exact: true })).toBeFocused();
	await expectNoAxeViolations(page);

	// A sitting from 22:00 to 01:30 ends the next day; a 23-hour one asks before saving.
	await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Cuộc họp làm việc' });
	await s1.getByLabel('Ngày').fill('2026-11-19');
	await s1.getByLabel('Bắt đầu').fill('22:00');
	await s1.getByLabel('Kết thúc').fill('01:30');
	await expect(s1.getByText('Kết thúc ngày hôm sau (20/11/2026).')).toBeVisible();
	await s1.getByLabel('Bắt đầu').fill('07:00');
	await s1.getByLabel('Kết thúc').fill('06:00');
	await page.getByRole('button', { name: 'Lưu' }).click();
	const ask = page.getByTestId('long-meeting');
	await expect(ask).toContainText('Phiên 1 dài hơn 14 giờ.');
	await expect(ask).toBeFocused();
	await expect(page).toHaveURL(/\/meetings\/new$/);
	await expectNoAxeViolations(page);
	await ask.getByRole('button', { name: 'Đúng, vẫn lưu' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Họp thôn Đông' })).toBeVisible();
});

test('meeting entry in English: over the category limit asks first; "check the times" saves nothing', async ({
	page
}) => {
	await page.clock.install({ time: NOW });
	await openApp(page, '/meetings/new');
	await page.getByRole('button', { name: /^English/ }).click();
	await page.getByLabel('Title', { exact: true }).fill('Dissemination of Decision 534');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByTestId('error-summary').getByRole('link')).toHaveText([
		'Category: Choose the meeting’s category.'
	]);
	await expect(page.getByLabel('Category', { exact: true })).toBeFocused();

	await page
		.getByLabel('Category', { exact: true })
		.selectOption({ label: 'Dissemination conference' });
	const s1 = page.getByRole('group', { name: 'Sitting 1' });
	await s1.getByLabel('Date').fill('2026-11-19');
	await s1.getByLabel('Start').fill('07:00');
	await s1.getByLabel('End').fill('12:00');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	const ask = page.getByTestId('long-meeting');
	await expect(ask).toContainText('over this category’s limit of');
	await expectNoAxeViolations(page);
	await ask.getByRole('button', { name: 'Check the times' }).click();
	await expect(ask).toHaveCount(0);
	await expect(page).toHaveURL(/\/meetings\/new$/);
	// Fixed to four hours: saved without a question.
	await s1.getByLabel('End').fill('11:00');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Dissemination of Decision 534' })
	).toBeVisible();
});
