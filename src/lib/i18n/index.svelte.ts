/** Vietnamese first, English second. The choice is kept on the device (localStorage). */
import type { MessageKey } from './messages';
import { minutesText, translate, type Lang } from './translate';

export type { Lang };
const STORAGE_KEY = 'so-hop-534.lang';

function initialLang(): Lang {
	if (typeof localStorage === 'undefined') return 'vi';
	return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

let current = $state<Lang>(initialLang());

export const i18n = {
	get lang(): Lang {
		return current;
	},
	set lang(value: Lang) {
		current = value;
		localStorage.setItem(STORAGE_KEY, value);
		document.documentElement.lang = value;
	}
};

/** Translate a key, filling {name} placeholders. Unknown keys are returned as they are. */
export function t(key: MessageKey | string, params: Record<string, string | number> = {}): string {
	return translate(current, key, params);
}

export function formatMinutes(total: number): string {
	return minutesText(current, total);
}
