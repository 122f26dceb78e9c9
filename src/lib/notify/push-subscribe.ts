/**
 * Subscribes this device for the server's Web Push (the background path when the app is closed).
 * This is a SECOND network boundary beside the sync client (src/lib/sync/client.ts): a small
 * fetch with the stored session's Bearer token. It fails quietly: offline, signed out or without
 * push support, the local notifications and the in-app banner still do the job.
 */
import { i18n } from '$lib/i18n/index.svelte';
import { loadSession } from '$lib/sync/session';

export function urlBase64ToBytes(base64url: string): Uint8Array<ArrayBuffer> {
	const pad = '='.repeat((4 - (base64url.length % 4)) % 4);
	const bin = atob((base64url + pad).replace(/-/g, '+').replace(/_/g, '/'));
	const out = new Uint8Array(new ArrayBuffer(bin.length));
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

function headers(): Record<string, string> {
	const h: Record<string, string> = { 'content-type': 'application/json' };
	const token = loadSession()?.token;
	if (token) h.authorization = `Bearer ${token}`;
	return h;
}

export async function subscribeForPush(): Promise<boolean> {
	try {
		if (!('serviceWorker' in navigator) || !('PushManager' in window)) return false;
		if (Notification.permission !== 'granted') return false;
		const reg = await navigator.serviceWorker.getRegistration();
		if (!reg) return false;
		const keyRes = await fetch('/api/push/vapid', { cache: 'no-store' });
		if (!keyRes.ok) return false;
		const { publicKey } = (await keyRes.json()) as { publicKey: string };
		const fresh = () =>
			reg.pushManager.subscribe({
				userVisibleOnly: true,
				applicationServerKey: urlBase64ToBytes(publicKey)
			});
		const send = (s: PushSubscription) =>
			fetch('/api/push/subscribe', {
				method: 'POST',
				headers: headers(),
				credentials: 'same-origin',
				body: JSON.stringify({ ...s.toJSON(), lang: i18n.lang })
			});
		let sub = (await reg.pushManager.getSubscription()) ?? (await fresh());
		let res = await send(sub);
		if (res.status === 409) {
			// This browser's subscription belongs to another account that used this device before:
			// the server never moves it, so make a new one (a new endpoint) for this account.
			await sub.unsubscribe();
			sub = await fresh();
			res = await send(sub);
		}
		return res.ok;
	} catch {
		return false;
	}
}

/**
 * Ends this browser's Web Push subscription at sign-out: the server forgets the endpoint (with the
 * leaving account's `token`) and the browser drops it, so the next person on the phone gets none
 * of the previous account's meeting alerts (they carry meeting titles). Quiet: offline, the
 * browser's own unsubscribe still stops every push, and the server drops a dead endpoint on its
 * next delivery (404/410).
 */
export async function unsubscribeFromPush(token: string | null): Promise<void> {
	try {
		if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		const reg = await navigator.serviceWorker.getRegistration();
		const sub = await reg?.pushManager?.getSubscription();
		if (!sub) return;
		if (token)
			await fetch('/api/push/subscribe', {
				method: 'DELETE',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
				credentials: 'same-origin',
				body: JSON.stringify({ endpoint: sub.endpoint })
			}).catch(() => undefined);
		await sub.unsubscribe();
	} catch {
		/* no push support or no registration: nothing was subscribed */
	}
}
