/// <reference lib="webworker" />
/**
 * Web Push from the server (the background path when the app is closed): show the threshold
 * notification with the same tag as the local one, so they replace each other.
 */
export interface PushPayload {
	title: string;
	body: string;
	meetingId: string;
	/** 'warning' | 'limit' | 'overtime' (shown the same way). */
	kind?: string;
	actions?: { action: string; title: string }[];
}

export function notificationOptions(p: PushPayload): NotificationOptions {
	// vibrate/renotify/actions exist for service-worker notifications but not in every lib.d.ts.
	return {
		body: p.body,
		tag: `meeting-${p.meetingId}`,
		renotify: true,
		vibrate: [300, 100, 300],
		icon: '/icons/icon-192.png',
		badge: '/icons/icon-192.png',
		data: { meetingId: p.meetingId, url: `/meetings/${p.meetingId}` },
		// The server writes the button titles in the device's language (src/lib/i18n/translate.ts).
		actions: p.actions ?? []
	} as NotificationOptions;
}

export function parsePayload(text: string | null): PushPayload | null {
	if (!text) return null;
	try {
		const p = JSON.parse(text) as Partial<PushPayload>;
		if (typeof p.title !== 'string' || typeof p.meetingId !== 'string') return null;
		return {
			title: p.title,
			body: typeof p.body === 'string' ? p.body : '',
			meetingId: p.meetingId,
			kind: p.kind,
			actions: Array.isArray(p.actions) ? p.actions : undefined
		};
	} catch {
		return null;
	}
}

export function setupPush(sw: ServiceWorkerGlobalScope): void {
	sw.addEventListener('push', (event) => {
		const payload = parsePayload(event.data ? event.data.text() : null);
		if (!payload) return;
		event.waitUntil(sw.registration.showNotification(payload.title, notificationOptions(payload)));
	});
}
