/**
 * The sync run limit on a weak link (state/sync-scheduler.ts `RUN_LIMIT_MS`, engine.ts
 * `runLimitMs`): a new phone's download goes page by page, each page slow. A run stops starting
 * requests once its minute is up, and the next run begins at once, pushing first: a meeting saved
 * during the download reaches the server within the minute, and the download goes on from the page
 * the stopped run reached (not from the start). The stop is no failure: nothing is shown as an
 * error, and when the download ends the phone says synced and "Đồng bộ ngay" works from the last
 * cursor. The page's clock is Playwright's: the test lets the minute pass instead of waiting it,
 * and each pull page is answered when the test says (one record a page).
 */
import { expect, test } from '@playwright/test';
import { makeMeeting } from '../factories/records';
import { fillMeeting, navTo, openApp } from './support';
import {
	badge,
	createAccount,
	expectPending,
	expectSynced,
	meetingsTitled,
	OFF_REPORT_DAY,
	pullAll,
	pushApplied,
	putMutation,
	signInUi,
	syncNowUi,
	uniqueName
} from './sync-support';

test('a slow download stops its run after the limit; the next run pushes a new meeting first and goes on from where the last stopped', async ({
	page,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const staff = await createAccount(request, base, 'staff', 'VP', 'run-limit');
	// Records to download: at one a page, the download takes several pages whatever else the
	// shared server holds. Dated OFF_REPORT_DAY: at makeMeeting's default day they would count in
	// report-sync.spec's first half of 2026.
	const now = Date.now();
	await pushApplied(
		request,
		base,
		staff.token,
		'dev-run-limit-seed',
		[1, 2, 3].map((n) =>
			putMutation(
				'dev-run-limit-seed',
				'meeting',
				makeMeeting({
					id: crypto.randomUUID(),
					title: uniqueName(`Họp tải về ${n}`),
					on: OFF_REPORT_DAY
				}),
				n,
				{ now }
			)
		)
	);

	// What the phone sends, in order: `pull@<cursor>` and `push`.
	const events: string[] = [];
	/** Pull pages waiting for the test's word, and the cursor each answer gave. */
	const held: { cursor: number; answer: Promise<number>; release: () => void }[] = [];
	let slow = true;
	await page.clock.install();
	await openApp(page, '/meetings');
	page.on('request', (r) => {
		if (new URL(r.url()).pathname === '/api/sync/push') events.push('push');
	});
	await page.route('**/api/sync/pull', async (route) => {
		const body = route.request().postDataJSON() as { cursor: number; limit?: number };
		events.push(`pull@${body.cursor}`);
		if (!slow) return route.continue();
		let release = () => {};
		let answered: (cursor: number) => void = () => {};
		const gate = new Promise<void>((r) => (release = r));
		const answer = new Promise<number>((r) => (answered = r));
		held.push({ cursor: body.cursor, answer, release });
		await gate;
		const res = await route.fetch({ postData: JSON.stringify({ ...body, limit: 1 }) });
		const json = (await res.json()) as { cursor: number };
		answered(json.cursor);
		await route.fulfill({ response: res, json });
	});

	// The sign-in's run: its first page is on its way (slowly).
	await signInUi(page, staff, false);
	await expect.poll(() => held.length).toBe(1);
	expect(held[0]!.cursor).toBe(0);
	// A meeting recorded meanwhile (in the app: the run goes on).
	await navTo(page, 'Cuộc họp');
	await page.getByRole('link', { name: 'Thêm cuộc họp' }).click();
	const title = uniqueName('Họp trong lúc tải');
	await fillMeeting(page, {
		title,
		unit: 'Văn phòng HĐND và UBND xã',
		sittings: [{ date: '2026-11-20', start: '08:00', end: '10:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
	await expectPending(page, 1);

	// The page takes over a minute: the run stops after it, and the next pushes first, then pulls
	// from the cursor that page gave (the new meeting does not wait for the whole download).
	await page.clock.fastForward('01:05');
	held[0]!.release();
	const first = await held[0]!.answer;
	expect(first).toBeGreaterThan(0);
	// (anything the sign-in's run pushed came before its first page)
	const start = events.indexOf('pull@0');
	await expect
		.poll(() => events.slice(start, start + 3))
		.toEqual(['pull@0', 'push', `pull@${first}`]);
	await expect.poll(() => held.length).toBe(2);
	expect(meetingsTitled(await pullAll(request, base, staff.token), title)).toHaveLength(1);
	// Not a failure: no error said, and no "synced" while the download is not done.
	await expect(badge(page)).toHaveText(/^Đang đồng bộ/);
	await badge(page).click();
	await expect(page.getByRole('button', { name: 'Đồng bộ ngay' })).toBeDisabled();
	await badge(page).click();

	// The next page is slow too: again a stop, and the run after it goes on from there.
	await page.clock.fastForward('01:05');
	held[1]!.release();
	const second = await held[1]!.answer;
	expect(second).toBeGreaterThan(first);
	await expect.poll(() => held.length).toBe(3);
	expect(held[2]!.cursor).toBe(second);

	// The link is well again: the rest comes at once, the phone says synced.
	slow = false;
	for (const h of held) h.release();
	await expectSynced(page);
	// "Đồng bộ ngay" works, from where the download ended (not from the start).
	const before = events.length;
	await syncNowUi(page);
	await expectSynced(page);
	await expect
		.poll(() => events.slice(before).filter((e) => e.startsWith('pull@')).length)
		.toBeGreaterThan(0);
	const last = events.slice(before).find((e) => e.startsWith('pull@'))!;
	expect(Number(last.slice(5))).toBeGreaterThanOrEqual(second);
	// The meeting went once.
	expect(meetingsTitled(await pullAll(request, base, staff.token), title)).toHaveLength(1);
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a long download: the panel says how far it is, and no "last synced" time from before this sign-in', async ({
	page,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const staff = await createAccount(request, base, 'staff', 'VP', 'panel-download');
	await openApp(page, '/meetings');
	await signInUi(page, staff);
	// The phone's session ends on the server (as an expiry would) and its next run finds it: the
	// phone keeps its records, and the time of its last good run.
	const token = await page.evaluate(
		() =>
			(JSON.parse(localStorage.getItem('so-hop-534.session') ?? '{}') as { token: string }).token
	);
	expect(
		(
			await request.post(`${base}/api/auth/logout`, {
				headers: { authorization: `Bearer ${token}` }
			})
		).status()
	).toBe(200);
	// The app's start runs a sync, which finds it (a button press could race a run the sign-in's
	// live stream started: that run finds it first and the button goes).
	await page.goto('/meetings');
	await expect(badge(page)).toHaveText(/^Cần đăng nhập lại,/, { timeout: 20_000 });
	// Meanwhile another phone records three meetings: the next download has pages to bring.
	const now = Date.now();
	await pushApplied(
		request,
		base,
		staff.token,
		'dev-panel-download',
		[1, 2, 3].map((n) =>
			putMutation(
				'dev-panel-download',
				'meeting',
				makeMeeting({
					id: crypto.randomUUID(),
					title: uniqueName(`Họp tải về sau ${n}`),
					on: OFF_REPORT_DAY
				}),
				n,
				{ now }
			)
		)
	);

	// One record a page, each answered when the test says.
	const held: (() => void)[] = [];
	let slow = true;
	await page.route('**/api/sync/pull', async (route) => {
		const body = route.request().postDataJSON() as { cursor: number; limit?: number };
		if (slow) await new Promise<void>((r) => held.push(r));
		const res = await route.fetch({ postData: JSON.stringify({ ...body, limit: 1 }) });
		await route.fulfill({ response: res });
	});
	await signInUi(page, staff, false);
	await expect.poll(() => held.length).toBe(1);
	await badge(page).click();
	const running = page.getByTestId('sync-running');
	const last = page.getByTestId('sync-last');
	// The last good run was before this sign-in: not shown as if it were this session's.
	await expect(last).toHaveText('Đồng bộ thành công lần cuối: chưa lần nào từ khi đăng nhập');
	await expect(running).toHaveText('Đang đồng bộ…');
	held.shift()!();
	await expect.poll(() => held.length).toBe(1);
	await expect(running).toHaveText('Đang tải dữ liệu về máy: đã nhận 1 thay đổi…');
	held.shift()!();
	await expect.poll(() => held.length).toBe(1);
	await expect(running).toHaveText('Đang tải dữ liệu về máy: đã nhận 2 thay đổi…');
	await expect(last).toHaveText('Đồng bộ thành công lần cuối: chưa lần nào từ khi đăng nhập');

	// The rest comes: synced, the time of this run, nothing running.
	slow = false;
	for (const release of held.splice(0)) release();
	await expectSynced(page);
	await expect(running).toHaveCount(0);
	await expect(last).toHaveText(/^Đồng bộ thành công lần cuối: \d.*\(vừa xong\)$/);
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});
