/**
 * An admin moves a signed-in staff account to another unit (attacker review r12, 2). The phone's
 * next sync the user asks for learns it ("Đồng bộ ngay" asks GET /api/auth/me first, as the first run
 * after a sign-in does and, unasked, a run every few minutes; sync/account-scope.ts): it says
 * so in plain words, drops the old unit's records, pulls the new unit's older ones (from the
 * start: its cursor was past them), and its new meeting defaults to the new unit and syncs.
 * Before, the phone kept the user of its sign-in: none of that happened.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { makeMeeting } from '../factories/records';
import { fillMeeting, openApp } from './support';
import {
	ADMIN_PASSWORD,
	apiLogin,
	createAccount,
	expectSynced,
	meetingsTitled,
	expectPulled,
	newPhone,
	OFF_REPORT_DAY,
	pullAll,
	pushApplied,
	putMutation,
	settledAfter,
	signInUi,
	syncNowUi,
	uniqueName
} from './sync-support';

/**
 * Older meetings of two units, written by the admin through the API, dated OFF_REPORT_DAY (the
 * server is shared: a meeting of 2026 would change the other specs' commune-wide figures).
 */
async function adminMeetings(
	request: APIRequestContext,
	base: string,
	token: string,
	meetings: { unitCode: string; title: string }[]
): Promise<string[]> {
	const ids = meetings.map(() => crypto.randomUUID());
	const deviceId = uniqueName('dev-admin');
	const now = Date.now();
	await pushApplied(
		request,
		base,
		token,
		deviceId,
		meetings.map((m, i) =>
			putMutation(
				deviceId,
				'meeting',
				makeMeeting({ id: ids[i]!, unitCode: m.unitCode, title: m.title, on: OFF_REPORT_DAY }),
				i,
				{ now }
			)
		)
	);
	return ids;
}

test('a staff account moved to another unit: the next sync says so, shows that unit’s older records, not the old unit’s, and a new meeting goes to the new unit', async ({
	browser,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const admin = await apiLogin(request, base, 'admin', ADMIN_PASSWORD);
	const tag = uniqueName('chuyen');
	const ktTitle = `Họp Phòng Kinh tế cũ ${tag}`;
	const vpTitle = `Họp Văn phòng cũ ${tag}`;
	const [ktId, vpId] = await adminMeetings(request, base, admin, [
		{ unitCode: 'KT', title: ktTitle },
		{ unitCode: 'VP', title: vpTitle }
	]);

	const staff = await createAccount(request, base, 'staff', 'KT', 'move-staff');
	const page = await newPhone(browser, base);
	await openApp(page, '/meetings');
	await signInUi(page, staff);
	await expectPulled(page);
	await page.goto(`/meetings/${ktId}`);
	await expect(page.getByRole('heading', { name: ktTitle })).toBeVisible();
	// The page load's runs (the app's start, and the one its live stream asks for once connected)
	// are over before the move: else one of them, not the press, could be what learns it.
	await settledAfter(page, () => page.goto(`/meetings/${vpId}`));
	await expect(page.getByText('Không tìm thấy bản ghi này (có thể đã bị xóa).')).toBeVisible();

	// The admin moves the account to the Văn phòng.
	const moved = await request.patch(`${base}/api/users/${staff.id}`, {
		headers: { authorization: `Bearer ${admin}` },
		data: { unitCode: 'VP' }
	});
	expect(moved.status(), await moved.text()).toBe(200);

	// The phone's next sync.
	await syncNowUi(page);
	const notice = page.getByTestId('account-change-notice');
	await expect(notice).toContainText(
		'Tài khoản của bạn đã được chuyển sang đơn vị Văn phòng HĐND và UBND xã.'
	);
	// The Phòng Kinh tế's records (other specs' too, on the shared server) left the phone.
	await expect(notice).toContainText(
		/Đã xóa khỏi máy này \d+ bản ghi mà tài khoản không còn quyền xem\./
	);
	await expect(notice).toContainText(
		'Cuộc họp, văn bản nhập từ nay được ghi cho Văn phòng HĐND và UBND xã.'
	);
	await expectSynced(page);
	// The Văn phòng's older meeting is here; the Phòng Kinh tế's is gone.
	await expect(page.getByRole('heading', { name: vpTitle })).toBeVisible({ timeout: 20_000 });
	await page.goto(`/meetings/${ktId}`);
	await expect(page.getByText('Không tìm thấy bản ghi này (có thể đã bị xóa).')).toBeVisible();
	await expect(page.getByRole('heading', { name: ktTitle })).toHaveCount(0);

	// A new meeting defaults to the new unit (the only one it may write) and syncs.
	await page.goto('/meetings/new');
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue('VP');
	const newTitle = `Họp mới sau khi chuyển ${tag}`;
	await fillMeeting(page, {
		title: newTitle,
		sittings: [{ date: '2026-11-20', start: '08:00', end: '10:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: newTitle })).toBeVisible();
	await expectSynced(page);
	const onServer = meetingsTitled(await pullAll(request, base, admin), newTitle);
	expect(onServer.map((c) => c.record.unitCode)).toEqual(['VP']);

	// The notice stays until it is read.
	await expect(notice).toBeVisible();
	await notice.getByRole('button', { name: 'Đã hiểu' }).click();
	await expect(notice).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { name: newTitle })).toBeVisible();
	await expectSynced(page);
	await expect(page.getByTestId('account-change-notice')).toHaveCount(0);
	await page.context().close();
});
