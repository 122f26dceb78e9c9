/**
 * Accounts and sync end to end, with real faults: offline phones, requests dropped before the
 * server, responses dropped after the server committed, a server killed mid-sync, expired sessions.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { expectNoAxeViolations, openApp, recordMeeting } from './support';
import {
	badge,
	createAccount,
	type Account,
	expectPending,
	expectSynced,
	freePort,
	meetingsTitled,
	newPhone,
	pullAll,
	signInUi,
	signOutUi,
	syncNowDoneUi,
	syncNowUi,
	uniqueName
} from './sync-support';
import { OwnServer } from './own-server';
import { serverDataDir, workerServer } from './servers';

/** A new staff account of VP, signed in on `page`, which is left on /meetings. */
async function signedInStaff(
	page: Page,
	request: APIRequestContext,
	baseURL: string
): Promise<Account> {
	const acc = await createAccount(request, baseURL, 'staff', 'VP');
	await openApp(page, '/meetings');
	await signInUi(page, acc);
	return acc;
}

test('two phones record offline, come back online and both show both meetings', async ({
	browser,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const a = await createAccount(request, base, 'staff', 'VP', 'phone-a');
	const b = await createAccount(request, base, 'staff', 'VP', 'phone-b');
	const pa = await newPhone(browser, base, { offlineShell: true });
	const pb = await newPhone(browser, base, { offlineShell: true });
	for (const [page, acc] of [
		[pa, a],
		[pb, b]
	] as const) {
		await openApp(page, '/meetings');
		await signInUi(page, acc);
	}
	const ta = uniqueName('Họp A');
	const tb = uniqueName('Họp B');
	await pa.context().setOffline(true);
	await pb.context().setOffline(true);
	await recordMeeting(pa, ta);
	// The record's screen says it has not reached the server yet (clerk review 15).
	await expect(pa.getByTestId('record-updated')).toContainText('· Chưa gửi lên máy chủ');
	await recordMeeting(pb, tb);
	await expectPending(pa, 1);
	await expectPending(pb, 1);

	await pa.context().setOffline(false);
	await pb.context().setOffline(false);
	await expectSynced(pa);
	await expectSynced(pb);
	for (const page of [pa, pb]) {
		await syncNowDoneUi(page);
		await page.goto('/meetings');
		await expect(page.getByRole('link', { name: ta })).toBeVisible();
		await expect(page.getByRole('link', { name: tb })).toBeVisible();
	}
	// B received A's meeting by sync: its screen says when it was last changed and that the
	// server has it, not "Đã lưu trên máy" (clerk review 15).
	await pb.getByRole('link', { name: ta }).click();
	const updated = pb.getByTestId('record-updated');
	await expect(updated).toContainText('· Đã gửi lên máy chủ');
	await expect(pb.getByText('Cập nhật lần cuối', { exact: true })).toBeVisible();
	await expect(pb.getByText('Đã lưu trên máy')).toHaveCount(0);
	const server = await pullAll(request, base, a.token);
	expect(meetingsTitled(server, ta)).toHaveLength(1);
	expect(meetingsTitled(server, tb)).toHaveLength(1);
	await pa.context().close();
	await pb.context().close();
});

test('a meeting saved on one online phone shows on another phone of the unit within 5 s (live stream, no timer)', async ({
	browser,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const a = await createAccount(request, base, 'staff', 'VP', 'live-a');
	const b = await createAccount(request, base, 'staff', 'VP', 'live-b');
	const pa = await newPhone(browser, base);
	const pb = await newPhone(browser, base);
	for (const [page, acc] of [
		[pa, a],
		[pb, b]
	] as const) {
		await openApp(page, '/meetings');
		await signInUi(page, acc);
	}
	await pb.goto('/meetings');
	await expectSynced(pb);
	const title = uniqueName('Họp trực tiếp');
	await recordMeeting(pa, title);
	// Saved on A (in IndexedDB): B shows it within 5 s. Its timer would take 60 s.
	await expect(pb.getByRole('link', { name: title })).toBeVisible({ timeout: 5_000 });
	await pa.context().close();
	await pb.context().close();
});

test('a push dropped before the server is resent and stored once', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await signedInStaff(page, request, baseURL!);
	let aborted = 0;
	await page.route('**/api/sync/push', async (route) => {
		aborted++;
		await route.abort('connectionreset');
	});
	const title = uniqueName('Họp mất mạng');
	await recordMeeting(page, title);
	await expect.poll(() => aborted).toBeGreaterThan(0);
	await expectPending(page, 1);
	await badge(page).click();
	await expect(page.getByText(/Lỗi lần cuối .*Không kết nối được máy chủ/)).toBeVisible();
	await expect(page.getByText('Thay đổi cũ nhất chưa gửi: vừa xong')).toBeVisible();
	await badge(page).click();

	await page.unroute('**/api/sync/push');
	await syncNowUi(page);
	await expectSynced(page);
	expect(meetingsTitled(await pullAll(request, baseURL!, acc.token), title)).toHaveLength(1);
});

test('a reload with an unsent record never shows “Đã đồng bộ” before the outbox is counted', async ({
	page,
	request,
	baseURL
}) => {
	await signedInStaff(page, request, baseURL!);
	await page.route('**/api/sync/push', (route) => route.abort('connectionreset'));
	await recordMeeting(page, uniqueName('Họp chưa gửi'));
	await expectPending(page, 1);
	// Every text the badge shows from the first paint of the reloaded page, in order.
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { badgeTexts: string[] }).badgeTexts = seen;
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="sync-badge"]')?.textContent ?? null;
			if (text !== null && seen.at(-1) !== text) seen.push(text);
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
	await page.reload();
	await expectPending(page, 1);
	const texts = await page.evaluate(
		() => (window as unknown as { badgeTexts: string[] }).badgeTexts
	);
	expect(texts.length).toBeGreaterThan(0);
	expect(texts.filter((t) => t.startsWith('Đã đồng bộ'))).toEqual([]);
	await page.unroute('**/api/sync/push');
});

