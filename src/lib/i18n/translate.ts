/**
 * Pure translation: a language, a key and its {name} placeholders. The screens use `t()` of
 * ./index.svelte.ts (the device's chosen language); the server uses this directly with the
 * language a device stored with its push subscription.
 */
import type { Threshold } from '$lib/domain/thresholds';
import { en, vi, type MessageKey } from './messages';

export type Lang = 'vi' | 'en';
export const isLang = (v: unknown): v is Lang => v === 'vi' || v === 'en';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

export function isMessageKey(key: string): key is MessageKey {
	return key in vi;
}

/** Translate a key, filling {name} placeholders. Unknown keys are returned as they are. */
export function translate(
	lang: Lang,
	key: MessageKey | string,
	params: Record<string, string | number> = {}
): string {
	const text = isMessageKey(key) ? dictionaries[lang][key] : key;
	return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function minutesText(lang: Lang, total: number): string {
	const t0 = Math.max(0, Math.round(total));
	const h = Math.floor(t0 / 60);
	const m = t0 % 60;
	return h > 0
		? translate(lang, 'common.hoursMinutes', { h, m })
		: translate(lang, 'common.minutes', { m });
}

/**
 * Title, body and action buttons of a meeting-timer notification, the same on the device (local
 * notification) and from the server (Web Push). `remainingMinutes`: time left before the limit
 * (used by the warning).
 */
export function thresholdNotification(
	lang: Lang,
	threshold: Pick<Threshold, 'kind' | 'overtimeMinutes'>,
	meetingTitle: string,
	limitMinutes: number,
	remainingMinutes: number
): { title: string; body: string; actions: { action: string; title: string }[] } {
	const tr = (key: MessageKey, params: Record<string, string | number> = {}) =>
		translate(lang, key, params);
	const limit = minutesText(lang, limitMinutes);
	const actions = [
		{ action: 'open', title: tr('meetingrun.action.open') },
		{ action: 'end-sitting', title: tr('meetingrun.action.endSitting') }
	];
	if (threshold.kind === 'warning') {
		const d = minutesText(lang, Math.max(0, remainingMinutes));
		return {
			title: tr('meetingrun.n.warning.title', { title: meetingTitle }),
			body: tr('meetingrun.n.warning.body', { d, limit }),
			actions
		};
	}
	if (threshold.kind === 'limit')
		return {
			title: tr('meetingrun.n.limit.title', { title: meetingTitle }),
			body: tr('meetingrun.n.limit.body', { limit }),
			actions
		};
	const d = minutesText(lang, threshold.overtimeMinutes);
	return {
		title: tr('meetingrun.n.overtime.title', { title: meetingTitle, d }),
		body: tr('meetingrun.n.overtime.body', { d, limit }),
		actions
	};
}
