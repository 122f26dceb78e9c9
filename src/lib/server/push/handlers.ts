/** /api/push endpoints as plain functions of (context, event), like ../http/handlers.ts. */
import { z } from 'zod';
import type { ServerContext } from '../context';
import { parseBody, readJson } from '../http/body';
import { ApiError, handle, json } from '../http/errors';
import { requireUser, type ApiEvent } from '../http/handlers';
import { pushScheduler, pushStore } from './service';

const b64url = z
	.string()
	.regex(/^[A-Za-z0-9_-]+={0,2}$/)
	.max(512);
export const subscriptionSchema = z.object({
	endpoint: z.url().max(2048),
	keys: z.object({ p256dh: b64url, auth: b64url })
});
const unsubscribeSchema = z.object({ endpoint: z.string().max(2048) });

function requirePush<T>(x: T | null): T {
	if (!x) throw new ApiError('not_found', 'Web Push is not available on this server');
	return x;
}

export const getVapidKey = (_ctx: ServerContext, _e: ApiEvent): Promise<Response> =>
	handle(async () => json({ publicKey: requirePush(pushScheduler()).publicKey }));

export const postSubscribe = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		const s = requirePush(pushStore());
		const body = parseBody(subscriptionSchema, await readJson(e.request));
		s.saveSubscription(
			{ endpoint: body.endpoint, userId: user.id, p256dh: body.keys.p256dh, auth: body.keys.auth },
			ctx.now()
		);
		return json({ ok: true });
	});

export const deleteSubscribe = (_ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		const s = requirePush(pushStore());
		const body = parseBody(unsubscribeSchema, await readJson(e.request));
		return json({ ok: s.deleteSubscription(body.endpoint, user.id) });
	});
