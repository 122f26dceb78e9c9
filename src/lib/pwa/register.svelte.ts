/**
 * Registers the Workbox service worker (generated at build time by @vite-pwa/sveltekit) through
 * workbox-window, and exposes whether an update waits. The page reloads only when the user asks
 * (apply-update.ts). workbox-window and apply-update.ts are loaded when the registration starts
 * (after the first screen), not with it.
 */
import type { Workbox } from 'workbox-window';
import { i18n } from '$lib/i18n/index.svelte';
import { loadDictionary } from '$lib/i18n/load';

let waiting = $state(false);
/** "Tải lại" was accepted: 'switching' until the page reloads, 'slow' after apply-update's SLOW_MS. */
let applying = $state<'no' | 'switching' | 'slow'>('no');
let wb: Workbox | null = null;
let registration: ServiceWorkerRegistration | undefined;
let apply: Pick<typeof import('./apply-update'), 'applyUpdate' | 'nudgeByFrame'> | null = null;
let started = false;

export const pwa = {
	get updateWaiting(): boolean {
		return waiting;
	},
	/** 'switching' once "Tải lại" was accepted, 'slow' when the new version takes long to come in. */
	get updateApplying(): 'no' | 'switching' | 'slow' {
		return applying;
	},
	/**
	 * Ask the waiting service worker to take over, and reload once the new version controls the
	 * page (apply-update.ts). Its texts are in a module loaded after the first paint: the state
	 * changes once they are in. A press while one is going on does nothing more.
	 */
	applyUpdate(): void {
		if (!apply || started) return;
		started = true;
		const texts = loadDictionary(i18n.lang, ['storage']).catch(() => undefined);
		void texts.then(() => {
			if (applying === 'no') applying = 'switching';
		});
		void apply.applyUpdate({
			registration: () => registration,
			container: navigator.serviceWorker,
			reload: () => window.location.reload(),
			nudge: apply.nudgeByFrame,
			slow: () => void texts.then(() => (applying = 'slow'))
		});
	}
};

export async function registerServiceWorker(): Promise<void> {
	if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
	const [{ Workbox }, { applyUpdate, nudgeByFrame }] = await Promise.all([
		import('workbox-window'),
		import('./apply-update')
	]);
	apply = { applyUpdate, nudgeByFrame };
	wb = new Workbox('/sw.js', { scope: '/' });
	wb.addEventListener('waiting', () => {
		waiting = true;
	});
	try {
		registration = await wb.register();
	} catch {
		// The browser refused the worker (a private window, storage full): the app works on without
		// its offline shell, and the next visit tries again.
		return;
	}
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
