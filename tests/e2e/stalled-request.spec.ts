/**
 * A request that never gets an answer (a dead mobile connection: no error, no reply; field review
 * finding 2). The push ends after its deadline as a network failure, the usual retry sends the same
 * record once the network answers again, and "Đồng bộ ngay" is usable again. The page's clock is
 * Playwright's: the test jumps over the deadline instead of waiting a minute.
 */
import { expect, test, type APIRequestContext, type Page, type Route } from '@playwright/test';
import { openApp, recordMeeting } from './support';
import {
	type Account,
	badge,
	createAccount,
	expectPending,
	expectSynced,
	meetingsTitled,
	pullAll,
	signInUi,
	syncNowUi,
	uniqueName
} from './sync-support';

/**
 * A staff account of VP signed in on `page`, the page's clock installed (the context's: its tabs
 * jump together), and the page's first push held for ever; the ones after it go through (the
 * network came back).
 */
async function firstPushHeld(
	page: Page,
	request: APIRequestContext,
	baseURL: string,
	prefix: string
): Promise<{ acc: Account; held: Route[] }> {
	const acc = await createAccount(request, baseURL, 'staff', 'VP', prefix);
	await page.clock.install();
	await openApp(page, '/meetings');
	await signInUi(page, acc);
	const held: Route[] = [];
	await page.route('**/api/sync/push', async (route) => {
		if (held.length === 0) held.push(route);
		else await route.continue();
	});
	return { acc, held };
}

test('a push held unanswered ends, and the record reaches the server once the network answers', async ({
	page,
	request,
	baseURL
}) => {
	const { acc, held } = await firstPushHeld(page, request, baseURL!, 'stall');
	const title = uniqueName('Họp khi mạng treo');
	await recordMeeting(page, title);
	await expect.poll(() => held.length).toBe(1);
	await expectPending(page, 1);
	await badge(page).click();
	// While the request hangs the run is on: the button waits.
	await expect(page.getByRole('button', { name: 'Đồng bộ ngay' })).toBeDisabled();

	// Past the push deadline (60 s for a small body): the run ends as a network failure.
	await page.clock.fastForward('01:10');
	await expect(page.getByText(/Máy chủ không trả lời kịp/)).toBeVisible();
	// The retry (backoff of a few seconds) sends it; nothing else needed.
	await page.clock.fastForward('00:10');
	await expectSynced(page);
	await expect(page.getByRole('button', { name: 'Đồng bộ ngay' })).toBeEnabled();

	const onServer = meetingsTitled(await pullAll(request, baseURL!, acc.token), title);
	expect(onServer).toHaveLength(1);
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a sign-in with no answer ends with a message about the network, not a spinner', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP', 'stall-login');
	await page.clock.install();
	await openApp(page, '/login');
	let asked = 0;
	await page.route('**/api/auth/login', () => {
		asked++; // never answered
	});
	await page.getByLabel('Tên đăng nhập').fill(acc.username);
	await page.getByLabel('Mật khẩu').fill(acc.password);
	const submit = page.getByRole('button', { name: /Đăng nhập|Đang đăng nhập/ });
	await submit.click();
	await expect(page.getByRole('button', { name: 'Đang đăng nhập…' })).toBeDisabled();
	await expect.poll(() => asked).toBe(1);
	await page.clock.fastForward('00:31');
	await expect(page.getByRole('alert')).toContainText('Máy chủ không trả lời kịp');
	await expect(page.getByRole('button', { name: 'Đăng nhập', exact: true })).toBeEnabled();
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('while one tab’s push hangs, a second tab of the phone waits its turn, then both tabs’ records reach the server once', async ({
	page,
	request,
	baseURL
}) => {
	// Tab 1's first push is held for ever (its connection died).
	const { acc, held } = await firstPushHeld(page, request, baseURL!, 'stall-tabs');
	const first = uniqueName('Họp tab một');
	await recordMeeting(page, first);
	await expect.poll(() => held.length).toBe(1);

	// A second tab of the same phone (same records, same session); its requests are not held.
	const tab2 = await page.context().newPage();
	// In order: tab 2's pushes, and the moment tab 1's deadline is let pass (the test's clock).
	const events: string[] = [];
	tab2.on('request', (r) => {
		if (new URL(r.url()).pathname === '/api/sync/push') events.push('tab2-push');
	});
	await openApp(tab2, '/meetings');
	await expectPending(tab2, 1);
	const second = uniqueName('Họp tab hai');
	await recordMeeting(tab2, second);
	await expectPending(tab2, 2);
	// One tab syncs at a time: the hung request holds the phone's sync lock, so tab 2's own
	// "Đồng bộ ngay" sends nothing beside it.
	const heldLocks = () =>
		tab2.evaluate(async () => (await navigator.locks.query()).held?.map((l) => l.name) ?? []);
	expect(await heldLocks()).toContain('so-hop-534-sync');
	await syncNowUi(tab2);
	await expectPending(tab2, 2);
	expect(events).toEqual([]);

	// Past the push deadline (60 s): tab 1's run ends as a network failure and lets go of the
	// lock; the next run (at once, as a write came during the run, or after the backoff of a few
	// seconds) sends both tabs' records, with no reload.
	events.push('deadline');
	await page.clock.fastForward('01:10');
	await expectSynced(tab2);
	await expectSynced(page);
	// Tab 2 sent nothing while tab 1's request held the lock, however late its run would have
	// gone: its first push comes after the deadline.
	expect(events[0]).toBe('deadline');
	const onServer = await pullAll(request, baseURL!, acc.token);
	expect(meetingsTitled(onServer, first)).toHaveLength(1);
	expect(meetingsTitled(onServer, second)).toHaveLength(1);
	await page.unrouteAll({ behavior: 'ignoreErrors' });
});
