import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import type { Rolldown } from 'vite';
import { FIRST_RUN_TEXTS, FIRST_SCREEN_TEXTS } from './src/lib/i18n/first-screen.js';

/**
 * `messages/x.ts?lang=vi` is the feature module with its Vietnamese texts only (and `?lang=en` its
 * English ones): the other language's object is no longer exported, so the bundler drops it. The
 * browser then loads one language (src/lib/i18n/dict-vi.ts, dict-en.ts); the files stay as they are.
 */
/**
 * A feature's texts in one language (`messages/x.ts?lang=vi`, see oneLanguage): [, module name,
 * language], or null for any other module.
 */
const messageModule = (id: string) =>
	/\/src\/lib\/i18n\/messages\/([^/?]+)\.ts\?(?:.*&)?lang=(vi|en)\b/.exec(id);

function oneLanguage(): Plugin {
	const tail = /export default \{ vi, en \};?/;
	return {
		name: 'i18n-one-language',
		enforce: 'pre',
		transform(code, id) {
			const m = messageModule(id);
			if (!m) return;
			if (!tail.test(code))
				this.error(`${id}: a message module ends with "export default { vi, en };"`);
			return { code: code.replace(tail, `export default { ${m[2]} };`), map: null };
		}
	};
}

/**
 * The first screens (/ and /meetings) in a few larger files instead of 25-28 small ones: over
 * HTTP/1.1's six connections per host each extra wave of files costs a round trip (about 0.6 s on
 * Fast 3G) before the first paint. Only modules the first screens import statically are grouped:
 * `shell` (what the start, the app and the root layout import, and what both pages import),
 * `home` and `meetings` (what only that page imports). Rolldown also puts a captured module's
 * dependencies in its group, so in the build both pages load the same three chunks (about 48 KB
 * gz of JS, 7 files with the entries instead of 23-28; docs/PERFORMANCE.md). Lazy code (Dexie,
 * zod, the other routes, the first-run flow, the texts) is never captured: the bytes before the
 * first heading stay within tests/e2e/first-screen.spec.ts. The first screens' texts
 * (FIRST_SCREEN_TEXTS, one language each) are one chunk per language, `texts-vi` and `texts-en`,
 * instead of three: fewer requests in the wave that firstScreenPreload() starts. Client build only.
 */
function firstScreenChunks(): Plugin {
	const seen: string[] = [];
	let groups: Map<string, string> | undefined;
	const roots = {
		shell: [
			/\/@sveltejs\/kit\/src\/runtime\/client\/entry\.js$/,
			/\/generated\/client-optimized\/app\.js$/,
			/\/src\/routes\/\+layout\.(svelte|ts)$/
		],
		home: [/\/src\/routes\/\+page\.(svelte|ts)$/],
		meetings: [/\/src\/routes\/meetings\/\+page\.(svelte|ts)$/]
	};
	/** Static imports only: a dynamic import() stays its own chunk, loaded when asked for. */
	function closure(
		from: string[],
		info: (id: string) => { importedIds: readonly string[] } | null
	): Set<string> {
		const out = new Set<string>();
		const todo = [...from];
		while (todo.length) {
			const id = todo.pop()!;
			if (out.has(id)) continue;
			out.add(id);
			todo.push(...(info(id)?.importedIds ?? []));
		}
		return out;
	}
	const texts = new RegExp(
		`/src/lib/i18n/messages/(?:${FIRST_SCREEN_TEXTS.join('|')})\\.ts\\?(?:.*&)?lang=(vi|en)\\b`
	);
	const group: Rolldown.CodeSplittingGroup = {
		name(id, ctx) {
			const lang = texts.exec(id)?.[1];
			if (lang) return `texts-${lang}`;
			if (!groups) {
				const info = (m: string) => ctx.getModuleInfo(m);
				const of = (res: RegExp[]) =>
					closure(
						seen.filter((m) => res.some((r) => r.test(m))),
						info
					);
				const shell = of(roots.shell);
				const pages = { home: of(roots.home), meetings: of(roots.meetings) };
				groups = new Map();
				for (const m of shell) groups.set(m, 'shell');
				// What two of them import goes with the shell; the rest to its own page's chunk.
				const count = new Map<string, number>();
				for (const set of Object.values(pages))
					for (const m of set) count.set(m, (count.get(m) ?? 0) + 1);
				for (const [name, set] of Object.entries(pages))
					for (const m of set)
						if (!groups.has(m)) groups.set(m, count.get(m)! > 1 ? 'shell' : name);
			}
			// Entry modules (SvelteKit's start, app and nodes) stay entries.
			if (
				/\/generated\/client-optimized\/(app|nodes\/\d+)\.js$|\/runtime\/client\/entry\.js$/.test(
					id
				)
			)
				return null;
			return groups.get(id) ?? null;
		},
		test(id) {
			seen.push(id);
			return true;
		}
	};
	return {
		name: 'first-screen-chunks',
		// After SvelteKit's plugin, which marks its first (server) build with `build.ssr`.
		enforce: 'post',
		config(config, env) {
			if (env.command !== 'build' || config.build?.ssr) return;
			return { build: { rolldownOptions: { output: { codeSplitting: { groups: [group] } } } } };
		},
		buildStart() {
			seen.length = 0;
			groups = undefined;
		}
	};
}

