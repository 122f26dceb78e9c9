import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '$lib/domain/sync/protocol';
import { crossSiteRefusal, isCrossSiteForm } from './csrf';

const ORIGIN = 'https://so-hop.example';
const req = (method: string, headers: Record<string, string>) =>
	new Request(`${ORIGIN}/api/sync/push`, { method, headers, body: method === 'GET' ? null : '{}' });

describe('cross-site form submissions (found by npm run fuzz)', () => {
	it('refuses a text/plain POST from another origin under /api with the documented error body', async () => {
		const url = new URL(`${ORIGIN}/api/sync/push`);
		const res = crossSiteRefusal(
			req('POST', { 'content-type': 'text/plain', origin: 'https://evil.example' }),
			url,
			true
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
				expect(isCrossSiteForm(req(method, { 'content-type': type }), ORIGIN)).toBe(true);
	});

	it('lets same-origin forms, JSON bodies and reads through', () => {
		const url = new URL(`${ORIGIN}/api/sync/push`);
		expect(
			crossSiteRefusal(req('POST', { 'content-type': 'text/plain', origin: ORIGIN }), url, true)
		).toBeNull();
		expect(
			crossSiteRefusal(
				req('POST', { 'content-type': 'application/json', origin: 'https://evil.example' }),
				url,
				true
			)
		).toBeNull();
		expect(crossSiteRefusal(req('GET', { origin: 'https://evil.example' }), url, true)).toBeNull();
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
			false
		);
		expect(res?.status).toBe(403);
		expect(await res!.text()).toBe('Cross-site POST form submissions are forbidden');
	});
});
