/**
 * A meeting's screen when its status no longer fits its day (clerk review r11, findings 3 and 4),
 * at 360 px: a planned sitting is a schedule ("Dự kiến bắt đầu …", no duration, no verdict), a
 * planned meeting past its day offers "Đã tổ chức" with the real end times or "Đã hủy" instead of
 * "Bắt đầu cuộc họp", a meeting begun on an earlier day and never ended says so and asks for its
 * end times; "Quay lại" returns to the overdue list. The clock is the browser's (installed).
 */
import { expect, test, type Page } from '@playwright/test';
import {
	answerNextDialog,
	breakWrites,
	expectNoAxeViolations,
	mendWrites,
	recordMeeting
} from './support';

/** 02/12/2026 04:40 in UTC+7 (the reviewer's phone). */
const NOW = new Date('2026-12-02T04:40:00+07:00');

/** A meeting of one sitting through the form; `end` '' leaves the sitting without an end. */
const addMeeting = (
	page: Page,
	title: string,
	s: { date: string; start: string; end: string },
	status: string
) => recordMeeting(page, title, { ...s, status });

const sittings = (page: Page) => page.getByRole('region', { name: 'Phiên họp' });

test('a planned meeting past its day: shown as planned, marked held with its real end time in one step, back to the overdue list', async ({
	page
}) => {
	await page.clock.install({ time: NOW });
	await addMeeting(
		page,
		'Họp giao ban tuần',
		{ date: '2025-12-19', start: '14:30', end: '' },
		'Dự kiến'
	);
	await addMeeting(
		page,
		'Hội nghị sơ kết',
		{ date: '2026-11-30', start: '08:00', end: '' },
		'Dự kiến'
	);

	await page.goto('/meetings?overdue=1');
	await expect(page.getByTestId('overdue-active')).toContainText('Đang xem 2 cuộc họp');
	await page.getByRole('link', { name: /^Họp giao ban tuần/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Họp giao ban tuần' })).toBeVisible();

	// Planned, not running: no "Phiên đang diễn ra (8342 giờ …)", no duration, no verdict.
	await expect(sittings(page).getByRole('listitem')).toHaveText('Dự kiến bắt đầu 19/12/2025 14:30');
	await expect(page.getByText('Phiên đang diễn ra')).toHaveCount(0);
	await expect(page.getByTestId('total-duration')).toHaveCount(0);
	await expect(page.getByTestId('limit-status')).toHaveCount(0);
	// Not "Bắt đầu cuộc họp" for a meeting held a year ago: the update the reminder asks for.
	await expect(page.getByRole('button', { name: 'Bắt đầu cuộc họp' })).toHaveCount(0);
	const box = page.getByTestId('overdue-update');
	await expect(box).toContainText(
		'Cuộc họp này đã qua ngày họp (19/12/2025) nhưng vẫn ở trạng thái “Dự kiến”'
	);
	await expectNoAxeViolations(page);

	await box.getByRole('button', { name: 'Đã tổ chức — nhập giờ kết thúc' }).click();
	const end = box.getByLabel('Phiên 1 (19/12/2025, bắt đầu 14:30): giờ kết thúc');
	await expect(end).toBeFocused();
	// Nothing saved until valid: an empty end is flagged at the field, the meeting stays planned.
	await box.getByRole('button', { name: 'Lưu' }).click();
	await expect(box.getByText('Không được để trống.')).toBeVisible();
	await expect(end).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);
	await page.reload();
	await expect(page.getByText('Dự kiến', { exact: true })).toBeVisible();

	await box.getByRole('button', { name: 'Đã tổ chức — nhập giờ kết thúc' }).click();
	await end.fill('16:45');
	await box.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByTestId('updated')).toHaveText(
		'Đã lưu: cuộc họp chuyển sang “Đã tổ chức”.'
	);
	await expect(page.getByTestId('updated')).toBeFocused();
	await expect(page.getByText('Đã tổ chức', { exact: true })).toBeVisible();
	await expect(page.getByTestId('total-duration')).toHaveText('2 giờ 15 phút');
	await expect(sittings(page).getByRole('listitem')).toHaveText(
		'19/12/2025 14:30 – 16:45 (2 giờ 15 phút)'
	);
	await expect(box).toHaveCount(0);
	await expectNoAxeViolations(page);

	// "Quay lại": the overdue list, one meeting left.
	await page.getByRole('link', { name: '← Quay lại' }).click();
	await expect(page).toHaveURL(/\/meetings\?overdue=1$/);
	await expect(page.getByTestId('overdue-active')).toContainText('Đang xem 1 cuộc họp');
	await expect(page.locator('.card-link')).toHaveCount(1);

	// Stored on the device: after a reload the meeting is still held.
	await page.getByRole('link', { name: /^Hội nghị sơ kết/ }).click();
	await page.getByTestId('overdue-update').getByRole('button', { name: 'Đã hủy' }).click();
	await expect(page.getByTestId('updated')).toHaveText('Đã lưu: cuộc họp chuyển sang “Đã hủy”.');
	await page.getByRole('link', { name: '← Quay lại' }).click();
	await expect(page.getByTestId('overdue-active')).toContainText(
		'Không còn cuộc họp nào đã qua ngày họp'
	);
	await page.reload();
	await expect(page.locator('.card-link')).toHaveCount(0);
});

