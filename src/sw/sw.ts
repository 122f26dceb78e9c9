/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker (built by @vite-pwa/sveltekit with strategies 'injectManifest' to /sw.js).
 * Wiring only: each concern lives in its own file.
 */
import { setupPrecache } from './precache';
import { setupPush } from './push';
import { setupNotificationClick } from './notification-click';

declare const self: ServiceWorkerGlobalScope;

setupPrecache(self);
setupPush(self);
setupNotificationClick(self);
