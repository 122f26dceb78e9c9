import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { postLogin } from '$lib/server/http/handlers';

export const POST: RequestHandler = (e) =>
	postLogin(serverContext(), {
		request: e.request,
		user: e.locals.user,
		clientAddress: e.getClientAddress()
	});
