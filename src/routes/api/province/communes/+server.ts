import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { getCommunes, postCommune } from '$lib/server/province/handlers';

export const GET: RequestHandler = (e) => getCommunes(serverContext(), apiEvent(e));

export const POST: RequestHandler = (e) => postCommune(serverContext(), apiEvent(e));
