import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { loadHeldScope, saveHeldScope } from './held-scope';

const user = (over: Partial<PublicUser>): PublicUser => ({
	id: 'u1',
	username: 'staff1',
	displayName: 'Cán bộ',
	role: 'staff',
	communeId: 'default',
	unitCode: 'VP',
	mustChangePassword: false,
	...over
});

beforeEach(() => {
	const items = new Map<string, string>();
	vi.stubGlobal('localStorage', {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		removeItem: (k: string) => void items.delete(k)
	});
});
afterEach(() => vi.unstubAllGlobals());

describe('held scope: whose records the device holds', () => {
	it('is none until an account syncs, then that account’s role and unit, replaced by the next', () => {
		expect(loadHeldScope()).toBeNull();
		saveHeldScope(user({}));
		expect(loadHeldScope()).toEqual({ id: 'u1', role: 'staff', unitCode: 'VP' });
		saveHeldScope(user({ id: 'a1', role: 'admin', unitCode: null }));
		expect(loadHeldScope()).toEqual({ id: 'a1', role: 'admin', unitCode: null });
	});

	it('keeps nothing for a province account (it pulls no records) and ignores a damaged entry', () => {
		saveHeldScope(user({ role: 'province_admin', unitCode: null, communeId: null }));
		expect(loadHeldScope()).toBeNull();
		localStorage.setItem('so-hop-534.held-scope', '{"id":"x","role":"province_admin"}');
		expect(loadHeldScope()).toBeNull();
		localStorage.setItem('so-hop-534.held-scope', 'not json');
		expect(loadHeldScope()).toBeNull();
	});
});
