/**
 * The audit log through the route handlers (with what hooks.server.ts does first): every admin
 * action writes its entry, in the action's own transaction (a refused or failed action logs
 * nothing; an entry that cannot be written undoes the action), and only a commune's admin reads
 * its commune's log, the province admin any commune's.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMUNE_B, finalReport, seedTwoCommunes, type TwoCommunes } from '$factories/communes';
import { hlcAt, meeting, mutation, onDevice, T0 } from '$factories/sync';
import { auditPageSchema, type AuditEntry } from '$lib/domain/audit';
import { defaultSettings } from '$lib/domain/defaults';
import { errorBodySchema, type PublicUser } from '$lib/domain/sync/protocol';
import { createSession, hashToken } from '../auth/session';
import { publicUser } from '../auth/users';
import * as api from '../http/handlers';
import { authenticate, passwordGate } from '../http/request-auth';
import * as province from '../province/handlers';
import { DB_FILE } from '../storage/sqlite';
import { DEFAULT_COMMUNE } from '../storage/types';
import { openSeededServer, sessionFor, type TestServer } from '../test-server';
import { cleanup } from '../auth/cleanup';
import { changedFields } from '../sync/push';
import { planOfYear } from '$lib/domain/commune-plans';

type Handler = (ctx: TestServer['ctx'], e: api.ApiEvent) => Promise<Response>;

let s: TestServer;
let t: TwoCommunes;
beforeEach(async () => {
	s = await openSeededServer();
	t = await seedTwoCommunes(s);
});
afterEach(() => s.close());

/** What hooks.server.ts does (session, password gate), then the handler. */
async function call(
	handler: Handler,
	as: PublicUser | null,
	p: string,
	opts: { method?: string; body?: unknown; id?: string } = {}
): Promise<Response> {
	const token = as ? (await sessionFor(s.ctx, as.id)).token : null;
	const req = new Request(`http://localhost${p}`, {
		method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: opts.body === undefined ? undefined : JSON.stringify(opts.body)
	});
	const row = await authenticate(s.ctx, req);
	const user = row ? publicUser(row) : null;
	const refused = passwordGate(user, new URL(req.url).pathname);
	if (refused) return refused;
	return handler(s.ctx, {
		request: req,
		user,
		clientAddress: '10.0.0.1',
		params: opts.id ? { id: opts.id } : {}
	});
}

async function page(res: Response) {
	expect(res.status).toBe(200);
	return auditPageSchema.parse(await res.json());
}

/** Commune A's log as its admin reads it (one page of up to 200). */
const logOfA = async (): Promise<AuditEntry[]> =>
	(await page(await call(api.getAudit, t.a.admin, '/api/audit?limit=200'))).entries;

const errorCode = async (res: Response) => errorBodySchema.parse(await res.json()).error.code;

/** A sign-in with a wrong password: a failed attempt for the admin's "unlock" to forget. */
async function failSignIn(username: string) {
	const res = await call(api.postLogin, null, '/api/auth/login', {
		body: { username, password: 'not the password 0' }
	});
	expect(res.status).toBe(401);
}

const unlock = (as: PublicUser, id: string) =>
	call(api.deleteUserLockout, as, `/api/users/${id}/lockout`, { method: 'DELETE', id });
const endSessions = (as: PublicUser, id: string) =>
	call(api.deleteUserSessions, as, `/api/users/${id}/sessions`, { method: 'DELETE', id });

