import { browser } from '$app/environment';
import type { Component } from 'svelte';
import { firstRunStep } from '$lib/components/first-run/first-run';
import { FIRST_RUN_TEXTS } from '$lib/i18n/first-screen';
import { i18n } from '$lib/i18n/index.svelte';
import { loadDictionary } from '$lib/i18n/load';

// The app shell: prerendered so the service worker precaches it and serves it for every route offline.
export const prerender = true;

/**
 * A new device's start page is the first-run flow: its component and texts load beside the
 * shell's modules (the layout's load runs at the same time), so the screen renders once, with the
 * flow, instead of painting the home page's frame and rendering again when they arrive (one long
 * task less after the first paint; Lighthouse, docs/PERFORMANCE.md). A device in use loads neither.
 * The page's start-up script (app.html) has already started their download, with the shell's.
 */
export const load = async (): Promise<{ FirstRun?: Component<{ ondone: () => void }> }> => {
	if (!browser || firstRunStep() === 'done') return {};
	const [m] = await Promise.all([
		import('$lib/components/first-run/FirstRun.svelte'),
		// Its texts (and the language step switches language: load.ts loads the other then).
		loadDictionary(i18n.lang, FIRST_RUN_TEXTS)
	]);
	return { FirstRun: m.default };
};
