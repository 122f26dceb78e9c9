import type { RequestHandler } from './$types';
import { serverContext } from '$lib/server/context';
import { health } from '$lib/server/http/handlers';

export const GET: RequestHandler = () => health(serverContext());
