import { describe, expect, it } from 'vitest';
import { clientAddress, trustedHops } from './client-address';

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
