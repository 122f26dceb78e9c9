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
} from '$lib/sync/protocol';
import { login } from '../auth/login';
import { can } from '../auth/permissions';
import { endSession } from '../auth/session';
import { createUser, newUserSchema, publicUser } from '../auth/users';
import type { ServerContext } from '../context';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { parseBody, readJson } from './body';
import { ApiError, handle, json } from './errors';
import { requestToken, sessionCookie } from './request-auth';

export interface ApiEvent {
	request: Request;
	/** Resolved by hooks.server.ts (or `authenticate` in tests). */
	user: PublicUser | null;
	clientAddress: string;
}

function requireUser(user: PublicUser | null): PublicUser {
	if (!user) throw new ApiError('unauthenticated', 'Sign in first');
	return user;
}

export const health = (ctx: ServerContext): Response =>
	json({ ok: true, version: PROTOCOL_VERSION, serverTime: ctx.now() });

export const postLogin = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const input = parseBody(loginRequestSchema, await readJson(e.request));
		const outcome = await login(ctx, input, e.clientAddress);
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
		return json(body, 200, { 'set-cookie': sessionCookie(e.request, outcome.token) });
	});

export const postLogout = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireUser(e.user);
		const token = requestToken(e.request);
		if (token) await endSession(ctx, token);
		return json({ ok: true }, 200, { 'set-cookie': sessionCookie(e.request, null) });
	});

export const getMe = (_ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => json({ user: requireUser(e.user) }));

export const postPush = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		const input = parseBody(pushRequestSchema, await readJson(e.request));
		return json(await push(ctx, user, input));
	});

export const postPull = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		const input = parseBody(pullRequestSchema, await readJson(e.request));
		return json(await pull(ctx, user, input));
	});

export const getUsers = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		if (!can(user, 'user.manage', null))
			throw new ApiError('forbidden', 'Only an admin manages users');
		return json({ users: (await ctx.storage.listUsers()).map(publicUser) });
	});

const CREATE_USER_ERRORS = {
	forbidden: ['forbidden', 'Only an admin manages users'],
	username_taken: ['conflict', 'Username already exists'],
	unknown_unit: ['invalid_request', 'unitCode: unknown unit'],
	unit_required: ['invalid_request', 'unitCode: required for unit_head and staff'],
	unit_not_allowed: ['invalid_request', 'unitCode: only unit_head and staff belong to a unit']
} as const;

export const postUsers = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const user = requireUser(e.user);
		if (!can(user, 'user.manage', null))
			throw new ApiError('forbidden', 'Only an admin manages users');
		const input = parseBody(newUserSchema, await readJson(e.request));
		const outcome = await createUser(ctx, user, input);
		if (!outcome.ok) {
			const [code, message] = CREATE_USER_ERRORS[outcome.code];
			throw new ApiError(code, message);
		}
		return json({ user: publicUser(outcome.user) }, 201);
	});
