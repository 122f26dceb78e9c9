/**
 * Registers the Workbox service worker (generated at build time by @vite-pwa/sveltekit) through
 * workbox-window, and exposes whether an update waits. The page reloads only when the user asks.
 * workbox-window is loaded when the registration starts (after the first screen), not with it.
 */
import type { Workbox } from 'workbox-window';

let waiting = $state(false);
let wb: Workbox | null = null;

export const pwa = {
	get updateWaiting(): boolean {
		return waiting;
	},
	/**
	 * Activate the waiting service worker, then reload once it controls the page, or once it is
	 * active at all: the page's controller change is the usual sign, but the reload is what the
	 * user asked for, and the new worker answers it either way. Nothing waiting any more (another
	 * tab activated it) also reloads, so the button never does nothing.
	 */
	applyUpdate(): void {
		if (!wb) return;
		let reloading = false;
		const reload = (): void => {
			if (reloading) return;
			reloading = true;
			window.location.reload();
		};
		wb.addEventListener('controlling', reload);
		void navigator.serviceWorker.getRegistration().then((registration) => {
			const next = registration?.waiting;
			if (!next) return reload();
			next.addEventListener('statechange', () => {
				if (next.state === 'activated') reload();
			});
			wb?.messageSkipWaiting();
		});
	}
};

export async function registerServiceWorker(): Promise<void> {
	if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
	const { Workbox } = await import('workbox-window');
	wb = new Workbox('/sw.js', { scope: '/' });
	wb.addEventListener('waiting', () => {
		waiting = true;
	});
	await wb.register();
	// Look for a new version when the app comes back to the foreground.
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') void wb?.update();
	});
}

/** Ask the browser not to clear our data under storage pressure (lessons.md: data silently wiped). */
export async function requestPersistence(): Promise<boolean> {
	if (!navigator.storage?.persist) return false;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}
