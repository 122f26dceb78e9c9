/**
 * /api/province endpoints (Sở Nội vụ) as plain functions of (context, event), like
 * ../http/handlers.ts. Only the province roles get past `requireProvince`; they read per-commune
 * figures and final reports here and never a commune's raw records (/api/sync answers them 403).
 */
import {
	communeSchema,
	newCommuneSchema,
	newProvinceUserSchema,
	summaryQuerySchema,
	type Commune
} from '$lib/domain/province';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { canProvince, type ProvinceAction } from '../auth/permissions';
import { createProvinceUser, publicUser } from '../auth/users';
import type { ServerContext } from '../context';
import { readJson } from '../http/body';
import { ApiError, handle, json } from '../http/errors';
import { fail, parseFields, requireUser, type ApiEvent } from '../http/handlers';
import type { CommuneRow } from '../storage/types';
import { createCommune } from './communes';
import { provinceReport, provinceSummary } from './summary';

function requireProvince(user: PublicUser | null, action: ProvinceAction): PublicUser {
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

/** `GET /api/province/communes`: every commune. */
export const getCommunes = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.read');
		return json({ communes: (await ctx.storage.listCommunes()).map(communeOut) });
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

/** `POST /api/province/users` {username, password, displayName?, role}: a province account. */
export const postProvinceUser = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const input = parseFields(newProvinceUserSchema, await readJson(e.request));
		const outcome = await createProvinceUser(ctx, actor, input);
		if (!outcome.ok) fail(outcome);
		return json({ user: publicUser(outcome.user) }, 201);
	});

/** `GET /api/province/summary?kind=6month|9month|annual&year=YYYY[&area=…]` */
export const getSummary = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.read');
		const q = parseFields(summaryQuerySchema, query(e));
		return json(await provinceSummary(ctx, q));
	});

/** `GET /api/province/reports/{communeId}?kind=…&year=…`: the final report's issued figures. */
export const getReport = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		requireProvince(e.user, 'province.read');
		const q = parseFields(summaryQuerySchema, query(e));
		const communeId = e.params?.communeId ?? '';
		const report = communeId.length <= 64 ? await provinceReport(ctx, communeId, q) : null;
		if (!report) throw new ApiError('not_found', 'No final report of this commune for the period');
		return json({ report });
	});
