/** Who is calling: the session of the Bearer token or the `session` cookie of a request. */
import type { ServerContext } from '../context';
import { resolveSession, SESSION_COOKIE, SESSION_TTL_MS, tokenOf } from '../auth/session';
import type { UserRow } from '../storage/types';

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

export function sessionCookie(request: Request, token: string | null): string {
	const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
	const maxAge = token ? Math.floor(SESSION_TTL_MS / 1000) : 0;
	return `${SESSION_COOKIE}=${token ?? ''}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}