/** Where app.html's start-up script finds the first screens' chunk names (a JSON data block). */
const CHUNKS_PLACEHOLDER = '%first-screen.chunks%';

/**
 * The chunks a first screen needs that SvelteKit does not preload, because they are loaded with
 * import() and which ones depends on the device: the chosen language's first-screen texts (every
 * page waits for them, src/routes/+layout.ts), and on a new phone at / the first-run flow (its
 * chunk, what it imports, its texts: src/routes/+page.ts). Their hashed names are known only
 * after the client build, and the language and the first-run progress only in the browser
 * (localStorage): this writes the names, per language, into the page template (a JSON data block,
 * never executed), and app.html's start-up script adds a `modulepreload` for the device's own, so
 * they download with the shell instead of a round trip after it (docs/PERFORMANCE.md). The
 * template lives in SvelteKit's server build, which is written before the client build and read
 * by the prerendering and the adapter after it. Client build only.
 */
function firstScreenPreload(): Plugin {
	let base = '/';
	let active = false;
	let names: string | null = null;
	return {
		name: 'first-screen-preload',
		// After SvelteKit's plugin, which marks its first (server) build with `build.ssr`.
		enforce: 'post',
		configResolved(config) {
			active = config.command === 'build' && !config.build.ssr;
			base = config.base;
		},
		generateBundle(_options, bundle) {
			if (!active) return;
			const chunks = Object.values(bundle).filter(
				(c): c is Rolldown.OutputChunk => c.type === 'chunk'
			);
			const url = (c: Rolldown.OutputChunk) => base + c.fileName;
			/** The chunk and every chunk it imports statically. */
			const withImports = (c: Rolldown.OutputChunk): string[] => {
				const out = new Set<string>();
				const todo = [c.fileName];
				while (todo.length) {
					const f = todo.pop()!;
					if (out.has(f)) continue;
					out.add(f);
					const chunk = bundle[f];
					if (chunk?.type === 'chunk') todo.push(...chunk.imports);
				}
				return [...out].map((f) => base + f);
			};
			const textChunks = (lang: string, modules: readonly string[]) => [
				...new Set(
					chunks
						.filter((c) =>
							c.moduleIds.some((id) => {
								const m = messageModule(id);
								return m?.[2] === lang && modules.includes(m[1]!);
							})
						)
						.map(url)
				)
			];
			const firstRun = chunks.find((c) =>
				c.moduleIds.some((id) => /\/components\/first-run\/FirstRun\.svelte$/.test(id))
			);
			const data = {
				texts: {
					vi: textChunks('vi', FIRST_SCREEN_TEXTS),
					en: textChunks('en', FIRST_SCREEN_TEXTS)
				},
				firstRun: firstRun ? withImports(firstRun) : [],
				firstRunTexts: {
					vi: textChunks('vi', FIRST_RUN_TEXTS),
					en: textChunks('en', FIRST_RUN_TEXTS)
				}
			};
			for (const list of [data.texts.vi, data.texts.en, data.firstRun])
				if (!list.length) this.error('first-screen-preload: a first-screen chunk was not found');
			names = JSON.stringify(data);
		},
		writeBundle(options) {
			if (!names || !options.dir) return;
			const server = path.resolve(options.dir, '../server');
			let patched = 0;
			for (const f of readdirSync(server, { recursive: true, encoding: 'utf8' })) {
				if (!f.endsWith('.js')) continue;
				const file = path.join(server, f);
				const code = readFileSync(file, 'utf8');
				if (!code.includes(CHUNKS_PLACEHOLDER)) continue;
				// Inside the template's JS string literal: escaped as one.
				writeFileSync(
					file,
					code.replaceAll(CHUNKS_PLACEHOLDER, JSON.stringify(names).slice(1, -1))
				);
				patched++;
			}
			if (!patched) this.error(`first-screen-preload: ${CHUNKS_PLACEHOLDER} not in ${server}`);
		}
	};
}

