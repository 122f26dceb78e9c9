import { describe, expect, it } from 'vitest';
import { barItemsFor, currentBarItem, moreItemsFor } from './destinations';

const hrefs = (items: readonly { href: string }[]) => items.map((i) => i.href);

describe('destinations by role', () => {
	it('gives a province account its own bar: no commune registers', () => {
		expect(hrefs(barItemsFor('province_admin'))).toEqual(['/province', '/users', '/more']);
		expect(hrefs(barItemsFor('province_monitor'))).toEqual(['/province', '/more']);
		expect(hrefs(barItemsFor('staff'))).toEqual([
			'/meetings',
			'/documents',
			'/dashboard',
			'/reports',
			'/more'
		]);
		expect(hrefs(barItemsFor(null))).toContain('/meetings');
		const bar = barItemsFor('province_admin');
		expect(currentBarItem('/users', bar)?.href).toBe('/users');
		expect(currentBarItem('/password', bar)?.href).toBe('/more');
	});

	it('lists on /more what the role can use', () => {
		expect(hrefs(moreItemsFor('province_monitor'))).toEqual(['/province', '/login']);
		expect(hrefs(moreItemsFor('province_admin'))).toEqual(['/province', '/users', '/login']);
		const admin = hrefs(moreItemsFor('admin'));
		expect(admin).toContain('/users');
		expect(admin).toContain('/settings');
		expect(admin).not.toContain('/province');
		expect(hrefs(moreItemsFor('staff'))).not.toContain('/users');
	});
});

describe('the account line on /more (clerk review 19)', () => {
	it('offers sign-in to a phone without an account, the account and sign-out to one with', () => {
		const login = (role: string | null) => moreItemsFor(role).find((i) => i.href === '/login');
		expect(login(null)).toMatchObject({ label: 'nav.login', hint: 'more.login' });
		expect(login('admin')).toMatchObject({ label: 'more.account', hint: 'more.accountHint' });
		expect(login('province_monitor')?.label).toBe('more.account');
	});
});
