/**
 * Delivery of one Web Push request over node:https. Not `fetch`: fetch follows redirects (a push
 * endpoint could bounce the server to an internal URL) and resolves DNS out of our reach.
 * https.request never follows a redirect (a 3xx is just a failed delivery), and its `lookup`
 * is guarded so the socket only connects to public addresses (see endpoint.ts).
 */
import https from 'node:https';
import {
	endpointFormProblem,
	guardedLookup,
	isPublicAddress,
	RefusedAddressError
} from './endpoint';

/** One HTTP delivery; resolves to the push service's status code. `signal` aborts it. */
export type Deliver = (req: {
	endpoint: string;
	method: string;
	headers: Record<string, string>;
	body: Buffer | null;
	signal?: AbortSignal;
}) => Promise<number>;

/** The endpoint is not one the server may contact: the subscription should be dropped. */
export class RefusedEndpointError extends Error {}

export interface DeliverOptions {
	allowAddress?: (address: string) => boolean;
	/** Which ports an endpoint may name (endpoint.ts: 443 only; tests widen it). */
	allowPort?: (port: number) => boolean;
	/** node:dns `lookup` replacement (tests resolve a test host name to their local server). */
	lookup?: Parameters<typeof guardedLookup>[1];
	/** Extra trusted CA (tests' self-signed push service). */
	ca?: string | Buffer;
	timeoutMs?: number;
}

export function makeHttpsDeliver(opts: DeliverOptions = {}): Deliver {
	const lookup = guardedLookup(opts.allowAddress ?? isPublicAddress, opts.lookup);
	const timeout = opts.timeoutMs ?? 15_000;
	return (req) =>
		new Promise<number>((resolve, reject) => {
			const problem = endpointFormProblem(req.endpoint, opts.allowPort);
			if (problem) {
				reject(new RefusedEndpointError(problem));
				return;
			}
			const request = https.request(
				new URL(req.endpoint),
				{
					method: req.method,
					headers: req.headers,
					agent: false,
					lookup,
					timeout,
					...(req.signal ? { signal: req.signal } : {}),
					...(opts.ca ? { ca: opts.ca } : {})
				},
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				}
			);
			request.on('timeout', () => request.destroy(new Error('push service did not answer')));
			request.on('error', (err) =>
				reject(err instanceof RefusedAddressError ? new RefusedEndpointError(err.message) : err)
			);
			request.end(req.body ?? undefined);
		});
}

export const httpsDeliver: Deliver = makeHttpsDeliver();
