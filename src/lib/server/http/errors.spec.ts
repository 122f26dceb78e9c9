import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '$lib/domain/sync/protocol';
import { jsonMethodNotAllowed } from './errors';

describe('jsonMethodNotAllowed', () => {
	it("turns SvelteKit's plain-text 405 into the JSON error shape and keeps Allow", async () => {
		const kit = new Response('GET method not allowed', {
			status: 405,
			headers: { allow: 'POST', 'content-type': 'text/plain' }
		});
		const res = jsonMethodNotAllowed(kit, 'GET');
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('POST');
		expect(res.headers.get('content-type')).toContain('application/json');
		const body = errorBodySchema.parse(await res.json());
		expect(body.error.code).toBe('method_not_allowed');
		expect(body.error.message).toBe('GET is not allowed here; use POST');
	});

	it('leaves every other answer as it is', () => {
		const ok = new Response('{}', { status: 200 });
		expect(jsonMethodNotAllowed(ok, 'GET')).toBe(ok);
	});
});
