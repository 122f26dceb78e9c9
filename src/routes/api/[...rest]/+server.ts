import type { RequestHandler } from './$types';
import { apiNotFound } from '$lib/server/http/handlers';

/** Every method on an /api path without a route: `404 not_found` in the API's error shape. */
export const fallback: RequestHandler = () => apiNotFound();
