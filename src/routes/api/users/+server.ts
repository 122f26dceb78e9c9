import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { getUsers, postUsers } from '$lib/server/http/handlers';

export const GET: RequestHandler = (e) =>
	getUsers(serverContext(), {
		request: e.request,
		user: e.locals.user,
		clientAddress: e.getClientAddress()
	});

export const POST: RequestHandler = (e) =>
	postUsers(serverContext(), {
		request: e.request,
		user: e.locals.user,
		clientAddress: e.getClientAddress()
	});
