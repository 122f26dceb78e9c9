import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { getAudit } from '$lib/server/http/handlers';

export const GET: RequestHandler = (e) => getAudit(serverContext(), apiEvent(e));
