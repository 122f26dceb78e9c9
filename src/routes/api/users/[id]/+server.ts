import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { patchUser } from '$lib/server/http/handlers';

export const PATCH: RequestHandler = (e) => patchUser(serverContext(), apiEvent(e));
