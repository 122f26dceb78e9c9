/**
 * Cross-site requests that change state, refused in the API's own error shape. SvelteKit's
 * built-in check answers form submissions with a bare text 403 before any hook runs, so it is
 * turned off in svelte.config.js (`csrf.trustedOrigins: ['*']`) and done here instead, wider: a
 * POST, PUT, PATCH or DELETE is refused when the browser says it comes from another origin,
 * whatever its content type (a body-less `sendBeacon` from a sibling host of the site carries the
 * SameSite=Strict cookie too), and a form submission is refused unless it says it comes from this
 * one. Requests that name no origin at all (native clients, curl) are not a browser's and go on.
 */
import { errorResponse } from './errors';

const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether `value` (an Origin header) is this server's origin. `url` is the request's URL: its
 * origin is ORIGIN's when that is set. Without ORIGIN (a LAN install, local runs, the e2e)
 * adapter-node makes the URL https whatever the scheme, so there the host (name and port) decides.
 */
function sameOrigin(value: string, url: URL, configured: string | undefined): boolean {
	if (value === url.origin) return true;
	if (configured) return false;
	try {
		const from = new URL(value);
		return (from.protocol === 'http:' || from.protocol === 'https:') && from.host === url.host;
	} catch {
		return false; // 'null' (a sandboxed frame, a redirect) and anything else unreadable
	}
}

/**
 * True when an unsafe request must be refused: `Sec-Fetch-Site` other than `same-origin` (or
 * `none`, a person's own action), or an `Origin` that is not this server's; and a form content
 * type without an `Origin` of this server.
 */
export function isCrossSite(
	request: Request,
	url: URL,
	configured: string | undefined = process.env.ORIGIN
): boolean {
	if (!UNSAFE_METHODS.has(request.method)) return false;
	const site = request.headers.get('sec-fetch-site');
	if (site !== null && site !== 'same-origin' && site !== 'none') return true;
	const origin = request.headers.get('origin');
	if (origin !== null) return !sameOrigin(origin, url, configured);
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	return FORM_TYPES.has(type);
}

/**
 * The refusal of a cross-site request: `403 forbidden` as JSON for an API route (`api`:
 * `isApiRoute` of the matched route, not the raw path), the framework's plain text elsewhere; null
 * when the request may go on. Every path is checked, API or not.
 */
export function crossSiteRefusal(
	request: Request,
	url: URL,
	api: boolean,
	configured: string | undefined = process.env.ORIGIN
): Response | null {
	if (!isCrossSite(request, url, configured)) return null;
	const message = `Cross-site ${request.method} requests are forbidden`;
	if (api) return errorResponse('forbidden', message);
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
}
