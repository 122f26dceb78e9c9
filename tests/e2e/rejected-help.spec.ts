/**
 * The refused-changes panel explains the kinds of refusal present (field review finding 7): a
 * `conflict` asks to re-check the figures, never to ask the admin about rights.
 */
import { expect, test } from '@playwright/test';
import { fillMeeting, openApp } from './support';
import { badge, createAccount, signInUi } from './sync-support';

test('a conflict is explained as a conflict, not as a matter of rights', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP', 'conflict');
	await openApp(page, '/meetings');
	await signInUi(page, acc);
	// The server refuses the next change as `conflict` (forced here).
	await page.route('**/api/sync/push', async (route) => {
		const body = route.request().postDataJSON() as { mutations: { mutationId: string }[] };
		await route.fulfill({
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({
				version: 1,
				results: body.mutations.map((m) => ({
					mutationId: m.mutationId,
					status: 'rejected',
					code: 'conflict',
					reason: 'err.digitalAboveTotal'
				})),
				serverTime: Date.now()
			})
		});
	});
	await page.goto('/meetings/new');
	await fillMeeting(page, {
		title: 'Họp bị xung đột',
		unit: 'Văn phòng HĐND và UBND xã',
		sittings: [{ date: '2026-11-20', start: '08:00', end: '10:00' }]
	});
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(badge(page)).toHaveText(/^Lỗi đồng bộ,/, { timeout: 20_000 });
	await page.unroute('**/api/sync/push');
	await badge(page).click();
	const panel = page.getByRole('region', { name: 'Trạng thái đồng bộ' });
	await expect(page.getByTestId('sync-rejected-line')).toContainText(
		'Xung đột với bản trên máy chủ'
	);
	const help = panel.getByTestId('sync-rejected-help');
	await expect(help).toHaveCount(1);
	await expect(help).toContainText('Hãy xem lại số liệu');
	await expect(panel).not.toContainText('quyền của tài khoản');
	await expect(panel).not.toContainText('Nhờ quản trị xã');
});
