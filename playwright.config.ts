import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, executablePath, fullChromium } from './tests/e2e/browser';
import { serverDataDir, serverPort, workerServer, WORKERS } from './tests/e2e/servers';

const PORT = serverPort(workerServer());
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
/**
 * The tests that time the page's main thread (tag `@alone`) run last, with no other test's
 * browser beside them: a second worker's test stretches the page's tasks (one 75 ms task in a
 * 10,000-row import that has none over 50 ms alone).
 */
const ALONE = /@alone/;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	// Two (E2E_WORKERS), each with a server of its own (tests/e2e/servers.ts): one worker left the
	// two cores here 30% idle, and two finished the suite 1.2x sooner (docs/TESTING.md).
	workers: WORKERS,
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
		{ name: 'mobile-chromium', testIgnore: NOTIFICATIONS, grepInvert: ALONE, use: phone },
		{
			name: 'mobile-chromium-full',
			testMatch: NOTIFICATIONS,
			use: { ...phone, launchOptions: { executablePath: fullChromium, args: chromiumArgs } }
		},
		// After all the others, so nothing runs beside them. A failure in the projects before skips
		// them (Playwright's dependencies): fix that first.
		{
			name: 'alone',
			grep: ALONE,
			dependencies: ['mobile-chromium', 'mobile-chromium-full'],
			use: phone
		}
	],
	webServer: Array.from({ length: WORKERS }, (_, i) => {
		const port = serverPort(i);
		const dataDir = serverDataDir(i);
		return {
			command: `rm -rf ${dataDir} && mkdir -p ${dataDir} && node build`,
			url: `http://127.0.0.1:${port}/api/health`,
			reuseExistingServer: false,
			timeout: 60_000,
			env: {
				PORT: String(port),
				HOST: '127.0.0.1',
				DATA_DIR: dataDir,
				ADMIN_PASSWORD: 'e2e-admin-password',
				PROVINCE_ADMIN_PASSWORD: 'e2e-province-password'
			}
		};
	})
});
