import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { patchProvinceUser } from '$lib/server/province/handlers';

export const PATCH: RequestHandler = (e) => patchProvinceUser(serverContext(), apiEvent(e));
