/**
 * Installing the app: the browser's own prompt where it offers one (`beforeinstallprompt`, kept for
 * an install button), whether the app already runs installed, and iOS Safari, which has no prompt
 * (the user adds it from the Share menu). Persistent storage is asked for once installed.
 */
import { requestPersistence } from './register.svelte';

interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let deferred = $state<InstallPromptEvent | null>(null);
let installed = $state(false);

if (typeof window !== 'undefined') {
	window.addEventListener('beforeinstallprompt', (e) => {
		// Keep it for our button instead of the browser's mini bar.
		e.preventDefault();
		deferred = e as InstallPromptEvent;
	});
	window.addEventListener('appinstalled', () => {
		installed = true;
		deferred = null;
		void requestPersistence();
	});
}

export const install = {
	/** The browser offers its install prompt. */
	get canPrompt(): boolean {
		return deferred !== null;
	},
	/** Running as the installed app (home-screen icon), or installed during this visit. */
	get installed(): boolean {
		if (installed) return true;
		if (typeof window === 'undefined') return false;
		const nav = navigator as Navigator & { standalone?: boolean };
		return window.matchMedia?.('(display-mode: standalone)').matches || nav.standalone === true;
	},
	/** iPhone or iPad Safari: no prompt; "Add to Home Screen" from the Share menu. */
	get isIosSafari(): boolean {
		if (typeof navigator === 'undefined') return false;
		const ua = navigator.userAgent;
		return /iPhone|iPad|iPod/.test(ua) && /Safari/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua);
	},
	/** Show the browser's prompt; on acceptance, ask for persistent storage. */
	async prompt(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
		const e = deferred;
		if (!e) return 'unavailable';
		deferred = null;
		await e.prompt();
		const { outcome } = await e.userChoice;
		if (outcome === 'accepted') {
			installed = true;
			await requestPersistence();
		}
		return outcome;
	}
};
