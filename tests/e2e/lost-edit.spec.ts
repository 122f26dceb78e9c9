/**
 * Issue 12, point 15: a user's own edit that lost a field to another phone's newer edit is told
 * on the record's screen (who, when, the value entered), with one tap to re-apply; nothing is
 * overwritten silently. Two phones of one unit, 360 px, Vietnamese.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, fillMeeting, openApp } from './support';
import {
	ADMIN_PASSWORD,
	apiLogin,
	createAccount,
	expectPending,
	expectSynced,
	newPhone,
	signInUi,
	syncNowDoneUi,
	uniqueName
} from './sync-support';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

/** The value shown beside a label in the record's details. */
const detail = (page: Page, label: string) =>
	page.locator('dl.details dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

async function setAttendees(page: Page, meetingUrl: string, n: number): Promise<void> {
	await page.goto(`${meetingUrl}/edit`);
	await page.getByLabel('Số người dự').fill(String(n));
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(detail(page, 'Số người dự')).toHaveText(String(n));
}

/** Two signed-in phones of unit VP: A, and B whose account is "Nguyễn Văn A". */
async function twoPhones(browser: Browser, request: APIRequestContext, base: string) {
	const a = await createAccount(request, base, 'staff', 'VP', 'lost-a');
	// Phone B's account has a display name: the notice names the person, not the username.
	const admin = await apiLogin(request, base, 'admin', ADMIN_PASSWORD);
	const bName = uniqueName('lost-b');
	const created = await request.post(`${base}/api/users`, {
		headers: { authorization: `Bearer ${admin}` },
		data: {
			username: bName,
			password: `${bName}-pw-123`,
			role: 'staff',
			unitCode: 'VP',
			displayName: 'Nguyễn Văn A'
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	const b = { username: bName, password: `${bName}-pw-123` };
	const pa = await newPhone(browser, base);
	const pb = await newPhone(browser, base);
	for (const [page, acc] of [
		[pa, a],
		[pb, b]
	] as const) {
		await openApp(page, '/meetings');
		await signInUi(page, acc);
	}
	return { pa, pb };
}

test('an edit that lost to a newer one on another phone is told, re-applied in one tap, and reaches the other phone', async ({
	browser,
	request,
	baseURL
}) => {
	const { pa, pb } = await twoPhones(browser, request, baseURL!);

	// A records the meeting; B gets it.
	const title = uniqueName('Họp xung đột');
	await pa.goto('/meetings/new');
	await fillMeeting(pa, {
		title,
		unit: 'Văn phòng HĐND và UBND xã',
		sittings: [{ date: '2026-11-20', start: '08:00', end: '10:00' }]
	});
	await pa.getByLabel('Số người dự').fill('20');
	await pa.getByRole('button', { name: 'Lưu' }).click();
	await expect(pa.getByRole('heading', { name: title })).toBeVisible();
	const meetingUrl = new URL(pa.url()).pathname;
	await expectSynced(pa);
	await syncNowDoneUi(pb);

	// A, offline, enters 25; then B, online, enters 30 (the newer edit) and syncs.
	await pa.context().setOffline(true);
	await setAttendees(pa, meetingUrl, 25);
	await expectPending(pa, 1);
	await setAttendees(pb, meetingUrl, 30);
	await expectSynced(pb);

	// A comes back: its edit lost the field. The screen says so instead of silently showing 30.
	await pa.context().setOffline(false);
	await syncNowDoneUi(pa);
	await pa.goto(meetingUrl);
	await expect(detail(pa, 'Số người dự')).toHaveText('30');
	const notice = pa.getByTestId('lost-edits');
	await expect(
		notice.getByRole('heading', { name: 'Có thông tin bạn sửa không được giữ lại' })
	).toBeVisible();
	await expect(notice.getByTestId('lost-attendees')).toContainText(
		/^Thông tin “Số người dự” đã được Nguyễn Văn A sửa lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}; giá trị bạn nhập: 25\./
	);
	await expectNoAxeViolations(pa);
	// 360 px: nothing wider than the screen.
	expect(await pa.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// The same notice in English.
	await pa.evaluate(() => localStorage.setItem('so-hop-534.lang', 'en'));
	await pa.reload();
	await expect(pa.getByTestId('lost-attendees')).toContainText(
		/^“Attendees” was changed by Nguyễn Văn A at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}; the value you entered: 25\./
	);
	await expect(pa.getByRole('button', { name: 'Re-apply my value' })).toBeVisible();
	await pa.evaluate(() => localStorage.setItem('so-hop-534.lang', 'vi'));
	await pa.reload();

	// One tap re-applies 25 as a new edit, which syncs and reaches B.
	await notice.getByRole('button', { name: 'Áp dụng lại giá trị của tôi' }).click();
	await expect(
		pa.getByRole('status').filter({ hasText: 'Đã áp dụng lại giá trị của bạn' })
	).toBeVisible();
	await expect(detail(pa, 'Số người dự')).toHaveText('25');
	await expect(pa.getByTestId('lost-edits')).toHaveCount(0);
	await expectSynced(pa);
	await syncNowDoneUi(pb);
	await pb.goto(meetingUrl);
	await expect(detail(pb, 'Số người dự')).toHaveText('25');
	// B's own edit did not lose anything: it gets no notice.
	await expect(pb.getByTestId('lost-edits')).toHaveCount(0);

	await pa.context().close();
	await pb.context().close();
});

test('on the document screen: one lost field dismissed, another re-applied, and the form shows it', async ({
	browser,
	request,
	baseURL
}) => {
	const { pa, pb } = await twoPhones(browser, request, baseURL!);
	const number = uniqueName('12/KH');
	await pa.goto('/documents/new');
	await pa.getByLabel('Số/ký hiệu').fill(number);
	await pa.getByLabel('Loại văn bản').selectOption({ label: 'Kế hoạch' });
	await pa.getByLabel('Trích yếu').fill('Trích yếu gốc');
	await pa.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(pa.getByText(`Đã lưu văn bản ${number}.`)).toBeVisible();
	await expectSynced(pa);
	await syncNowDoneUi(pb);

	const edit = async (page: Page, kind: string, title: string) => {
		await page.goto('/documents');
		await page.getByRole('link', { name: number }).click();
		await page.getByLabel('Loại văn bản').selectOption({ label: kind });
		await page.getByLabel('Trích yếu').fill(title);
		await page.getByRole('button', { name: 'Lưu', exact: true }).click();
		await expect(page.getByText('Đã lưu thay đổi.')).toBeVisible();
	};
	await pa.context().setOffline(true);
	await edit(pa, 'Quyết định', 'Trích yếu của A');
	await expectPending(pa, 1);
	await edit(pb, 'Công văn', 'Trích yếu của B');
	await expectSynced(pb);
	const docUrl = new URL(pb.url()).pathname;

	await pa.context().setOffline(false);
	await syncNowDoneUi(pa);
	await pa.goto(docUrl);
	await expect(pa.getByLabel('Trích yếu')).toHaveValue('Trích yếu của B');
	const notice = pa.getByTestId('lost-edits');
	await expect(notice.getByTestId('lost-kind')).toContainText(
		/^Thông tin “Loại văn bản” đã được Nguyễn Văn A sửa lúc .*; giá trị bạn nhập: Quyết định\./
	);
	await expect(notice.getByTestId('lost-title')).toContainText(
		/^Thông tin “Trích yếu” đã được Nguyễn Văn A sửa lúc .*; giá trị bạn nhập: Trích yếu của A\./
	);
	await expectNoAxeViolations(pa);
	expect(await pa.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// Dismiss the kind: B's value stays, nothing is sent.
	await notice.getByTestId('lost-kind').getByRole('button', { name: 'Bỏ qua' }).click();
	await expect(notice.getByTestId('lost-kind')).toHaveCount(0);
	await expect(pa.getByLabel('Loại văn bản')).toHaveValue('cong_van');
	await expectSynced(pa);
	// Re-apply the title: the open form shows the value again, and B gets it.
	await notice
		.getByTestId('lost-title')
		.getByRole('button', { name: 'Áp dụng lại giá trị của tôi' })
		.click();
	await expect(pa.getByTestId('lost-edits')).toHaveCount(0);
	await expect(pa.getByLabel('Trích yếu')).toHaveValue('Trích yếu của A');
	await expect(pa.getByLabel('Loại văn bản')).toHaveValue('cong_van');
	await expectSynced(pa);
	await syncNowDoneUi(pb);
	await pb.goto(docUrl);
	await expect(pb.getByLabel('Trích yếu')).toHaveValue('Trích yếu của A');
	await expect(pb.getByLabel('Loại văn bản')).toHaveValue('cong_van');

	await pa.context().close();
	await pb.context().close();
});
