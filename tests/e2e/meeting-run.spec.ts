import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations, fillMeeting, navTo, openApp } from './support';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const TITLE = 'Hội nghị chuyên môn quý IV';
/** 2026-11-20 07:30 in UTC+7: the browser's clock starts here (installed before the page loads). */
const START = new Date('2026-11-20T07:30:00+07:00');

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

/** Notifications allowed, the browser's clock at START, the conference planned and started. */
async function startConference(
	page: Page,
	context: BrowserContext,
	baseURL: string | undefined
): Promise<void> {
	await context.grantPermissions(['notifications'], { origin: baseURL });
	await page.clock.install({ time: START });
	await planConference(page);
	await page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
	await expect(page.getByTestId('countdown')).toBeVisible();
}

async function notifications(page: Page): Promise<{ title: string; tag: string }[]> {
	return page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return (await reg.getNotifications()).map((n) => ({ title: n.title, tag: n.tag }));
	});
}

/** "H:MM:SS" -> seconds. */
const seconds = (s: string): number => {
	const [h, m, sec] = s.split(':').map(Number) as [number, number, number];
	return h * 3600 + m * 60 + sec;
};

test('a professional conference run live: warning at 7 h 45, limit at 8 h, reload keeps the time, next day adds up', async ({
	page,
	context,
	baseURL
}) => {
	await startConference(page, context, baseURL);
	await expect(page.getByText('Đang diễn ra', { exact: true })).toBeVisible();
	await expect(page.getByTestId('countdown')).toHaveText(/^(8:00:00|7:59:5\d)$/);
	await expect(page.getByTestId('timer-phase')).toHaveText('Trong giới hạn');
	await expectNoAxeViolations(page);

	// 7 h 45 min: the warning (15 minutes before the 480-minute limit).
	await page.clock.fastForward('07:45:00');
	await expect(page.getByTestId('timer-phase')).toHaveText('Sắp đến giới hạn');
	await expect(page.getByTestId('countdown')).toHaveText(/^0:1[45]:\d\d$/);
	await expect
		.poll(() => notifications(page))
		.toEqual([{ title: `Sắp hết giờ: ${TITLE}`, tag: expect.stringMatching(/^meeting-/) }]);

	// 8 h: the limit notification replaces the warning (one tag per meeting).
	await page.clock.fastForward('00:15:00');
	await expect
		.poll(() => notifications(page))
		.toEqual([{ title: `Đã đến giới hạn: ${TITLE}`, tag: expect.stringMatching(/^meeting-/) }]);
	await expect(page.getByTestId('run-banner')).toContainText('Đã đến giới hạn');

	// Reload mid-meeting: the elapsed time comes from the stored start, so it is unchanged.
	const before = seconds((await page.getByTestId('elapsed').textContent()) ?? '');
	expect(before).toBeGreaterThanOrEqual(8 * 3600);
	await page.reload();
	await expect(page.getByTestId('elapsed')).toBeVisible();
	const after = seconds((await page.getByTestId('elapsed').textContent()) ?? '');
	expect(after).toBeGreaterThanOrEqual(before);
	expect(after - before).toBeLessThan(30);
	// Nothing notified twice after the reload.
	expect(await notifications(page)).toHaveLength(1);

	// End the sitting, resume the next day for 30 minutes, end the meeting.
	await page.getByRole('button', { name: 'Kết thúc phiên' }).click();
	await expect(page.getByText('Đang tạm dừng giữa hai phiên.')).toBeVisible();
	await page.clock.fastForward('23:00:00');
	await page.reload();
	await expect(page.getByTestId('elapsed')).toHaveText(/^8:00:\d\d$/);
	await page.getByRole('button', { name: 'Bắt đầu phiên tiếp theo' }).click();
	await page.clock.fastForward('00:30:00');
	await expect(page.getByTestId('countdown')).toHaveText(/^\+0:30:\d\d$/);
	// 30 minutes of overtime: the next notification.
	await expect
		.poll(() => notifications(page))
		.toEqual([{ title: `Quá giờ 30 phút: ${TITLE}`, tag: expect.stringMatching(/^meeting-/) }]);
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Kết thúc cuộc họp' }).click();

	await expect(page.getByText('Đã tổ chức', { exact: true })).toBeVisible();
	await expect(page.getByTestId('total-duration')).toHaveText('8 giờ 30 phút');
	await expect(page.getByTestId('limit-status')).toContainText('Vượt giới hạn 30 phút');
	await expect(page.getByRole('region', { name: 'Phiên họp' }).getByRole('listitem')).toHaveCount(
		2
	);
	await expect(page.getByRole('button', { name: 'Bắt đầu phiên tiếp theo' })).toHaveCount(0);
});

