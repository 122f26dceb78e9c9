/**
 * An /api route reached through a percent-encoded path (`/%61pi/…`: SvelteKit matches routes on
 * the decoded path) gets exactly the API treatment of the plain path: its session is resolved,
 * the must-change-password gate applies, errors are the API's JSON (attacker review, finding 7).
 * Against the built server: the routing under test is SvelteKit's own.
 */
import { expect, test, type APIResponse } from '@playwright/test';
import { ADMIN_PASSWORD, apiLogin, createAccount } from './sync-support';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const codeOf = async (r: APIResponse) =>
	((await r.json()) as { error: { code: string } }).error.code;

test('an encoded /api path is judged as the route it reaches', async ({ request, baseURL }) => {
	const base = baseURL!;
	const health = await request.get('/%61pi/health');
	expect(health.status()).toBe(200);
	expect(((await health.json()) as { ok: boolean }).ok).toBe(true);

	// A valid Bearer token is honoured on every spelling of the path (before: 401 on /%61pi/…).
	const staff = await createAccount(request, base, 'staff', 'VP', 'enc');
	let id = '';
	for (const path of ['/api/auth/me', '/%61pi/auth/me', '/api/auth/%6De', '/%61%70%69/auth/me']) {
		const r = await request.get(path, { headers: bearer(staff.token) });
		expect(r.status(), path).toBe(200);
		const { user } = (await r.json()) as { user: { id: string; username: string } };
		expect(user.username, path).toBe(staff.username);
		id = user.id;
	}

	// After an admin's reset the account must change its password first: refused on every
	// spelling of a gated route, let through on every spelling of an allowed one.
	const admin = await apiLogin(request, base, 'admin', ADMIN_PASSWORD);
	const reset = await request.post(`/api/users/${id}/password`, {
		headers: bearer(admin),
		data: { password: 'Reset-pass-456 enc' }
	});
	expect(reset.status(), await reset.text()).toBe(200);
	const token = await apiLogin(request, base, staff.username, 'Reset-pass-456 enc');
	for (const path of ['/api/sync/pull', '/%61pi/sync/pull', '/api/sync/%70ull']) {
		const r = await request.post(path, {
			headers: bearer(token),
			data: { version: 1, cursor: 0, limit: 10 }
		});
		expect(r.status(), path).toBe(403);
		expect(await codeOf(r), path).toBe('password_change_required');
	}
	for (const path of ['/api/auth/me', '/%61pi/auth/me', '/api/auth/%6De']) {
		const r = await request.get(path, { headers: bearer(token) });
		expect(r.status(), path).toBe(200);
	}

	// The API's JSON errors: a wrong method (405 with Allow) and a cross-site form (403).
	for (const path of ['/api/health', '/%61pi/health']) {
		const r = await request.delete(path);
		expect(r.status(), path).toBe(405);
		expect(r.headers()['content-type'], path).toMatch(/^application\/json/);
		expect(await codeOf(r), path).toBe('method_not_allowed');
	}
	for (const path of ['/api/auth/login', '/%61pi/auth/login']) {
		const r = await request.post(path, {
			headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
			data: 'username=admin'
		});
		expect(r.status(), path).toBe(403);
		expect(await codeOf(r), path).toBe('forbidden');
	}
	// A body-less POST (no Content-Type: sendBeacon from another host of the site) is refused too,
	// and the session it aimed at lives on.
	const beacon = await request.post('/api/auth/logout', {
		headers: { ...bearer(token), origin: 'https://other.example' }
	});
	expect(beacon.status()).toBe(403);
	expect(await codeOf(beacon)).toBe('forbidden');
	expect((await request.get('/api/auth/me', { headers: bearer(token) })).status()).toBe(200);
});

test('an /api path that cannot be decoded gets the API’s JSON error, a page path the app’s page', async ({
	request
}) => {
	// SvelteKit matches no route for it; it was answered with the HTML error page (attacker review r19).
	for (const path of ['/api/users/%ZZ', '/%61pi/users/%ZZ', '/api/sync/%E0%A4%A']) {
		const r = await request.get(path);
		expect(r.status(), path).toBe(400);
		expect(r.headers()['content-type'], path).toMatch(/^application\/json/);
		expect(await codeOf(r), path).toBe('invalid_request');
		expect(r.headers()['x-content-type-options'], path).toBe('nosniff');
	}
	const page = await request.get('/meetings/%ZZ');
	expect(page.status()).toBe(400);
	expect(page.headers()['content-type']).toMatch(/^text\/html/);
});
