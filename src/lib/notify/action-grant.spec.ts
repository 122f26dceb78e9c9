import { describe, expect, it } from 'vitest';
import { GRANT_CACHE, GRANT_KEEP_MS, grantAction, redeemAction } from './action-grant';

/** Cache Storage as the browser keeps it, in memory: named caches of URL -> response body. */
function memoryCaches(): CacheStorage & { entries(name: string): string[] } {
	const stores = new Map<string, Map<string, string>>();
	const keyOf = (r: RequestInfo | URL) =>
		typeof r === 'string' ? r : r instanceof URL ? r.href : r.url;
	const open = async (name: string) => {
		const m = stores.get(name) ?? new Map<string, string>();
		stores.set(name, m);
		return {
			put: async (r: RequestInfo | URL, res: Response) => void m.set(keyOf(r), await res.text()),
			match: async (r: RequestInfo | URL) => {
				const body = m.get(keyOf(r));
				return body === undefined ? undefined : new Response(body);
			},
			delete: async (r: RequestInfo | URL) => m.delete(keyOf(r)),
			keys: async () => [...m.keys()].map((u) => new Request(u))
		} as unknown as Cache;
	};
	return {
		open,
		entries: (name: string) => [...(stores.get(name)?.keys() ?? [])]
	} as unknown as CacheStorage & { entries(name: string): string[] };
}

const ORIGIN = 'https://xa.example.vn';
const T = Date.UTC(2026, 10, 20, 1);

describe('notification action grants', () => {
	it('a grant ends the sitting of its own meeting once; a second use, another meeting or a made-up token does nothing', async () => {
		const store = memoryCaches();
		const token = await grantAction(store, ORIGIN, 'm1', 'end-sitting', T);
		expect(token).toMatch(/^[0-9a-f-]{36}$/);
		expect(await redeemAction(store, ORIGIN, 'made-up', 'm1', 'end-sitting')).toBe(false);
		expect(await redeemAction(store, ORIGIN, '', 'm1', 'end-sitting')).toBe(false);
		expect(await redeemAction(store, ORIGIN, token, 'm1', 'end-sitting')).toBe(true);
		expect(await redeemAction(store, ORIGIN, token, 'm1', 'end-sitting')).toBe(false);

		const other = await grantAction(store, ORIGIN, 'm1', 'end-sitting', T);
		expect(await redeemAction(store, ORIGIN, other, 'm2', 'end-sitting')).toBe(false);
		// Used up even so: the right meeting cannot take it afterwards.
		expect(await redeemAction(store, ORIGIN, other, 'm1', 'end-sitting')).toBe(false);
		expect(store.entries(GRANT_CACHE)).toEqual([]);
	});

	it('grants never used are dropped at a later tap; no Cache Storage means no action', async () => {
		const store = memoryCaches();
		const stale = await grantAction(store, ORIGIN, 'm1', 'end-sitting', T);
		const recent = await grantAction(store, ORIGIN, 'm2', 'end-sitting', T + GRANT_KEEP_MS - 1);
		await grantAction(store, ORIGIN, 'm3', 'end-sitting', T + GRANT_KEEP_MS + 1);
		expect(store.entries(GRANT_CACHE)).toHaveLength(2);
		expect(await redeemAction(store, ORIGIN, stale, 'm1', 'end-sitting')).toBe(false);
		expect(await redeemAction(store, ORIGIN, recent, 'm2', 'end-sitting')).toBe(true);
		expect(await redeemAction(undefined, ORIGIN, recent, 'm2', 'end-sitting')).toBe(false);
	});
});
