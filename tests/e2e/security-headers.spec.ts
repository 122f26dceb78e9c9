import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { OwnServer } from './own-server';
import { openApp, openReady } from './support';
import { ADMIN_PASSWORD, freePort } from './sync-support';

/** The directives of a CSP text, by name. */
function directives(csp: string): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const part of csp.split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) out.set(name.toLowerCase(), values);
	}
	return out;
}

function expectBaseHeaders(res: APIResponse, what: string): Map<string, string[]> {
	const h = res.headers();
	expect(res.status(), what).toBe(200);
	expect(h['x-content-type-options'], what).toBe('nosniff');
	expect(h['referrer-policy'], what).toBe('same-origin');
	expect(h['x-frame-options'], what).toBe('DENY');
	// The e2e server runs over plain http without ORIGIN: no HSTS.
	expect(h['strict-transport-security'], what).toBeUndefined();
	const csp = directives(h['content-security-policy'] ?? '');
	expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
	return csp;
}

/** Scripts only from this origin or by hash: never inline or eval. */
function expectStrictScripts(csp: Map<string, string[]>, what: string): void {
	const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
	expect(scripts, what).toContain("'self'");
	expect(scripts.join(' '), what).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|https?:/);
	expect(csp.get('object-src'), what).toEqual(["'none'"]);
}

test('security headers on the prerendered shell, a page, the API and static files', async ({
	request
}) => {
	// The prerendered shell (/), served by adapter-node's static handler: the full policy is a
	// <meta> with the hash of SvelteKit's inline start-up script; frame-ancestors is the header.
	const shell = await request.get('/');
	expectBaseHeaders(shell, '/');
	const html = await shell.text();
	const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html);
	expect(meta, 'CSP <meta> in the shell').not.toBeNull();
	const shellCsp = directives(meta![1]!);
	expectStrictScripts(shellCsp, '/ meta');
	expect(shellCsp.get('script-src')!.some((v) => v.startsWith("'sha256-"))).toBe(true);
	// Every inline script of the shell is covered by a hash (no 'unsafe-inline' to fall back on).
	expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)?.length ?? 0).toBeGreaterThan(0);

	// A page SvelteKit renders: the full policy as a header, frame-ancestors included.
	const meetings = await request.get('/meetings');
	const pageCsp = expectBaseHeaders(meetings, '/meetings');
	expectStrictScripts(pageCsp, '/meetings');
	expect(pageCsp.get('connect-src')).toEqual(["'self'"]);

	expectBaseHeaders(await request.get('/api/health'), '/api/health');

	// Static files: an immutable script of the shell, the service worker and an icon.
	const script = /<link[^>]+href="(\/_app\/immutable\/[^"]+\.js)"/.exec(html)?.[1];
	expect(script).toBeDefined();
	for (const asset of [script!, '/sw.js', '/favicon.svg', '/manifest.webmanifest']) {
		expectBaseHeaders(await request.get(asset), asset);
	}

	// Over plain http the session cookie is not Secure (it would never be sent back).
	const login = await request.post('/api/auth/login', {
		data: { username: 'admin', password: ADMIN_PASSWORD }
	});
	expect(login.status()).toBe(200);
	const cookie = login.headers()['set-cookie'] ?? '';
	expect(cookie).toMatch(/^session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
	expect(cookie).not.toMatch(/Secure/);
	// The browser sends it back and it is a session (the name a browser takes over http).
	expect((await request.get('/api/auth/me')).status()).toBe(200);
});

test('a wrong method on an /api route answers 405 in the JSON error shape, with Allow', async ({
	request
}) => {
	for (const [method, path, allowed] of [
		['GET', '/api/sync/push', 'POST'],
		['PUT', '/api/sync/pull', 'POST'],
		['DELETE', '/api/health', 'GET']
	] as const) {
		const res = await request.fetch(path, { method });
		expect(res.status(), `${method} ${path}`).toBe(405);
		expect(res.headers()['content-type'], path).toContain('application/json');
		expect(res.headers()['allow'], path).toContain(allowed);
		const body = (await res.json()) as { error: { code: string; message: string } };
		expect(body.error.code, path).toBe('method_not_allowed');
		expect(body.error.message, path).toContain(allowed);
	}
});

test('behind https (ORIGIN https://…): HSTS on every response and a Secure __Host-session cookie', async ({
	request
}) => {
	const server = new OwnServer(await freePort());
	await server.start({ ORIGIN: 'https://sohop.xa-example.gov.vn' });
	try {
		for (const path of ['/', '/meetings', '/api/health', '/favicon.svg']) {
			const res = await request.get(server.url + path);
			expect(res.headers()['strict-transport-security'], path).toBe('max-age=31536000');
			expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
		}
		const login = await request.post(`${server.url}/api/auth/login`, {
			data: { username: 'admin', password: ADMIN_PASSWORD }
		});
		expect(login.status()).toBe(200);
		// `__Host-`: Secure, Path=/, no Domain, so no other host of the site can set or shadow it.
		expect(login.headers()['set-cookie']).toMatch(
			/^__Host-session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; .*; Secure$/m
		);
		expect(login.headers()['set-cookie']).not.toMatch(/Domain/i);
	} finally {
		await server.kill();
	}
});

/** Collect CSP violations of every document the page loads (console and the DOM event). */
async function watchViolations(page: Page): Promise<string[]> {
	const seen: string[] = [];
	page.on('console', (m) => {
		if (
			/content security policy|refused to (load|execute|evaluate|apply|connect|frame)/i.test(
				m.text()
			)
		)
			seen.push(`console: ${m.text()}`);
	});
	await page.exposeFunction('__cspViolation', (v: string) => seen.push(`event: ${v}`));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { __cspViolation(v: string): void }).__cspViolation;
			report(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
		});
	});
	return seen;
}

test('no Content-Security-Policy violation across the main screens, charts and the shell the service worker serves', async ({
	page
}) => {
	const violations = await watchViolations(page);

	// The sample commune, so lists, forms, charts and reports have something to draw.
	await openApp(page, '/settings');
	await page.getByRole('button', { name: 'Dùng thử với dữ liệu mẫu' }).click();
	await expect(page.getByText(/Đã nạp dữ liệu mẫu/)).toBeVisible({ timeout: 30_000 });

	for (const path of [
		'/meetings',
		'/meetings/new',
		'/documents',
		'/documents/new',
		'/procedures',
		'/incoming',
		'/units',
		'/plans',
		'/import',
		'/login',
		'/users',
		'/settings'
	]) {
		await page.goto(path);
		await expect(page.locator('main h1').first(), path).toBeVisible();
	}
	for (const path of [
		'/dashboard?period=annual&year=2026&asOf=2026-12-20',
		'/reports?period=annual&year=2026&asOf=2026-12-20'
	]) {
		await openReady(page, path);
	}
	// Chart.js drew on its canvas (it loads lazily, as a script of this origin).
	await openReady(page, '/dashboard?period=annual&year=2026&asOf=2026-12-20&unit=VP');
	await expect(page.locator('canvas').first()).toBeAttached();
	// A meeting's own screen, reached through the list as a user would.
	await page.goto('/meetings');
	await page.locator('main a[href^="/meetings/"]:not([href="/meetings/new"])').first().click();
	await expect(page).toHaveURL(/\/meetings\/[^/]+$/);
	await expect(page.locator('main h1').first()).toBeVisible();

	expect(violations).toEqual([]);
});
