/** Password hashing with scrypt (node:crypto), a random salt per user and a timing-safe compare. */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
	N: number;
	r: number;
	p: number;
}

/** OWASP's minimum for scrypt; about 50 ms per hash on a small server. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
	const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
			err ? reject(err) : resolve(key)
		);
	});
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(
	password: string,
	params: ScryptParams = DEFAULT_SCRYPT
): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, params);
	return [
		'scrypt',
		params.N,
		params.r,
		params.p,
		salt.toString('base64url'),
		key.toString('base64url')
	].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
	if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
	const salt = Buffer.from(parts[4]!, 'base64url');
	const expected = Buffer.from(parts[5]!, 'base64url');
	if (expected.length !== KEY_LENGTH) return false;
	const actual = await derive(password, salt, { N, r, p });
	return timingSafeEqual(actual, expected);
}

/** A hash that matches no password, with the server's parameters: verified against when the
 * username is unknown, so the response time does not tell whether an account exists. */
export const dummyHash = (params: ScryptParams = DEFAULT_SCRYPT): string =>
	`scrypt$${params.N}$${params.r}$${params.p}$${'A'.repeat(22)}$${'A'.repeat(86)}`;