describe('every admin action writes its entry', () => {
	it('names who did what to whom, newest first, and never a password, hash or token', async () => {
		const admin = t.a.admin;
		const created = await call(api.postUsers, admin, '/api/users', {
			body: { username: 'moi-vp', password: 'a long passphrase 42', role: 'staff', unitCode: 'VP' }
		});
		expect(created.status).toBe(201);
		const id = ((await created.json()) as { user: { id: string } }).user.id;
		const patch = (body: unknown) =>
			call(api.patchUser, admin, `/api/users/${id}`, { method: 'PATCH', body, id });
		expect((await patch({ role: 'unit_head', unitCode: 'VP' })).status).toBe(200);
		expect((await patch({ disabled: true })).status).toBe(200);
		expect((await patch({ disabled: false })).status).toBe(200);
		const reset = await call(api.postUserPassword, admin, `/api/users/${id}/password`, {
			body: { password: 'another passphrase 43' },
			id
		});
		expect(reset.status).toBe(200);
		await sessionFor(s.ctx, id);
		const ended = await endSessions(admin, id);
		expect(ended.status).toBe(200);
		expect(await ended.json()).toEqual({ ended: 1 });
		await failSignIn('moi-vp');
		const unlocked = await unlock(admin, id);
		expect(unlocked.status).toBe(200);
		expect(await unlocked.json()).toMatchObject({ lifted: true });
		const settings = await call(api.postPush, t.a.monitor, '/api/sync/push', {
			body: {
				version: 1,
				deviceId: 'dev-m',
				mutations: onDevice('dev-m', [
					mutation(
						'settings',
						{ ...defaultSettings(T0 + 1000), communeName: 'Xã Mới', province: '' },
						{ hlc: hlcAt(T0 + 1000, 'dev-m') }
					)
				])
			}
		});
		expect(settings.status).toBe(200);
		const signIn = await call(api.postLogin, null, '/api/auth/login', {
			body: { username: 'admin', password: 'admin-password' }
		});
		expect(signIn.status).toBe(200);
		// A staff member's sign-in is not an admin's: not logged.
		await call(api.postLogin, null, '/api/auth/login', {
			body: { username: 'a-staff', password: 'a-staff-password' }
		});

		const res = await call(api.getAudit, admin, '/api/audit');
		const text = await res.clone().text();
		for (const secret of ['a long passphrase 42', 'another passphrase 43', 'admin-password'])
			expect(text).not.toContain(secret);
		expect(text).not.toMatch(/scrypt|passwordHash|token/i);
		const entries = (await page(res)).entries;
		expect(entries.map((e) => e.action)).toEqual([
			'admin.signed_in',
			'settings.changed',
			'user.unlocked',
			'user.sessions_ended',
			'user.password_reset',
			'user.enabled',
			'user.disabled',
			'user.role_changed',
			'user.created'
		]);
		for (const e of entries) {
			expect(e.communeId).toBe(DEFAULT_COMMUNE);
			expect(e.at).toBe(T0);
		}
		const byAdmin = entries.filter((e) => e.action.startsWith('user.'));
		for (const e of byAdmin)
			expect(e).toMatchObject({
				actorId: admin.id,
				actorUsername: 'admin',
				targetId: id,
				targetName: 'moi-vp'
			});
		expect(entries.find((e) => e.action === 'user.role_changed')!.detail).toEqual({
			from: { role: 'staff', unitCode: 'VP' },
			to: { role: 'unit_head', unitCode: 'VP' }
		});
		expect(entries.find((e) => e.action === 'user.created')!.detail).toEqual({
			role: 'staff',
			unitCode: 'VP'
		});
		expect(entries.find((e) => e.action === 'settings.changed')).toMatchObject({
			actorUsername: 'a-monitor',
			detail: { fields: ['communeName'] }
		});
		expect(entries[0]).toMatchObject({ actorUsername: 'admin', targetName: 'admin' });
	});

	it("logs the province admin's work in the commune it concerns, its own accounts apart", async () => {
		const pa = t.province.province_admin;
		const renamed = await call(province.patchCommune, pa, `/api/province/communes/${COMMUNE_B}`, {
			method: 'PATCH',
			body: { name: 'Xã Bình An', area: null },
			id: COMMUNE_B
		});
		expect(renamed.status).toBe(200);
		// The same again changes nothing: no entry.
		await call(province.patchCommune, pa, `/api/province/communes/${COMMUNE_B}`, {
			method: 'PATCH',
			body: { name: 'Xã Bình An' },
			id: COMMUNE_B
		});
		const made = await call(province.postProvinceUser, pa, '/api/province/users', {
			body: { username: 'tinh-moi', password: 'a long passphrase 45', role: 'province_monitor' }
		});
		expect(made.status).toBe(201);
		const b = (
			await page(
				await call(province.getProvinceAudit, pa, `/api/province/audit?commune=${COMMUNE_B}`)
			)
		).entries;
		expect(b.map((e) => [e.action, e.actorUsername, e.targetName])).toEqual([
			['commune.updated', 'tinh-admin', 'Xã NAME-B'],
			// The seed's final report, sent by B's monitor: in B's log too.
			['report.finalized', 'b-monitor', null],
			['user.created', 'tinh-admin', 'b-admin'],
			['commune.created', 'tinh-admin', 'Xã NAME-B']
		]);
		expect(b[0]!.detail).toEqual({
			name: { from: 'Xã NAME-B', to: 'Xã Bình An' },
			area: { from: 'Huyện Bắc', to: null }
		});
		const all = (await page(await call(province.getProvinceAudit, pa, '/api/province/audit')))
			.entries;
		expect(all[0]).toMatchObject({
			action: 'user.created',
			communeId: null,
			targetName: 'tinh-moi'
		});
		expect(all.map((e) => e.communeId)).toEqual(expect.arrayContaining([COMMUNE_B, null]));
	});
});

describe('a settings save', () => {
	const save = (at: number, data: Record<string, unknown>) =>
		call(api.postPush, t.a.admin, '/api/sync/push', {
			body: {
				version: 1,
				deviceId: 'dev-a',
				mutations: onDevice('dev-a', [
					mutation('settings', { ...defaultSettings(at), ...data }, { hlc: hlcAt(at, 'dev-a') })
				])
			}
		});
	const settingsEntries = async () =>
		(await logOfA()).filter((e) => e.action === 'settings.changed').map((e) => e.detail);

	it('logs the fields it changed, and nothing when it changed none (a new updatedAt only)', async () => {
		expect((await save(T0 + 1000, { communeName: 'Xã Mới' })).status).toBe(200);
		expect((await save(T0 + 2000, { communeName: 'Xã Mới' })).status).toBe(200);
		expect((await save(T0 + 3000, { communeName: 'Xã Mới' })).status).toBe(200);
		const renamed = {
			fields: ['communeName'],
			values: [{ field: 'communeName', from: '', to: 'Xã Mới' }]
		};
		expect(await settingsEntries()).toEqual([renamed]);
		expect(
			(await save(T0 + 4000, { communeName: 'Xã Mới', planNumber: '45/KH-UBND' })).status
		).toBe(200);
		expect(await settingsEntries()).toEqual([
			{ fields: ['planNumber'], plans: [{ year: 2026, number: { from: '', to: '45/KH-UBND' } }] },
			renamed
		]);
	});

	it('logs the plan of each year from → to (clerk review r11, 9), and nothing when an older plan is only read into the list', async () => {
		const old = { planNumber: '45/KH-UBND', planDate: '2026-04-15' };
		expect((await save(T0 + 1000, old)).status).toBe(200);
		// The new app's first save: the same plan, now in the list (and mirrored): no entry.
		const plans = [{ year: 2026, number: '45/KH-UBND', date: '2026-04-15' }];
		expect((await save(T0 + 2000, { ...old, plans })).status).toBe(200);
		expect(await settingsEntries()).toHaveLength(1);
		const next = [{ year: 2026, number: '52/KH-UBND', date: '2026-04-20' }];
		expect(
			(await save(T0 + 3000, { planNumber: '52/KH-UBND', planDate: '2026-04-20', plans: next }))
				.status
		).toBe(200);
		expect((await settingsEntries())[0]).toEqual({
			fields: ['planDate', 'planNumber', 'plans'],
			plans: [
				{
					year: 2026,
					number: { from: '45/KH-UBND', to: '52/KH-UBND' },
					date: { from: '2026-04-15', to: '2026-04-20' }
				}
			]
		});
	});
});

