import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '$lib/domain/sync/protocol';
import { crossSiteRefusal, isCrossSite } from './csrf';

const ORIGIN = 'https://so-hop.example';
const EVIL = 'https://evil.example';
/** Another host of the same site: its requests carry the SameSite=Strict cookie. */
const SIBLING = 'https://other.so-hop.example';
const url = new URL(`${ORIGIN}/api/sync/push`);
const req = (method: string, headers: Record<string, string>) =>
	new Request(url, { method, headers, body: method === 'GET' ? null : '{}' });
/** No body and no Content-Type, as `navigator.sendBeacon(url)` sends. */
const bare = (method: string, headers: Record<string, string>) =>
	new Request(url, { method, headers });

describe('cross-site requests (forms found by npm run fuzz; the rest by the attacker review r12)', () => {
	it('refuses a text/plain POST from another origin under /api with the documented error body', async () => {
		const res = crossSiteRefusal(
			req('POST', { 'content-type': 'text/plain', origin: 'https://evil.example' }),
			url,
			true,
			ORIGIN
		);
		expect(res?.status).toBe(403);
		expect(res?.headers.get('content-type')).toMatch(/^application\/json/);
		const body = errorBodySchema.parse(await res!.json());
		expect(body.error.code).toBe('forbidden');
	});

	it('refuses every form content type and unsafe method without an origin header too', () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'TEXT/PLAIN; charset=utf-8'
		])
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
				expect(isCrossSite(req(method, { 'content-type': type }), url, ORIGIN)).toBe(true);
	});

	it('lets same-origin requests, reads and clients naming no origin through', () => {
		expect(
			crossSiteRefusal(
				req('POST', { 'content-type': 'text/plain', origin: ORIGIN }),
				url,
				true,
				ORIGIN
			)
		).toBeNull();
		// What the app's sync client and its pages send (fetch from the same origin).
		expect(
			isCrossSite(
				req('POST', {
					'content-type': 'application/json',
					origin: ORIGIN,
					'sec-fetch-site': 'same-origin'
				}),
				url,
				ORIGIN
			)
		).toBe(false);
		// A native client or curl: no Origin, no Sec-Fetch-Site.
		expect(isCrossSite(req('POST', { 'content-type': 'application/json' }), url, ORIGIN)).toBe(
			false
		);
		expect(isCrossSite(bare('POST', {}), url, ORIGIN)).toBe(false);
		expect(
			isCrossSite(req('GET', { origin: EVIL, 'sec-fetch-site': 'cross-site' }), url, ORIGIN)
		).toBe(false);
	});

	it('refuses an unsafe request from another origin whatever its content type, or none (sendBeacon from a sibling host)', async () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			// No Content-Type at all: a body-less POST /api/auth/logout signed users out.
			expect(isCrossSite(bare(method, { origin: SIBLING }), url, ORIGIN)).toBe(true);
			expect(
				isCrossSite(req(method, { 'content-type': 'application/json', origin: EVIL }), url, ORIGIN)
			).toBe(true);
			expect(isCrossSite(req(method, { origin: 'null' }), url, ORIGIN)).toBe(true);
		}
		const res = crossSiteRefusal(bare('POST', { origin: SIBLING }), url, true, ORIGIN);
		expect(res?.status).toBe(403);
		expect(errorBodySchema.parse(await res!.json()).error.code).toBe('forbidden');
	});

	it('believes the browser’s Sec-Fetch-Site: same-site and cross-site are refused, Origin or not', () => {
		for (const site of ['same-site', 'cross-site'])
			expect(isCrossSite(bare('POST', { 'sec-fetch-site': site }), url, ORIGIN)).toBe(true);
		expect(
			isCrossSite(bare('POST', { 'sec-fetch-site': 'same-origin', origin: ORIGIN }), url, ORIGIN)
		).toBe(false);
	});

	it('without ORIGIN (adapter-node makes the URL https) the host decides, not the scheme', () => {
		const lan = new URL('https://192.168.1.10:3000/api/auth/logout');
		const at = (origin: string) =>
			isCrossSite(
				new Request(lan, {
					method: 'POST',
					headers: { origin, 'content-type': 'application/json' },
					body: '{}'
				}),
				lan,
				undefined
			);
		expect(at('http://192.168.1.10:3000')).toBe(false);
		expect(at('https://192.168.1.10:3000')).toBe(false);
		expect(at('http://192.168.1.10:3001')).toBe(true);
		expect(at('http://192.168.1.11:3000')).toBe(true);
		expect(at('null')).toBe(true);
		// With ORIGIN set, only that exact origin.
		expect(isCrossSite(req('POST', { origin: 'http://so-hop.example' }), url, ORIGIN)).toBe(true);
	});

	it('keeps the plain-text refusal outside /api', async () => {
		const res = crossSiteRefusal(
			new Request(`${ORIGIN}/login`, {
				method: 'POST',
				headers: {
					'content-type': 'multipart/form-data; boundary=x',
					origin: 'https://evil.example'
				},
				body: ''
			}),
			new URL(`${ORIGIN}/login`),
			false,
			ORIGIN
		);
		expect(res?.status).toBe(403);
		expect(await res!.text()).toBe('Cross-site POST requests are forbidden');
	});
});
