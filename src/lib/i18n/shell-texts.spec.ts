/**
 * The app shell paints with the first screen's texts only. The root layout renders once
 * FIRST_SCREEN_TEXTS are in (dictionaryReady on / and /meetings); every other feature module loads
 * after the first paint. A key of such a module that the shell shows before then appears raw:
 * 'demo.banner demo.leave' in demo mode (f18e26d), 'more.account' in the sync panel (1b0dda9).
 *
 * This check walks what the shell imports: the root layout, the first screens (FIRST_SCREENS) and
 * their load files, their static imports, and the components any of them import lazily. It finds
 * the text keys each file names: a quoted key ('demo.banner', also as data: a bar item's label) or
 * a key built from a prefix (`role.${r}`: every key with that prefix). Each key must be in a module
 * of FIRST_SCREEN_TEXTS, unless the file is in WAITS below: it says which other modules it uses
 * and how it waits for them (the sync panel shows "Đang tải…" until they are in). A lazily
 * imported component is either checked like the rest or is in LAZY, with how its texts are in
 * when it paints. An entry that no longer matches what the file uses fails too, so the lists stay
 * true.
 *
 * Not followed: dynamic imports of plain modules (Dexie, the sync scheduler, the meetings list's
 * data), which run in the background and show nothing themselves.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_RUN_TEXTS, FIRST_SCREEN_TEXTS } from './first-screen';
import { FIRST_SCREENS } from './load';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Shell files that use other modules' keys: which modules, how the file waits for them, and the
 * code that does it (`holds`, found in the file: the check fails if that code is gone).
 */
