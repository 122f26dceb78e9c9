/**
 * /api/province endpoints (Sở Nội vụ) as plain functions of (context, event), like
 * ../http/handlers.ts. Only the province roles get past `requireProvince`; they read per-commune
 * figures and final reports here and never a commune's raw records (/api/sync answers them 403).
 */
import {
	communeSchema,
	communeUpdateSchema,
	dueDateUpdateSchema,
	newCommuneSchema,
	newProvinceUserSchema,
	provinceUserUpdateSchema,
	summaryQuerySchema,
	type Commune
} from '$lib/domain/province';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { canProvince, type ProvinceAction } from '../auth/permissions';
import { passwordResetSchema } from '$lib/domain/users';
import { provinceAuditQuerySchema } from '$lib/domain/audit';
import { auditPage } from '../audit/read';
import {
	createProvinceUser,
	listAccounts,
	publicUser,
	resetPassword,
	updateUser
} from '../auth/users';
import type { ServerContext } from '../context';
import { readJson } from '../http/body';
import { ApiError, handle, json } from '../http/errors';
import { fail, parseFields, requireUser, routeId, type ApiEvent } from '../http/handlers';
import type { CommuneRow } from '../storage/types';
import { createCommune, updateCommune } from './communes';
import { setDueDate } from './due-dates';
import { communeLabel, provinceReport, provinceSummary } from './summary';

export function requireProvince(user: PublicUser | null, action: ProvinceAction): PublicUser {
	const u = requireUser(user);
	if (!canProvince(u, action))
		throw new ApiError(
			'forbidden',
			action === 'province.read' ? 'Only province accounts read this' : 'Only the province admin'
		);
	return u;
}

const query = (e: ApiEvent): Record<string, string> =>
	Object.fromEntries(new URL(e.request.url).searchParams);

const communeOut = (c: CommuneRow): Commune => communeSchema.parse(c);

/**
 * `GET /api/province/communes`: every commune, each with the name to show (`label`: the migrated
 * `default` commune's from its settings, else "Xã (chưa đặt tên)").
 */
export const getCommunes = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.read');
		const communes: Commune[] = [];
		for (const c of await ctx.storage.listCommunes())
			communes.push({ ...communeOut(c), label: await communeLabel(ctx, c) });
		return json({ communes });
	});

/** `POST /api/province/communes` {id, name, area?, parentName?, adminUsername, adminPassword, adminDisplayName?} */
export const postCommune = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const input = parseFields(newCommuneSchema, await readJson(e.request));
		const outcome = await createCommune(ctx, actor, input);
		if (!outcome.ok) fail(outcome);
		return json({ commune: communeOut(outcome.commune), admin: publicUser(outcome.admin) }, 201);
	});

/**
 * `PATCH /api/province/communes/{id}` {name?, area?}: the province admin corrects a commune's name
 * ("Xã …", "Phường …", "Đặc khu …") or sets or clears its area. A bad id answers 404 like an
 * unknown one.
 */
export const patchCommune = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const id = routeId(e);
		if (!id) throw new ApiError('not_found', 'No such commune');
		const patch = parseFields(communeUpdateSchema, await readJson(e.request));
		const outcome = await updateCommune(ctx, actor, id, patch);
		if (!outcome.ok) fail(outcome);
		return json({ commune: communeOut(outcome.commune) });
	});

/** `POST /api/province/users` {username, password, displayName?, role}: a province account. */
export const postProvinceUser = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const input = parseFields(newProvinceUserSchema, await readJson(e.request));
		const outcome = await createProvinceUser(ctx, actor, input);
		if (!outcome.ok) fail(outcome);
		return json({ user: publicUser(outcome.user) }, 201);
	});

/** `GET /api/province/users`: the province accounts (never a commune's), for the province admin. */
export const getProvinceUsers = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.manage');
		return json({ users: await listAccounts(ctx, null) });
	});

const accountId = (e: ApiEvent): string => {
	const id = routeId(e);
	if (!id) throw new ApiError('not_found', 'No such province account');
	return id;
};

/** The account's sessions, role or state changed: its open event streams check their session. */
const sessionsChanged = (ctx: ServerContext, userId: string): void =>
	ctx.feed.publish({ type: 'sessions', userId });

/**
 * `PATCH /api/province/users/{id}` {role?, disabled?}: a province account's role, or disable /
 * re-enable it (its sessions end at once). A commune's account answers 404, like an unknown id.
 * The province admin may not disable or demote themself, nor the last enabled province admin.
 */
export const patchProvinceUser = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const patch = parseFields(provinceUserUpdateSchema, await readJson(e.request));
		const outcome = await updateUser(ctx, actor, accountId(e), patch);
		if (!outcome.ok) fail(outcome);
		sessionsChanged(ctx, outcome.user.id);
		return json({ user: publicUser(outcome.user) });
	});

/** `POST /api/province/users/{id}/password` {password}: reset; changed at the next sign-in. */
export const postProvinceUserPassword = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const { password } = parseFields(passwordResetSchema, await readJson(e.request));
		const outcome = await resetPassword(ctx, actor, accountId(e), password);
		if (!outcome.ok) fail(outcome);
		sessionsChanged(ctx, outcome.user.id);
		return json({ user: publicUser(outcome.user) });
	});

/**
 * `GET /api/province/audit?commune=&cursor=&limit=`: the audit log for the province admin, newest
 * first: one commune's entries (`commune`, an unknown one is 404) or every entry, the province's
 * own accounts' included.
 */
export const getProvinceAudit = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.manage');
		const { commune, ...page } = parseFields(provinceAuditQuerySchema, query(e));
		if (commune !== undefined && !(await ctx.storage.findCommune(commune)))
			throw new ApiError('not_found', 'No such commune');
		return json(await auditPage(ctx, commune, page));
	});

/** `GET /api/province/summary?kind=6month|9month|annual&year=YYYY[&area=…]` */
export const getSummary = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.read');
		const q = parseFields(summaryQuerySchema, query(e));
		return json(await provinceSummary(ctx, q));
	});

/**
 * `PUT /api/province/due-date` {kind, year, dueDate: 'YYYY-MM-DD' | null}: the province admin only
 * (403 `forbidden` for every other account); 400 `invalid_request` with field codes (`dueDate`:
 * `format`, `before_close`, `too_far`). Answers the period's due date as /province now reads it.
 */
export const putDueDate = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const input = parseFields(dueDateUpdateSchema, await readJson(e.request));
		const outcome = await setDueDate(ctx, actor, input);
		if (!outcome.ok) fail(outcome);
		return json({ due: outcome.due });
	});

/** `GET /api/province/reports/{communeId}?kind=…&year=…`: the final report's issued figures. */
export const getReport = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.read');
		const q = parseFields(summaryQuerySchema, query(e));
		const communeId = routeId(e, 'communeId');
		const report = communeId ? await provinceReport(ctx, communeId, q) : null;
		if (!report) throw new ApiError('not_found', 'No final report of this commune for the period');
		return json({ report });
	});