/**
 * The spec files that replace a module or a global (`vi.mock`, `vi.doMock`, `vi.stubGlobal`,
 * `vi.stubEnv`): each runs in modules of its own (vitest's isolation), so what it replaces never
 * reaches another file. scripts/check-vitest-isolation.mjs fails the lint when a spec file that
 * does so is missing here.
 */
const MOCKING_SPECS = [
	'src/lib/server/http/handlers.spec.ts',
	'src/lib/server/sync/events.spec.ts',
	'src/lib/notify/push-subscribe.spec.ts',
	'src/lib/sync/device-account.spec.ts',
	'src/lib/sync/new-kind.spec.ts',
	'src/lib/state/sync-lazy.spec.ts',
	'src/lib/state/sync-scheduler-timing.spec.ts',
	'src/lib/db/checked.spec.ts',
	'src/sw/precache.spec.ts'
];
/**
 * Every other spec file runs without vitest's per-file isolation: a worker imports the app's
 * modules (zod schemas, the dictionaries of the setup file) once for all its files instead of once
 * per file. Measured on 03/12/2026 (docs/TESTING.md, round twenty-one): the import and setup
 * phases were 117 s of the suite's 392 s of worker time.
 */
const VITEST_PROJECTS = [
	{
		extends: true as const,
		test: { name: 'shared', include: ['src/**/*.spec.ts'], exclude: MOCKING_SPECS, isolate: false }
	},
	{ extends: true as const, test: { name: 'isolated', include: MOCKING_SPECS } }
];

export default defineConfig({
	plugins: [
		oneLanguage(),
		firstScreenChunks(),
		firstScreenPreload(),
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
	worker: {
		format: 'es',
		plugins: () => [oneLanguage()],
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						{
							name: (id) => messageModule(id)?.[2] ?? 'worker'
						}
					]
				}
			}
		}
	},
	test: {
		// Two projects (VITEST_PROJECTS below): most spec files share their worker's modules, the
		// few that replace a module (`vi.mock`) or a global get a fresh one each.
		projects: VITEST_PROJECTS,
		environment: 'node',
		setupFiles: ['src/lib/i18n/all.ts'],
		env: { TZ: 'Asia/Ho_Chi_Minh' },
		// The whole suite runs beside builds and browsers on a shared two-core machine: at load
		// 11-13 a CPU-bound test or a PostgreSQL cluster's set-up went past vitest's 5 s and 10 s
		// defaults. A test still fails on what it asserts; only the wait for a slow machine grows.
		testTimeout: 15_000,
		hookTimeout: 60_000,
		// One spec file per core. Vitest's default in a run is one fewer than the cores: one file at
		// a time on the two-core machines here, while much of a server spec's time is spent waiting
		// on PostgreSQL or a child process.
		maxWorkers: availableParallelism()
	}
});
