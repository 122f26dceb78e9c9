import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, executablePath, fullChromium } from './tests/e2e/browser';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE_URL = `http://127.0.0.1:${PORT}`;

const phone = {
	...devices['Desktop Chrome'],
	viewport: { width: 360, height: 640 },
	hasTouch: true,
	isMobile: false
};
/**
 * The specs that read the notifications the service worker shows run in the full browser: the
 * headless shell shows none (`getNotifications()` stays empty).
 */
const NOTIFICATIONS = /\/(meeting-push|meeting-run)\.spec\.ts$/;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	// One: the suite is CPU-bound on the two-core machines here, and a second worker (with a server
	// of its own) finished the same 36 tests in 8.5 min against 8.7 (docs/TESTING.md).
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: BASE_URL,
		// The default phone of a test has already said which unit it works for ("my unit", asked
		// once by the first form) and is past the first-run screen. Specs that test those start a
		// context of their own (freshPhone in support.ts) without this.
		storageState: {
			cookies: [],
			origins: [
				{
					origin: BASE_URL,
					localStorage: [
						{ name: 'so-hop-534.my-unit', value: 'VP' },
						{ name: 'so-hop-534.first-run', value: 'done' }
					]
				}
			]
		},
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		// Off unless E2E_TRACE is set: recording a trace for every test (DOM snapshots at each
		// step) costs about an eighth of the suite's CPU, and the suite is CPU-bound on two cores
		// (docs/TESTING.md, "Where CI's time goes"). A failure still leaves error-context.md (the
		// error, the page's accessibility snapshot, the source); to chase a flaky test, run it
		// with E2E_TRACE=1 and open test-results/<test>/trace.zip.
		trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
		// Blocked, but in the specs about the offline shell (`test.use({ serviceWorkers: 'allow' })`:
		// going offline, the precache, notifications, push). Every new context would otherwise install
		// the service worker and precache the build, one file after another (Workbox's install), about
		// 4 s of the two cores per phone here, for tests that never use it (docs/TESTING.md).
		// openApp (support.ts) waits for the control only where it is allowed.
		serviceWorkers: 'block',
		launchOptions: {
			executablePath,
			args: chromiumArgs
		}
	},
	projects: [
		{ name: 'mobile-chromium', testIgnore: NOTIFICATIONS, use: phone },
		{
			name: 'mobile-chromium-full',
			testMatch: NOTIFICATIONS,
			use: { ...phone, launchOptions: { executablePath: fullChromium, args: chromiumArgs } }
		}
	],
	webServer: {
		command: `rm -rf test-results/e2e-data && mkdir -p test-results/e2e-data && node build`,
		url: `http://127.0.0.1:${PORT}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: 'test-results/e2e-data',
			ADMIN_PASSWORD: 'e2e-admin-password',
			PROVINCE_ADMIN_PASSWORD: 'e2e-province-password'
		}
	}
});
