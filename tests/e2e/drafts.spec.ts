/**
 * Every form a commune official fills on a phone keeps what was typed on the device (db/drafts.ts),
 * like the meeting and document forms: a call, the app killed or the update's reload gives it back
 * ("Đã khôi phục bản nháp chưa lưu."); saving or "Bỏ bản nháp" removes it. The meeting and document
 * forms are tested in meeting-form.spec.ts and save-failure.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { draftsOnDevice, openControlled } from './support';

/** The draft kept under `key`, or undefined. */
const draftOf = async (page: Page, key: string) => (await draftsOnDevice(page))[key];

/** The forms on screen have read their drafts (FormDraft `ready`: `aria-busy` off). */
const draftsRead = (page: Page) => expect(page.locator('form[aria-busy="true"]')).toHaveCount(0);
const restoredNotice = (page: Page) => page.getByText('Đã khôi phục bản nháp chưa lưu.');

test('procedures: figures typed for a month come back after a reload; saving removes the draft', async ({
	page
}) => {
	await openControlled(page, '/procedures');
	await page.getByLabel('Đơn vị').selectOption({ label: 'Trung tâm Phục vụ hành chính công' });
	await page.getByLabel('Tháng báo cáo', { exact: true }).fill('2026-03');
	await page.getByLabel('Tổng số hồ sơ').fill('13');
	await page.getByLabel('Xử lý trên môi trường điện tử').fill('8');
	await expect
		.poll(() => draftOf(page, 'register:proc'))
		.toMatchObject({ month: '2026-03', counts: { total: '13', digital: '8' } });

	await page.reload();
	await expect(restoredNotice(page)).toBeVisible();
	await expect(page.getByLabel('Đơn vị')).toHaveValue('TTPVHCC');
	await expect(page.getByLabel('Tháng báo cáo', { exact: true })).toHaveValue('2026-03');
	await expect(page.getByLabel('Tổng số hồ sơ')).toHaveValue('13');
	await expect(page.getByLabel('Xử lý trên môi trường điện tử')).toHaveValue('8');

	await page.getByLabel('Được số hóa').fill('5');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu số liệu tháng 3/2026.')).toBeVisible();
	await expect(restoredNotice(page)).toHaveCount(0);
	await expect.poll(() => draftOf(page, 'register:proc')).toBeUndefined();
	await page.reload();
	await expect(page.getByLabel('Tổng số hồ sơ')).toBeVisible();
	await draftsRead(page);
	await expect(restoredNotice(page)).toHaveCount(0);
});

test('incoming documents: a reload gives the typed month back; "Bỏ bản nháp" puts back the stored figures', async ({
	page
}) => {
	await openControlled(page, '/incoming');
	await page.getByLabel('Tháng báo cáo', { exact: true }).fill('2026-04');
	await page.getByLabel('Số văn bản đến').fill('40');
	await page.getByLabel('Xử lý trên môi trường điện tử').fill('31');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu số liệu văn bản đến tháng 4/2026.')).toBeVisible();

	// Changed and not saved: the new figures are the draft.
	await page.getByLabel('Số văn bản đến').fill('42');
	await expect
		.poll(() => draftOf(page, 'register:inc'))
		.toMatchObject({ month: '2026-04', counts: { received: '42', electronic: '31' } });
	await page.reload();
	await expect(restoredNotice(page)).toBeVisible();
	await expect(page.getByLabel('Tháng báo cáo', { exact: true })).toHaveValue('2026-04');
	await expect(page.getByLabel('Số văn bản đến')).toHaveValue('42');

	await page.getByRole('button', { name: 'Bỏ bản nháp' }).click();
	await expect(restoredNotice(page)).toHaveCount(0);
	await expect(page.getByLabel('Số văn bản đến')).toHaveValue('40');
	await expect.poll(() => draftOf(page, 'register:inc')).toBeUndefined();
	await page.reload();
	await expect(page.getByLabel('Số văn bản đến')).toBeVisible();
	await draftsRead(page);
	await expect(restoredNotice(page)).toHaveCount(0);
});