test('notifications refused: a threshold passed while the app was closed shows in the app at once on reopening', async ({
	page
}) => {
	await page.clock.install({ time: START });
	await planConference(page);
	// Nothing granted: the permission request is refused or dismissed.
	await page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
	await expect(page.getByTestId('countdown')).toBeVisible();
	const url = page.url();

	// Close the app (leave it for a blank page); 8 h 10 min pass meanwhile, then reopen it.
	await page.goto('about:blank');
	await page.clock.fastForward('08:10:00');
	await page.goto(url);

	// The banner is worded for the overtime now, not for the limit it passed while closed.
	const banner = page.getByTestId('run-banner');
	await expect(banner).toContainText(`Quá giờ 10 phút: ${TITLE}`);
	await expect(banner).not.toContainText('bằng giới hạn');
	await expect(page.getByTestId('countdown')).toHaveText(/^\+0:1\d:\d\d$/);
	await expect(page.getByTestId('timer-phase')).toHaveText('Đã vượt giới hạn');
	await expect(page.getByText(/Thông báo chưa được bật|không hỗ trợ thông báo/)).toBeVisible();
	expect(await notifications(page)).toEqual([]);
	await expectNoAxeViolations(page);

	await banner.getByRole('button', { name: 'Đã hiểu' }).click();
	await expect(banner).toHaveCount(0);
});

test('a running meeting warns on every screen of the app, not only on its own page', async ({
	page
}) => {
	await page.clock.install({ time: START });
	await planConference(page);
	await page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
	await expect(page.getByTestId('countdown')).toBeVisible();

	await navTo(page, 'Văn bản đi');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.clock.runFor('07:46:00');
	await expect(page.getByTestId('run-banner')).toContainText(TITLE);
	await expect(page).toHaveURL(/\/documents$/);
});