test('right after sign-in the badge never says “Đã đồng bộ” before a pull has finished', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP', 'first-pull');
	// Every text the badge shows, from the sign-in page on (client-side navigation after it).
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { badgeTexts: string[] }).badgeTexts = seen;
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="sync-badge"]')?.textContent ?? null;
			if (text !== null && seen.at(-1) !== text) seen.push(text);
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});
	await openApp(page, '/meetings');
	// The first pulls fail: nothing of the account has reached the phone.
	let failPulls = true;
	await page.route('**/api/sync/pull', (route) =>
		failPulls ? route.abort('connectionreset') : route.continue()
	);
	await signInUi(page, acc, false);
	// Nothing unsent, no run going: before, this read "Đã đồng bộ".
	await expect(badge(page)).toHaveText(/^Lỗi đồng bộ,/, { timeout: 20_000 });
	const badgeTexts = () =>
		page.evaluate(() => (window as unknown as { badgeTexts: string[] }).badgeTexts);
	// Everything the badge said while no pull could go through.
	const beforePull = await badgeTexts();
	failPulls = false;
	await syncNowUi(page);
	await expectSynced(page);
	// "Đã đồng bộ" only once a pull went through, never before (later runs may come and go).
	expect(beforePull.length).toBeGreaterThan(0);
	expect(beforePull.filter((t) => t.startsWith('Đã đồng bộ'))).toEqual([]);
	expect(
		(await badgeTexts()).slice(beforePull.length).some((t) => t.startsWith('Đã đồng bộ'))
	).toBe(true);
	await page.unroute('**/api/sync/pull');
});

test('a response lost after the server committed: the retry does not duplicate', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await signedInStaff(page, request, baseURL!);
	let committed = 0;
	await page.route('**/api/sync/push', async (route) => {
		const response = await route.fetch(); // reaches the server, which commits
		expect(response.status()).toBe(200);
		committed++;
		await route.abort('connectionreset'); // ... and the phone never hears back
	});
	const title = uniqueName('Họp mất phản hồi');
	await recordMeeting(page, title);
	await expect.poll(() => committed).toBeGreaterThan(0);
	await expectPending(page, 1);
	expect(meetingsTitled(await pullAll(request, baseURL!, acc.token), title)).toHaveLength(1);

	await page.unroute('**/api/sync/push');
	await syncNowUi(page);
	await expectSynced(page);
	await badge(page).click();
	await expect(page.getByTestId('sync-pending')).toHaveText('Thay đổi chưa gửi: 0');
	expect(meetingsTitled(await pullAll(request, baseURL!, acc.token), title)).toHaveLength(1);
});

