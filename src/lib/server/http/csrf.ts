/**
 * Cross-site form submissions, refused in the API's own error shape. SvelteKit's built-in check
 * answers them with a bare text 403 before any hook runs, so it is turned off in svelte.config.js
 * (`csrf.trustedOrigins: ['*']`) and done here instead, with the same rule: a POST, PUT, PATCH or
 * DELETE whose content type a plain HTML form can send, from another origin, is refused.
 */
import { errorResponse } from './errors';

const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when a request is a form submission from another origin than `origin` (the server's). */
export function isCrossSiteForm(request: Request, origin: string): boolean {
	if (!UNSAFE_METHODS.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	if (!FORM_TYPES.has(type)) return false;
	return request.headers.get('origin') !== origin;
}

/**
 * The refusal of a cross-site form submission: `403 forbidden` as JSON for an API route (`api`:
 * `isApiRoute` of the matched route, not the raw path), the framework's plain text elsewhere; null
 * when the request may go on. Every path is checked, API or not.
 */
export function crossSiteRefusal(request: Request, url: URL, api: boolean): Response | null {
	if (!isCrossSiteForm(request, url.origin)) return null;
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (api) return errorResponse('forbidden', message);
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
}
