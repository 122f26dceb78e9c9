import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { patchCommune } from '$lib/server/province/handlers';

export const PATCH: RequestHandler = (e) => patchCommune(serverContext(), apiEvent(e));
