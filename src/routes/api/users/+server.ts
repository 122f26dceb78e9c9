import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { getUsers, postUsers } from '$lib/server/http/handlers';

export const GET: RequestHandler = (e) => getUsers(serverContext(), apiEvent(e));

export const POST: RequestHandler = (e) => postUsers(serverContext(), apiEvent(e));
