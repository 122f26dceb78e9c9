/** Who is calling: the session of the Bearer token or the session cookie of a request. */
import type { ServerContext } from '../context';
import {
	resolveSession,
	SECURE_SESSION_COOKIE,
	SESSION_COOKIE,
	SESSION_TTL_MS,
	tokenOf
} from '../auth/session';
import type { PublicUser } from '$lib/domain/sync/protocol';
import type { UserRow } from '../storage/types';
import { errorResponse } from './errors';
import { servedOverHttps } from './security-headers';

export const cookieOf = (request: Request, name: string): string | undefined =>
	cookiesOf(request, name)[0];

/**
 * Every value of a cookie name, in the order sent (a browser may send one name more than once: a
 * cookie another host of the site set for the parent domain beside this host's own).
 */
export function cookiesOf(request: Request, name: string): string[] {
	const header = request.headers.get('cookie');
	if (!header) return [];
	const values: string[] = [];
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
	}
	return values;
}

/**
 * The session cookie's name: `__Host-session` when served over https (ORIGIN; the cookie is then
 * Secure), else `session`. Over https only that name is read: a `session` cookie another host of
 * the site tossed in (`Domain=.parent`) is never taken for the real one.
 */
export const sessionCookieName = (origin = process.env.ORIGIN): string =>
	servedOverHttps(origin) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

export const requestToken = (request: Request, origin = process.env.ORIGIN): string | null =>
	tokenOf(request.headers, cookieOf(request, sessionCookieName(origin)));

export async function authenticate(
	ctx: ServerContext,
	request: Request,
	origin = process.env.ORIGIN
): Promise<UserRow | null> {
	const token = requestToken(request, origin);
	return token ? resolveSession(ctx, token) : null;
}

/**
 * An HttpOnly, SameSite=Strict cookie; a null value clears it. `Secure` only when served over
 * https (ORIGIN; not the request URL, which adapter-node makes https when ORIGIN is unset): a
 * Secure cookie set over plain http (a LAN install without ORIGIN) would be dropped.
 */
export function cookie(
	_request: Request,
	name: string,
	value: string | null,
	opts: { path: string; maxAgeMs: number; origin?: string }
): string {
	const { origin = process.env.ORIGIN } = opts;
	const secure = servedOverHttps(origin) ? '; Secure' : '';
	const maxAge = value ? Math.floor(opts.maxAgeMs / 1000) : 0;
	return `${name}=${value ?? ''}; Path=${opts.path}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

/**
 * The session cookie (`sessionCookieName`: `__Host-session`, Secure, over https), `Path=/` and no
 * `Domain` as its prefix requires. `origin` defaults to the ORIGIN environment variable (tests pass
 * their own).
 */
export const sessionCookie = (
	request: Request,
	token: string | null,
	origin = process.env.ORIGIN
): string =>
	cookie(request, sessionCookieName(origin), token, {
		path: '/',
		maxAgeMs: SESSION_TTL_MS,
		origin
	});

/**
 * Whether a request is an API call, from the route SvelteKit matched (`event.route.id`), never the
 * raw path: routes match the decoded path, so `/%61pi/health` is the route `/api/health` while its
 * raw `url.pathname` does not start with `/api/` (attacker review, finding 7). Every /api path is
 * some route (`/api/[...rest]` answers the rest), so an API request always has an /api route id.
 */
export const isApiRoute = (routeId: string | null): boolean =>
	routeId !== null && (routeId === '/api' || routeId.startsWith('/api/'));

/**
 * A path SvelteKit cannot decode (`/api/users/%ZZ`) matches no route, so `isApiRoute` cannot say;
 * one whose first segment decodes to `api` is an API call all the same, and is answered with the
 * API's JSON error rather than the app's HTML error page (attacker review r19, info). Decoded as
 * SvelteKit does (each part between `%25` with decodeURI).
 */
export function isMalformedApiPath(pathname: string): boolean {
	const decode = (p: string) => p.split('%25').map(decodeURI).join('%25');
	try {
		decode(pathname);
		return false;
	} catch {
		// Undecodable somewhere: an API path if its first segment is `api`, however written.
	}
	try {
		return decodeURIComponent(pathname.split('/')[1] ?? '') === 'api';
	} catch {
		return false;
	}
}

/** Routes (ids) a user whose password was reset may still call (everything else answers 403).
 * Sign-in and health are open to anyone, also while the browser still sends such a user's cookie. */
const WHILE_PASSWORD_RESET = new Set([
	'/api/auth/me',
	'/api/auth/logout',
	'/api/auth/password',
	'/api/auth/login',
	'/api/health'
]);

/**
 * hooks.server.ts: refuse a user who must change their password, except on the routes above
 * (`routeId`: the matched route's id, so an encoded path is judged as the route it reaches).
 */
export function passwordGate(user: PublicUser | null, routeId: string | null): Response | null {
	if (!user?.mustChangePassword || (routeId !== null && WHILE_PASSWORD_RESET.has(routeId)))
		return null;
	return errorResponse(
		'password_change_required',
		'Change the password set by the admin first (POST /api/auth/password)'
	);
}