test('the same meeting edited on two phones converges on the later edit; history keeps the other', async ({
	browser,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const a = await createAccount(request, base, 'staff', 'VP', 'edit-a');
	const b = await createAccount(request, base, 'unit_head', 'VP', 'edit-b');
	const pa = await newPhone(browser, base, { offlineShell: true });
	const pb = await newPhone(browser, base, { offlineShell: true });
	await openApp(pa, '/meetings');
	await signInUi(pa, a);
	const original = uniqueName('Họp chung');
	await recordMeeting(pa, original);
	await expectSynced(pa);
	const id = new URL(pa.url()).pathname.split('/').pop()!;

	await openApp(pb, '/meetings');
	await signInUi(pb, b);
	await pb.goto(`/meetings/${id}`);
	await expect(pb.getByRole('heading', { name: original })).toBeVisible();

	await pa.context().setOffline(true);
	await pb.context().setOffline(true);
	const edit = async (page: Page, title: string) => {
		await page.goto(`/meetings/${id}/edit`);
		await page.getByLabel('Tên cuộc họp').fill(title);
		await page.getByRole('button', { name: 'Lưu' }).click();
		await expect(page.getByRole('heading', { name: title })).toBeVisible();
	};
	await edit(pa, `${original} (A)`);
	await edit(pb, `${original} (B)`); // later clock: the deterministic winner

	await pb.context().setOffline(false);
	await expectSynced(pb);
	await pa.context().setOffline(false); // A's older edit reaches the server second and loses
	await expectSynced(pa);
	for (const page of [pa, pb]) {
		await syncNowDoneUi(page);
		await page.goto(`/meetings/${id}`);
		await expect(page.getByRole('heading', { name: `${original} (B)` })).toBeVisible();
	}
	const onServer = (await pullAll(request, base, a.token)).filter((c) => c.recordId === id);
	expect(onServer.map((c) => c.record.title)).toEqual([`${original} (B)`]);

	// Nothing lost: the losing edit and the original are in the server's history.
	const db = new Database(path.resolve(serverDataDir(workerServer()), 'so-hop-534.sqlite'), {
		readonly: true
	});
	try {
		const rows = db
			.prepare('SELECT kind, data FROM record_history WHERE entity = ? AND record_id = ?')
			.all('meeting', id) as { kind: string; data: string }[];
		const titles = rows.map((r) => (JSON.parse(r.data) as { title: string }).title);
		expect(titles).toContain(`${original} (A)`);
		expect(titles).toContain(original);
	} finally {
		db.close();
	}
	await pa.context().close();
	await pb.context().close();
});

test('server killed mid-sync and restarted: the phone converges without duplicates', async ({
	browser,
	request
}) => {
	test.setTimeout(120_000);
	const server = new OwnServer(await freePort());
	await server.start();
	try {
		const acc = await createAccount(request, server.url, 'staff', 'VP');
		const page = await newPhone(browser, server.url, { offlineShell: true });
		await openApp(page, '/meetings');
		await signInUi(page, acc);
		await page.context().setOffline(true);
		const titles = [uniqueName('Họp 1'), uniqueName('Họp 2'), uniqueName('Họp 3')];
		for (const [i, t] of titles.entries()) await recordMeeting(page, t, { date: `2026-11-2${i}` });
		await expectPending(page, 3);

		// The push reaches the server and commits; the server dies before the phone hears back.
		let killed = false;
		await page.route('**/api/sync/push', async (route) => {
			if (killed) return route.continue();
			const response = await route.fetch();
			expect(response.status()).toBe(200);
			await server.kill();
			killed = true;
			await route.abort('connectionreset');
		});
		await page.context().setOffline(false);
		await expect.poll(() => killed, { timeout: 20_000 }).toBe(true);
		await expectPending(page, 3);
		await syncNowUi(page); // server is down: refused connection, still pending
		await expectPending(page, 3);

		await server.start();
		await syncNowUi(page);
		await expectSynced(page);
		const changes = await pullAll(request, server.url, acc.token);
		for (const t of titles) expect(meetingsTitled(changes, t)).toHaveLength(1);
		await page.goto('/meetings');
		for (const t of titles) await expect(page.getByRole('link', { name: t })).toBeVisible();
		await page.context().close();
	} finally {
		await server.kill();
	}
});

test('an expired session asks to sign in again and keeps the records recorded meanwhile', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await signedInStaff(page, request, baseURL!);
	// The server ends the phone's session (as an expiry would).
	const token = await page.evaluate(
		() =>
			(JSON.parse(localStorage.getItem('so-hop-534.session') ?? '{}') as { token: string }).token
	);
	expect(
		(
			await request.post(`${baseURL}/api/auth/logout`, {
				headers: { authorization: `Bearer ${token}` }
			})
		).status()
	).toBe(200);

	const title = uniqueName('Họp sau hết hạn');
	await recordMeeting(page, title);
	await expect(badge(page)).toHaveText(/^Cần đăng nhập lại,/);
	await page.goto('/meetings');
	await expect(page.getByRole('link', { name: title })).toBeVisible();

	await signInUi(page, acc);
	expect(meetingsTitled(await pullAll(request, baseURL!, acc.token), title)).toHaveLength(1);
});

