import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { apiEvent } from '$lib/server/http/event';
import { postLogin } from '$lib/server/http/handlers';

export const POST: RequestHandler = (e) => postLogin(serverContext(), apiEvent(e));
