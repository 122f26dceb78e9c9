import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { getSummary } from '$lib/server/province/handlers';

export const GET: RequestHandler = (e) => getSummary(serverContext(), apiEvent(e));
