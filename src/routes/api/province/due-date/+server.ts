import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { putDueDate } from '$lib/server/province/handlers';

export const PUT: RequestHandler = (e) => putDueDate(serverContext(), apiEvent(e));
