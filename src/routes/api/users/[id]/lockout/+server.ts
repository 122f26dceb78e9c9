import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { deleteUserLockout } from '$lib/server/http/handlers';

export const DELETE: RequestHandler = (e) => deleteUserLockout(serverContext(), apiEvent(e));
