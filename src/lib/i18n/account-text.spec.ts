import { describe, expect, it } from 'vitest';
import { accountText } from './index.svelte';

describe('who is signed in, in words (clerk review 19)', () => {
	it('the user name, then the role; never the role twice', () => {
		expect(accountText({ username: 'admin', displayName: 'Quản trị', role: 'admin' })).toBe(
			'admin (Quản trị)'
		);
		expect(accountText({ username: 'admin', displayName: '', role: 'admin' })).toBe(
			'admin (Quản trị)'
		);
	});

	it('a person’s name beside the role', () => {
		expect(
			accountText({ username: 'vanthu.vp', displayName: 'Nguyễn Thị Hoa', role: 'staff' })
		).toBe('vanthu.vp (Nguyễn Thị Hoa, Cán bộ)');
	});
});
