/** Who is calling: the session of the Bearer token or the `session` cookie of a request. */
import type { ServerContext } from '../context';
import { resolveSession, SESSION_COOKIE, SESSION_TTL_MS, tokenOf } from '../auth/session';
import type { PublicUser } from '$lib/domain/sync/protocol';
import type { UserRow } from '../storage/types';
import { errorResponse } from './errors';

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

/** An HttpOnly, SameSite=Strict cookie (Secure over https); a null value clears it. */
export function cookie(
	request: Request,
	name: string,
	value: string | null,
	opts: { path: string; maxAgeMs: number }
): string {
	const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
	const maxAge = value ? Math.floor(opts.maxAgeMs / 1000) : 0;
	return `${name}=${value ?? ''}; Path=${opts.path}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

export const sessionCookie = (request: Request, token: string | null): string =>
	cookie(request, SESSION_COOKIE, token, { path: '/', maxAgeMs: SESSION_TTL_MS });

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
