import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { deleteSubscribe, postSubscribe } from '$lib/server/push/handlers';
import { pushStore } from '$lib/server/push/service';

export const POST: RequestHandler = (e) =>
	postSubscribe(serverContext(), pushStore(), { request: e.request, user: e.locals.user });

export const DELETE: RequestHandler = (e) =>
	deleteSubscribe(pushStore(), { request: e.request, user: e.locals.user });
