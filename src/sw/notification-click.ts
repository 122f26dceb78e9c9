/// <reference lib="webworker" />
/**
 * A tap on a meeting notification opens (or focuses) the meeting. Its "end the sitting" action
 * opens it with `?do=end-sitting&grant=…`: the service worker first records a one-time grant
 * ($lib/notify/action-grant), and the page ends the sitting through its validated write path only
 * when the grant is there, so a link from elsewhere with the same address ends nothing.
 */
import { grantAction } from '$lib/notify/action-grant';

const meetingIdOf = (data: unknown): string | null =>
	data &&
	typeof data === 'object' &&
	typeof (data as { meetingId?: unknown }).meetingId === 'string'
		? (data as { meetingId: string }).meetingId
		: null;

/** Where a tap leads: the meeting, with the end-sitting request when the action has its grant. */
export function targetUrl(data: unknown, action: string, grant?: string): string {
	const id = meetingIdOf(data);
	if (!id) return '/meetings';
	const base = `/meetings/${encodeURIComponent(id)}`;
	return action === 'end-sitting' && grant
		? `${base}?do=end-sitting&grant=${encodeURIComponent(grant)}`
		: base;
}

export function setupNotificationClick(sw: ServiceWorkerGlobalScope): void {
	sw.addEventListener('notificationclick', (event) => {
		event.notification.close();
		const data: unknown = event.notification.data;
		const action = event.action;
		event.waitUntil(
			(async () => {
				const id = meetingIdOf(data);
				// No grant (Cache Storage refused it): the meeting opens, its button ends the sitting.
				const grant =
					action === 'end-sitting' && id
						? await grantAction(sw.caches, sw.location.origin, id, 'end-sitting', Date.now()).catch(
								() => undefined
							)
						: undefined;
				const url = targetUrl(data, action, grant);
				const all = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
				const client = all[0];
				if (client) {
					// Navigated first: focus() is allowed only while a real tap is being handled, and
					// a refusal leaves the app on the meeting all the same.
					const shown = (await client.navigate(url)) ?? client;
					await shown.focus().catch(() => undefined);
					return;
				}
				await sw.clients.openWindow(url);
			})()
		);
	});
}
