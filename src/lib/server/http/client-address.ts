/**
 * The client address used by the login limits. By default the socket's peer (SvelteKit's
 * getClientAddress; adapter-node's own ADDRESS_HEADER/XFF_DEPTH still apply if an operator sets
 * them). With TRUST_PROXY=N (or `true` = 1) the app sits behind N reverse proxies that each append
 * the address they received from to X-Forwarded-For: the client is the N-th entry from the right,
 * the same rule as adapter-node's XFF_DEPTH. Entries left of it are written by the client and never
 * trusted. Set it only when the app is reachable through the proxies alone (docs/SECURITY.md).
 */
import { isIP } from 'node:net';

/** Trusted proxy hops from the TRUST_PROXY value: unset, empty, `0` or `false` = none. */
export function trustedHops(value: string | undefined): number {
	const v = (value ?? '').trim().toLowerCase();
	if (v === '' || v === '0' || v === 'false') return 0;
	if (v === 'true') return 1;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 0 || n > 10)
		throw new Error(
			`TRUST_PROXY must be true, false or a number of proxies (0-10), not "${value}"`
		);
	return n;
}

export function clientAddress(headers: Headers, socketAddress: string, hops: number): string {
	if (hops === 0) return socketAddress;
	const entries = (headers.get('x-forwarded-for') ?? '')
		.split(',')
		.map((a) => a.trim())
		.filter((a) => a !== '');
	const candidate = entries[entries.length - hops];
	return candidate && isIP(candidate) !== 0 ? candidate : socketAddress;
}
