import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { postProvinceUserPassword } from '$lib/server/province/handlers';

export const POST: RequestHandler = (e) => postProvinceUserPassword(serverContext(), apiEvent(e));
