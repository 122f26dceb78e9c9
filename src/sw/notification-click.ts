/// <reference lib="webworker" />
/**
 * A tap on a meeting notification opens (or focuses) the meeting; the "end the sitting" action
 * opens it with ?do=end-sitting and the page ends the sitting through its validated write path.
 */
export function targetUrl(data: unknown, action: string): string {
	const id =
		data &&
		typeof data === 'object' &&
		typeof (data as { meetingId?: unknown }).meetingId === 'string'
			? (data as { meetingId: string }).meetingId
			: null;
	if (!id) return '/meetings';
	const base = `/meetings/${encodeURIComponent(id)}`;
	return action === 'end-sitting' ? `${base}?do=end-sitting` : base;
}

export function setupNotificationClick(sw: ServiceWorkerGlobalScope): void {
	sw.addEventListener('notificationclick', (event) => {
		event.notification.close();
		const url = targetUrl(event.notification.data, event.action);
		event.waitUntil(
			(async () => {
				const all = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
				const client = all[0];
				if (client) {
					await client.focus();
					await client.navigate(url);
					return;
				}
				await sw.clients.openWindow(url);
			})()
		);
	});
}
