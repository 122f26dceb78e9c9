/// <reference lib="webworker" />
/**
 * The app shell offline: precache the build (the manifest Workbox injects), answer navigations
 * with the prerendered shell '/', except /api/. The first install takes control at once (so
 * chunks not loaded yet still come from the precache); an update waits until the page asks.
 */
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: Parameters<typeof precacheAndRoute>[0];
};

export function setupPrecache(sw: ServiceWorkerGlobalScope): void {
	precacheAndRoute(self.__WB_MANIFEST);
	cleanupOutdatedCaches();
	registerRoute(new NavigationRoute(createHandlerBoundToURL('/'), { denylist: [/^\/api\//] }));

	// clientsClaim only on the first install: an update must not take over open pages by itself.
	const firstInstall = !sw.registration.active;
	if (firstInstall) clientsClaim();

	// The update prompt (workbox-window messageSkipWaiting) sends this when the user accepts.
	sw.addEventListener('message', (event) => {
		const data = event.data as { type?: string } | null;
		if (data?.type === 'SKIP_WAITING') void sw.skipWaiting();
	});
}
