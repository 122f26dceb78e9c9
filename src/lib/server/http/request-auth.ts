/** Who is calling: the session of the Bearer token or the `session` cookie of a request. */
import type { ServerContext } from '../context';
import { resolveSession, SESSION_COOKIE, SESSION_TTL_MS, tokenOf } from '../auth/session';
import type { PublicUser } from '$lib/domain/sync/protocol';
import type { UserRow } from '../storage/types';
import { errorResponse } from './errors';
import { servedOverHttps } from './security-headers';

export function cookieOf(request: Request, name: string): string | undefined {
	const header = request.headers.get('cookie');
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return undefined;
}

export const requestToken = (request: Request): string | null =>
	tokenOf(request.headers, cookieOf(request, SESSION_COOKIE));

export async function authenticate(ctx: ServerContext, request: Request): Promise<UserRow | null> {
	const token = requestToken(request);
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

/** `origin` defaults to the ORIGIN environment variable (tests pass their own). */
export const sessionCookie = (
	request: Request,
	token: string | null,
	origin = process.env.ORIGIN
): string =>
	cookie(request, SESSION_COOKIE, token, { path: '/', maxAgeMs: SESSION_TTL_MS, origin });

/** Calls a user whose password was reset may still make (everything else answers 403). Sign-in
 * and health are open to anyone, also while the browser still sends such a user's cookie. */
const WHILE_PASSWORD_RESET = new Set([
	'/api/auth/me',
	'/api/auth/logout',
	'/api/auth/password',
	'/api/auth/login',
	'/api/health'
]);

/** hooks.server.ts: refuse a user who must change their password, except on the calls above. */
export function passwordGate(user: PublicUser | null, pathname: string): Response | null {
	if (!user?.mustChangePassword || WHILE_PASSWORD_RESET.has(pathname)) return null;
	return errorResponse(
		'password_change_required',
		'Change the password set by the admin first (POST /api/auth/password)'
	);
}
