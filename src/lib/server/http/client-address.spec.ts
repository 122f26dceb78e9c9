import { describe, expect, it } from 'vitest';
import { addressLimitKey, clientAddress, trustedHops } from './client-address';

const xff = (value: string) => new Headers({ 'x-forwarded-for': value });

describe('client address', () => {
	it('ignores X-Forwarded-For unless TRUST_PROXY is set', () => {
		expect(trustedHops(undefined)).toBe(0);
		expect(trustedHops('false')).toBe(0);
		expect(clientAddress(xff('1.2.3.4'), '10.0.0.9', 0)).toBe('10.0.0.9');
	});

	it('with N trusted proxies takes the N-th address from the right, never a forged left one', () => {
		expect(trustedHops('true')).toBe(1);
		expect(trustedHops('2')).toBe(2);
		// The client forged "6.6.6.6"; the proxy appended the real peer 203.0.113.5.
		expect(clientAddress(xff('6.6.6.6, 203.0.113.5'), '127.0.0.1', 1)).toBe('203.0.113.5');
		expect(clientAddress(xff('6.6.6.6, 203.0.113.5, 10.0.0.2'), '127.0.0.1', 2)).toBe(
			'203.0.113.5'
		);
		expect(clientAddress(xff('2001:db8::1'), '127.0.0.1', 1)).toBe('2001:db8::1');
	});

	it('falls back to the socket address when the header is missing, short or not an address', () => {
		expect(clientAddress(new Headers(), '127.0.0.1', 1)).toBe('127.0.0.1');
		expect(clientAddress(xff('203.0.113.5'), '127.0.0.1', 2)).toBe('127.0.0.1');
		expect(clientAddress(xff('not-an-ip'), '127.0.0.1', 1)).toBe('127.0.0.1');
	});

	it('refuses a TRUST_PROXY value it cannot read', () => {
		expect(() => trustedHops('yes')).toThrow('TRUST_PROXY');
	});
});

describe('addressLimitKey: the address a limit counts', () => {
	it('keys an IPv6 address by its /64, whatever its host part or spelling', () => {
		const key = addressLimitKey('2001:db8:0:1:aaaa:bbbb:cccc:dddd');
		expect(key).toBe('2001:db8:0:1::/64');
		for (const same of [
			'2001:db8:0:1::1',
			'2001:0DB8:0000:0001:0:0:0:2',
			'2001:db8::1:ffff:0:0:7',
			'2001:db8:0:1::1.2.3.4',
			'2001:db8:0:1:1::%eth0'
		])
			expect(addressLimitKey(same)).toBe(key);
		expect(addressLimitKey('2001:db8:0:2::1')).toBe('2001:db8:0:2::/64');
		expect(addressLimitKey('::1')).toBe('0:0:0:0::/64');
		expect(addressLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
	});

	it('keys IPv4 as itself, also IPv4-mapped IPv6 in either spelling', () => {
		expect(addressLimitKey('203.0.113.5')).toBe('203.0.113.5');
		expect(addressLimitKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
		expect(addressLimitKey('::FFFF:cb00:7105')).toBe('203.0.113.5');
		expect(addressLimitKey('0:0:0:0:0:ffff:7f00:1')).toBe('127.0.0.1');
		// Two IPv4 clients stay two keys.
		expect(addressLimitKey('203.0.113.6')).not.toBe(addressLimitKey('203.0.113.5'));
	});

	it('keeps what is not an address as it is', () => {
		expect(addressLimitKey('unknown')).toBe('unknown');
		expect(addressLimitKey('')).toBe('');
	});
});
