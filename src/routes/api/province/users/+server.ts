import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { getProvinceUsers, postProvinceUser } from '$lib/server/province/handlers';

export const GET: RequestHandler = (e) => getProvinceUsers(serverContext(), apiEvent(e));

export const POST: RequestHandler = (e) => postProvinceUser(serverContext(), apiEvent(e));
