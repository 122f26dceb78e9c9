/**
 * The /api endpoints as plain functions of (context, event): parse -> lib/server -> JSON.
 * Route files only pass SvelteKit's event in; tests call these with a Request.
 */
import {
	loginRequestSchema,
	PROTOCOL_VERSION,
	pullRequestSchema,
	pushRequestSchema,
	type LoginResponse,
	type PublicUser
} from '$lib/domain/sync/protocol';
import type { z } from 'zod';
import { auditQuerySchema } from '$lib/domain/audit';
import { auditPage } from '../audit/read';
import { isPlainText } from '$lib/domain/plain-text';
import {
	fieldErrors,
	type FieldCode,
	passwordChangeSchema,
	passwordResetSchema,
	userUpdateSchema
} from '$lib/domain/users';
import { login, LOGIN_DEVICE_COOKIE, LOGIN_DEVICE_TTL_MS, LOGIN_WINDOW_MS } from '../auth/login';
import { can, inCommune, type CommuneActor } from '../auth/permissions';
import { endSession, hashToken } from '../auth/session';
import {
	changeOwnPassword,
	createUser,
	endUserSessions,
	listAccounts,
	newUserSchema,
	publicUser,
	resetPassword,
	unlockUser,
	updateUser,
	type Refusal
} from '../auth/users';
import type { ServerContext } from '../context';
import { pull } from '../sync/pull';
import { push, WriteBudgetSpent } from '../sync/push';
import { eventStream, STREAM_RETRY_SECONDS, streamCapReached } from '../sync/events';
import { parseBody, readJson, readSizedJson } from './body';
import { ApiError, errorResponse, handle, json } from './errors';
import { cookiesOf, cookie, requestToken, sessionCookie } from './request-auth';

export interface ApiEvent {
	request: Request;
	/** Resolved by hooks.server.ts (or `authenticate` in tests). */
	user: PublicUser | null;
	clientAddress: string;
	/** Route parameters (`id` of /api/users/[id]/…). */
	params?: Record<string, string>;
}

/** The signed-in caller, or a 401 `unauthenticated` error (every handler that needs one). */
export function requireUser(user: PublicUser | null): PublicUser {
	if (!user) throw new ApiError('unauthenticated', 'Sign in first');
	return user;
}

/** A caller of a commune (sync, accounts); the province roles get 403: they hold no commune data. */
export function requireCommuneUser(user: PublicUser | null): CommuneActor & PublicUser {
	const u = requireUser(user);
	if (!inCommune(u)) throw new ApiError('forbidden', 'Province accounts hold no commune data');
	return u;
}

/** Any /api path no route serves (src/routes/api/[...rest]): the documented 404, not the HTML page. */
export const apiNotFound = (): Response => errorResponse('not_found', 'No such API endpoint');

export const health = (ctx: ServerContext): Response =>
	json({ ok: true, version: PROTOCOL_VERSION, serverTime: ctx.now() });

export const postLogin = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const input = parseBody(loginRequestSchema, await readJson(e.request));
		const devices = cookiesOf(e.request, LOGIN_DEVICE_COOKIE);
		const outcome = await login(ctx, input, e.clientAddress, devices);
		if (!outcome.ok && outcome.code === 'rate_limited') {
			throw new ApiError('rate_limited', 'Too many failed sign-ins; try again later', {
				'retry-after': String(outcome.retryAfterSeconds)
			});
		}
		if (!outcome.ok) throw new ApiError('unauthenticated', 'Wrong username or password');
		const body: LoginResponse = {
			token: outcome.token,
			user: publicUser(outcome.user),
			expiresAt: outcome.expiresAt
		};
		const res = json(body, 200, { 'set-cookie': sessionCookie(e.request, outcome.token) });
		if (outcome.deviceToken) {
			res.headers.append(
				'set-cookie',
				cookie(e.request, LOGIN_DEVICE_COOKIE, outcome.deviceToken, {
					path: '/api/auth/login',
					maxAgeMs: LOGIN_DEVICE_TTL_MS
				})
			);
		}
		return res;
	});

