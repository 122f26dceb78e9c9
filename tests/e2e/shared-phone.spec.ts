/**
 * A phone changing hands (field review 1 and 3; sync/device-account.ts): signing out removes the
 * account's records, the next account sees only what it may read, and an account's unsent change
 * is never sent under another account: that sign-in is refused, naming the account, until the
 * first one signs in again and its change reaches the server once.
 */
import { expect, test } from '@playwright/test';
import { openApp, recordMeeting } from './support';
import {
	apiLogin,
	ADMIN_PASSWORD,
	badge,
	createAccount,
	expectPending,
	expectSynced,
	meetingsTitled,
	newPhone,
	pullAll,
	signInRefusedUi,
	signInUi,
	signOutUi,
	uniqueName
} from './sync-support';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('sign-out leaves no account’s record; the next account sees its own unit only; an unsent change waits for its own account', async ({
	browser,
	request,
	baseURL
}) => {
	test.setTimeout(180_000);
	const base = baseURL!;
	const admin = await createAccount(request, base, 'admin', null, 'shared-adm');
	const thon1 = await createAccount(request, base, 'staff', 'THON01', 'shared-t1');
	const thon2 = await createAccount(request, base, 'staff', 'THON02', 'shared-t2');
	const vpTitle = uniqueName('Họp kín VP');
	const t2Title = uniqueName('Họp Thôn 2');

	const page = await newPhone(browser, base);
	await openApp(page, '/meetings');
	// The admin pulls the commune and records a VP and a Thôn 2 meeting.
	await signInUi(page, admin);
	await recordMeeting(page, vpTitle);
	await recordMeeting(page, t2Title, { unit: 'Thôn 2' });
	await expectSynced(page);

	// Signed out: none of the commune's records is left on the phone.
	await signOutUi(page);
	await page.goto('/meetings');
	await expect(page.getByText('Chưa có cuộc họp nào.')).toBeVisible();
	await expect(page.getByRole('link', { name: vpTitle })).toHaveCount(0);

	// Thôn 2's staff member: its own unit's meeting, never VP's.
	await signInUi(page, thon2);
	await page.goto('/meetings');
	await expect(page.getByRole('link', { name: t2Title })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('link', { name: vpTitle })).toHaveCount(0);
	await signOutUi(page);

	// Thôn 1's staff member records a meeting offline; meanwhile the session ends (an admin ends
	// it, or it runs out).
	await signInUi(page, thon1);
	const t1Title = uniqueName('Họp Thôn 1 chưa gửi');
	await page.context().setOffline(true);
	await recordMeeting(page, t1Title, { unit: 'Thôn 1' });
	await expectPending(page, 1);
	const token = await page.evaluate(
		() =>
			(JSON.parse(localStorage.getItem('so-hop-534.session') ?? '{}') as { token: string }).token
	);
	const end = await request.post(`${base}/api/auth/logout`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(end.status()).toBe(200);
	await page.context().setOffline(false);
	await expect(badge(page)).toHaveText(/^Cần đăng nhập lại,/, { timeout: 20_000 });

	// Thôn 2 may not sign in over it: the phone names the account whose change waits.
	await signInRefusedUi(
		page,
		thon2,
		`Máy này còn 1 thay đổi chưa gửi của tài khoản ${thon1.username}. Hãy đăng nhập lại bằng tài khoản ${thon1.username} để gửi lên máy chủ.`
	);
	await expect(badge(page)).toHaveText(/^Cần đăng nhập lại,/);
	const adminToken = await apiLogin(request, base, 'admin', ADMIN_PASSWORD);
	expect(meetingsTitled(await pullAll(request, base, adminToken), t1Title)).toHaveLength(0);

	// Thôn 1 signs in again: its change reaches the server, once.
	await signInUi(page, thon1);
	const onServer = meetingsTitled(await pullAll(request, base, adminToken), t1Title);
	expect(onServer).toHaveLength(1);
	expect(onServer[0]!.record.unitCode).toBe('THON01');
	await page.context().close();
});

test('a sign-in over another account’s refused change says it will not go by itself, and what to do with it', async ({
	browser,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const kt = await createAccount(request, base, 'staff', 'KT', 'shared-kt');
	const thon2 = await createAccount(request, base, 'staff', 'THON02', 'shared-r2');
	const page = await newPhone(browser, base);
	await openApp(page, '/meetings');
	// Recorded signed out for VP; KT's staff member signs in, pushes it, and the server refuses it.
	const title = uniqueName('Họp VP bị từ chối');
	await recordMeeting(page, title);
	await signInUi(page, kt, false);
	await expect(badge(page)).toHaveText(/^Lỗi đồng bộ,/, { timeout: 20_000 });
	// KT's session ends; the phone learns it at its next run (the app's start).
	const token = await page.evaluate(
		() =>
			(JSON.parse(localStorage.getItem('so-hop-534.session') ?? '{}') as { token: string }).token
	);
	const end = await request.post(`${base}/api/auth/logout`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(end.status()).toBe(200);
	await page.goto('/meetings');
	await expect(badge(page)).toHaveText(/^Cần đăng nhập lại,/, { timeout: 20_000 });

	// Thôn 2 may not sign in over it, and "sign in to send it" would not be the whole truth: a
	// refused change never goes by itself, so the message says what to do with it.
	await signInRefusedUi(
		page,
		thon2,
		`Máy này còn 1 thay đổi chưa gửi của tài khoản ${kt.username}, trong đó 1 thay đổi bị máy chủ từ chối nên không tự gửi được. Hãy đăng nhập lại bằng tài khoản ${kt.username}, rồi xem lý do trong “Trạng thái đồng bộ”: sửa, hoặc nhờ quản trị xã kiểm tra, rồi bấm “Gửi lại”; hoặc bấm “Bỏ thay đổi của tôi”.`
	);
	await expect(badge(page)).toHaveText(/^Cần đăng nhập lại,/);
	await page.goto('/meetings');
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	await page.context().close();
});