test('a planned meeting still ahead: "Dự kiến bắt đầu", no "Trong giới hạn — Còn …", and it can be started', async ({
	page
}) => {
	await page.clock.install({ time: NOW });
	await addMeeting(
		page,
		'Hội nghị quán triệt Nghị quyết',
		{ date: '2026-12-10', start: '08:00', end: '' },
		'Dự kiến'
	);
	await expect(sittings(page).getByRole('listitem')).toHaveText('Dự kiến bắt đầu 10/12/2026 08:00');
	await expect(page.getByTestId('total-duration')).toHaveCount(0);
	await expect(page.getByTestId('limit-status')).toHaveCount(0);
	await expect(page.getByText('Giới hạn: 8 giờ')).toBeVisible();
	await expect(page.getByTestId('overdue-update')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Bắt đầu cuộc họp' })).toBeVisible();
	// The footer: a space on both sides of the dot (it read "04:40· Chỉ lưu …", clerk review r11, 14).
	await expect(page.getByTestId('record-updated')).toHaveText(
		/^02\/12\/2026 04:4\d · Chỉ lưu trên máy này \(chưa đăng nhập\)$/
	);
	await expectNoAxeViolations(page);

	// Started today, it would be recorded as held today: asked first (clerk review r19, 3).
	const asked = answerNextDialog(page, 'dismiss');
	await page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
	await expect
		.poll(() => asked)
		.toEqual([
			'Cuộc họp này dự kiến tổ chức ngày 10/12/2026. Nếu bắt đầu bây giờ, ngày họp sẽ được ghi là hôm nay, 02/12/2026. Bắt đầu cuộc họp?'
		]);
	// Declined: still planned for its day.
	await expect(sittings(page).getByRole('listitem')).toHaveText('Dự kiến bắt đầu 10/12/2026 08:00');
	await expect(page.getByTestId('countdown')).toHaveCount(0);
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
	await expect(page.getByTestId('countdown')).toBeVisible();
	await expect(sittings(page).getByRole('listitem')).toContainText('02/12/2026');
});

test('a meeting begun on an earlier day and never ended: counted in the reminder, said on its screen, ended with its real end time', async ({
	page
}) => {
	// Started live on 28/11 at 08:00, then forgotten.
	await page.clock.install({ time: new Date('2026-11-28T08:00:00+07:00') });
	await addMeeting(
		page,
		'Hội nghị tổng kết phong trào',
		{ date: '2026-11-28', start: '08:00', end: '' },
		'Dự kiến'
	);
	await page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
	await expect(page.getByTestId('countdown')).toBeVisible();

	await page.clock.setFixedTime(NOW);
	await page.goto('/meetings');
	await expect(page.getByTestId('overdue-notice')).toContainText(
		'Có 1 cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”.'
	);
	await page
		.getByTestId('overdue-notice')
		.getByRole('button', { name: 'Xem các cuộc họp này' })
		.click();
	await page.getByRole('link', { name: /^Hội nghị tổng kết phong trào/ }).click();

	const box = page.getByTestId('overdue-update');
	await expect(box).toContainText(
		'Cuộc họp bắt đầu từ 28/11/2026 nhưng chưa kết thúc, nên chưa được tính vào số liệu báo cáo.'
	);
	// No countdown of days of overtime, no "end now".
	await expect(page.getByTestId('countdown')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Kết thúc cuộc họp' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await box.getByRole('button', { name: 'Nhập giờ kết thúc' }).click();
	await box.getByLabel('Phiên 1 (28/11/2026, bắt đầu 08:00): giờ kết thúc').fill('11:30');
	await box.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByTestId('updated')).toHaveText(
		'Đã lưu: cuộc họp chuyển sang “Đã tổ chức”.'
	);
	await expect(page.getByTestId('total-duration')).toHaveText('3 giờ 30 phút');
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: '← Quay lại' }).click();
	await expect(page).toHaveURL(/\/meetings\?overdue=1$/);
	await expect(page.getByTestId('overdue-active')).toContainText(
		'Không còn cuộc họp nào đã qua ngày họp'
	);
});

test('the one-step update when the device cannot write: said in the box, nothing changed; it works once the device can', async ({
	page
}) => {
	await page.clock.install({ time: NOW });
	await addMeeting(
		page,
		'Họp giao ban tuần',
		{ date: '2025-12-19', start: '14:30', end: '' },
		'Dự kiến'
	);
	// From now on, writes to the meetings and the outbox throw (an IndexedDB error).
	await breakWrites(page, ['meetings', 'outbox'], 'UnknownError');
	const box = page.getByTestId('overdue-update');
	await box.getByRole('button', { name: 'Đã hủy' }).click();
	await expect(box.getByTestId('save-failed')).toContainText('Chưa lưu được');
	await expect(page.getByTestId('updated')).toHaveCount(0);
	await expect(page.getByText('Dự kiến', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	await mendWrites(page);
	await box.getByRole('button', { name: 'Đã hủy' }).click();
	await expect(page.getByTestId('updated')).toHaveText('Đã lưu: cuộc họp chuyển sang “Đã hủy”.');
	await page.reload();
	await expect(page.getByText('Đã hủy', { exact: true })).toBeVisible();
	await expect(page.getByTestId('overdue-update')).toHaveCount(0);
});
