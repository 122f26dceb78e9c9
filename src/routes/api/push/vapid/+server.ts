import type { RequestHandler } from './$types';
import { getVapidKey } from '$lib/server/push/handlers';
import { pushScheduler } from '$lib/server/push/service';

export const GET: RequestHandler = () => getVapidKey(pushScheduler());