test('sign-out is rejected while a change is unsent; a rejected record shows its reason', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'KT');
	await openApp(page, '/meetings');
	// Recorded signed out for another unit (a signed-in KT account is not even offered it), then a
	// staff member of KT signs in: the server rejects that one record.
	const other = uniqueName('Họp đơn vị khác');
	await recordMeeting(page, other);
	await signInUi(page, acc, false);
	await expect(badge(page)).toHaveText(/^Lỗi đồng bộ,/, { timeout: 20_000 });
	await badge(page).click();
	const rejected = page.getByTestId('sync-rejected');
	await expect(rejected).toContainText(other);
	await expect(rejected).toContainText('Tài khoản cán bộ không được ghi bản ghi này');
	// Who is signed in, by user name and role; the link is the account's page (clerk review 19).
	await expect(page.getByText(`Tài khoản: ${acc.username} (Cán bộ)`)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Tài khoản / Đăng xuất' })).toBeVisible();
	await badge(page).click();

	await signOutUi(page, false);
	// The phone is online and the change refused: it will never go by itself, so the message says
	// what to do with it (as the refused-changes panel does), not "connect and wait".
	await expect(page.getByRole('alert')).toHaveText(
		'Chưa thể đăng xuất: còn 1 thay đổi chưa gửi lên máy chủ, trong đó 1 thay đổi bị máy chủ từ chối nên không tự gửi được. Xem lý do trong “Trạng thái đồng bộ”: sửa, hoặc nhờ quản trị xã kiểm tra, rồi bấm “Gửi lại”; hoặc bấm “Bỏ thay đổi của tôi”.'
	);
	// Still signed in, as the same account.
	await expect(
		page.getByText(`Bạn đang đăng nhập với tài khoản ${acc.username} (Cán bộ), đơn vị KT.`)
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
});

test('a device clock two hours fast is reported plainly and its changes are rejected, not lost', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP');
	await page.clock.install({ time: Date.now() + 2 * 3600_000 });
	await openApp(page, '/meetings');
	await signInUi(page, acc, false); // the badge will report a problem, not "synced"
	const title = uniqueName('Họp giờ sai');
	await recordMeeting(page, title);
	await expect(badge(page)).toHaveText(/^Lỗi đồng bộ,/);
	await badge(page).click();
	await expect(page.getByRole('alert')).toContainText(
		/Đồng hồ của máy này đang lệch 1[12]\d phút so với máy chủ/
	);
	await expect(page.getByTestId('sync-rejected')).toContainText('Đồng hồ máy bị lệch');
	await expectNoAxeViolations(page);
	await badge(page).click();
	await page.goto('/meetings');
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	expect(meetingsTitled(await pullAll(request, baseURL!, acc.token), title)).toHaveLength(0);
});

