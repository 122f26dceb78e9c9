import { describe, expect, it } from 'vitest';
import { sessionCookie } from './request-auth';
import { securityHeaders, servedOverHttps } from './security-headers';

describe('security headers', () => {
	it('always: nosniff, no framing, a referrer policy; HSTS only for an https ORIGIN', () => {
		for (const origin of [undefined, '', 'http://192.168.1.10:3000']) {
			const h = securityHeaders(origin);
			expect(h['x-content-type-options']).toBe('nosniff');
			expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
			expect(h['x-frame-options']).toBe('DENY');
			expect(h['referrer-policy']).toBe('same-origin');
			expect(h).not.toHaveProperty('strict-transport-security');
		}
		expect(securityHeaders('https://sohop.xa-example.gov.vn')['strict-transport-security']).toBe(
			'max-age=31536000'
		);
	});

	it('https means an https ORIGIN, whatever the request URL says', () => {
		expect(servedOverHttps('https://a.example')).toBe(true);
		expect(servedOverHttps('HTTPS://A.EXAMPLE')).toBe(true);
		expect(servedOverHttps('http://a.example')).toBe(false);
		expect(servedOverHttps(undefined)).toBe(false);
		expect(servedOverHttps('')).toBe(false);
	});

	it('the session cookie is Secure only when served over https', () => {
		const plain = new Request('http://192.168.1.10:3000/api/auth/login');
		expect(sessionCookie(plain, 'tok', '')).not.toContain('Secure');
		expect(sessionCookie(plain, 'tok', 'http://192.168.1.10:3000')).not.toContain('Secure');
		expect(sessionCookie(plain, 'tok', 'https://sohop.example')).toMatch(/; Secure$/);
		expect(sessionCookie(plain, null, 'https://sohop.example')).toMatch(/Max-Age=0; Secure$/);
		// adapter-node makes request URLs https when ORIGIN is unset: that is not https.
		const https = sessionCookie(new Request('https://x.example/'), 'tok', '');
		expect(https).toContain('HttpOnly; SameSite=Strict');
		expect(https).not.toContain('Secure');
	});
});
