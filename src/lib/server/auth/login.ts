/** Login with a rate limit per username and client address. Returns codes; the endpoint maps them. */
import type { ServerContext } from '../context';
import type { UserRow } from '../storage/types';
import { DUMMY_HASH, verifyPassword } from './password';
import { createSession } from './session';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export type LoginOutcome =
	| { ok: true; token: string; expiresAt: number; user: UserRow }
	| { ok: false; code: 'invalid_credentials' }
	| { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

export async function login(
	ctx: ServerContext,
	input: { username: string; password: string },
	clientAddress: string
): Promise<LoginOutcome> {
	const username = normaliseUsername(input.username);
	const key = `${username}|${clientAddress}`;
	const now = ctx.now();
	const failures = await ctx.storage.countLoginFailures(key, now - LOGIN_WINDOW_MS);
	if (failures >= LOGIN_MAX_FAILURES) {
		return {
			ok: false,
			code: 'rate_limited',
			retryAfterSeconds: Math.ceil(LOGIN_WINDOW_MS / 1000)
		};
	}
	const user = await ctx.storage.findUserByUsername(username);
	const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
	if (!user || !valid || user.disabled) {
		await ctx.storage.recordLoginFailure(key, now);
		return { ok: false, code: 'invalid_credentials' };
	}
	await ctx.storage.clearLoginFailures(key);
	const session = await createSession(ctx, user.id);
	return { ok: true, ...session, user };
}
