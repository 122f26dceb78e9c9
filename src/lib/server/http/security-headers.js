// @ts-check
/**
 * The security headers of every response, in one plain-JS module so that both the SvelteKit
 * hook (hooks.server.ts, for what SvelteKit renders) and the server wrapper that
 * svelte.config.js writes around adapter-node's handler (for the prerendered shell and static
 * files, which adapter-node serves without passing through `handle`) use the same values.
 *
 * The pages' full Content-Security-Policy comes from `kit.csp` in svelte.config.js (a header on
 * pages SvelteKit renders, a <meta> in the prerendered shell with the hashes of its inline
 * script). The policy here is the part a <meta> cannot carry (frame-ancestors) plus what is
 * safe on any response; several policies are all enforced, so it only ever narrows.
 */

/** Sent on every response. frame-ancestors cannot be set by <meta>, so it lives here. */
export const BASE_CSP = "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

/** HSTS for a year; no includeSubDomains: other services of the commune may share the domain. */
export const HSTS = 'max-age=31536000';

/**
 * True when the public address (ORIGIN, as adapter-node reads it) is https. Not the request's
 * URL: without ORIGIN adapter-node makes every request URL https, even on plain http.
 * @param {string | undefined} origin
 */
export function servedOverHttps(origin) {
	return !!origin && /^https:\/\//i.test(origin);
}

/**
 * Header names (lower case) and values for one response.
 * @param {string | undefined} origin the ORIGIN environment variable
 * @returns {Record<string, string>}
 */
export function securityHeaders(origin) {
	/** @type {Record<string, string>} */
	const headers = {
		'content-security-policy': BASE_CSP,
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		'referrer-policy': 'same-origin',
		'cross-origin-opener-policy': 'same-origin',
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
	};
	if (servedOverHttps(origin)) headers['strict-transport-security'] = HSTS;
	return headers;
}
