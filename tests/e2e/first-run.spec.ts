/**
 * Issue 12 point 2, the first run on a new phone: language, account or "this phone only", my unit,
 * notifications, installing (the browser's prompt, or steps with a picture on iOS Safari), then
 * never again. Phones of their own: the default test phone is past the first run.
 * Also writes the README's screenshots of the flow (docs/first-run-*.png).
 */
import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations, freshPhone, openApp } from './support';
import { createAccount } from './sync-support';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

const IPHONE_UA =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const iphone = (browser: Browser, baseURL: string) =>
	freshPhone(browser, baseURL, { userAgent: IPHONE_UA });

test('first run in Vietnamese, this phone only: unit kept, install through the browser prompt asks for persistent storage, shown once', async ({
	browser,
	baseURL
}) => {
	const page = await freshPhone(browser, baseURL!);
	await openApp(page, '/');
	const flow = page.getByTestId('first-run');
	await expect(flow.getByRole('heading', { name: 'Chào mừng đến với Sổ họp 534' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'docs/first-run-1.png' });
	await flow.getByRole('button', { name: 'Tiếng Việt' }).click();

	await expect(flow.getByRole('heading', { name: 'Tài khoản' })).toBeFocused();
	// Every step counted where the browser can still ask about notifications.
	const total = (await page.evaluate(() => Notification.permission)) === 'default' ? 5 : 4;
	await expect(flow.getByText(`Bước 2/${total}`)).toBeVisible();
	await page.screenshot({ path: 'docs/first-run-2.png' });
	await flow.getByRole('button', { name: 'Chỉ dùng trên điện thoại này' }).click();
	await flow.getByLabel('Đơn vị của tôi').selectOption({ label: 'Thôn 2' });
	await flow.getByRole('button', { name: 'Tiếp tục' }).click();

	// Notifications are asked only where the browser can still ask (permission 'default').
	if ((await page.evaluate(() => Notification.permission)) === 'default') {
		await expect(flow.getByRole('heading', { name: 'Thông báo' })).toBeVisible();
		await flow.getByRole('button', { name: 'Để sau' }).click();
	} else await expect(flow.getByRole('heading', { name: 'Thông báo' })).toHaveCount(0);

	// The browser offers its install prompt (as Chrome on Android does): our button uses it, and
	// once accepted the app asks for persistent storage.
	await page.evaluate(() => {
		const w = window as unknown as { persistAsked: boolean };
		w.persistAsked = false;
		Object.defineProperty(navigator.storage, 'persisted', { value: async () => false });
		Object.defineProperty(navigator.storage, 'persist', {
			value: async () => {
				w.persistAsked = true;
				return true;
			}
		});
		const e = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
			prompt: async () => {},
			userChoice: Promise.resolve({ outcome: 'accepted' })
		});
		window.dispatchEvent(e);
	});
	await expect(flow.getByRole('heading', { name: 'Cài ứng dụng lên điện thoại' })).toBeVisible();
	await expect(flow.getByText(`Bước ${total}/${total}`)).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'docs/first-run-3.png' });
	await flow.getByRole('button', { name: 'Cài ứng dụng' }).click();
	await expect(flow.getByText('Ứng dụng đã được cài trên máy này.')).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { persistAsked: boolean }).persistAsked)
	).toBe(true);
	await flow.getByRole('button', { name: 'Bắt đầu sử dụng' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sổ họp 534' })).toBeVisible();

	// Shown once; the unit chosen there is the forms' default.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Sổ họp 534' })).toBeVisible();
	await expect(page.getByTestId('first-run')).toHaveCount(0);
	await page.goto('/meetings/new');
	await expect(page.getByLabel('Đơn vị', { exact: true })).toHaveValue('THON02');
	await page.context().close();
});

test('notifications already allowed: no notifications step, and the steps are counted without it', async ({
	browser,
	baseURL
}) => {
	const page = await freshPhone(browser, baseURL!);
	await page.context().grantPermissions(['notifications'], { origin: baseURL! });
	await openApp(page, '/');
	const flow = page.getByTestId('first-run');
	// "Bước 3/5" then "Bước 5/5" read as a step missed (clerk review r19).
	await expect(flow.getByText('Bước 1/4')).toBeVisible();
	await flow.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(flow.getByText('Bước 2/4')).toBeVisible();
	await flow.getByRole('button', { name: 'Chỉ dùng trên điện thoại này' }).click();
	await expect(flow.getByText('Bước 3/4')).toBeVisible();
	await flow.getByRole('button', { name: 'Tiếp tục' }).click();
	await expect(flow.getByRole('heading', { name: 'Cài ứng dụng lên điện thoại' })).toBeVisible();
	await expect(flow.getByText('Bước 4/4')).toBeVisible();
	await page.context().close();
});