test('agenda: planned items, the chair marks the current item, ahead/behind and the discussion share', async ({
	page
}) => {
	await page.clock.install({ time: START });
	await planConference(page);

	await page.getByRole('button', { name: 'Sửa chương trình' }).click();
	const first = page.getByRole('group', { name: 'Nội dung 1' });
	await first.getByLabel('Tên nội dung').fill('Báo cáo kết quả');
	await first.getByLabel('Dự kiến (phút)').fill('30');
	await page.getByRole('button', { name: 'Thêm nội dung' }).click();
	const second = page.getByRole('group', { name: 'Nội dung 2' });
	await second.getByLabel('Tên nội dung').fill('Thảo luận tổ');
	await second.getByLabel('Loại nội dung').selectOption({ label: 'Thảo luận' });
	await second.getByLabel('Dự kiến (phút)').fill('');
	await page.getByRole('button', { name: 'Lưu chương trình' }).click();
	// Nothing half-valid saved: the empty planned length is marked beside its field.
	await expect(second.getByLabel('Dự kiến (phút)')).toHaveAttribute('aria-invalid', 'true');
	await second.getByLabel('Dự kiến (phút)').fill('60');
	await page.getByRole('button', { name: 'Lưu chương trình' }).click();
	await expect(page.getByText('Tổng dự kiến: 1 giờ 30 phút')).toBeVisible();

	await page.getByRole('button', { name: 'Bắt đầu cuộc họp' }).click();
	// Move the clock only once the mark is stored and shown (wait on state, not on time).
	const currentItem = page.locator('ol.agenda [aria-current="step"]');
	await page.getByRole('button', { name: 'Chuyển sang: Báo cáo kết quả' }).click();
	await expect(currentItem).toContainText('Báo cáo kết quả');
	await page.clock.fastForward('00:20:00');
	await page.getByRole('button', { name: 'Chuyển sang: Thảo luận tổ' }).click();
	await expect(currentItem).toContainText('Thảo luận tổ');
	await page.clock.fastForward('00:40:00');
	// The report finished 10 minutes early; the discussion is still within its plan.
	await expect(page.getByTestId('plan-status')).toHaveText('Nhanh hơn kế hoạch 10 phút');
	await page.clock.fastForward('00:50:00');
	// The discussion has now run 90 of its 60 minutes.
	await expect(page.getByTestId('plan-status')).toHaveText('Chậm hơn kế hoạch 20 phút');
	await expectNoAxeViolations(page);

	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Kết thúc cuộc họp' }).click();
	await expect(page.getByText('Đã tổ chức', { exact: true })).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('discussion-share')).toHaveText(
		'Thời gian thảo luận: 82% tổng thời gian các nội dung'
	);
	await expect(page.getByText('Thực tế 20 phút / dự kiến 30 phút')).toBeVisible();
	await expect(page.getByText('Thực tế 1 giờ 30 phút / dự kiến 1 giờ')).toBeVisible();
});

test('the notification’s "Kết thúc phiên" ends the sitting; the same address from a link elsewhere ends nothing', async ({
	page,
	context,
	baseURL
}) => {
	await startConference(page, context, baseURL);
	const meetingUrl = page.url().replace(/\?.*$/, '');

	// A link on another site to the action's address (attacker review r19, 2): no grant from the
	// service worker, so the page only drops the request from its address.
	for (const query of ['?do=end-sitting', '?do=end-sitting&grant=guessed-token']) {
		await page.goto(`${meetingUrl}${query}`);
		await expect(page).toHaveURL(meetingUrl);
		await expect(page.getByTestId('countdown')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Kết thúc phiên' })).toBeVisible();
		await expect(page.getByText('Đang tạm dừng giữa hai phiên.')).toHaveCount(0);
	}

	// The warning's notification, and a tap on its "Kết thúc phiên" (dispatched in the service
	// worker: a browser under test cannot press a notification's button).
	await page.clock.fastForward('07:45:00');
	await expect
		.poll(() => notifications(page))
		.toEqual([{ title: `Sắp hết giờ: ${TITLE}`, tag: expect.stringMatching(/^meeting-/) }]);
	const opened: string[] = [];
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame()) opened.push(frame.url());
	});
	const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
	await worker.evaluate(async () => {
		const sw = self as unknown as ServiceWorkerGlobalScope;
		const [shown] = await sw.registration.getNotifications();
		sw.dispatchEvent(
			new NotificationEvent('notificationclick', { notification: shown!, action: 'end-sitting' })
		);
	});
	await expect(page.getByText('Đang tạm dừng giữa hai phiên.')).toBeVisible();
	await expect(page).toHaveURL(meetingUrl);
	const granted = opened.find((u) => u.includes('grant='));
	expect(granted).toMatch(/\?do=end-sitting&grant=[0-9a-f-]{36}$/);

	// A grant is used once: the next sitting, then the same address again, ends nothing.
	await page.getByRole('button', { name: 'Bắt đầu phiên tiếp theo' }).click();
	await expect(page.getByRole('button', { name: 'Kết thúc phiên' })).toBeVisible();
	await page.goto(granted!);
	await expect(page).toHaveURL(meetingUrl);
	await expect(page.getByRole('button', { name: 'Kết thúc phiên' })).toBeVisible();
	await expect(page.getByText('Đang tạm dừng giữa hai phiên.')).toHaveCount(0);
});