test('incoming documents: another month drops the figures typed for the last one, and their draft', async ({
	page
}) => {
	await openControlled(page, '/incoming');
	await page.getByLabel('Tháng báo cáo', { exact: true }).fill('2026-05');
	await page.getByLabel('Số văn bản đến').fill('9');
	await expect.poll(() => draftOf(page, 'register:inc')).toMatchObject({ month: '2026-05' });
	await page.getByLabel('Tháng báo cáo', { exact: true }).fill('2026-06');
	await expect(page.getByLabel('Số văn bản đến')).toHaveValue('');
	await expect.poll(() => draftOf(page, 'register:inc')).toBeUndefined();
});

test('plans: a row typed and not saved comes back after a reload; saving removes its draft', async ({
	page
}) => {
	await openControlled(page, '/plans');
	const vp = () => page.getByRole('form', { name: 'Văn phòng HĐND và UBND xã' });
	await vp().getByLabel('Hội nghị năm trước').fill('12');
	await vp().getByLabel('Văn bản hành chính năm trước').fill('47');
	// Kept under the row's year and unit.
	await expect
		.poll(async () => Object.entries(await draftsOnDevice(page)))
		.toEqual([
			[
				expect.stringMatching(/^plan:\d{4}:VP$/),
				expect.objectContaining({ baselineConferences: '12', baselineDocuments: '47' })
			]
		]);

	await page.reload();
	await expect(vp().getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
	await expect(vp().getByLabel('Hội nghị năm trước')).toHaveValue('12');
	await expect(vp().getByLabel('Văn bản hành chính năm trước')).toHaveValue('47');
	// Only the row that was typed in.
	await expect(restoredNotice(page)).toHaveCount(1);

	await vp().getByRole('button', { name: /^Lưu/ }).click();
	await expect(page.getByText('Đã lưu kế hoạch Văn phòng HĐND và UBND xã.')).toBeVisible();
	await expect(restoredNotice(page)).toHaveCount(0);
	await expect.poll(() => draftsOnDevice(page)).toEqual({});
	await page.reload();
	await expect(vp().getByLabel('Hội nghị năm trước')).toHaveValue('12');
	await draftsRead(page);
	await expect(restoredNotice(page)).toHaveCount(0);
});

test('units: a unit being added and a new name being typed come back after a reload; discard and cancel remove them', async ({
	page
}) => {
	await openControlled(page, '/units');
	await page.getByLabel('Mã đơn vị').fill('thon09');
	await page.getByLabel('Tên đơn vị').fill('Thôn 9');
	await expect.poll(() => draftOf(page, 'unit:new')).toMatchObject({ name: 'Thôn 9' });
	await page.reload();
	await expect(restoredNotice(page)).toBeVisible();
	await expect(page.getByLabel('Mã đơn vị')).toHaveValue('thon09');
	await expect(page.getByLabel('Tên đơn vị')).toHaveValue('Thôn 9');
	await page.getByRole('button', { name: 'Bỏ bản nháp' }).click();
	await expect(page.getByLabel('Tên đơn vị')).toHaveValue('');
	await expect.poll(() => draftOf(page, 'unit:new')).toBeUndefined();

	const item = page.getByRole('listitem').filter({ hasText: 'THON01' });
	await item.getByRole('button', { name: /^Đổi tên/ }).click();
	await item.getByLabel(/Tên mới/).fill('Thôn Một');
	await expect.poll(() => draftOf(page, 'unit:THON01')).toEqual({ name: 'Thôn Một' });
	await page.reload();
	await expect(item.getByText('Đã khôi phục bản nháp chưa lưu.')).toBeVisible();
	await expect(item.getByLabel(/Tên mới/)).toHaveValue('Thôn Một');
	await item.getByRole('button', { name: 'Hủy' }).click();
	await expect(item.getByLabel(/Tên mới/)).toHaveCount(0);
	await expect.poll(() => draftOf(page, 'unit:THON01')).toBeUndefined();
});
