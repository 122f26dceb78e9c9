import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { deleteSubscribe, postSubscribe } from '$lib/server/push/handlers';

export const POST: RequestHandler = (e) => postSubscribe(serverContext(), apiEvent(e));

export const DELETE: RequestHandler = (e) => deleteSubscribe(serverContext(), apiEvent(e));
