import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { getMe } from '$lib/server/http/handlers';

export const GET: RequestHandler = (e) =>
	getMe(serverContext(), {
		request: e.request,
		user: e.locals.user,
		clientAddress: e.getClientAddress()
	});
