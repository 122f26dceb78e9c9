/** /api/push endpoints as plain functions of (context, event), like ../http/handlers.ts. */
import { z } from 'zod';
import { plainText } from '$lib/domain/plain-text';
import type { ServerContext } from '../context';
import { parseBody, readJson } from '../http/body';
import { ApiError, handle, json } from '../http/errors';
import { requireCommuneUser, type ApiEvent } from '../http/handlers';
import { requestToken } from '../http/request-auth';
import { hashToken } from '../auth/session';
import { pushScheduler, pushStore } from './service';
import { endpointProblem, type EndpointPolicy } from './endpoint';

/** base64url of exactly `bytes` bytes (the keys web-push encrypts with). */
const b64url = (bytes: number) =>
	z
		.string()
		.regex(/^[A-Za-z0-9_-]+={0,2}$/)
		.max(128)
		.refine((v) => Buffer.from(v, 'base64url').length === bytes, `must be ${bytes} bytes`);
// An endpoint is stored and looked up as sent (zod's url check does not normalise it): plain text
// only (no NUL, which PostgreSQL cannot store: domain/plain-text.ts).
const CONTROL = 'endpoint: control characters are not allowed';
export const subscriptionSchema = z.object({
	endpoint: plainText(z.url().max(2048), CONTROL),
	// An uncompressed P-256 public key and a 16-byte auth secret (RFC 8291).
	keys: z.object({ p256dh: b64url(65), auth: b64url(16) }),
	// The device's language: the notification texts are written in it (older clients: Vietnamese).
	lang: z.enum(['vi', 'en']).default('vi')
});
const unsubscribeSchema = z.object({ endpoint: plainText(z.string().max(2048), CONTROL) });

function requirePush<T>(x: T | null): T {
	if (!x) throw new ApiError('not_found', 'Web Push is not available on this server');
	return x;
}

export const getVapidKey = (_ctx: ServerContext, _e: ApiEvent): Promise<Response> =>
	handle(async () => json({ publicKey: requirePush(pushScheduler()).publicKey }));

export const postSubscribe = (
	ctx: ServerContext,
	e: ApiEvent,
	policy: EndpointPolicy = {}
): Promise<Response> =>
	handle(async () => {
		// Meeting-timer pushes are a commune's; a province account has none to receive.
		const user = requireCommuneUser(e.user);
		const s = requirePush(pushStore());
		const body = parseBody(subscriptionSchema, await readJson(e.request));
		// Only https endpoints of public hosts: the server POSTs to whatever is stored here.
		const problem = await endpointProblem(body.endpoint, policy);
		if (problem) throw new ApiError('invalid_request', problem);
		// Saved only while this request's session exists: an account disabled, reset or signed out
		// everywhere while this request was in flight keeps no subscription (docs/SECURITY.md).
		const token = requestToken(e.request);
		const saved = await s.savePushSubscription(
			{
				endpoint: body.endpoint,
				userId: user.id,
				p256dh: body.keys.p256dh,
				auth: body.keys.auth,
				lang: body.lang
			},
			ctx.now(),
			hashToken(token ?? '')
		);
		if (saved === 'ended') throw new ApiError('unauthenticated', 'Sign in first');
		// Another account's device: never moved; the device makes a new subscription instead.
		if (saved === 'taken')
			throw new ApiError('conflict', 'endpoint: this subscription belongs to another account');
		return json({ ok: true });
	});

export const deleteSubscribe = (_ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireCommuneUser(e.user);
		const s = requirePush(pushStore());
		const body = parseBody(unsubscribeSchema, await readJson(e.request));
		return json({ ok: await s.deletePushSubscription(body.endpoint, user.id) });
	});
