/** SvelteKit's request event as the handlers' ApiEvent (route files call this and nothing else). */
import type { RequestEvent } from '@sveltejs/kit';
import { clientAddress, trustedHops } from './client-address';
import type { ApiEvent } from './handlers';

let hops: number | null = null;

export function apiEvent(e: RequestEvent): ApiEvent {
	hops ??= trustedHops(process.env.TRUST_PROXY);
	return {
		request: e.request,
		user: e.locals.user,
		clientAddress: clientAddress(e.request.headers, e.getClientAddress(), hops),
		params: e.params as Record<string, string>
	};
}