test('login shows Vietnamese errors and passes axe at 360 px', async ({ page, context }) => {
	await openApp(page, '/login');
	await expect(page.getByRole('heading', { name: 'Đăng nhập', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);
	const logins: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/api/auth/login')) logins.push(r.url());
	});
	const submit = page.getByRole('button', { name: 'Đăng nhập', exact: true });
	// Empty fields: told which one, under the field, and nothing is sent (no "server error").
	await submit.click();
	await expect(page.getByText('Nhập tên đăng nhập.')).toBeVisible();
	await expect(page.getByText('Nhập mật khẩu.')).toBeVisible();
	await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
	await expect(page.getByLabel('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);
	await page.getByLabel('Tên đăng nhập').fill('admin');
	await expect(page.getByText('Nhập tên đăng nhập.')).toHaveCount(0);
	await submit.click();
	await expect(page.getByLabel('Mật khẩu')).toBeFocused();
	await expect(page.getByText('Nhập mật khẩu.')).toBeVisible();
	await expect(page.getByText('Máy chủ đang gặp lỗi')).toHaveCount(0);
	expect(logins).toEqual([]);
	// A 400 from the server (a username longer than it takes) is about the input too.
	await page.getByLabel('Tên đăng nhập').fill('a'.repeat(65));
	await page.getByLabel('Mật khẩu').fill('mat-khau');
	await expect(page.getByText('Nhập mật khẩu.')).toHaveCount(0);
	await submit.click();
	await expect(page.getByRole('alert')).toHaveText(
		'Tên đăng nhập hoặc mật khẩu không hợp lệ. Kiểm tra lại rồi đăng nhập.'
	);
	expect(logins).toHaveLength(1);
	await page.getByLabel('Tên đăng nhập').fill('khong-ton-tai');
	await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
	await expect(page.getByLabel('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page);

	for (let i = 0; i < 5; i++)
		await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Đăng nhập sai quá nhiều lần');

	await context.setOffline(true);
	await page.getByLabel('Tên đăng nhập').fill('ai-do');
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Không có mạng. Cần kết nối mạng để đăng nhập lần đầu.'
	);

	await badge(page).click();
	await expect(page.getByText('Dữ liệu chỉ lưu trên máy này.')).toBeVisible();
	await expectNoAxeViolations(page);
});

test.describe('API', () => {
	test('401, 403, rejected mutations, 400 and 413', async ({ request, baseURL }) => {
		const base = baseURL!;
		const pushBody = (record: Record<string, unknown>, id: string) => ({
			version: 1,
			deviceId: 'api-test',
			mutations: [
				{
					mutationId: id,
					entity: 'meeting',
					recordId: record.id,
					op: 'put',
					record,
					hlc: `${String(Date.now()).padStart(15, '0')}-0000-api-test`
				}
			]
		});
		const meeting = (unitCode: string) => ({
			id: uniqueName('api-m'),
			unitCode,
			title: 'Họp API',
			category: 'hop',
			format: 'truc_tiep',
			paperless: false,
			status: 'held',
			sittings: [{ start: Date.now() - 7_200_000, end: Date.now() - 3_600_000 }],
			plannedMinutes: null,
			attendees: null,
			chair: '',
			location: '',
			notes: '',
			agenda: [],
			// The local (UTC+7) date of the first sitting: the server checks the derived date.
			date: new Date(Date.now() - 7_200_000 + 7 * 3_600_000).toISOString().slice(0, 10),
			createdAt: Date.now(),
			updatedAt: Date.now(),
			deleted: false
		});
		const uuid = () => crypto.randomUUID();

		const anon = await request.post(`${base}/api/sync/push`, {
			data: pushBody(meeting('VP'), uuid())
		});
		expect(anon.status()).toBe(401);
		expect((await anon.json()).error.code).toBe('unauthenticated');
		expect((await request.get(`${base}/api/auth/me`)).status()).toBe(401);

		const staff = await createAccount(request, base, 'staff', 'KT');
		const auth = { authorization: `Bearer ${staff.token}` };
		const wrongUnit = await request.post(`${base}/api/sync/push`, {
			headers: auth,
			data: pushBody(meeting('VP'), uuid())
		});
		expect(wrongUnit.status()).toBe(200);
		expect((await wrongUnit.json()).results[0]).toMatchObject({
			status: 'rejected',
			code: 'forbidden'
		});

		const monitor = await createAccount(request, base, 'monitor', null);
		const byMonitor = await request.post(`${base}/api/sync/push`, {
			headers: { authorization: `Bearer ${monitor.token}` },
			data: pushBody(meeting('KT'), uuid())
		});
		expect((await byMonitor.json()).results[0]).toMatchObject({
			status: 'rejected',
			code: 'forbidden'
		});

		const users = await request.post(`${base}/api/users`, {
			headers: auth,
			data: { username: uniqueName('x'), password: 'password-123', role: 'admin', unitCode: null }
		});
		expect(users.status()).toBe(403);
		expect((await request.get(`${base}/api/users`, { headers: auth })).status()).toBe(403);

		const ownUnit = pushBody(meeting('KT'), uuid());
		const ok = await request.post(`${base}/api/sync/push`, { headers: auth, data: ownUnit });
		expect((await ok.json()).results[0].status).toBe('applied');
		const again = await request.post(`${base}/api/sync/push`, { headers: auth, data: ownUnit });
		expect((await again.json()).results[0].status).toBe('duplicate');

		const bad = await request.post(`${base}/api/sync/push`, {
			headers: { ...auth, 'content-type': 'application/json' },
			data: Buffer.from('{"version": 1, "mutations": [')
		});
		expect(bad.status()).toBe(400);
		expect((await bad.json()).error.code).toBe('bad_json');

		const big = await request.post(`${base}/api/sync/push`, {
			headers: { ...auth, 'content-type': 'application/json' },
			data: Buffer.from(
				JSON.stringify({ version: 1, deviceId: 'x', mutations: [], pad: 'x'.repeat(1_100_000) })
			)
		});
		expect(big.status()).toBe(413);
	});
});
