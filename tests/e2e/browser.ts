/**
 * The browser of the e2e suite: Debian's Chromium headless shell (package chromium-headless-shell,
 * installed by scripts/ensure-chromium.sh), the same Chromium with no browser window behind the
 * page, as Playwright's own headless runs use. A new browser context costs about half the CPU of
 * the full browser's, which opens its window's WebUI (the omnibox popup) for each (docs/TESTING.md).
 * `E2E_CHROMIUM_PATH` overrides it. The benchmarks drive the full browser (bench/serve.mjs).
 */
export const executablePath = process.env.E2E_CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

/**
 * The full browser, for the specs that read the notifications the service worker shows (the
 * headless shell shows none; playwright.config.ts). `CHROMIUM_PATH` overrides it.
 */
export const fullChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Root in a container, a closed network: no sandbox, no GPU, nothing fetched in the background. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
