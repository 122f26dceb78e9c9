/**
 * The notification adapter: asks for permission when the user first starts a meeting (never
 * before), shows threshold notifications through the service worker registration (one tag per
 * meeting, so each replaces the last; vibration; open / end-sitting actions), and keeps the
 * in-app banner that does the job when notifications are refused or unavailable.
 */
import type { Meeting, Settings } from '$lib/domain/schemas';
import { i18n } from '$lib/i18n/index.svelte';
import { thresholdNotification } from '$lib/i18n/notification';
import { minutesText, translate } from '$lib/i18n/translate';
import { MINUTE_MS } from '$lib/domain/meeting';
import { dueThresholds, type Threshold } from '$lib/domain/thresholds';
import { loadNotified, markNotified } from './notified';

export type Permission = NotificationPermission | 'unsupported';

export interface Banner {
	meetingId: string;
	title: string;
	body: string;
	kind: Threshold['kind'];
	/** Kept so the words can follow the meeting's phase while the banner stays up. */
	meetingTitle: string;
	limitMinutes: number;
	atElapsedMs: number;
}

/**
 * The banner's words at the meeting's current time `elapsedMs`. A notification is worded for the
 * moment it fires; the banner stays up, so once overtime has started it no longer says "equal to
 * the limit": past the limit, it says the limit is used up, and after a full minute it gives the
 * overtime (a warning banner counts down the minutes left).
 */
export function bannerText(b: Banner, elapsedMs: number): Pick<Banner, 'title' | 'body' | 'kind'> {
	const limitMs = b.limitMinutes * MINUTE_MS;
	const elapsed = Math.max(elapsedMs, b.atElapsedMs);
	if (elapsed <= limitMs) {
		if (b.kind !== 'warning') return { title: b.title, body: b.body, kind: b.kind };
		const text = thresholdText(
			{ kind: 'warning', overtimeMinutes: 0 },
			b.meetingTitle,
			b.limitMinutes,
			elapsed
		);
		return { title: text.title, body: text.body, kind: 'warning' };
	}
	const overMinutes = Math.floor((elapsed - limitMs) / MINUTE_MS);
	if (overMinutes < 1) {
		const limit = thresholdText(
			{ kind: 'limit', overtimeMinutes: 0 },
			b.meetingTitle,
			b.limitMinutes,
			elapsed
		);
		return {
			title: limit.title,
			body: translate(i18n.lang, 'meetingrun.n.limitPassed.body', {
				limit: minutesText(i18n.lang, b.limitMinutes)
			}),
			kind: 'limit'
		};
	}
	const text = thresholdText(
		{ kind: 'overtime', overtimeMinutes: overMinutes },
		b.meetingTitle,
		b.limitMinutes,
		elapsed
	);
	return { title: text.title, body: text.body, kind: 'overtime' };
}

const supported = (): boolean =>
	typeof window !== 'undefined' && 'Notification' in window && 'serviceWorker' in navigator;

let permission = $state<Permission>(supported() ? Notification.permission : 'unsupported');
let banner = $state<Banner | null>(null);

export const notifier = {
	get permission(): Permission {
		return permission;
	},
	get banner(): Banner | null {
		return banner;
	},
	dismiss(): void {
		banner = null;
	}
};

/**
 * Call from the click that starts a meeting (a user gesture). Asks only while the browser has
 * no answer yet; returns the permission in force.
 */
export async function askPermissionOnStart(): Promise<Permission> {
	if (!supported()) return (permission = 'unsupported');
	if (Notification.permission === 'default') {
		try {
			permission = await Notification.requestPermission();
		} catch {
			permission = Notification.permission;
		}
	} else permission = Notification.permission;
	return permission;
}

export const notificationTag = (meetingId: string): string => `meeting-${meetingId}`;

/** Title, body and action buttons for a threshold, in the user's language. */
export function thresholdText(
	threshold: Pick<Threshold, 'kind' | 'overtimeMinutes'>,
	meetingTitle: string,
	limitMinutes: number,
	elapsedMs: number
): { title: string; body: string; actions: { action: string; title: string }[] } {
	const remaining = limitMinutes - elapsedMs / MINUTE_MS;
	return thresholdNotification(i18n.lang, threshold, meetingTitle, limitMinutes, remaining);
}

async function showSystemNotification(
	meetingId: string,
	{ title, body, actions }: ReturnType<typeof thresholdText>
) {
	if (!supported() || Notification.permission !== 'granted') return false;
	const reg = await navigator.serviceWorker.getRegistration();
	if (!reg) return false;
	// `vibrate`, `renotify` and `actions` are service-worker notification options (not in lib.dom).
	const options = {
		body,
		tag: notificationTag(meetingId),
		renotify: true,
		vibrate: [300, 100, 300],
		icon: '/icons/icon-192.png',
		badge: '/icons/icon-192.png',
		data: { meetingId, url: `/meetings/${meetingId}` },
		actions
	} as NotificationOptions;
	await reg.showNotification(title, options);
	return true;
}

/**
 * Notify whatever threshold a running meeting has passed and this device has not notified yet.
 * All passed thresholds are marked at once; only the latest is shown (after the app was closed
 * for an hour, one notification, not a burst).
 */
export async function checkMeeting(
	m: Pick<Meeting, 'id' | 'title' | 'status' | 'sittings' | 'category'>,
	settings: Pick<Settings, 'limits' | 'warningLeadMinutes'>,
	now: number
): Promise<Threshold | null> {
	if (m.status !== 'in_progress') return null;
	const limitMinutes = settings.limits[m.category];
	if (limitMinutes === null) return null;
	const input = {
		sittings: m.sittings,
		limitMinutes,
		warningLeadMinutes: settings.warningLeadMinutes,
		now
	};
	const r = dueThresholds(input, loadNotified(m.id));
	if (!r.show) return null;
	markNotified(
		m.id,
		r.due.map((d) => d.key)
	);
	const elapsed = r.show.atElapsedMs;
	const text = thresholdText(r.show, m.title, limitMinutes, elapsed);
	banner = {
		meetingId: m.id,
		title: text.title,
		body: text.body,
		kind: r.show.kind,
		meetingTitle: m.title,
		limitMinutes,
		atElapsedMs: elapsed
	};
	try {
		await showSystemNotification(m.id, text);
	} catch {
		// The in-app banner is already up.
	}
	return r.show;
}
