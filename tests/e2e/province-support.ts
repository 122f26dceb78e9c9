/**
 * Communes of their own on the shared e2e server, made by the province admin through the API
 * (the default commune keeps its settings and records for the other specs), with their admin
 * account; and pushes made as that admin's phone would. Used by the province*.spec.ts files.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import { apiLogin, uniqueName } from './sync-support';

/** The province admin the e2e server starts with (playwright.config.ts). */
export const PROVINCE = { username: 'province', password: 'e2e-province-password' };
/** The password the province gives a new commune's admin. */
export const FIRST_PASSWORD = 'mat-khau-xa-rat-dai';
/** The one that admin sets before anything else (the province knows the first). */
export const OWN_PASSWORD = 'mat-khau-rieng-cua-xa-7';

export const provinceToken = (request: APIRequestContext, base: string): Promise<string> =>
	apiLogin(request, base, PROVINCE.username, PROVINCE.password);

export interface Commune {
	id: string;
	name: string;
	area: string;
	/** Its admin's username (password FIRST_PASSWORD until `communeAdminToken`). */
	admin: string;
}

/** A commune made by the province admin (`province`: its token), with its admin account. */
export async function communeWithAdmin(
	request: APIRequestContext,
	base: string,
	province: string,
	{ prefix = 'xa', area, parentName }: { prefix?: string; area: string; parentName?: string }
): Promise<Commune> {
	const id = uniqueName(prefix)
		.toLowerCase()
		.replace(/[^a-z0-9-]/g, '-');
	const admin = `${id}-qt`.slice(0, 32);
	const name = `Xã ${id}`;
	const made = await request.post(`${base}/api/province/communes`, {
		headers: { authorization: `Bearer ${province}` },
		data: {
			id,
			name,
			area,
			...(parentName ? { parentName } : {}),
			adminUsername: admin,
			adminPassword: FIRST_PASSWORD
		}
	});
	expect(made.status(), await made.text()).toBe(201);
	return { id, name, area, admin };
}

/**
 * The commune's admin signs in, sets their own password (OWN_PASSWORD: the province chose the
 * first one, and nothing else is allowed before) and signs in again: the token.
 */
export async function communeAdminToken(
	request: APIRequestContext,
	base: string,
	admin: string
): Promise<string> {
	const first = await apiLogin(request, base, admin, FIRST_PASSWORD);
	const changed = await request.post(`${base}/api/auth/password`, {
		headers: { authorization: `Bearer ${first}` },
		data: { currentPassword: FIRST_PASSWORD, newPassword: OWN_PASSWORD }
	});
	expect(changed.status(), await changed.text()).toBe(200);
	return apiLogin(request, base, admin, OWN_PASSWORD);
}

/** Push `mutations` as the phone `deviceId` of `token`'s account; every one must be applied. */
export async function pushApplied(
	request: APIRequestContext,
	base: string,
	token: string,
	deviceId: string,
	mutations: unknown[]
): Promise<void> {
	const r = await request.post(`${base}/api/sync/push`, {
		headers: { authorization: `Bearer ${token}` },
		data: { version: 1, deviceId, mutations }
	});
	expect(r.status(), await r.text()).toBe(200);
	const { results } = (await r.json()) as { results: { status: string; reason?: string }[] };
	expect(results.map((x) => x.status)).toEqual(mutations.map(() => 'applied'));
}