export const postLogout = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireUser(e.user);
		const token = requestToken(e.request);
		if (token) await endSession(ctx, token);
		sessionsChanged(ctx, e.user!.id);
		return json({ ok: true }, 200, { 'set-cookie': sessionCookie(e.request, null) });
	});

export const getMe = (_ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => json({ user: requireUser(e.user) }));

export const postPush = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireCommuneUser(e.user);
		const { body, bytes } = await readSizedJson(e.request);
		const input = parseBody(pushRequestSchema, body);
		try {
			return json(await push(ctx, user, input, { bytes }));
		} catch (err) {
			// Over the account's write budget (mutations or bytes): nothing was written; the device
			// waits and resends, as for any 429 rate_limited.
			if (err instanceof WriteBudgetSpent)
				throw new ApiError('rate_limited', 'Too many changes sent; try again later', {
					'retry-after': String(Math.ceil(err.retryAfterMs / 1000))
				});
			throw err;
		}
	});

/**
 * `GET /api/sync/events`: a Server-Sent Events stream of "changed, seq N" pokes for what the user
 * may read (sync/events.ts). Authenticated like every call; closes when the session ends. Over the
 * process's cap of streams, in all, of the caller's commune or from the caller's address (an IPv6
 * client by its /64): 429 `too_many_streams`.
 */
export const getEvents = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		// A province account holds no commune records: nothing to poke it about (403).
		const user = requireCommuneUser(e.user);
		const token = requestToken(e.request);
		if (!token) throw new ApiError('unauthenticated', 'Sign in first');
		const cap = streamCapReached(ctx, user.id, user.communeId, e.clientAddress);
		if (cap)
			throw new ApiError(
				'too_many_streams',
				cap === 'process'
					? 'This server holds as many live streams as it may; changes still arrive by sync'
					: cap === 'commune'
						? 'Your commune holds as many live streams as it may; changes still arrive by sync'
						: 'Too many live streams from this address; changes still arrive by sync',
				{ 'retry-after': String(STREAM_RETRY_SECONDS) }
			);
		return new Response(eventStream(ctx, user, token, e.clientAddress), {
			headers: {
				'content-type': 'text/event-stream; charset=utf-8',
				'cache-control': 'no-store, no-transform',
				// Proxies (nginx) must pass each event on at once.
				'x-accel-buffering': 'no'
			}
		});
	});

/** A user's sessions, role or unit changed: their open event streams check their session now. */
const sessionsChanged = (ctx: ServerContext, userId: string): void =>
	ctx.feed.publish({ type: 'sessions', userId });

export const postPull = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireCommuneUser(e.user);
		const input = parseBody(pullRequestSchema, await readJson(e.request));
		return json(await pull(ctx, user, input));
	});

/** Parse a user-management body; a refusal names its fields with codes. */
export function parseFields<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const fields = fieldErrors(parsed.error);
	const message = Object.entries(fields)
		.map(([f, c]) => `${f}: ${c}`)
		.join('; ');
	throw new ApiError('invalid_request', message, {}, fields as Record<string, FieldCode>);
}

const REFUSAL_MESSAGE: Record<Refusal['code'], string> = {
	forbidden: 'Only an admin manages users',
	not_found: 'No such user',
	conflict: 'Conflicts with the current accounts',
	invalid_request: 'Invalid fields',
	rate_limited: 'Too many refused attempts; try again later'
};

export function fail(r: Refusal): never {
	const detail = r.fields
		? `: ${Object.entries(r.fields)
				.map(([f, c]) => `${f}: ${c}`)
				.join('; ')}`
		: '';
	throw new ApiError(
		r.code,
		REFUSAL_MESSAGE[r.code] + detail,
		r.code === 'rate_limited' ? { 'retry-after': String(LOGIN_WINDOW_MS / 1000) } : {},
		r.fields
	);
}

