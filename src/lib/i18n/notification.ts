/**
 * The meeting timer's notification texts, the same on the device (the run watcher's notifier,
 * mounted once all of the language's texts are in) and from the server (Web Push). Apart from
 * ./translate.ts, which the app shell imports: its keys (meetingrun.*) are no first screen's
 * (src/lib/i18n/shell-texts.spec.ts).
 */
import type { Threshold } from '$lib/domain/thresholds';
import type { MessageKey } from './messages';
import { minutesText, translate, type Lang } from './translate';

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
