/**
 * The province's side of the shared e2e server, through the API: communes of their own, made by
 * the province admin (the default commune keeps its settings and records for the other specs),
 * with their admin account; province monitor accounts; the final report a commune's phone sends.
 * Used by the province*.spec.ts files; pushes themselves are in sync-support.ts.
 */
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { PeriodMode } from '../../src/lib/domain/codes';
import { periodOf } from '../../src/lib/domain/periods';
import { apiLogin, putMutation, uniqueName } from './sync-support';

/** The province admin the e2e server starts with (playwright.config.ts). */
export const PROVINCE = { username: 'province', password: 'e2e-province-password' };
/** The password the province gives a new commune's admin. */
const FIRST_PASSWORD = 'mat-khau-xa-rat-dai';
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

/** A request as `token`'s account (no status check: the caller expects its own). */
export function asToken(
	request: APIRequestContext,
	base: string,
	token: string,
	method: 'post' | 'put',
	path: string,
	data: unknown
) {
	return request[method](`${base}${path}`, { headers: { authorization: `Bearer ${token}` }, data });
}

export const MONITOR_PASSWORD = 'mat-khau-so-noi-vu';

/** A province monitor account made by the province admin (`province`: its token); its sign-in. */
export async function createMonitor(
	request: APIRequestContext,
	base: string,
	province: string,
	prefix: string,
	displayName?: string
): Promise<{ username: string; password: string }> {
	const username = uniqueName(prefix);
	const made = await asToken(request, base, province, 'post', '/api/province/users', {
		username,
		password: MONITOR_PASSWORD,
		...(displayName ? { displayName } : {}),
		role: 'province_monitor'
	});
	expect(made.status(), await made.text()).toBe(201);
	return { username, password: MONITOR_PASSWORD };
}

/**
 * The put of a commune's final 6-month report of `year` (`*:6month:<year>`), as its admin's phone
 * sends it: issued `issuedOn` as số `number`/BC-UBND over the period of `mode`, with the commune's
 * `indicators` frozen in it.
 */
export function finalReportPut(
	deviceId: string,
	year: number,
	{
		mode,
		number,
		issuedOn,
		deployment,
		indicators = []
	}: {
		mode: PeriodMode;
		number: number;
		issuedOn: string;
		deployment: string;
		indicators?: { code: string; value: number; display: string; target: number; status: string }[];
	},
	counter = 0,
	now = Date.now()
) {
	const period = periodOf('6month', year, 0, mode);
	return putMutation(
		deviceId,
		'report',
		{
			id: `*:6month:${year}`,
			scope: '*',
			unitCode: null,
			periodKind: '6month',
			year,
			number,
			symbol: 'BC-UBND',
			issuedOn,
			signingForm: 'tm',
			signerTitle: '',
			signerName: 'Hoàng Văn Nam',
			recipients: ['Sở Nội vụ tỉnh Lạng Sơn'],
			deployment,
			shortcomings: '',
			directions: '',
			proposals: '',
			status: 'final',
			issued: {
				asOf: period.end,
				period: { ...period },
				units: [],
				commune: { unitCode: '*', indicators },
				unitNames: {},
				overLimit: []
			},
			deleted: false
		},
		counter,
		{ now }
	);
}

/**
 * Opens /province's folded filters (area, report state) when they are closed; the summary says how
 * many are in use.
 */
export async function openProvinceFilters(page: Page, inUse: number): Promise<void> {
	const summary = page.locator('details.more-filters > summary');
	await expect(summary).toHaveText(inUse > 0 ? `Bộ lọc (đang dùng ${inUse})` : 'Bộ lọc');
	if (!(await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open)))
		await summary.click();
	await expect(page.locator('details.more-filters')).toHaveAttribute('open', '');
}
