import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { deleteUserSessions } from '$lib/server/http/handlers';

export const DELETE: RequestHandler = (e) => deleteUserSessions(serverContext(), apiEvent(e));
