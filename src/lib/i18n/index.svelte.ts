/** Vietnamese first, English second. The choice is kept on the device (localStorage). */
import type { MessageKey } from './messages';
import { FIRST_SCREEN_TEXTS } from './first-screen';
import { FIRST_SCREENS, loadDictionary, loadDictionaryInSteps } from './load';
import { minutesText, translate, type Lang } from './translate';

export type { Lang };
/** Read before the app starts by app.html's start-up script too (src/app-html.spec.ts). */
export const LANG_STORAGE_KEY = 'so-hop-534.lang';

function initialLang(): Lang {
	if (typeof localStorage === 'undefined') return 'vi';
	return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

let current = $state<Lang>(initialLang());

export const i18n = {
	get lang(): Lang {
		return current;
	},
	/** Switches once the language's texts have loaded (never a screen of bare keys). */
	set lang(value: Lang) {
		localStorage.setItem(LANG_STORAGE_KEY, value);
		void loadDictionary(value).then(() => {
			current = value;
			document.documentElement.lang = value;
		});
	}
};

/** Starts loading the chosen language's first-screen texts (src/hooks.client.ts, at start-up). */
export const preloadFirstScreenTexts = (): Promise<void> =>
	loadDictionary(current, FIRST_SCREEN_TEXTS);

/**
 * Runs `fn` once the screen's heading (`main h1`) is in the page, at most 5 s from now: the first
 * screens' own chunks (the first-run flow's on a new phone) may still be downloading after the
 * layout's texts are in, and what is not needed for the screen should not compete with them.
 */
function onceHeadingShown(fn: () => void): void {
	let done = false;
	const run = () => {
		if (done) return;
		done = true;
		observer.disconnect();
		fn();
	};
	const observer = new MutationObserver(() => {
		if (document.querySelector('main h1')) run();
	});
	if (document.querySelector('main h1')) return run();
	observer.observe(document.body, { childList: true, subtree: true });
	setTimeout(run, 5000);
}

/**
 * The root layout waits for this before it renders (src/routes/+layout.ts): the first screens
 * for their shell's texts (the rest follows once they have painted), every other screen for all.
 */
export async function dictionaryReady(routeId: string | null): Promise<void> {
	const lang = current;
	if (routeId !== null && FIRST_SCREENS.includes(routeId)) {
		await loadDictionary(lang, FIRST_SCREEN_TEXTS);
		// The other feature modules once the screen has painted (the next screen needs them), not
		// while its own modules still download: after its heading, a frame and an idle moment.
		onceHeadingShown(() =>
			requestAnimationFrame(() =>
				setTimeout(() => {
					const rest = () => void loadDictionaryInSteps(lang);
					if (typeof requestIdleCallback === 'function')
						requestIdleCallback(rest, { timeout: 1000 });
					else rest();
				}, 0)
			)
		);
		return;
	}
	await loadDictionary(lang);
}

/** Translate a key, filling {name} placeholders. Unknown keys are returned as they are. */
export function t(key: MessageKey | string, params: Record<string, string | number> = {}): string {
	return translate(current, key, params);
}

/** A role as a noun inside a sentence ("Tài khoản cán bộ ..."): its name, lower case. */
export function roleNoun(role: string): string {
	return t(`role.${role}`).toLocaleLowerCase(current);
}

/**
 * Who is signed in: 'admin (Quản trị)', 'vanthu.vp (Nguyễn Thị Hoa, Cán bộ)'; the user name, then
 * the name and the role, never the same word twice (clerk review 19: "Quản trị (Quản trị)").
 */
export function accountText(u: { username: string; displayName: string; role: string }): string {
	const role = t(`role.${u.role}`);
	const name = u.displayName.trim();
	const parts = name !== '' && name !== u.username && name !== role ? [name, role] : [role];
	return `${u.username} (${parts.join(', ')})`;
}

export function formatMinutes(total: number): string {
	return minutesText(current, total);
}
