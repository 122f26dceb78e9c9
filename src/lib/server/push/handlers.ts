/** /api/push endpoints as plain functions (route files only pass SvelteKit's event in). */
import { z } from 'zod';
import type { PublicUser } from '$lib/domain/sync/protocol';
import type { ServerContext } from '../context';
import { parseBody, readJson } from '../http/body';
import { ApiError, handle, json } from '../http/errors';
import type { PushScheduler } from './scheduler';
import type { PushStore } from './store';

const b64url = z
	.string()
	.regex(/^[A-Za-z0-9_-]+={0,2}$/)
	.max(512);
export const subscriptionSchema = z.object({
	endpoint: z.url().max(2048),
	keys: z.object({ p256dh: b64url, auth: b64url })
});
const unsubscribeSchema = z.object({ endpoint: z.string().max(2048) });

function requireUser(user: PublicUser | null): PublicUser {
	if (!user) throw new ApiError('unauthenticated', 'Sign in first');
	return user;
}
function requirePush<T>(x: T | null): T {
	if (!x) throw new ApiError('not_found', 'Web Push is not available on this server');
	return x;
}

export const getVapidKey = (scheduler: PushScheduler | null): Promise<Response> =>
	handle(async () => json({ publicKey: requirePush(scheduler).publicKey }));

export const postSubscribe = (
	ctx: ServerContext,
	store: PushStore | null,
	e: { request: Request; user: PublicUser | null }
): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		const s = requirePush(store);
		const body = parseBody(subscriptionSchema, await readJson(e.request));
		s.saveSubscription(
			{ endpoint: body.endpoint, userId: user.id, p256dh: body.keys.p256dh, auth: body.keys.auth },
			ctx.now()
		);
		return json({ ok: true });
	});

export const deleteSubscribe = (
	store: PushStore | null,
	e: { request: Request; user: PublicUser | null }
): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		const s = requirePush(store);
		const body = parseBody(unsubscribeSchema, await readJson(e.request));
		return json({ ok: s.deleteSubscription(body.endpoint, user.id) });
	});
