import { expect, test } from '@playwright/test';
import crypto from 'node:crypto';
import { openApp } from './support';
import { ADMIN_PASSWORD, apiLogin } from './sync-support';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('the server publishes a VAPID public key; subscribing needs a signed-in user', async ({
	request
}) => {
	const res = await request.get('/api/push/vapid');
	expect(res.ok()).toBe(true);
	const { publicKey } = (await res.json()) as { publicKey: string };
	expect(Buffer.from(publicKey, 'base64url')).toHaveLength(65);
	const anon = await request.post('/api/push/subscribe', {
		data: { endpoint: 'https://push.example/x', keys: { p256dh: 'a', auth: 'b' } }
	});
	expect(anon.status()).toBe(401);
});

test('a Web Push delivered to the service worker shows the meeting notification with its tag and actions', async ({
	page,
	context,
	baseURL
}) => {
	await context.grantPermissions(['notifications'], { origin: baseURL });
	await openApp(page, '/meetings');

	const cdp = await context.newCDPSession(page);
	const registrationId = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
			const reg = e.registrations.find((r) => r.scopeURL.startsWith(baseURL!) && !r.isDeleted);
			if (reg) resolve(reg.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	const origin = new URL(baseURL!).origin;
	const id = await registrationId;
	const deliver = () =>
		cdp.send('ServiceWorker.deliverPushMessage', {
			origin,
			registrationId: id,
			data: JSON.stringify({
				title: 'Đã đến giới hạn: Hội nghị chuyên môn',
				body: 'Cuộc họp đã họp đủ 8 giờ, bằng giới hạn cho phép.',
				meetingId: 'm-42',
				kind: 'limit',
				// The server writes the buttons in the device's language (src/lib/i18n/translate.ts).
				actions: [
					{ action: 'open', title: 'Mở' },
					{ action: 'end-sitting', title: 'Kết thúc phiên' }
				]
			})
		});

	// A push that reaches the worker while it is still starting can be dropped by the browser: it is
	// delivered again until it shows. The tag makes a repeat replace the first, never add a second.
	await expect
		.poll(
			async () => {
				await deliver();
				return page.evaluate(async () => {
					const reg = await navigator.serviceWorker.ready;
					return (await reg.getNotifications()).map((n) => ({
						title: n.title,
						body: n.body,
						tag: n.tag,
						actions: (
							n as Notification & { actions: { action: string; title: string }[] }
						).actions.map((a) => `${a.action}: ${a.title}`)
					}));
				});
			},
			{ intervals: [500, 1000, 2000], timeout: 20_000 }
		)
		.toEqual([
			{
				title: 'Đã đến giới hạn: Hội nghị chuyên môn',
				body: 'Cuộc họp đã họp đủ 8 giờ, bằng giới hạn cho phép.',
				tag: 'meeting-m-42',
				actions: ['open: Mở', 'end-sitting: Kết thúc phiên']
			}
		]);
});

test('a signed-in user cannot point the server at an address inside its network', async ({
	request
}) => {
	const token = await apiLogin(request, '', 'admin', ADMIN_PASSWORD);
	const ua = crypto.createECDH('prime256v1');
	ua.generateKeys();
	const keys = {
		p256dh: ua.getPublicKey().toString('base64url'),
		auth: crypto.randomBytes(16).toString('base64url')
	};
	for (const endpoint of [
		'http://127.0.0.1:4173/api/health',
		'https://127.0.0.1/push',
		'https://[::1]/push',
		'https://169.254.169.254/latest/meta-data',
		'https://localhost/push'
	]) {
		const res = await request.post('/api/push/subscribe', {
			headers: { authorization: `Bearer ${token}` },
			data: { endpoint, keys }
		});
		expect(res.status(), endpoint).toBe(400);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
	}
});
