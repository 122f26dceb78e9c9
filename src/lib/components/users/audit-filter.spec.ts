import { describe, expect, it } from 'vitest';
import { filterKey, filterOf, withCommune, withFilter } from './audit-filter';

describe('an audit log filter in the address', () => {
	it('reads a kind of action and an actor, and none', () => {
		expect(filterOf(new URLSearchParams('group=accounts&actor=u-1&commune=xa-b'))).toEqual({
			group: 'accounts',
			actor: 'u-1'
		});
		expect(filterOf(new URLSearchParams(''))).toEqual({});
	});

	it('refuses a value the server would refuse', () => {
		for (const q of ['group=bogus', 'group=', 'actor=', 'actor=a%00b', `actor=${'x'.repeat(65)}`])
			expect(filterOf(new URLSearchParams(q)), q).toBeNull();
	});

	it('writes a filter in place of the old one, keeping the commune and dropping a cursor', () => {
		const p = new URLSearchParams('commune=xa-b&group=settings&actor=u-1&cursor=9');
		expect(withFilter(p, { group: 'accounts' })).toBe('?commune=xa-b&group=accounts');
		expect(withFilter(new URLSearchParams('group=x'), {})).toBe('?');
		expect(withFilter(new URLSearchParams(''), { actor: 'a b' })).toBe('?actor=a+b');
		expect(filterKey({ group: 'accounts' })).not.toBe(filterKey({ actor: 'accounts' }));
		expect(filterKey(null)).not.toBe(filterKey({}));
	});

	it('keeps the filter when the province admin picks another commune', () => {
		const p = new URLSearchParams('commune=xa-b&group=accounts');
		expect(withCommune(p, 'xa-c')).toBe('?commune=xa-c&group=accounts');
		expect(withCommune(p, '')).toBe('?group=accounts');
		expect(withCommune(new URLSearchParams('commune=xa-b'), '')).toBe('?');
	});
});
