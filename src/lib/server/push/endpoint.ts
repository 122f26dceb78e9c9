/**
 * Which Web Push endpoints the server will POST to. A subscription's endpoint comes from a
 * browser, so it is untrusted input: without these checks a signed-in user could make the server
 * send requests into its own network (SSRF). Rules: https only, on port 443 (every push service
 * uses it; another port would let a user aim the server's TLS handshake and POST at any service
 * of a public host, SMTP or Redis say), no credentials in the URL, and the host must be (or resolve only to) public unicast addresses: loopback, private, link-local,
 * unique-local (fc00::/7), carrier-grade NAT, IPv4-mapped/embedded forms of these, multicast and
 * the reserved ranges are refused. The check runs when a device subscribes and again on every
 * delivery, on the very addresses the socket connects to (`guardedLookup`), so a DNS answer that
 * changes after the subscription (DNS rebinding) is caught too.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** IPv6's global unicast block: every public address is in it. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * True only for a public unicast IPv4 or IPv6 address (IPv4-mapped IPv6 judged as IPv4). An IPv6
 * address must also lie in 2000::/3: ipaddr.js calls the rest of the space 'unicast' too, the
 * deprecated IPv4-compatible ::/96 among it (`::7f00:1`, `::a00:1`: loopback and a private network
 * written in IPv6; attacker review r19, 3).
 */
export function isPublicAddress(address: string): boolean {
	if (!ipaddr.isValid(address)) return false;
	const addr = ipaddr.process(address);
	if (addr.range() !== 'unicast') return false;
	return addr.kind() === 'ipv4' || addr.match(GLOBAL_UNICAST);
}

/** The only port a push endpoint may name (https's own; the URL may also leave it out). */
export const isPushPort = (port: number): boolean => port === 443;

/**
 * Why an endpoint URL is refused before any DNS look-up, or null when its form is acceptable.
 * `allowPort` is widened by tests only, to reach their push service on a local port.
 */
export function endpointFormProblem(
	endpoint: string,
	allowPort: (port: number) => boolean = isPushPort
): string | null {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return 'endpoint: not a URL';
	}
	if (url.protocol !== 'https:') return 'endpoint: only https push services are accepted';
	if (url.username || url.password) return 'endpoint: credentials in the URL are not accepted';
	// The URL parser drops an explicit :443, so an empty port is 443.
	if (!allowPort(url.port === '' ? 443 : Number(url.port)))
		return 'endpoint: only the https port (443) is accepted';
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
	if (ipaddr.isValid(host)) {
		return isPublicAddress(host) ? null : 'endpoint: not a public address';
	}
	// Names that can only mean this machine or the local network.
	if (
		!host.includes('.') ||
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host.endsWith('.local') ||
		host.endsWith('.internal') ||
		host.endsWith('.home.arpa')
	) {
		return 'endpoint: not a public host';
	}
	return null;
}

export interface LookupAddress {
	address: string;
	family: number;
}
/** Resolve a host name to all its addresses (node:dns `lookup` with `all: true`). */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: ResolveAll = (hostname) =>
	dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface EndpointPolicy {
	resolve?: ResolveAll;
	/** Which resolved addresses may be contacted (tests widen it to reach a local server). */
	allowAddress?: (address: string) => boolean;
	/** Which ports an endpoint may name (443 only; tests widen it for their local server). */
	allowPort?: (port: number) => boolean;
}

/** The full subscribe-time check: the URL's form, then every address its host resolves to. */
export async function endpointProblem(
	endpoint: string,
	{ resolve = systemResolve, allowAddress = isPublicAddress, allowPort }: EndpointPolicy = {}
): Promise<string | null> {
	const form = endpointFormProblem(endpoint, allowPort);
	if (form) return form;
	const host = new URL(endpoint).hostname.replace(/^\[(.*)\]$/, '$1');
	if (ipaddr.isValid(host)) return null;
	let addresses: LookupAddress[];
	try {
		addresses = await resolve(host);
	} catch {
		return 'endpoint: the push service host does not resolve';
	}
	if (addresses.length === 0) return 'endpoint: the push service host does not resolve';
	if (!addresses.every((a) => allowAddress(a.address))) {
		return 'endpoint: the push service host resolves to a non-public address';
	}
	return null;
}

/** Raised (as the socket's lookup error) when a host resolves to an address that is refused. */
export class RefusedAddressError extends Error {
	readonly code = 'EPUSHREFUSED';
}

type DnsLookup = (
	hostname: string,
	options: dns.LookupAllOptions,
	callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void
) => void;

/**
 * A `lookup` for http(s).request that only hands the socket addresses `allowAddress` accepts:
 * the addresses checked are the ones connected to, so no second resolution can slip in.
 */
export function guardedLookup(
	allowAddress: (address: string) => boolean = isPublicAddress,
	base: DnsLookup = dns.lookup
): LookupFunction {
	return (hostname, options, callback) => {
		base(hostname, { ...options, all: true }, (err, addresses) => {
			if (err) return callback(err, '', 0);
			const refused = addresses.length === 0 || addresses.some((a) => !allowAddress(a.address));
			if (refused) {
				return callback(
					new RefusedAddressError(`push host ${hostname} resolves to a non-public address`),
					'',
					0
				);
			}
			if (options.all) {
				(callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
			} else {
				callback(null, addresses[0]!.address, addresses[0]!.family);
			}
		});
	};
}
