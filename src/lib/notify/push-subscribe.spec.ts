import { afterEach, describe, expect, it, vi } from 'vitest';
import { unsubscribeFromPush } from './push-subscribe';

afterEach(() => {
	vi.unstubAllGlobals();
});

/** A browser whose service worker holds a push subscription; what was called on it. */
function browserWithSubscription(fetchFails = false) {
	const calls: string[] = [];
	const sub = {
		endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
		unsubscribe: vi.fn(async () => {
			calls.push('browser unsubscribe');
			return true;
		})
	};
	vi.stubGlobal('navigator', {
		serviceWorker: {
			getRegistration: async () => ({ pushManager: { getSubscription: async () => sub } })
		}
	});
	vi.stubGlobal(
		'fetch',
		vi.fn(async (url: string, init: RequestInit) => {
			calls.push(`${init.method} ${url} ${String(init.body)} ${JSON.stringify(init.headers)}`);
			if (fetchFails) throw new TypeError('Failed to fetch');
			return new Response('{"ok":true}');
		})
	);
	return { calls, sub };
}

describe('unsubscribeFromPush (sign-out)', () => {
	it("tells the server to forget the endpoint with the leaving account's token, then drops it in the browser", async () => {
		const { calls } = browserWithSubscription();
		await unsubscribeFromPush('tok-a');
		expect(calls).toHaveLength(2);
		expect(calls[0]).toContain('DELETE /api/push/subscribe');
		expect(calls[0]).toContain('"endpoint":"https://fcm.googleapis.com/fcm/send/abc"');
		expect(calls[0]).toContain('Bearer tok-a');
		expect(calls[1]).toBe('browser unsubscribe');
	});

	it('offline, the browser still drops the subscription (no push reaches the phone)', async () => {
		const { calls } = browserWithSubscription(true);
		await unsubscribeFromPush('tok-a');
		expect(calls.at(-1)).toBe('browser unsubscribe');
	});

	it('with no push support it does nothing and never throws', async () => {
		vi.stubGlobal('navigator', {});
		await expect(unsubscribeFromPush('tok-a')).resolves.toBeUndefined();
	});
});
