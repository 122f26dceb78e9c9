import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { postProvinceUser } from '$lib/server/province/handlers';

export const POST: RequestHandler = (e) => postProvinceUser(serverContext(), apiEvent(e));
