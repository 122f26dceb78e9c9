// @ts-check
/**
 * adapter-node serves the prerendered shell (/) and every static file (JS, CSS, icons, sw.js)
 * itself, before SvelteKit's `handle` runs, and has no option for response headers. This wraps
 * the adapter: after it has written the build, its entry `index.js` becomes `index-kit.js`, and a
 * new `index.js` starts it and puts a first 'request' listener on its HTTP server that sets the
 * security headers (src/lib/server/http/security-headers.js) on every response before polka,
 * sirv or SvelteKit write anything. Headers they set themselves (the pages' full CSP from
 * kit.csp) take precedence. `node build` and every adapter-node variable work as before.
 * A custom server that imports build/handler.js must set these headers itself.
 */
import fs from 'node:fs';
import path from 'node:path';

const HEADERS_MODULE = 'src/lib/server/http/security-headers.js';

const ENTRY = `// Written by scripts/adapter-security-headers.js: security headers on every response.
import process from 'node:process';
import { server } from './index-kit.js';
import { securityHeaders } from './security-headers.js';

const headers = Object.entries(securityHeaders(process.env.ORIGIN));
if (!server?.server) throw new Error('security headers: adapter-node did not export its server');
server.server.prependListener('request', (_req, res) => {
	for (const [name, value] of headers) res.setHeader(name, value);
});

export * from './index-kit.js';
`;

/**
 * @param {import('@sveltejs/kit').Adapter} inner adapter-node
 * @param {{ out?: string }} [opts] the same `out` as given to adapter-node
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withSecurityHeaders(inner, { out = 'build' } = {}) {
	return {
		...inner,
		name: `${inner.name}+security-headers`,
		async adapt(builder) {
			await inner.adapt(builder);
			const entry = path.join(out, 'index.js');
			if (!/export \{[^}]*\bserver\b[^}]*\}/.test(fs.readFileSync(entry, 'utf8')))
				throw new Error('adapter-security-headers: adapter-node index.js does not export server');
			fs.renameSync(entry, path.join(out, 'index-kit.js'));
			fs.copyFileSync(HEADERS_MODULE, path.join(out, 'security-headers.js'));
			fs.writeFileSync(entry, ENTRY);
			builder.log.minor('Security headers set on every response (index.js)');
		}
	};
}
