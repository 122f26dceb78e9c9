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

/**
 * The client address as a limit key (sign-in limits, live-stream cap). One IPv6 client is given a
 * whole /64 (its provider routes the prefix to it; the host part is its own choice, and privacy
 * addresses change it every day), so an IPv6 address counts by its /64: `2001:db8:0:1::/64`. An
 * IPv4 address is itself, also when it arrives IPv4-mapped (`::ffff:203.0.113.5`, a dual-stack
 * socket) or in the mapped hex form (`::ffff:cb00:7105`). A zone (`fe80::1%eth0`) is dropped.
 * Anything that is not an address (never from a socket) is kept as it is.
 */
export function addressLimitKey(address: string): string {
	const bare = address.trim().toLowerCase();
	if (isIP(bare) === 4) return bare;
	const noZone = bare.split('%')[0]!;
	if (isIP(noZone) !== 6) return address;
	const groups = ipv6Groups(noZone);
	if (!groups) return address;
	// ::ffff:a.b.c.d, the IPv4-mapped form: the IPv4 client itself.
	if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
		return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
	return `${groups
		.slice(0, 4)
		.map((g) => g.toString(16))
		.join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (isIP checked), a trailing dotted IPv4 included. */
function ipv6Groups(address: string): number[] | null {
	let text = address;
	const tail: number[] = [];
	const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (dotted) {
		const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
		tail.push((a << 8) | b, (c << 8) | d);
		text = text.slice(0, dotted.index) + '0';
	}
	const [head, rest] = text.includes('::') ? text.split('::') : [text, null];
	const parse = (s: string | undefined) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
	const left = parse(head);
	const right = parse(rest ?? undefined);
	// The '0' that stood in for the dotted tail.
	if (dotted) (rest !== null ? right : left).pop();
	const missing = 8 - tail.length - left.length - right.length;
	if (rest === null ? missing !== 0 : missing < 0) return null;
	const groups = [
		...left,
		...Array<number>(rest === null ? 0 : missing).fill(0),
		...right,
		...tail
	];
	return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}
