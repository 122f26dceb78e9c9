/** Session tokens: 32 random bytes given to the client once, stored only as a SHA-256 hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { ServerContext } from '../context';
import type { AuditEntries, SessionGuard, UserRow } from '../storage/types';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** The session cookie's name over plain http (a LAN install, local runs, the e2e). */
export const SESSION_COOKIE = 'session';
/**
 * Its name over https: a `__Host-` cookie is only taken by the browser when it is Secure, has
 * `Path=/` and no `Domain`, so no other host of the site (a sibling subdomain) can set or shadow
 * it (cookie tossing, login fixation). Browsers refuse it without Secure, hence the plain name
 * over http.
 */
export const SECURE_SESSION_COOKIE = '__Host-session';

export const hashToken = (token: string): string =>
	createHash('sha256').update(token).digest('hex');

type NewSession = { token: string; expiresAt: number };

/**
 * A sign-in's new session (and its login device, `guard.device`), or null when `guard` no longer
 * holds: the account was disabled or its password changed since it was verified (see
 * `Storage.createSession`).
 */
export async function createSession(
	ctx: ServerContext,
	userId: string,
	audit: AuditEntries,
	guard: SessionGuard
): Promise<NewSession | null> {
	const token = randomBytes(32).toString('base64url');
	const now = ctx.now();
	const expiresAt = now + SESSION_TTL_MS;
	const written = await ctx.storage.createSession(
		{
			tokenHash: hashToken(token),
			userId,
			createdAt: now,
			expiresAt
		},
		audit,
		guard
	);
	return written ? { token, expiresAt } : null;
}

/** The user of a live session, or null (unknown, expired or disabled). Expired sessions are removed. */
export async function resolveSession(ctx: ServerContext, token: string): Promise<UserRow | null> {
	if (token.length === 0 || token.length > 128) return null;
	const tokenHash = hashToken(token);
	const session = await ctx.storage.findSession(tokenHash);
	if (!session) return null;
	if (session.expiresAt <= ctx.now()) {
		await ctx.storage.deleteSession(tokenHash);
		return null;
	}
	const user = await ctx.storage.findUserById(session.userId);
	return user && !user.disabled ? user : null;
}

export async function endSession(ctx: ServerContext, token: string): Promise<void> {
	await ctx.storage.deleteSession(hashToken(token));
}

/** The token of a request: `Authorization: Bearer <token>` first, then the `session` cookie. */
export function tokenOf(headers: Headers, cookie: string | undefined): string | null {
	const auth = headers.get('authorization');
	if (auth) {
		const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
		return m ? m[1]! : null;
	}
	return cookie && cookie.length > 0 ? cookie : null;
}
