/**
 * The service worker's install, several files at a time. Workbox's own install
 * (`precacheAndRoute`) fetches the precache list one file after another (workbox issue 2880):
 * about 200 round trips on a phone's first visit, one and a half minutes on a 3G link, during
 * which the app cannot open offline yet. Each file still goes through Workbox's precache strategy
 * (`handleAll` of an install event: skipped when already cached, fetched, checked for
 * cacheability, stored under its cache key), as in Workbox's loop, and the first failure fails
 * the install, as there. No Workbox import at run time: the tests run it in Node.
 */
import type { PrecacheController, PrecacheEntry } from 'workbox-precaching';

/**
 * Files fetched at once while installing: four of the six connections a browser opens to a host
 * over HTTP/1.1, so the page's own requests (its sync, a screen's code) still find one free.
 * Workbox went to one at a time partly to leave the page its bandwidth (workbox pull 2562).
 */
export const PRECACHE_CONCURRENCY = 4;

/** What precacheInParallel needs of Workbox's controller (tests give a fake). */
export type PrecacheSource = Pick<
	PrecacheController,
	'getCacheKeyForURL' | 'getIntegrityForCacheKey' | 'strategy'
>;

/**
 * Put every entry of `manifest` in the precache through the controller's strategy, `concurrency`
 * at a time: the request Workbox's install would make (a revisioned entry bypasses the HTTP
 * cache), for the cache key it would use. Rejects with the first failure; no entry is started
 * after it.
 */
export async function precacheInParallel(
	controller: PrecacheSource,
	manifest: readonly (PrecacheEntry | string)[],
	event: ExtendableEvent,
	base: string,
	concurrency = PRECACHE_CONCURRENCY
): Promise<void> {
	const entries = manifest.map((e) => (typeof e === 'string' ? { url: e } : e));
	let next = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (!failed && next < entries.length) {
			const entry = entries[next++]!;
			try {
				const url = new URL(entry.url, base).href;
				const cacheKey = controller.getCacheKeyForURL(url);
				if (cacheKey === undefined) throw new Error(`not in the precache list: ${url}`);
				const request = new Request(url, {
					integrity: controller.getIntegrityForCacheKey(cacheKey),
					cache: entry.revision ? 'reload' : 'default',
					credentials: 'same-origin'
				});
				await Promise.all(controller.strategy.handleAll({ params: { cacheKey }, request, event }));
			} catch (error) {
				failed = true;
				throw error;
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, entries.length)) }, worker)
	);
}
