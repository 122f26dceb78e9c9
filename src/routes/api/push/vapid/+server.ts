import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { getVapidKey } from '$lib/server/push/handlers';

export const GET: RequestHandler = (e) => getVapidKey(serverContext(), apiEvent(e));
