/**
 * The service worker's install, several files at a time. Workbox's own install
 * (`precacheAndRoute`) fetches the precache list one file after another (workbox issue 2880):
 * about 200 round trips on a phone's first visit (90 s with Fast 3G's 562 ms round trip,
 * docs/PERFORMANCE.md), during which the app cannot open offline yet. Each file still goes through Workbox's precache strategy
 * (`handleAll` of an install event: skipped when already cached, fetched, checked for
 * cacheability, stored under its cache key), as in Workbox's loop, and the first failure fails
 * the install, as there. No Workbox import at run time: the tests run it in Node.
 */
import type { PrecacheController } from 'workbox-precaching';

/**
 * Files fetched at once while installing: four of the six connections a browser opens to a host
 * over HTTP/1.1, so the page's own requests (its sync, a screen's code) still find two free.
 * Workbox went to one at a time partly to leave the page its bandwidth (workbox pull 2562).
 */
export const PRECACHE_CONCURRENCY = 4;

/** What precacheInParallel needs of Workbox's controller (tests give a fake). */
export type PrecacheSource = Pick<
	PrecacheController,
	'getURLsToCacheKeys' | 'getIntegrityForCacheKey' | 'strategy'
>;

/**
 * Put every file of the controller's list (`addToCacheList`: one per URL) in the precache through
 * its strategy, `concurrency` at a time: the request Workbox's install makes (a revisioned file,
 * whose cache key carries its revision, bypasses the HTTP cache), for the same cache key. Rejects
 * with the first failure; no file is started after it.
 */
export async function precacheInParallel(
	controller: PrecacheSource,
	event: ExtendableEvent,
	concurrency = PRECACHE_CONCURRENCY
): Promise<void> {
	const files = [...controller.getURLsToCacheKeys()];
	let next = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (!failed && next < files.length) {
			const [url, cacheKey] = files[next++]!;
			try {
				const request = new Request(url, {
					integrity: controller.getIntegrityForCacheKey(cacheKey),
					cache: cacheKey === url ? 'default' : 'reload',
					credentials: 'same-origin'
				});
				await Promise.all(controller.strategy.handleAll({ params: { cacheKey }, request, event }));
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
}
