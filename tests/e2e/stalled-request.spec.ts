/**
 * A request that never gets an answer (a dead mobile connection: no error, no reply; field review
 * finding 2). The push ends after its deadline as a network failure, the usual retry sends the same
 * record once the network answers again, and "Đồng bộ ngay" is usable again. The page's clock is
 * Playwright's: the test jumps over the deadline instead of waiting a minute.
 */
import { expect, test, type Route } from '@playwright/test';
import { openControlled, recordMeeting } from './support';
import {
	badge,
	createAccount,
	expectPending,
	expectSynced,
	meetingsTitled,
	pullAll,
	signInUi
} from './sync-support';

test('a push held unanswered ends, and the record reaches the server once the network answers', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP', 'stall');
	await page.clock.install();
	await openControlled(page, '/meetings');
	await signInUi(page, acc);

	// The first push is held for ever; the ones after it go through (the network came back).
	const held: Route[] = [];
	await page.route('**/api/sync/push', async (route) => {
		if (held.length === 0) held.push(route);
		else await route.continue();
	});

	const title = 'Họp khi mạng treo';
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
	await openControlled(page, '/login');
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
