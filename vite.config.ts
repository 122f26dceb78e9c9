import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * `messages/x.ts?lang=vi` is the feature module with its Vietnamese texts only (and `?lang=en` its
 * English ones): the other language's object is no longer exported, so the bundler drops it. The
 * browser then loads one language (src/lib/i18n/dict-vi.ts, dict-en.ts); the files stay as they are.
 */
function oneLanguage(): Plugin {
	const tail = /export default \{ vi, en \};?/;
	return {
		name: 'i18n-one-language',
		enforce: 'pre',
		transform(code, id) {
			const m = /\/src\/lib\/i18n\/messages\/[^/?]+\.ts\?(?:.*&)?lang=(vi|en)\b/.exec(id);
			if (!m) return;
			if (!tail.test(code))
				this.error(`${id}: a message module ends with "export default { vi, en };"`);
			return { code: code.replace(tail, `export default { ${m[1]} };`), map: null };
		}
	};
}

export default defineConfig({
	plugins: [
		oneLanguage(),
		sveltekit(),
		SvelteKitPWA({
			// Our own service worker (src/sw/sw.ts, bundled by SvelteKit via kit.files.serviceWorker in
			// svelte.config.js; the precache list is injected and it is served as /sw.js).
			strategies: 'injectManifest',
			srcDir: 'src/sw',
			filename: 'sw.ts',
			registerType: 'prompt',
			injectRegister: false,
			includeAssets: ['favicon.svg', 'icons/*.png'],
			manifest: {
				name: 'Sổ họp 534',
				short_name: 'Sổ họp 534',
				description:
					'Ghi chép cuộc họp, văn bản và theo dõi chỉ tiêu Quyết định 534/QĐ-TTg của xã, thôn',
				lang: 'vi',
				start_url: '/meetings',
				scope: '/',
				display: 'standalone',
				background_color: '#ffffff',
				theme_color: '#a5161a',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			injectManifest: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,webmanifest}',
					'prerendered/**/*.{html,json}'
				]
				// navigateFallback '/' with denylist /^\/api\//, cleanupOutdatedCaches and clientsClaim
				// (first install only) now live in src/sw/precache.ts.
			}
		})
	],
	// The import worker (src/lib/db/import.worker.ts) is an ES module with chunks of its own (Dexie,
	// zod, the reasons' texts in one language: the same plugin as the page's texts).
	worker: { format: 'es', plugins: () => [oneLanguage()] },
	test: {
		include: ['src/**/*.spec.ts'],
		environment: 'node',
		setupFiles: ['src/lib/i18n/all.ts'],
		env: { TZ: 'Asia/Ho_Chi_Minh' }
	}
});
