/** Vietnamese first, English second. The choice is kept on the device (localStorage). */
import { en, vi, type MessageKey } from './messages';

export type Lang = 'vi' | 'en';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };
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

export function isMessageKey(key: string): key is MessageKey {
	return key in vi;
}

/** Translate a key, filling {name} placeholders. Unknown keys are returned as they are. */
export function t(key: MessageKey | string, params: Record<string, string | number> = {}): string {
	const text = isMessageKey(key) ? dictionaries[current][key] : key;
	return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function formatMinutes(total: number): string {
	const t0 = Math.max(0, Math.round(total));
	const h = Math.floor(t0 / 60);
	const m = t0 % 60;
	return h > 0 ? t('common.hoursMinutes', { h, m }) : t('common.minutes', { m });
}
