/**
 * Sign-in with limits that hold under concurrency. Before the password is hashed, one attempt is
 * reserved atomically (Storage.reserveLoginAttempt) under each of:
 * - the username and the client address (an IPv6 client by its /64): at most 5 in 15 minutes;
 * - the client address, any username: at most 20 in 15 minutes;
 * - the account, from any address: at most 10 in 15 minutes (a lock-out of at most 15 minutes after
 *   the last counted failure, which an admin can lift). A device that signed in to the account
 *   before (the `login_device` cookie) is exempt from this one, so an attacker hammering an account
 *   from many addresses cannot keep its owner out (docs/SECURITY.md).
 * A success forgets its own reservation and the failures of its username and address; failures
 * stay until they leave the window. Returns codes; the endpoint maps them.
 */
import { randomBytes } from 'node:crypto';
import type { ServerContext } from '../context';
import { addressLimitKey } from '../http/client-address';
import type { AttemptLimit, AuditEntries, UserRow } from '../storage/types';
import { auditEntry, SIGN_IN_LOGGED, userTarget } from '../audit/entries';
import { BUSY_RETRY_SECONDS, HashBusyError } from './hash-limit';
import { dummyHash, verifyPassword } from './password';
import { createSession, hashToken } from './session';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Per username and client address. */
export const LOGIN_MAX_FAILURES = 5;
/** Per client address, whatever the username. */
export const ADDRESS_MAX_FAILURES = 20;
/** Per account, across addresses (devices that signed in before are exempt). */
export const ACCOUNT_MAX_FAILURES = 10;
export const LOGIN_DEVICE_COOKIE = 'login_device';
export const LOGIN_DEVICE_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/** Retry-After when every password-hash slot is taken. */

export type LoginOutcome =
	| { ok: true; token: string; expiresAt: number; user: UserRow; deviceToken: string | null }
	| { ok: false; code: 'invalid_credentials' }
	| { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

/** The address part of a key is `addressLimitKey`'s: an IPv6 client counts by its /64. */
export const pairKey = (username: string, address: string) =>
	`pair:${username}|${addressLimitKey(address)}`;
export const addressKey = (address: string) => `addr:${addressLimitKey(address)}`;
export const accountKey = (username: string) => `acct:${username}`;

/** At most this many `login_device` values are looked at (a browser sends its own, maybe others). */
const MAX_DEVICE_COOKIES = 4;

/**
 * Whether one of the `login_device` values names a live device of this account. Every value is
 * looked at, not only the first: a cookie of the same name set for the parent domain by another
 * host of the site (cookie tossing) cannot hide this browser's own.
 */
async function knownDevice(
	ctx: ServerContext,
	deviceTokens: readonly string[],
	user: UserRow | null
): Promise<boolean> {
	if (!user) return false;
	for (const token of deviceTokens.slice(0, MAX_DEVICE_COOKIES)) {
		if (token === '' || token.length > 128) continue;
		const device = await ctx.storage.findLoginDevice(hashToken(token));
		if (device && device.userId === user.id && device.expiresAt > ctx.now()) return true;
	}
	return false;
}

export async function login(
	ctx: ServerContext,
	input: { username: string; password: string },
	clientAddress: string,
	deviceToken?: string | readonly string[] | null
): Promise<LoginOutcome> {
	const username = normaliseUsername(input.username);
	const now = ctx.now();
	const user = await ctx.storage.findUserByUsername(username);
	const tokens =
		deviceToken == null ? [] : typeof deviceToken === 'string' ? [deviceToken] : deviceToken;
	const trusted = await knownDevice(ctx, tokens, user);
	const limits: AttemptLimit[] = [
		{ key: pairKey(username, clientAddress), max: LOGIN_MAX_FAILURES },
		{ key: addressKey(clientAddress), max: ADDRESS_MAX_FAILURES }
	];
	if (!trusted) limits.push({ key: accountKey(username), max: ACCOUNT_MAX_FAILURES });
	const reserved = await ctx.storage.reserveLoginAttempt(limits, now - LOGIN_WINDOW_MS, now);
	if (!reserved.ok) {
		return {
			ok: false,
			code: 'rate_limited',
			retryAfterSeconds: Math.max(1, Math.ceil((reserved.retryAt - now) / 1000))
		};
	}
	let valid: boolean;
	try {
		valid = await ctx.hashes.run(() =>
			verifyPassword(input.password, user?.passwordHash ?? dummyHash(ctx.scrypt))
		);
	} catch (e) {
		if (!(e instanceof HashBusyError)) throw e;
		// Not checked, so not a failure.
		await ctx.storage.releaseLoginAttempts(reserved.ids);
		return { ok: false, code: 'rate_limited', retryAfterSeconds: BUSY_RETRY_SECONDS };
	}
	if (!user || !valid || user.disabled) return { ok: false, code: 'invalid_credentials' };
	const newDevice = trusted ? null : randomBytes(32).toString('base64url');
	// The session, the login device and the entry are written only if the account, read again in
	// that transaction, is still enabled with the hash the password was verified against: a
	// disable, reset or password change that committed during the (slow) verification leaves no
	// session behind. Refused, it is a wrong password now (the reservation stays a failure).
	// An admin's sign-in is logged with its session (a stolen admin password shows in the log).
	const session = await createSession(
		ctx,
		user.id,
		SIGN_IN_LOGGED.includes(user.role)
			? [auditEntry(ctx, user, user.communeId, 'admin.signed_in', userTarget(user), {})]
			: [],
		{
			passwordHash: user.passwordHash,
			...(newDevice === null
				? {}
				: {
						device: {
							tokenHash: hashToken(newDevice),
							userId: user.id,
							createdAt: now,
							expiresAt: now + LOGIN_DEVICE_TTL_MS
						}
					})
		}
	);
	if (!session) return { ok: false, code: 'invalid_credentials' };
	await ctx.storage.releaseLoginAttempts(reserved.ids);
	await ctx.storage.clearLoginAttempts([pairKey(username, clientAddress)]);
	return { ok: true, ...session, user, deviceToken: newDevice };
}

/** Until when the account's sign-ins are refused (too many failures), or null. */
export const accountLockedUntil = (ctx: ServerContext, username: string): Promise<number | null> =>
	ctx.storage.loginLimitedUntil(
		accountKey(username),
		ACCOUNT_MAX_FAILURES,
		ctx.now() - LOGIN_WINDOW_MS,
		LOGIN_WINDOW_MS
	);

/**
 * An admin lifts a lock-out: the account's failures, from every address, are forgotten; how many
 * (none: nothing was lifted, and `audit` is not written).
 */
export const liftLockout = (
	ctx: ServerContext,
	username: string,
	audit?: AuditEntries
): Promise<number> =>
	ctx.storage.clearLoginAttempts([accountKey(username)], [`pair:${username}|`], audit);
