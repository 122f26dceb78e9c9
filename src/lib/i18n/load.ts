/**
 * Loads texts in the browser: only the chosen language's, one chunk per feature module
 * (messages/x.ts?lang=vi is the module with its Vietnamese texts only: the `i18n-one-language`
 * plugin of vite.config.ts). The first screens (/ and /meetings) wait for the modules their shell
 * uses; every other screen waits for all of its language (the root layout's load).
 */
import { installDictionary, type Dictionary, type Lang } from './translate';

type Texts = Partial<Record<Lang, Partial<Dictionary>>>;
type Part = () => Promise<Texts>;
const parts: Record<Lang, Record<string, Part>> = {
	vi: import.meta.glob<Texts>(['./messages/*.ts', '!./messages/*.spec.ts'], {
		import: 'default',
		query: '?lang=vi'
	}),
	en: import.meta.glob<Texts>(['./messages/*.ts', '!./messages/*.spec.ts'], {
		import: 'default',
		query: '?lang=en'
	})
};

/** Route ids that render with FIRST_SCREEN_TEXTS (./first-screen.ts) alone. */
export const FIRST_SCREENS: readonly string[] = ['/', '/meetings'];

const moduleName = (path: string): string => path.replace(/^.*\//, '').replace(/\.ts$/, '');
const pending = new Map<string, Promise<void>>();

/** Loads a language's texts: the named feature modules, or all of them. */
export function loadDictionary(lang: Lang, only?: readonly string[]): Promise<void> {
	const wanted = Object.entries(parts[lang]).filter(
		([path]) => !only || only.includes(moduleName(path))
	);
	return Promise.all(
		wanted.map(([path, load]) => {
			const key = `${lang}:${path}`;
			let p = pending.get(key);
			if (!p) {
				p = load().then((m) => installDictionary(lang, m[lang] ?? {}));
				p.catch(() => pending.delete(key));
				pending.set(key, p);
			}
			return p;
		})
	).then(() => undefined);
}

/**
 * Starts loading all of a language's texts a few modules per task: each dynamic import costs a
 * few milliseconds on a slow phone, and a dozen in one task was a long task right after the first
 * paint (Lighthouse, docs/PERFORMANCE.md). Resolves once every import has started.
 */
export async function loadDictionaryInSteps(lang: Lang, perStep = 3): Promise<void> {
	const names = Object.keys(parts[lang]).map(moduleName);
	for (let i = 0; i < names.length; i += perStep) {
		void loadDictionary(lang, names.slice(i, i + perStep));
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}
