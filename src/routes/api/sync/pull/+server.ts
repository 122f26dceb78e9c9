import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { postPull } from '$lib/server/http/handlers';

export const POST: RequestHandler = (e) =>
	postPull(serverContext(), {
		request: e.request,
		user: e.locals.user,
		clientAddress: e.getClientAddress()
	});