describe('an older app’s settings (one plan, no list) beside this version’s plans by year', () => {
	const push = (device: string, at: number, record: Record<string, unknown>, fields?: string[]) =>
		call(api.postPush, t.a.admin, '/api/sync/push', {
			body: {
				version: 1,
				deviceId: device,
				mutations: onDevice(device, [
					mutation('settings', record, {
						hlc: hlcAt(at, device),
						...(fields ? { fields } : {})
					})
				])
			}
		});
	const stored = async () =>
		(await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings'))!.state.data;

	it('is accepted, keeps the plans it does not know, and its plan stands for its date’s year', async () => {
		const plans = [
			{ year: 2026, number: '45/KH-UBND', date: '2026-04-15' },
			{ year: 2027, number: '12/KH-UBND', date: '2026-12-20' }
		];
		const now = { ...defaultSettings(T0 + 1000), planNumber: '45/KH-UBND', planDate: '2026-04-15' };
		expect((await push('dev-new', T0 + 1000, { ...now, plans })).status).toBe(200);
		// The older app holds the record without `plans` and changes the one plan it knows.
		const { plans: _, ...older } = now;
		const res = await push(
			'dev-old',
			T0 + 2000,
			{ ...older, planNumber: '46/KH-UBND', updatedAt: T0 + 2000 },
			['planNumber', 'updatedAt']
		);
		expect(res.status).toBe(200);
		expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe(
			'applied'
		);
		const data = await stored();
		expect(data.plans).toEqual(plans);
		expect(planOfYear(data as never, 2026)?.number).toBe('46/KH-UBND');
		expect(planOfYear(data as never, 2027)?.number).toBe('12/KH-UBND');
		// Logged as this version reads it: the 2026 plan's number.
		expect((await logOfA()).find((e) => e.action === 'settings.changed')!.detail).toEqual({
			fields: ['planNumber'],
			plans: [{ year: 2026, number: { from: '45/KH-UBND', to: '46/KH-UBND' } }]
		});
	});
});

describe('a report made final, issued again or taken back (attacker review r20, 3)', () => {
	it('logs each in the commune’s log with which report and what was issued; nothing for a draft’s text or a final one left as it was', async () => {
		// After the 6-month period and the report's date (20/06/2026).
		let at = Date.UTC(2026, 5, 25, 2, 0, 0);
		s.clock.now = at;
		const send = async (record: Record<string, unknown>, op: 'put' | 'delete' = 'put') => {
			at += 1000;
			s.clock.now = at;
			const res = await call(api.postPush, t.a.admin, '/api/sync/push', {
				body: {
					version: 1,
					deviceId: 'dev-r',
					mutations: onDevice('dev-r', [
						mutation('report', record, { op, hlc: hlcAt(at, 'dev-r') })
					])
				}
			});
			expect(res.status).toBe(200);
			return ((await res.json()) as { results: { status: string }[] }).results[0]!.status;
		};
		const final = finalReport(null);
		const draft = { ...final, status: 'draft', issued: null };
		const reports = async () =>
			(await logOfA())
				.filter((e) => e.action.startsWith('report.'))
				.map((e) => [e.action, e.detail]);
		expect(await send(draft)).toBe('applied');
		expect(await send({ ...draft, deployment: 'Đã quán triệt, triển khai.' })).toBe('applied');
		expect(await reports()).toEqual([]);
		expect(await send(final)).toBe('applied');
		const issued = {
			kind: '6month',
			year: 2026,
			unitCode: null,
			number: 7,
			symbol: 'BC-UBND',
			issuedOn: '2026-06-20',
			asOf: '2026-06-14'
		};
		expect(await reports()).toEqual([['report.finalized', issued]]);
		// Final, a recipient added: the issued report is the same, nothing logged.
		expect(await send({ ...final, recipients: ['Sở Nội vụ tỉnh (b/c)', 'Lưu: VT'] })).toBe(
			'applied'
		);
		expect(await reports()).toHaveLength(1);
		// Final with another number: what the province reads changed.
		expect(await send({ ...final, number: 8 })).toBe('applied');
		expect((await reports())[0]).toEqual(['report.finalized', { ...issued, number: 8 }]);
		expect(await send({ ...draft, number: 8 })).toBe('applied');
		expect((await reports())[0]).toEqual([
			'report.reopened',
			{ kind: '6month', year: 2026, unitCode: null, deleted: false }
		]);
		expect(await send(final)).toBe('applied');
		expect(await send({ ...final, deleted: true }, 'delete')).toBe('applied');
		expect((await reports()).map(([a]) => a)).toEqual([
			'report.reopened',
			'report.finalized',
			'report.reopened',
			'report.finalized',
			'report.finalized'
		]);
		expect((await reports())[0]![1]).toMatchObject({ deleted: true });
		const entry = (await logOfA()).find((e) => e.action === 'report.finalized')!;
		expect(entry).toMatchObject({
			communeId: DEFAULT_COMMUNE,
			actorId: t.a.admin.id,
			targetId: '*:6month:2026'
		});
		// Its kind of action on the log pages.
		const page1 = await page(await call(api.getAudit, t.a.admin, '/api/audit?group=reports'));
		expect(page1.entries).toHaveLength(5);
	});
});

describe('a change to the unit list', () => {
	const unit = (at: number, data: Record<string, unknown> = {}) => ({
		code: 'TDP9',
		name: 'Tổ dân phố 9',
		kind: 'hamlet',
		archived: false,
		order: 90,
		createdAt: T0,
		updatedAt: at,
		deleted: false,
		...data
	});
	let clock = T0;
	const push = async (
		as: PublicUser,
		entity: 'unit' | 'meeting',
		record: Record<string, unknown>
	) => {
		clock += 1000;
		const res = await call(api.postPush, as, '/api/sync/push', {
			body: {
				version: 1,
				deviceId: 'dev-a',
				mutations: onDevice('dev-a', [mutation(entity, record, { hlc: hlcAt(clock, 'dev-a') })])
			}
		});
		expect(res.status).toBe(200);
		return ((await res.json()) as { results: { status: string }[] }).results[0]!.status;
	};
	const unitEntries = async () =>
		(await logOfA())
			.filter((e) => e.action.startsWith('unit.'))
			.map((e) => ({
				action: e.action,
				actor: e.actorUsername,
				target: e.targetName,
				detail: e.detail
			}));

	it('logs a unit created, renamed, archived and deleted, each with what changed', async () => {
		const admin = t.a.admin;
		expect(await push(admin, 'unit', unit(clock))).toBe('applied');
		expect(await push(admin, 'unit', unit(clock, { name: 'Tổ dân phố số 9' }))).toBe('applied');
		// A new order alone, or the same save again, is not a change of the list.
		expect(await push(admin, 'unit', unit(clock, { name: 'Tổ dân phố số 9', order: 3 }))).toBe(
			'applied'
		);
		expect(
			await push(admin, 'unit', unit(clock, { name: 'Tổ dân phố số 9', order: 3, archived: true }))
		).toBe('applied');
		expect(
			await push(
				admin,
				'unit',
				unit(clock, { name: 'Tổ dân phố số 9', archived: true, deleted: true })
			)
		).toBe('applied');
		// Written again after its deletion: created.
		expect(await push(admin, 'unit', unit(clock, { name: 'Tổ 9\tmới' }))).toBe('applied');
		const by = { actor: admin.username };
		expect(await unitEntries()).toEqual([
			{
				action: 'unit.created',
				...by,
				// A control character in a name (the unit schema allows it) is shown, never a failed push.
				target: 'Tổ 9\ufffdmới',
				detail: { code: 'TDP9', name: 'Tổ 9\ufffdmới', kind: 'hamlet' }
			},
			{
				action: 'unit.deleted',
				...by,
				target: 'Tổ dân phố số 9',
				detail: { code: 'TDP9', name: 'Tổ dân phố số 9' }
			},
			{
				action: 'unit.updated',
				...by,
				target: 'Tổ dân phố số 9',
				detail: { code: 'TDP9', archived: { from: false, to: true } }
			},
			{
				action: 'unit.updated',
				...by,
				target: 'Tổ dân phố số 9',
				detail: { code: 'TDP9', name: { from: 'Tổ dân phố 9', to: 'Tổ dân phố số 9' } }
			},
			{
				action: 'unit.created',
				...by,
				target: 'Tổ dân phố 9',
				detail: { code: 'TDP9', name: 'Tổ dân phố 9', kind: 'hamlet' }
			}
		]);
	});

	it('logs nothing for a refused unit change, nor for a meeting', async () => {
		expect(await push(t.a.staff, 'unit', unit(clock))).toBe('rejected');
		expect(
			await push(t.a.staff, 'meeting', meeting({ id: 'm-log', unitCode: t.a.staff.unitCode! }))
		).toBe('applied');
		expect(await logOfA()).toEqual([]);
	});
});

describe('changedFields for the log', () => {
	it('takes a field a record lacks and its default ("" or null) as the same value', () => {
		const stored = { communeName: 'Xã A', limits: { hop: null }, updatedAt: 1 };
		const saved = { ...stored, planNumber: '', planDate: null, updatedAt: 2 };
		expect(changedFields(stored, saved, { missingIsEmpty: true })).toEqual([]);
		expect(changedFields(saved, stored, { missingIsEmpty: true })).toEqual([]);
		expect(
			changedFields(stored, { ...saved, planDate: '2026-04-15' }, { missingIsEmpty: true })
		).toEqual(['planDate']);
		// Set to '' from null is a change; so is a lacking field given a value.
		expect(changedFields({ planDate: null }, { planDate: '' }, { missingIsEmpty: true })).toEqual([
			'planDate'
		]);
		expect(
			changedFields(stored, { ...stored, planNumber: '1/KH' }, { missingIsEmpty: true })
		).toEqual(['planNumber']);
		// Without the option a lacking field is a change (what the sync conflict report wants).
		expect(changedFields(stored, saved)).toEqual(['planDate', 'planNumber']);
	});
});

describe('two admins changing one account at once', () => {
	it('log what each change really replaced: the same change twice is one entry', async () => {
		const staff = t.a.staff;
		const patch = () =>
			call(api.patchUser, t.a.admin, `/api/users/${staff.id}`, {
				method: 'PATCH',
				body: { role: 'unit_head', unitCode: staff.unitCode },
				id: staff.id
			});
		const answers = await Promise.all([patch(), patch()]);
		expect(answers.map((r) => r.status)).toEqual([200, 200]);
		const changed = (await logOfA()).filter((e) => e.action === 'user.role_changed');
		expect(changed.map((e) => e.detail)).toEqual([
			{
				from: { role: 'staff', unitCode: staff.unitCode },
				to: { role: 'unit_head', unitCode: staff.unitCode }
			}
		]);
	});

	/**
	 * Another admin's change commits after this request first read the account (its `target`
	 * check) and before its transaction: `meanwhile` runs right after that first read.
	 */
	const afterFirstRead = (id: string, meanwhile: () => Promise<unknown>) => {
		const find = s.storage.findUserById.bind(s.storage);
		let done = false;
		s.storage.findUserById = async (x: string) => {
			const row = await find(x);
			if (x === id && !done) {
				done = true;
				await meanwhile();
			}
			return row;
		};
	};
	const patchStaff = (body: unknown) =>
		call(api.patchUser, t.a.admin, `/api/users/${t.a.staff.id}`, {
			method: 'PATCH',
			body,
			id: t.a.staff.id
		});

	it('a change decided from its own transaction’s row: a disable a moment before is kept', async () => {
		const staff = t.a.staff;
		afterFirstRead(staff.id, () => s.storage.updateUser(staff.id, { disabled: true }));
		expect((await patchStaff({ role: 'unit_head', unitCode: staff.unitCode })).status).toBe(200);
		// Not re-enabled with the value read before, and not logged as re-enabled.
		expect(await s.storage.findUserById(staff.id)).toMatchObject({
			role: 'unit_head',
			disabled: true
		});
		expect((await logOfA()).map((e) => e.action)).toEqual(['user.role_changed']);
	});

	it('and a role change a moment before a disable is kept, not logged back', async () => {
		const staff = t.a.staff;
		afterFirstRead(staff.id, () =>
			s.storage.updateUser(staff.id, { role: 'monitor', unitCode: null })
		);
		expect((await patchStaff({ disabled: true })).status).toBe(200);
		expect(await s.storage.findUserById(staff.id)).toMatchObject({
			role: 'monitor',
			unitCode: null,
			disabled: true
		});
		expect((await logOfA()).map((e) => e.action)).toEqual(['user.disabled']);
	});

	it('refuses demoting an admin whose account became the last enabled one a moment before', async () => {
		// A second admin of A; the first is disabled by someone else after this request's first read.
		const second = await s.storage.createUser({
			...(await s.storage.findUserById(t.a.admin.id))!,
			id: 'admin-2',
			username: 'admin-2'
		});
		afterFirstRead('admin-2', () => s.storage.updateUser(t.a.admin.id, { role: 'monitor' }));
		const res = await call(api.patchUser, t.a.admin, '/api/users/admin-2', {
			method: 'PATCH',
			body: { role: 'monitor', unitCode: null },
			id: second!.id
		});
		expect(res.status).toBe(409);
		expect((await s.storage.findUserById('admin-2'))?.role).toBe('admin');
	});

	it('and two province admins renaming one commune at once: one entry, from the old name', async () => {
		const pa = t.province.province_admin;
		const rename = () =>
			call(province.patchCommune, pa, `/api/province/communes/${COMMUNE_B}`, {
				method: 'PATCH',
				body: { name: 'Xã Bình An' },
				id: COMMUNE_B
			});
		const answers = await Promise.all([rename(), rename()]);
		expect(answers.map((r) => r.status)).toEqual([200, 200]);
		const b = (
			await page(
				await call(province.getProvinceAudit, pa, `/api/province/audit?commune=${COMMUNE_B}`)
			)
		).entries.filter((e) => e.action === 'commune.updated');
		expect(b.map((e) => e.detail)).toEqual([{ name: { from: 'Xã NAME-B', to: 'Xã Bình An' } }]);
	});
});

describe('who reads the log', () => {
	it("a commune admin reads their own commune's entries only, whatever the request says", async () => {
		await sessionFor(s.ctx, t.a.staff.id);
		await endSessions(t.a.admin, t.a.staff.id);
		const own = await logOfA();
		expect(own.map((e) => e.action)).toEqual(['user.sessions_ended']);
		const asked = (
			await page(await call(api.getAudit, t.a.admin, `/api/audit?commune=${COMMUNE_B}`))
		).entries;
		expect(asked).toEqual(own);
		expect(asked.every((e) => e.communeId === DEFAULT_COMMUNE)).toBe(true);
		// B's admin has set their own password (the province's is only for the first sign-in).
		await s.storage.updateUser(t.b.admin.id, { mustChangePassword: false });
		const bLog = (await page(await call(api.getAudit, t.b.admin, '/api/audit'))).entries;
		expect(bLog.length).toBeGreaterThan(0);
		expect(bLog.every((e) => e.communeId === COMMUNE_B)).toBe(true);
		expect(JSON.stringify(own)).not.toMatch(/NAME-B|b-admin/);
	});

	it('no other role reads a commune log, and only the province admin reads the province one', async () => {
		for (const u of [t.a.monitor, t.a.unit_head, t.a.staff]) {
			const res = await call(api.getAudit, u, '/api/audit');
			expect(res.status, u.username).toBe(403);
			expect(await errorCode(res)).toBe('forbidden');
		}
		for (const u of Object.values(t.province))
			expect((await call(api.getAudit, u, '/api/audit')).status, u.username).toBe(403);
		expect((await call(api.getAudit, null, '/api/audit')).status).toBe(401);
		for (const u of [t.a.admin, t.b.admin, t.province.province_monitor])
			expect(
				(await call(province.getProvinceAudit, u, '/api/province/audit')).status,
				u.username
			).toBe(403);
		expect((await call(province.getProvinceAudit, null, '/api/province/audit')).status).toBe(401);
	});

	it('refuses a bad cursor or limit (400) and an unknown commune (404)', async () => {
		for (const q of ['cursor=abc', 'cursor=-1', 'limit=0', 'limit=1000']) {
			const res = await call(api.getAudit, t.a.admin, `/api/audit?${q}`);
			expect(res.status, q).toBe(400);
			expect(await errorCode(res)).toBe('invalid_request');
		}
		const pa = t.province.province_admin;
		const unknown = await call(province.getProvinceAudit, pa, '/api/province/audit?commune=xa-zz');
		expect(unknown.status).toBe(404);
		expect(await errorCode(unknown)).toBe('not_found');
		expect(
			(await call(province.getProvinceAudit, pa, '/api/province/audit?commune=XA%00')).status
		).toBe(400);
	});

	it('pages newest first by cursor until `next` is null', async () => {
		for (let i = 0; i < 7; i++) {
			await sessionFor(s.ctx, t.a.staff.id);
			await endSessions(t.a.admin, t.a.staff.id);
		}
		const all = await logOfA();
		const seen: AuditEntry[] = [];
		let cursor: string | null = '';
		let pages = 0;
		while (cursor !== null) {
			const p = await page(
				await call(
					api.getAudit,
					t.a.admin,
					`/api/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`
				)
			);
			seen.push(...p.entries);
			cursor = p.next;
			pages++;
		}
		expect(seen).toEqual(all);
		expect(pages).toBe(Math.ceil(all.length / 3) + (all.length % 3 === 0 ? 1 : 0));
		const ids = seen.map((e) => Number(e.id));
		expect([...ids].sort((x, y) => y - x)).toEqual(ids);
	});
});

describe('finding an account action in a flood of settings saves (attacker review r12, 4)', () => {
	/** One push of `n` settings saves by the monitor, each renaming the commune: n entries. */
	const flood = async (n: number, from: number) => {
		const res = await call(api.postPush, t.a.monitor, '/api/sync/push', {
			body: {
				version: 1,
				deviceId: 'dev-m',
				mutations: onDevice(
					'dev-m',
					Array.from({ length: n }, (_, i) =>
						mutation(
							'settings',
							{ ...defaultSettings(T0), communeName: `Xã ${from + i}` },
							{ hlc: hlcAt(T0 + (from + i) * 1000, 'dev-m') }
						)
					)
				)
			}
		});
		expect(res.status).toBe(200);
	};
	const read = async (as: PublicUser, q: string) =>
		page(await call(api.getAudit, as, `/api/audit?${q}`));
	/** Every page of a filtered log, by its cursor. */
	const allPages = async (as: PublicUser, q: string, limit: number) => {
		const seen: AuditEntry[] = [];
		let cursor: string | null = '';
		while (cursor !== null) {
			const p = await read(
				as,
				[q, `limit=${limit}`, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&')
			);
			expect(p.entries.length).toBeLessThanOrEqual(limit);
			seen.push(...p.entries);
			cursor = p.next;
		}
		return seen;
	};

	it('the admin filters by kind of action and by actor, page by page, however deep it lies', async () => {
		await flood(40, 1);
		const reset = await call(
			api.postUserPassword,
			t.a.admin,
			`/api/users/${t.a.staff.id}/password`,
			{
				body: { password: 'a long passphrase 77' },
				id: t.a.staff.id
			}
		);
		expect(reset.status).toBe(200);
		// The same admin signing in again and again (attacker review r20, 4): logged, apart.
		for (let i = 0; i < 5; i++)
			expect(
				(
					await call(api.postLogin, null, '/api/auth/login', {
						body: { username: 'admin', password: 'admin-password' }
					})
				).status
			).toBe(200);
		expect((await read(t.a.admin, 'group=signins&limit=50')).entries).toHaveLength(5);
		await flood(60, 41);
		// Unfiltered, the first pages are the monitor's settings.
		const first = await read(t.a.admin, 'limit=50');
		expect(new Set(first.entries.map((e) => e.action))).toEqual(new Set(['settings.changed']));

		const accounts = await read(t.a.admin, 'group=accounts&limit=50');
		expect(accounts.entries.map((e) => [e.action, e.targetName])).toEqual([
			['user.password_reset', t.a.staff.username]
		]);
		expect(accounts.next).toBeNull();
		// Page by page under a filter: exactly the filtered entries of the whole log, in order.
		const all = await allPages(t.a.admin, '', 50);
		expect(all.length).toBeGreaterThan(100);
		const settings = await allPages(t.a.admin, 'group=settings', 7);
		expect(settings).toEqual(all.filter((e) => e.action === 'settings.changed'));
		expect(settings).toHaveLength(100);
		const byMonitor = await allPages(t.a.admin, `actor=${t.a.monitor.id}`, 9);
		expect(byMonitor).toEqual(settings);
		const byAdmin = await allPages(t.a.admin, `actor=${t.a.admin.id}&group=accounts`, 1);
		expect(byAdmin.map((e) => e.action)).toEqual(['user.password_reset']);
		expect(await allPages(t.a.admin, `actor=${t.a.monitor.id}&group=accounts`, 5)).toEqual([]);
		// The province admin filters any commune's log, and every entry, the same way.
		const pa = t.province.province_admin;
		const provinceRead = async (q: string) =>
			(await page(await call(province.getProvinceAudit, pa, `/api/province/audit?${q}`))).entries;
		expect(await provinceRead(`commune=${DEFAULT_COMMUNE}&group=accounts`)).toEqual(
			accounts.entries
		);
		expect(
			(await provinceRead('group=accounts&limit=200')).filter(
				(e) => e.action === 'user.password_reset'
			)
		).toEqual(accounts.entries);
		expect(await provinceRead(`actor=${t.a.monitor.id}&limit=200`)).toHaveLength(100);
	});

	it("a commune admin never reads another commune's entries by naming its account", async () => {
		// B's admin has set their own password, and ends a B account's sessions: in B's log.
		await s.storage.updateUser(t.b.admin.id, { mustChangePassword: false });
		await sessionFor(s.ctx, t.b.staff.id);
		const ended = await endSessions(t.b.admin, t.b.staff.id);
		expect(ended.status).toBe(200);
		const bLog = (await page(await call(api.getAudit, t.b.admin, '/api/audit'))).entries;
		expect(bLog.some((e) => e.actorId === t.b.admin.id)).toBe(true);
		for (const q of [
			`actor=${t.b.admin.id}`,
			`actor=${t.b.admin.id}&group=accounts`,
			`actor=${t.b.admin.id}&commune=${COMMUNE_B}`
		]) {
			const p = await read(t.a.admin, q);
			expect(p.entries, q).toEqual([]);
			expect(p.next, q).toBeNull();
		}
		// The province admin, who may, reads them.
		const pa = t.province.province_admin;
		const theirs = await page(
			await call(province.getProvinceAudit, pa, `/api/province/audit?actor=${t.b.admin.id}`)
		);
		expect(theirs.entries.length).toBeGreaterThan(0);
		expect(theirs.entries.every((e) => e.actorId === t.b.admin.id)).toBe(true);
	});

	it('refuses a bad filter with 400 and the field that is wrong', async () => {
		for (const [q, field] of [
			['group=bogus', 'group'],
			['group=', 'group'],
			['group=ACCOUNTS', 'group'],
			['actor=', 'actor'],
			['actor=a%00b', 'actor'],
			[`actor=${'x'.repeat(65)}`, 'actor']
		] as const) {
			for (const res of [
				await call(api.getAudit, t.a.admin, `/api/audit?${q}`),
				await call(province.getProvinceAudit, t.province.province_admin, `/api/province/audit?${q}`)
			]) {
				expect(res.status, q).toBe(400);
				const body = errorBodySchema.parse(await res.json());
				expect(body.error.code, q).toBe('invalid_request');
				expect(body.error.fields, q).toEqual({ [field]: 'format' });
			}
		}
	});
});

describe('an entry and its action are one', () => {
	const sqlite = (sql: string) => {
		const db = new Database(path.join(s.dir, DB_FILE));
		try {
			db.exec(sql);
		} finally {
			db.close();
		}
	};

	it('an action that changes nothing logs nothing: a flood of unlocks is one entry (attacker review r19, 1)', async () => {
		const admin = t.a.admin;
		const id = t.a.staff.id;
		// Nothing to lift, no session: answered, not logged.
		for (let i = 0; i < 20; i++) {
			const lifted = await unlock(admin, id);
			expect(lifted.status).toBe(200);
			expect(await lifted.json()).toMatchObject({ lifted: false, user: { id } });
		}
		const none = await endSessions(admin, id);
		expect(await none.json()).toEqual({ ended: 0 });
		expect(await logOfA()).toEqual([]);
		// A real lift and a real end are logged once; the same again, a moment later, is not.
		await failSignIn('a-staff');
		await sessionFor(s.ctx, id);
		for (let i = 0; i < 3; i++) {
			expect(await (await unlock(admin, id)).json()).toMatchObject({ lifted: i === 0 });
			expect(await (await endSessions(admin, id)).json()).toEqual({ ended: i === 0 ? 1 : 0 });
		}
		expect((await logOfA()).map((e) => e.action)).toEqual(['user.sessions_ended', 'user.unlocked']);
	});

	it('a refused action logs nothing', async () => {
		await failSignIn('a-staff');
		await unlock(t.a.admin, t.a.staff.id);
		const before = await logOfA();
		expect(before).toHaveLength(1);
		const admin = t.a.admin;
		// Taken username, own account disabled, another commune's account, a bad unit.
		expect(
			(
				await call(api.postUsers, admin, '/api/users', {
					body: {
						username: 'a-staff',
						password: 'a long passphrase 42',
						role: 'staff',
						unitCode: 'VP'
					}
				})
			).status
		).toBe(409);
		expect(
			(
				await call(api.patchUser, admin, `/api/users/${admin.id}`, {
					method: 'PATCH',
					body: { disabled: true },
					id: admin.id
				})
			).status
		).toBe(409);
		expect(
			(
				await call(api.postUserPassword, admin, `/api/users/${t.b.staff.id}/password`, {
					body: { password: 'a long passphrase 43' },
					id: t.b.staff.id
				})
			).status
		).toBe(404);
		expect(
			(
				await call(api.patchUser, admin, `/api/users/${t.a.staff.id}`, {
					method: 'PATCH',
					body: { role: 'staff', unitCode: 'NOPE' },
					id: t.a.staff.id
				})
			).status
		).toBe(400);
		// A settings change refused to a staff member.
		const refused = await call(api.postPush, t.a.staff, '/api/sync/push', {
			body: {
				version: 1,
				deviceId: 'dev-s',
				mutations: onDevice('dev-s', [
					mutation('settings', defaultSettings(T0 + 1000), { hlc: hlcAt(T0 + 1000, 'dev-s') })
				])
			}
		});
		expect(((await refused.json()) as { results: { status: string }[] }).results[0]!.status).toBe(
			'rejected'
		);
		expect(await logOfA()).toEqual(before);
	});

	it('an action whose write fails logs nothing', async () => {
		const before = await logOfA();
		sqlite(`CREATE TRIGGER fail_disable BEFORE UPDATE ON users WHEN NEW.disabled = 1
			BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
		const res = await call(api.patchUser, t.a.admin, `/api/users/${t.a.staff.id}`, {
			method: 'PATCH',
			body: { disabled: true },
			id: t.a.staff.id
		});
		expect(res.status).toBe(500);
		expect(await logOfA()).toEqual(before);
	});

	it('disabling or resetting a password ends the sessions in the same transaction', async () => {
		// Were the sessions ended by a second storage call, a failure between the two (here: that
		// call failing) would leave a reset password with the old sessions still signed in.
		s.storage.endUserAccess = async () => {
			throw new Error('the process died here');
		};
		for (const [i, act] of [
			() =>
				call(api.postUserPassword, t.a.admin, `/api/users/${t.a.staff.id}/password`, {
					body: { password: 'a long passphrase 43' },
					id: t.a.staff.id
				}),
			() =>
				call(api.patchUser, t.a.admin, `/api/users/${t.a.staff.id}`, {
					method: 'PATCH',
					body: { disabled: true },
					id: t.a.staff.id
				})
		].entries()) {
			// A sign-in, as login.ts makes it: the session and the device it remembers.
			const { passwordHash } = (await s.storage.findUserById(t.a.staff.id))!;
			const { token } = (await createSession(s.ctx, t.a.staff.id, [], {
				passwordHash,
				device: {
					tokenHash: `device-${i}`,
					userId: t.a.staff.id,
					createdAt: T0,
					expiresAt: T0 + 1e12
				}
			}))!;
			expect((await act()).status).toBe(200);
			expect(await s.storage.findSession(hashToken(token))).toBeNull();
			expect(await s.storage.findLoginDevice(`device-${i}`)).toBeNull();
		}
		expect(await s.storage.findUserById(t.a.staff.id)).toMatchObject({
			disabled: true,
			mustChangePassword: true
		});
		expect((await logOfA()).map((e) => e.action)).toEqual(['user.disabled', 'user.password_reset']);
	});

	it('an action whose entry cannot be written does not happen', async () => {
		const token = (await sessionFor(s.ctx, t.a.staff.id)).token;
		sqlite(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log
			BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
		const admin = t.a.admin;
		const id = t.a.staff.id;
		expect(
			(
				await call(api.patchUser, admin, `/api/users/${id}`, {
					method: 'PATCH',
					body: { disabled: true },
					id
				})
			).status
		).toBe(500);
		expect(
			(
				await call(api.postUserPassword, admin, `/api/users/${id}/password`, {
					body: { password: 'a long passphrase 43' },
					id
				})
			).status
		).toBe(500);
		expect(
			(
				await call(api.deleteUserSessions, admin, `/api/users/${id}/sessions`, {
					method: 'DELETE',
					id
				})
			).status
		).toBe(500);
		expect(
			(
				await call(api.postUsers, admin, '/api/users', {
					body: {
						username: 'moi-vp',
						password: 'a long passphrase 42',
						role: 'staff',
						unitCode: 'VP'
					}
				})
			).status
		).toBe(500);
		const stored = (await s.storage.findUserById(id))!;
		expect(stored).toMatchObject({ disabled: false, mustChangePassword: false });
		expect(await s.storage.findUserByUsername('moi-vp')).toBeNull();
		expect(await s.storage.findSession(hashToken(token))).not.toBeNull();
		// An admin cannot sign in unlogged either.
		expect(
			(
				await call(api.postLogin, null, '/api/auth/login', {
					body: { username: 'admin', password: 'admin-password' }
				})
			).status
		).toBe(500);
	});
});

describe('retention', () => {
	it('the clean-up removes entries older than two years, and only those', async () => {
		await failSignIn('a-staff');
		await unlock(t.a.admin, t.a.staff.id);
		const before = await logOfA();
		expect(before.length).toBeGreaterThan(0);
		s.clock.now += 729 * 86_400_000;
		await sessionFor(s.ctx, t.a.staff.id);
		await endSessions(t.a.admin, t.a.staff.id);
		expect((await cleanup(s.ctx)).audit).toBe(0);
		s.clock.now += 2 * 86_400_000;
		const report = await cleanup(s.ctx);
		expect(report.audit).toBeGreaterThanOrEqual(before.length);
		expect((await logOfA()).map((e) => e.action)).toEqual(['user.sessions_ended']);
	});
});
