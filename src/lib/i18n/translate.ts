/**
 * Pure translation: a language, a key and its {name} placeholders. The screens use `t()` of
 * ./index.svelte.ts (the device's chosen language); the server uses this directly with the
 * language a device stored with its push subscription.
 */
import type { MessageKey } from './messages';

export type Lang = 'vi' | 'en';
export const isLang = (v: unknown): v is Lang => v === 'vi' || v === 'en';
export type Dictionary = Record<MessageKey, string>;

/**
 * The dictionaries in memory. The browser loads only the chosen language's texts, feature module
 * by feature module (./load.ts); the server and the unit tests install both whole (./all.ts).
 */
const dictionaries: Partial<Record<Lang, Dictionary>> = {};

/** Adds texts (a feature module's, or all) to a language's dictionary. */
export function installDictionary(lang: Lang, texts: Partial<Dictionary>): void {
	dictionaries[lang] = Object.assign(dictionaries[lang] ?? ({} as Dictionary), texts);
}

/** Both languages have the same keys (English is typed against Vietnamese): any loaded one answers. */
export function isMessageKey(key: string): key is MessageKey {
	const any = dictionaries.vi ?? dictionaries.en;
	return any !== undefined && key in any;
}

/** Translate a key, filling {name} placeholders. Unknown keys are returned as they are. */
export function translate(
	lang: Lang,
	key: MessageKey | string,
	params: Record<string, string | number> = {}
): string {
	const dictionary = dictionaries[lang] ?? dictionaries.vi ?? dictionaries.en;
	const text = dictionary && isMessageKey(key) ? dictionary[key] : key;
	return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function minutesText(lang: Lang, total: number): string {
	const t0 = Math.max(0, Math.round(total));
	const h = Math.floor(t0 / 60);
	const m = t0 % 60;
	if (h === 0) return translate(lang, 'common.minutes', { m });
	// '8 giờ', never '8 giờ 0 phút' (clerk review 16).
	return m === 0
		? translate(lang, 'common.hours', { h })
		: translate(lang, 'common.hoursMinutes', { h, m });
}