const WAITS: Record<string, { modules: readonly string[]; why: string; holds: RegExp }> = {
	'src/lib/components/SyncStatus.svelte': {
		modules: ['more', 'sync-late'],
		why: 'the panel shows "Đang tải…" until loadDictionary(i18n.lang) resolves (textsIn)',
		holds:
			/loadDictionary\(i18n\.lang\)\.then\(textsDone[\s\S]*\{#if !textsIn\}\s*<p role="status">\{t\('common\.loading'\)\}/
	},
	'src/routes/+layout.svelte': {
		modules: ['storage'],
		why: 'update.dirty: asked only when a form marked input, and no first screen has a form; update.switching and update.slow: pwa.updateApplying changes only once loadDictionary(i18n.lang, ["storage"]) resolved (pwa/register.svelte.ts)',
		holds: /if \(dirtyForms\.any && !confirm\(t\('update\.dirty'\)\)\) return;/
	},
	'src/lib/components/nav/destinations.ts': {
		modules: ['more', 'users'],
		why: "MORE_ITEMS' labels and hints and moreItemsFor's, shown on /more (which waits for every text); the bar shows BAR_ITEMS' labels only",
		holds: /export const MORE_ITEMS[\s\S]*export function moreItemsFor[\s\S]*export const BAR_ITEMS/
	}
};

/** Components the shell imports lazily, and why their texts are in when they paint. */
const LAZY: Record<string, string> = {
	'src/lib/components/meeting-run/RunWatcher.svelte':
		'the layout imports it after loadDictionary(i18n.lang) resolves',
	'src/lib/components/AccountChangeNotice.svelte':
		'the layout imports it after loadDictionary(i18n.lang) resolves',
	'src/lib/components/RejectedChanges.svelte':
		"rendered only inside the sync panel's textsIn branch (SyncStatus.svelte)",
	'src/lib/components/first-run/FirstRun.svelte':
		"/'s load imports it together with loadDictionary(FIRST_RUN_TEXTS)"
};

type Source = (file: string) => string | undefined;
const disk: Source = (file) => {
	const full = path.join(ROOT, file);
	return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
};

/** Each text key and its module, from the message modules themselves. */
function realKeyModules(): Map<string, string> {
	const modules = import.meta.glob<{ vi: Record<string, string> }>(
		['./messages/*.ts', '!./messages/*.spec.ts'],
		{ eager: true, import: 'default' }
	);
	const map = new Map<string, string>();
	for (const [file, m] of Object.entries(modules)) {
		const name = path.basename(file, '.ts');
		for (const key of Object.keys(m.vi)) map.set(key, name);
	}
	return map;
}

/** The source without comments (a key named in a comment is not shown). */
const code = (text: string): string =>
	text
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/^\s*\/\/.*$/gm, '');

function resolve(from: string, spec: string, read: Source): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = path.posix.join('src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = path.posix.join(path.posix.dirname(from), spec);
	else return null; // a package, $app/*
	base = base.replace(/\?.*$/, '');
	for (const c of [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`])
		if (/\.(ts|js|svelte)$/.test(c) && read(c) !== undefined) return c;
	if (/\.css$/.test(base)) return null;
	throw new Error(`${from}: cannot resolve '${spec}'`);
}

interface Shell {
	/** Files the shell paints with (static imports, and the lazily imported components checked). */
	files: string[];
	/** Lazily imported components (LAZY's are not followed). */
	lazy: string[];
}

function walkShell(read: Source): Shell {
	const pages = FIRST_SCREENS.map((id) => `src/routes${id === '/' ? '' : id}`);
	const roots = [
		'src/routes/+layout.svelte',
		'src/routes/+layout.ts',
		...pages.flatMap((dir) => [`${dir}/+page.svelte`, `${dir}/+page.ts`])
	].filter((f) => read(f) !== undefined);
	const seen = new Set<string>();
	const lazy = new Set<string>();
	const queue = [...new Set(roots)];
	while (queue.length > 0) {
		const file = queue.shift()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const text = code(read(file)!);
		// import x from '...', import '...', export ... from '...'; not `import type`.
		for (const m of text.matchAll(
			/(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g
		)) {
			if (m[1]) continue;
			const target = resolve(file, m[2]!, read);
			if (target) queue.push(target);
		}
		for (const m of text.matchAll(/import\(\s*['"]([^'"]+\.svelte)['"]\s*\)/g)) {
			const target = resolve(file, m[1]!, read);
			if (!target) continue;
			lazy.add(target);
			if (!(target in LAZY)) queue.push(target);
		}
	}
	// The texts themselves are data, not uses.
	const files = [...seen].filter((f) => !f.startsWith('src/lib/i18n/messages'));
	return { files, lazy: [...lazy] };
}

/** The keys a file names: quoted keys, and every key of a prefix it builds keys from. */
function keysOf(text: string, keys: Map<string, string>): Set<string> {
	const body = code(text);
	const used = new Set<string>();
	for (const m of body.matchAll(/['"`]([A-Za-z][\w-]*(?:\.[\w-]+)+)['"`]/g))
		if (keys.has(m[1]!)) used.add(m[1]!);
	for (const m of body.matchAll(/`([A-Za-z]\w*(?:\.\w+)*\.)\$\{/g))
		for (const k of keys.keys()) if (k.startsWith(m[1]!)) used.add(k);
	return used;
}

function shellTextProblems(
	read: Source = disk,
	keys: Map<string, string> = realKeyModules(),
	waits = WAITS,
	firstScreen: readonly string[] = FIRST_SCREEN_TEXTS
): string[] {
	const problems: string[] = [];
	const shell = walkShell(read);
	for (const file of shell.files) {
		const allowed = waits[file]?.modules ?? [];
		// The first-run flow renders with its own texts, loaded with it (/'s load).
		const own = file.startsWith('src/lib/components/first-run/') ? FIRST_RUN_TEXTS : [];
		const usedModules = new Set<string>();
		for (const key of keysOf(read(file)!, keys)) {
			const module = keys.get(key)!;
			usedModules.add(module);
			if (firstScreen.includes(module) || allowed.includes(module) || own.includes(module))
				continue;
			problems.push(
				`${file}: '${key}' is in messages/${module}.ts, which the first screen does not load ` +
					'(move the key to a FIRST_SCREEN_TEXTS module, or wait for its module and say how in WAITS)'
			);
		}
		for (const module of allowed)
			if (!usedModules.has(module) || firstScreen.includes(module))
				problems.push(`${file}: WAITS names '${module}', which it does not need`);
		const holds = waits[file]?.holds;
		if (holds && !holds.test(read(file)!))
			problems.push(`${file}: WAITS says '${waits[file]!.why}', and that code is not in the file`);
	}
	for (const file of Object.keys(waits))
		if (!shell.files.includes(file)) problems.push(`${file}: in WAITS but not in the shell`);
	for (const file of Object.keys(LAZY))
		if (!shell.lazy.includes(file)) problems.push(`${file}: in LAZY but not imported by the shell`);
	return problems;
}

describe('texts of the app shell', () => {
	it('every key the shell names is in a first-screen module, or its file waits for its module', () => {
		expect(shellTextProblems()).toEqual([]);
	});

	it('walks the shell: the layout, its banners and the sync panel, the first screens', () => {
		const { files, lazy } = walkShell(disk);
		expect(files).toEqual(
			expect.arrayContaining([
				'src/routes/+layout.svelte',
				'src/routes/+page.svelte',
				'src/routes/meetings/+page.svelte',
				'src/lib/components/DemoBanner.svelte',
				'src/lib/components/SyncStatus.svelte',
				'src/lib/components/nav/BottomNav.svelte',
				'src/lib/i18n/translate.ts'
			])
		);
		expect(lazy.sort()).toEqual(Object.keys(LAZY).sort());
	});

	it("fails when the demo banner's keys are back in the import's module (the bug of f18e26d)", () => {
		const keys = realKeyModules();
		keys.set('demo.banner', 'importexport');
		keys.set('demo.leave', 'importexport');
		const problems = shellTextProblems(disk, keys);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(
			/^src\/lib\/components\/DemoBanner\.svelte: 'demo\.banner' is in messages\/importexport\.ts/
		);
	});

	it('fails when the sync panel does not wait for the account link (the bug of 1b0dda9)', () => {
		const { 'src/lib/components/SyncStatus.svelte': _, ...rest } = WAITS;
		const problems = shellTextProblems(disk, realKeyModules(), rest);
		expect(problems).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^src\/lib\/components\/SyncStatus\.svelte: 'more\.account' is in messages\/more\.ts/
				),
				expect.stringMatching(
					/SyncStatus\.svelte: 'sync\.err\.timeout' is in messages\/sync-late\.ts/
				)
			])
		);
	});

	it('fails when the sync panel loses its wait, though WAITS still names it (1b0dda9 reverted)', () => {
		const file = 'src/lib/components/SyncStatus.svelte';
		const read: Source = (f) =>
			f === file ? disk(f)!.replace('{#if !textsIn}', '{#if false}') : disk(f);
		expect(shellTextProblems(read)).toEqual([
			`${file}: WAITS says '${WAITS[file]!.why}', and that code is not in the file`
		]);
	});

	it('sees a key built from a prefix, and a key given as data to another component', () => {
		const read: Source = (file) =>
			file === 'src/lib/components/DemoBanner.svelte'
				? `<script lang="ts">import { t } from '$lib/i18n/index.svelte'; const k = (c: string) => t(\`csv.err.\${c}\`); const items = [{ label: 'nav.import' }];</script>`
				: disk(file);
		const keys = realKeyModules();
		keys.set('nav.import', 'importexport');
		const problems = shellTextProblems(read, keys).filter((p) => p.includes('DemoBanner'));
		expect(problems.some((p) => p.includes("'csv.err."))).toBe(true);
		expect(problems.some((p) => p.includes("'nav.import'"))).toBe(true);
	});

	it('ignores comments and type-only imports, and follows a new lazily imported component', () => {
		const read: Source = (file) => {
			if (file === 'src/lib/components/DemoBanner.svelte')
				return `<script lang="ts">
	import type { X } from '$lib/components/Unread.svelte';
	// t('more.account') is not shown here
	const Panel = () => import('./LazyPanel.svelte');
</script>
<!-- {t('more.account')} -->`;
			if (file === 'src/lib/components/LazyPanel.svelte')
				return `<script lang="ts">import { t } from '$lib/i18n/index.svelte';</script>{t('io.demo.loading')}`;
			return disk(file);
		};
		const problems = shellTextProblems(read).filter(
			(p) => p.includes('DemoBanner') || p.includes('LazyPanel')
		);
		expect(problems).toEqual([
			expect.stringMatching(/^src\/lib\/components\/LazyPanel\.svelte: 'io\.demo\.loading'/)
		]);
	});

	it('fails on an entry of WAITS that the file no longer needs', () => {
		const waits = {
			...WAITS,
			'src/lib/components/DemoBanner.svelte': {
				modules: ['importexport'],
				why: 'stale',
				holds: /data-testid="demo-banner"/
			}
		};
		expect(shellTextProblems(disk, realKeyModules(), waits)).toEqual([
			"src/lib/components/DemoBanner.svelte: WAITS names 'importexport', which it does not need"
		]);
	});
});
