import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { getProvinceAudit } from '$lib/server/province/handlers';

export const GET: RequestHandler = (e) => getProvinceAudit(serverContext(), apiEvent(e));
