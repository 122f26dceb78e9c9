/**
 * Two communes on one server for the tenant tests: the default one (A) and `xa-b` (B), made by
 * the province admin through the same code as POST /api/province/communes. Both have the same
 * built-in unit codes and records with the same ids; A's say RAW-A, B's say RAW-B, and B's
 * name says NAME-B, so a response that shows another commune's data is easy to catch.
 */
import { computeReport } from '$lib/domain/progress';
import { periodOf } from '$lib/domain/periods';
import type { ProgressInput } from '$lib/domain/progress';
import { createProvinceUser } from '$lib/server/auth/users';
import { createCommune } from '$lib/server/province/communes';
import { push } from '$lib/server/sync/push';
import { DEFAULT_COMMUNE } from '$lib/server/storage/types';
import { addUser, type TestServer, type TestUser } from '$lib/server/test-server';
import { publicUser } from '$lib/server/auth/users';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { documentRecord, meeting, mutation, onDevice, plan, T0 } from './sync';

export const COMMUNE_B = 'xa-b';

export interface TwoCommunes {
	/** Commune accounts by role, of A (`default`) and of B. */
	a: Record<'admin' | 'monitor' | 'unit_head' | 'staff', TestUser>;
	b: Record<'admin' | 'monitor' | 'unit_head' | 'staff', TestUser>;
	province: Record<'province_admin' | 'province_monitor', PublicUser>;
}

/** A commune's report for the 6-month period of 2026, final with the engine's figures. */
export function finalReport(figures: ProgressInput | null, over: Record<string, unknown> = {}) {
	const period = periodOf('6month', 2026, 0, 'decree09');
	const result = figures ? computeReport(figures, period, '2026-06-14') : null;
	return {
		id: '*:6month:2026',
		scope: '*',
		unitCode: null,
		periodKind: '6month',
		year: 2026,
		number: 7,
		symbol: 'BC-UBND',
		issuedOn: '2026-06-20',
		signingForm: 'tm',
		signerTitle: '',
		signerName: 'Nguyễn Thị Hoa',
		recipients: ['Sở Nội vụ tỉnh (b/c)'],
		deployment: 'Đã quán triệt.',
		shortcomings: '',
		directions: '',
		proposals: '',
		status: 'final',
		issued: {
			asOf: '2026-06-14',
			period: { ...period },
			units: result?.units.map((u) => ({ unitCode: u.unitCode, indicators: u.indicators })) ?? [],
			commune: {
				unitCode: '*',
				indicators: result?.commune.indicators ?? []
			},
			unitNames: {},
			overLimit: []
		},
		createdAt: T0,
		updatedAt: T0,
		deleted: false,
		...over
	};
}

async function send(s: TestServer, user: TestUser, marker: string, extra = false) {
	const mutations = [
		mutation('meeting', meeting({ id: 'm-shared', title: `Họp ${marker}`, unitCode: 'VP' })),
		mutation('document', documentRecord({ id: 'd-shared', title: `Văn bản ${marker}` })),
		mutation('plan', plan({ id: 'VP:2026', unitCode: 'VP', year: 2026 }))
	];
	if (extra)
		mutations.push(
			mutation('meeting', meeting({ id: 'm-b2', title: `Họp ${marker} 2`, unitCode: 'VP' }))
		);
	const deviceId = `dev-${marker}`;
	const res = await push(s.ctx, user, {
		version: 1,
		deviceId,
		mutations: onDevice(deviceId, mutations)
	});
	for (const r of res.results)
		if (r.status !== 'applied') throw new Error(`${marker}: ${r.code} ${r.reason}`);
}

export async function seedTwoCommunes(s: TestServer): Promise<TwoCommunes> {
	const made = async (username: string, role: 'province_admin' | 'province_monitor') => {
		const o = await createProvinceUser(s.ctx, null, {
			username,
			password: `${username}-password`,
			displayName: username,
			role
		});
		if (!o.ok) throw new Error(o.code);
		return publicUser(o.user);
	};
	const provinceAdmin = await made('tinh-admin', 'province_admin');
	const provinceMonitor = await made('tinh-monitor', 'province_monitor');
	const created = await createCommune(s.ctx, provinceAdmin, {
		id: COMMUNE_B,
		name: 'Xã NAME-B',
		area: 'Huyện Bắc',
		parentName: 'Lạng Sơn',
		adminUsername: 'b-admin',
		adminPassword: 'b-admin-password',
		adminDisplayName: 'b-admin'
	});
	if (!created.ok) throw new Error(`commune B: ${created.code}`);
	const bAdmin = { ...publicUser(created.admin), communeId: COMMUNE_B };
	const a = {
		admin: {
			...publicUser((await s.storage.findUserByUsername('admin'))!),
			communeId: DEFAULT_COMMUNE
		},
		monitor: await addUser(s.ctx, 'a-monitor', 'monitor', null),
		unit_head: await addUser(s.ctx, 'a-head', 'unit_head', 'VP'),
		staff: await addUser(s.ctx, 'a-staff', 'staff', 'VP')
	};
	const b = {
		admin: bAdmin,
		monitor: await addUser(s.ctx, 'b-monitor', 'monitor', null, COMMUNE_B),
		unit_head: await addUser(s.ctx, 'b-head', 'unit_head', 'VP', COMMUNE_B),
		staff: await addUser(s.ctx, 'b-staff', 'staff', 'VP', COMMUNE_B)
	};
	await send(s, a.unit_head, 'RAW-A');
	await send(s, b.unit_head, 'RAW-B', true);
	const res = await push(s.ctx, b.monitor, {
		version: 1,
		deviceId: 'dev-b-report',
		mutations: onDevice('dev-b-report', [mutation('report', finalReport(null))])
	});
	if (res.results[0]?.status !== 'applied') throw new Error(`report B: ${res.results[0]?.reason}`);
	return {
		a,
		b,
		province: { province_admin: provinceAdmin, province_monitor: provinceMonitor }
	};
}