function requireAdmin(user: PublicUser | null): CommuneActor & PublicUser {
	const u = requireCommuneUser(user);
	if (!can(u, 'user.manage', null)) throw new ApiError('forbidden', REFUSAL_MESSAGE.forbidden);
	return u;
}

/**
 * A route's id parameter, or undefined for one no row can have: empty, longer than 64 or not
 * plain text (a NUL from `%00` would fail PostgreSQL's query: plain-text.ts). Such an id answers
 * 404 like an unknown one, before any storage call.
 */
export function routeId(e: ApiEvent, name = 'id'): string | undefined {
	const id = e.params?.[name];
	return id && id.length <= 64 && isPlainText(id) ? id : undefined;
}

const targetId = (e: ApiEvent): string => {
	const id = routeId(e);
	if (!id) throw new ApiError('not_found', REFUSAL_MESSAGE.not_found);
	return id;
};

export const getUsers = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const admin = requireAdmin(e.user);
		return json({ users: await listAccounts(ctx, admin.communeId) });
	});

export const postUsers = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireAdmin(e.user);
		const input = parseFields(newUserSchema, await readJson(e.request));
		const outcome = await createUser(ctx, user, input);
		if (!outcome.ok) fail(outcome);
		return json({ user: publicUser(outcome.user) }, 201);
	});

/** `PATCH /api/users/{id}` {role?, unitCode?, disabled?} */
export const patchUser = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireAdmin(e.user);
		const patch = parseFields(userUpdateSchema, await readJson(e.request));
		const outcome = await updateUser(ctx, actor, targetId(e), patch);
		if (!outcome.ok) fail(outcome);
		sessionsChanged(ctx, outcome.user.id);
		return json({ user: publicUser(outcome.user) });
	});

/** `POST /api/users/{id}/password` {password}: reset; the user must change it at next sign-in. */
export const postUserPassword = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireAdmin(e.user);
		const { password } = parseFields(passwordResetSchema, await readJson(e.request));
		const outcome = await resetPassword(ctx, actor, targetId(e), password);
		if (!outcome.ok) fail(outcome);
		sessionsChanged(ctx, outcome.user.id);
		return json({ user: publicUser(outcome.user) });
	});

/** `DELETE /api/users/{id}/sessions`: end every session of the account. */
export const deleteUserSessions = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireAdmin(e.user);
		const outcome = await endUserSessions(ctx, actor, targetId(e));
		if (!outcome.ok) fail(outcome);
		sessionsChanged(ctx, targetId(e));
		return json({ ended: outcome.ended });
	});

/** `DELETE /api/users/{id}/lockout`: lift the account's sign-in lock-out. */
export const deleteUserLockout = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireAdmin(e.user);
		const outcome = await unlockUser(ctx, actor, targetId(e));
		if (!outcome.ok) fail(outcome);
		return json({ user: publicUser(outcome.user), lifted: outcome.lifted });
	});

/**
 * `GET /api/audit?cursor=&limit=`: the audit log of the admin's own commune, newest first, a page
 * at a time (`next`: the cursor of the older page, null at the end). Admins only; the commune is
 * the admin's, never the request's.
 */
export const getAudit = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const admin = requireAdmin(e.user);
		const q = parseFields(
			auditQuerySchema,
			Object.fromEntries(new URL(e.request.url).searchParams)
		);
		return json(await auditPage(ctx, admin.communeId, q));
	});

/** `POST /api/auth/password` {currentPassword, newPassword}: the user's own change. */
export const postPassword = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		const input = parseFields(passwordChangeSchema, await readJson(e.request));
		const token = requestToken(e.request);
		const outcome = await changeOwnPassword(
			ctx,
			user.id,
			input,
			token ? hashToken(token) : undefined
		);
		if (!outcome.ok) fail(outcome);
		sessionsChanged(ctx, user.id);
		return json({ user: publicUser(outcome.user) });
	});