test('first run in English on iOS Safari: install steps with a picture', async ({
	browser,
	baseURL
}) => {
	const page = await iphone(browser, baseURL!);
	await openApp(page, '/');
	const flow = page.getByTestId('first-run');
	await flow.getByRole('button', { name: 'English' }).click();
	await expect(flow.getByRole('heading', { name: 'Account' })).toBeVisible();
	await flow.getByRole('button', { name: 'Use on this phone only' }).click();
	await flow.getByRole('button', { name: 'Continue' }).click();
	if ((await page.evaluate(() => Notification.permission)) === 'default')
		await flow.getByRole('button', { name: 'Later' }).click();
	await expect(flow.getByRole('heading', { name: 'Install the app on this phone' })).toBeVisible();
	await expect(flow.getByText('Scroll down and choose "Add to Home Screen".')).toBeVisible();
	await expect(flow.getByRole('img', { name: /Add to Home Screen/ })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'docs/first-run-ios.png' });
	await flow.getByRole('button', { name: 'Start using the app' }).click();
	await expect(page.getByTestId('first-run')).toHaveCount(0);
	await page.context().close();
});

test('first run: signing in to the commune server comes back to the flow with the account’s unit; skipping is remembered', async ({
	browser,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'THON02', 'first');
	const page = await freshPhone(browser, baseURL!);
	await openApp(page, '/');
	const flow = page.getByTestId('first-run');
	await flow.getByRole('button', { name: 'Tiếng Việt' }).click();
	await flow.getByRole('link', { name: 'Đăng nhập bằng tài khoản được cấp' }).click();
	await page.getByLabel('Tên đăng nhập').fill(acc.username);
	await page.getByLabel('Mật khẩu').fill(acc.password);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(flow.getByRole('heading', { name: 'Đơn vị của bạn' })).toBeVisible();
	await expect(flow).toContainText('Tài khoản của bạn thuộc Thôn 2');
	await flow.getByRole('button', { name: 'Bỏ qua hướng dẫn' }).click();
	await expect(page.getByTestId('first-run')).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Sổ họp 534' })).toBeVisible();
	await expect(page.getByTestId('first-run')).toHaveCount(0);
	await page.context().close();
});

test('the later steps fail to load (offline before they were cached): the flow says so, tries again, and can always be skipped', async ({
	browser,
	baseURL
}) => {
	// No service worker: the page's own requests are the ones cut (a phone whose worker has not
	// cached the steps yet).
	const page = await freshPhone(browser, baseURL!, { serviceWorkers: 'block' });
	await page.goto('/');
	const flow = page.getByTestId('first-run');
	await expect(flow.getByRole('heading', { name: 'Chào mừng đến với Sổ họp 534' })).toBeVisible();
	// Everything not loaded yet fails from here on: the later steps and their texts.
	await page.route('**/_app/immutable/**', (route) => route.abort('internetdisconnected'));
	await flow.getByRole('button', { name: 'Tiếng Việt' }).click();
	await flow.getByRole('button', { name: 'Chỉ dùng trên điện thoại này' }).click();

	await expect(flow.getByRole('heading', { name: 'Đơn vị của bạn' })).toBeFocused();
	await expect(flow.getByRole('alert')).toHaveText(
		'Chưa tải được nội dung bước này (có thể do mất kết nối).'
	);
	await expect(flow.getByRole('button', { name: 'Bỏ qua hướng dẫn' })).toBeVisible();
	await expectNoAxeViolations(page);

	// The connection is back: "Tải lại" brings the step.
	await page.unroute('**/_app/immutable/**');
	await flow.getByRole('button', { name: 'Tải lại' }).click();
	await expect(flow.getByLabel('Đơn vị của tôi')).toBeVisible();
	await expect(flow.getByRole('alert')).toHaveCount(0);
	await page.context().close();
});
