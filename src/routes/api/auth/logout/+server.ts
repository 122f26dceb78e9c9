import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { postLogout } from '$lib/server/http/handlers';

export const POST: RequestHandler = (e) => postLogout(serverContext(), apiEvent(e));
