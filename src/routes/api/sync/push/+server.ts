import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { postPush } from '$lib/server/http/handlers';

export const POST: RequestHandler = (e) =>
	postPush(serverContext(), {
		request: e.request,
		user: e.locals.user,
		clientAddress: e.getClientAddress()
	});
