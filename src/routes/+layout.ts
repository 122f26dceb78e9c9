import { dictionaryReady } from '$lib/i18n/index.svelte';

// The app runs on the device: pages render in the browser from IndexedDB (no server rendering),
// so the prerendered shell at / can serve every route offline through the service worker.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

// Only the chosen language's texts are loaded (src/lib/i18n/load.ts); the layout renders once a
// screen's texts are in, so no screen ever shows bare message keys.
export const load = async ({ route }) => {
	await dictionaryReady(route.id);
};
