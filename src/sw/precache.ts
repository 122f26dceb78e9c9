/// <reference lib="webworker" />
/**
 * The app shell offline: precache the build (the manifest Workbox injects), answer navigations
 * with the prerendered shell '/', except /api/. The first install takes control at once (so
 * chunks not loaded yet still come from the precache); an update waits until the page asks.
 *
 * The install fetches several files at a time (precache-parallel.ts), not one after another as
 * Workbox's own install (`precacheAndRoute`) does.
 */
import {
	cleanupOutdatedCaches,
	PrecacheController,
	PrecacheRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { precacheInParallel } from './precache-parallel';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: (PrecacheEntry | string)[];
};

export function setupPrecache(sw: ServiceWorkerGlobalScope): void {
	// The one controller of the list. Workbox's module-level helpers (matchPrecache,
	// createHandlerBoundToURL, getCacheKeyForURL) use its default controller, which holds nothing
	// here: ask this one.
	const controller = new PrecacheController();
	controller.addToCacheList(self.__WB_MANIFEST);
	sw.addEventListener('install', (event) => {
		event.waitUntil(precacheInParallel(controller, event));
	});
	// Drops what the previous version precached and this one does not.
	sw.addEventListener('activate', (event) => void controller.activate(event));
	registerRoute(new PrecacheRoute(controller));
	cleanupOutdatedCaches();
	registerRoute(
		new NavigationRoute(controller.createHandlerBoundToURL('/'), { denylist: [/^\/api\//] })
	);

	// clientsClaim only on the first install: an update must not take over open pages by itself.
	const firstInstall = !sw.registration.active;
	if (firstInstall) clientsClaim();

	// The update prompt (workbox-window messageSkipWaiting) sends this when the user accepts.
	sw.addEventListener('message', (event) => {
		const data = event.data as { type?: string } | null;
		if (data?.type === 'SKIP_WAITING') void sw.skipWaiting();
	});
}
