/**
 * The Storage contract, run against both engines: SQLite (a temp DATA_DIR) and PostgreSQL (a fresh
 * database on a throwaway cluster, or on TEST_DATABASE_URL; see pg-test-cluster.ts). Never skipped.
 * "Another process" is a second storage opened on the same database (SQLite: a second connection
 * to the file; PostgreSQL: a second pool).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { usePgCluster } from '$factories/pg-cluster';
import { pullAll as pullAllOf } from '$factories/pull';
import { hlcAt, T0 } from '$factories/sync';
import type { FieldState } from '$lib/domain/sync/merge';
import { SERVER_DEVICE, type Role, type SyncEntity } from '$lib/domain/sync/protocol';
import {
	AUDIT_COMMUNE_SQL,
	AUDIT_PROVINCE_SQL,
	LAST_ARRIVAL_SQL as PG_LAST_ARRIVAL_SQL,
	openPostgresStorage,
	RECORD_WRITER_SQL
} from './postgres';
import Database from 'better-sqlite3';
import { AUDIT_GROUPS, type AuditInput } from '$lib/domain/audit';
import { auditFilterSql, DB_FILE, openSqliteStorage } from './sqlite';
import {
	DEFAULT_COMMUNE as C,
	MAX_SESSIONS_PER_USER,
	type AuditQuery,
	type AuditRow,
	type BatchItem,
	type Decision,
	type HistoryRetention,
	type MutationEnvelope,
	type PushScheduleChange,
	type PushScheduleItem,
	type Storage,
	type StoredRecord,
	type UserPatch
} from './types';

interface Opened {
	/** Open the storage (again: a second handle is another process on the same database). */
	open(history?: HistoryRetention): Promise<Storage>;
	/** Run SQL on the database directly, around the storage (what an operator's tool could do). */
	exec(sql: string): Promise<void>;
}

const pgc = usePgCluster();
const { cleanups } = pgc;

const engines: { name: string; database(): Promise<Opened> }[] = [
	{
		name: 'SQLite',
		async database() {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-contract-'));
			cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
			return {
				async open(history) {
					const s = openSqliteStorage(dir, { history });
					cleanups.push(() => s.close());
					return s;
				},
				async exec(sql) {
					const raw = new Database(path.join(dir, DB_FILE));
					try {
						raw.exec(sql);
					} finally {
						raw.close();
					}
				}
			};
		}
	},
	{
		name: 'PostgreSQL',
		async database() {
			const db = await pgc.database();
			return {
				async open(history) {
					const s = await openPostgresStorage(db.url, { history, poolSize: 8 });
					cleanups.push(() => s.end());
					return s;
				},
				async exec(sql) {
					const client = new pg.Client({ connectionString: db.url });
					await client.connect();
					try {
						await client.query(sql);
					} finally {
						await client.end();
					}
				}
			};
		}
	}
];

const user = (id: string, username: string) => ({
	id,
	username,
	displayName: username,
	passwordHash: 'h',
	role: 'staff' as const,
	communeId: C as string | null,
	unitCode: 'VP',
	disabled: false,
	mustChangePassword: false,
	createdAt: 1
});

const commune = (id: string) => ({
	id,
	name: `Xã ${id}`,
	area: 'Huyện A',
	parentName: 'Lạng Sơn',
	createdAt: 5
});

let mutationCounter = 0;
const envelope = (recordId: string, over: Partial<MutationEnvelope> = {}): MutationEnvelope => ({
	mutationId: `mut-${++mutationCounter}-${recordId}`,
	entity: 'document',
	recordId,
	userId: 'u1',
	deviceId: 'dev-1',
	at: 1000,
	...over
});
let clock = 0;
const state = (title: string, extra: Record<string, unknown> = {}): FieldState => ({
	data: { title, updatedAt: 1000, ...extra },
	clocks: { title: `hlc-${++clock}` }
});
/** Write `next` over whatever is stored, keeping the stored version in history. */
const overwrite =
	(next: FieldState, opts: { deleted?: boolean; unitCode?: string | null } = {}) =>
	(current: StoredRecord | null): Decision => ({
		kind: 'write',
		state: next,
		unitCode: opts.unitCode ?? null,
		hlc: String(next.clocks.title),
		deleted: opts.deleted ?? false,
		changed: true,
		history: current ? [{ kind: 'superseded', state: current.state }] : []
	});
const item = (
	recordId: string,
	title: string,
	over: Partial<MutationEnvelope> = {}
): BatchItem => ({
	envelope: envelope(recordId, over),
	decide: overwrite(state(title))
});

/** Every record of the default commune after `cursor`, in pages of 100 (`pullAll` of the factories). */
const pullAll = (s: Storage, cursor = 0) => pullAllOf(s, C, { cursor, pageSize: 100 });

describe.each(engines)('Storage contract on $name', (engine) => {
	const open = async (history?: HistoryRetention) => (await engine.database()).open(history);

	it('refuses a second user with the same username', async () => {
		const s = await open();
		expect(await s.createUser(user('u1', 'lan'))).not.toBeNull();
		expect(await s.createUser(user('u2', 'lan'))).toBeNull();
		expect(await s.countUsers()).toBe(1);
	});

	it('treats SQL in values as data', async () => {
		const s = await open();
		const name = "x'; DROP TABLE users; --";
		await s.createUser(user('u1', name));
		expect((await s.findUserByUsername(name))?.id).toBe('u1');
		expect(await s.countUsers()).toBe(1);
		expect(await s.findRecord(C, 'document', "' OR 1=1 --")).toBeNull();
	});

	it('reserves login attempts only while every key is under its limit', async () => {
		const s = await open();
		const limits = [
			{ key: 'k', max: 2 },
			{ key: 'other', max: 5 }
		];
		const a = await s.reserveLoginAttempt(limits, 0, 100);
		const b = await s.reserveLoginAttempt(limits, 0, 200);
		expect(a.ok && b.ok).toBe(true);
		// `k` is full: refused, nothing written, retry when the attempt at 100 leaves a 1000 ms window.
		expect(await s.reserveLoginAttempt(limits, 0, 1000)).toEqual({
			ok: false,
			key: 'k',
			retryAt: 1100
		});
		expect(await s.loginLimitedUntil('k', 2, 0, 1000)).toBe(1100);
		expect(await s.loginLimitedUntil('other', 5, 0, 1000)).toBeNull();
		// Only attempts after `since` count.
		expect((await s.reserveLoginAttempt(limits, 150, 1000)).ok).toBe(true);
		if (a.ok) await s.releaseLoginAttempts(a.ids);
		await s.clearLoginAttempts([], ['ot']);
		expect(await s.loginLimitedUntil('k', 2, 0, 1000)).toBe(1200);
		expect(await s.deleteLoginAttemptsBefore(200)).toBe(1);
		expect(await s.loginLimitedUntil('k', 1, 0, 1000)).toBe(2000);
	});

	it('login reservations from many processes at once never exceed the limit', async () => {
		const db = await engine.database();
		const handles = await Promise.all([db.open(), db.open(), db.open()]);
		const limits = [
			{ key: 'user:lan', max: 5 },
			{ key: 'ip:1.2.3.4', max: 50 }
		];
		const outcomes = await Promise.all(
			Array.from({ length: 30 }, (_, i) => handles[i % 3]!.reserveLoginAttempt(limits, 0, 10 + i))
		);
		expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
		expect(await handles[0]!.loginLimitedUntil('user:lan', 5, 0, 1000)).not.toBeNull();
		expect(await handles[0]!.loginLimitedUntil('ip:1.2.3.4', 6, 0, 1000)).toBeNull();
	});

	it('updates a user, and lists the sessions not expired', async () => {
		const s = await open();
		await s.createUser(user('u1', 'lan'));
		const updated = await s.updateUser('u1', { disabled: true, mustChangePassword: true });
		expect(updated).toMatchObject({ disabled: true, mustChangePassword: true, role: 'staff' });
		expect(await s.updateUser('nobody', { disabled: true })).toBeNull();
		for (const [i, h] of ['a', 'b', 'c'].entries())
			await s.createSession({ tokenHash: h, userId: 'u1', createdAt: i, expiresAt: 300 + i });
		expect((await s.listActiveSessions(0, C)).map((x) => x.tokenHash)).toEqual(['a', 'b', 'c']);
		expect((await s.listActiveSessions(301, C)).map((x) => x.tokenHash)).toEqual(['c']);
		expect(await s.listActiveSessions(302, C)).toEqual([]);
	});

	it('keeps an enabled admin per scope in an account change: the check and the write are one operation, across processes', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		const admin = (id: string, communeId: string | null) => ({
			...user(id, id),
			role: communeId === null ? ('province_admin' as const) : ('admin' as const),
			communeId,
			unitCode: null
		});
		/** An account change that writes `patch` as it is. */
		const change = (s: Storage, id: string, patch: UserPatch, adminRole: Role) =>
			s.changeUser<never>(id, adminRole, () => ({ ok: true, patch, audit: [] }));
		await a.createUser(admin('ad1', C));
		await a.createUser(admin('ad2', C));
		await a.createUser(admin('pa1', null));
		await a.createUser(user('st1', 'st1'));
		// The province's admin is not the commune's: pa1 is the last province admin.
		expect(await change(a, 'pa1', { disabled: true }, 'province_admin')).toEqual({
			ok: false,
			reason: 'last_admin'
		});
		expect(await change(a, 'pa1', { role: 'province_monitor' }, 'province_admin')).toEqual({
			ok: false,
			reason: 'last_admin'
		});
		expect(await a.findUserById('pa1')).toMatchObject({ role: 'province_admin', disabled: false });
		// Not losing an admin: always written (a staff account, an admin's unit, a re-enable).
		expect(await change(a, 'st1', { disabled: true }, 'admin')).toMatchObject({
			ok: true,
			user: { id: 'st1', disabled: true }
		});
		expect(await change(a, 'pa1', { mustChangePassword: true }, 'province_admin')).toMatchObject({
			ok: true,
			user: { mustChangePassword: true, disabled: false }
		});
		// Two admins disabling (then demoting) each other through two processes at once, many times:
		// exactly one wins each time, the other is refused and nothing of it is written. This race
		// is real on PostgreSQL (two pools); on SQLite the two calls run one after the other (the
		// method is synchronous inside), so there it checks the outcome only, and the handler-level
		// race of shared-state.spec.ts (awaits between the requests' steps) is the one that bites.
		for (let round = 0; round < 20; round++) {
			const patch = round % 2 ? { role: 'monitor' as const } : { disabled: true };
			const outcomes = await Promise.all([
				change(a, 'ad1', patch, 'admin'),
				change(b, 'ad2', patch, 'admin')
			]);
			expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
			expect(outcomes.find((o) => !o.ok)).toEqual({ ok: false, reason: 'last_admin' });
			const enabled = (await b.listUsers(C)).filter((u) => u.role === 'admin' && !u.disabled);
			expect(enabled).toHaveLength(1);
			for (const id of ['ad1', 'ad2'])
				await change(a, id, { role: 'admin', disabled: false }, 'admin');
		}
		expect((await a.findUserById('pa1'))?.disabled).toBe(false);
	});

	it("ends a user's access (sessions and login devices), and only theirs, across processes", async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		await a.createUser(user('u1', 'lan'));
		await a.createUser(user('u2', 'mai'));
		for (const [hash, userId] of [
			['d1', 'u1'],
			['d2', 'u1'],
			['d3', 'u2']
		] as const) {
			// A sign-in's session and its login device, as login.ts writes them.
			await a.createSession({ tokenHash: `s-${hash}`, userId, createdAt: 0, expiresAt: 9e12 }, [], {
				passwordHash: 'h',
				device: { tokenHash: hash, userId, createdAt: 0, expiresAt: 9e12 }
			});
		}
		expect(await b.endUserAccess('u1')).toBe(2);
		expect(await a.findLoginDevice('d1')).toBeNull();
		expect(await a.findLoginDevice('d2')).toBeNull();
		expect(await a.findLoginDevice('d3')).toMatchObject({ userId: 'u2' });
		expect((await a.listActiveSessions(0, C)).map((x) => x.tokenHash)).toEqual(['s-d3']);
		expect(await b.endUserAccess('u1')).toBe(0);
	});

	it('a sign-in’s session (and login device) is written only while the account is enabled and holds the verified hash', async () => {
		const s = await open();
		await s.createUser(user('u1', 'lan'));
		const session = (tokenHash: string) => ({
			tokenHash,
			userId: 'u1',
			createdAt: 0,
			expiresAt: 9e12
		});
		const device = (tokenHash: string) => ({
			tokenHash,
			userId: 'u1',
			createdAt: 0,
			expiresAt: 9e12
		});
		// The hash the password was verified against is no longer the account's (a reset, a change).
		expect(
			await s.createSession(session('old'), [], { passwordHash: 'h0', device: device('d0') })
		).toBe(false);
		await s.updateUser('u1', { disabled: true });
		expect(
			await s.createSession(session('off'), [], { passwordHash: 'h', device: device('d1') })
		).toBe(false);
		expect(await s.listActiveSessions(0, C)).toEqual([]);
		expect(await s.findLoginDevice('d0')).toBeNull();
		expect(await s.findLoginDevice('d1')).toBeNull();
		await s.updateUser('u1', { disabled: false });
		expect(
			await s.createSession(session('ok'), [], { passwordHash: 'h', device: device('d2') })
		).toBe(true);
		expect((await s.listActiveSessions(0, C)).map((x) => x.tokenHash)).toEqual(['ok']);
		expect(await s.findLoginDevice('d2')).toMatchObject({ userId: 'u1' });
		// No guard (tests, tools): written as before.
		expect(await s.createSession(session('free'))).toBe(true);
	});

	it(`an account keeps its ${MAX_SESSIONS_PER_USER} newest sessions and login devices; the oldest end`, async () => {
		const s = await open();
		await s.createUser(user('u1', 'lan'));
		await s.createUser(user('u2', 'mai'));
		await s.createSession({ tokenHash: 'other', userId: 'u2', createdAt: 0, expiresAt: 9e12 });
		const n = MAX_SESSIONS_PER_USER + 3;
		for (let i = 0; i < n; i++) {
			const hash = `s${String(i).padStart(2, '0')}`;
			expect(
				await s.createSession(
					{ tokenHash: hash, userId: 'u1', createdAt: i, expiresAt: 9e12 },
					[],
					{
						passwordHash: 'h',
						device: { tokenHash: `d${hash}`, userId: 'u1', createdAt: i, expiresAt: 9e12 }
					}
				)
			).toBe(true);
			expect(await s.findSession(hash)).not.toBeNull();
		}
		const own = (await s.listActiveSessions(0, C)).filter((x) => x.userId === 'u1');
		expect(own).toHaveLength(MAX_SESSIONS_PER_USER);
		expect(own.map((x) => x.tokenHash)).toContain(`s${n - 1}`);
		// The oldest end: s00-s02 are gone, s03 (the oldest of the 20 newest) is kept.
		expect(await s.findSession('s00')).toBeNull();
		expect(
			await s.findSession(`s${String(n - MAX_SESSIONS_PER_USER - 1).padStart(2, '0')}`)
		).toBeNull();
		expect(
			await s.findSession(`s${String(n - MAX_SESSIONS_PER_USER).padStart(2, '0')}`)
		).not.toBeNull();

		expect(await s.findLoginDevice(`ds${n - 1}`)).not.toBeNull();
		expect(await s.findLoginDevice('ds00')).toBeNull();
		expect(
			await s.findLoginDevice(`ds${String(n - MAX_SESSIONS_PER_USER).padStart(2, '0')}`)
		).not.toBeNull();
		// Another account's session is not touched.
		expect(await s.findSession('other')).not.toBeNull();
	});

	it('lists the live sessions of one commune’s accounts, or the province’s', async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		await s.createUser(user('u1', 'lan'));
		await s.createUser({ ...user('u2', 'mai'), communeId: 'xa-b' });
		await s.createUser({
			...user('p1', 'tinh'),
			role: 'province_admin',
			communeId: null,
			unitCode: null
		});
		for (const id of ['u1', 'u2', 'p1'])
			await s.createSession({ tokenHash: `s-${id}`, userId: id, createdAt: 1, expiresAt: 100 });
		const of = async (communeId: string | null) =>
			(await s.listActiveSessions(50, communeId)).map((x) => x.tokenHash).sort();
		expect(await of(C)).toEqual(['s-u1']);
		expect(await of('xa-b')).toEqual(['s-u2']);
		expect(await of(null)).toEqual(['s-p1']);
		expect(await s.listActiveSessions(100, C)).toEqual([]);
	});

	it('a sign-in racing a password reset leaves no session either way (a race on PostgreSQL; on SQLite one after the other)', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		await a.createUser(user('u1', 'lan'));
		for (let round = 0; round < 10; round++) {
			const verified = `h${round}`;
			await a.updateUser('u1', { passwordHash: verified });
			const [reset] = await Promise.all([
				a.changeUser<never>('u1', 'admin', () => ({
					ok: true,
					patch: { passwordHash: `reset${round}`, mustChangePassword: true },
					endAccess: {},
					audit: []
				})),
				b.createSession(
					{ tokenHash: `s${round}`, userId: 'u1', createdAt: round, expiresAt: 9e12 },
					[],
					{
						passwordHash: verified,
						device: { tokenHash: `d${round}`, userId: 'u1', createdAt: round, expiresAt: 9e12 }
					}
				)
			]);
			expect(reset.ok).toBe(true);
			// Refused (the reset committed first) or written and then ended by the reset: none left.
			expect(await a.listActiveSessions(0, C)).toEqual([]);
			expect(await a.findLoginDevice(`d${round}`)).toBeNull();
		}
	});

	it('ending an account’s access ends its Web Push subscriptions and unsent pushes; an own change keeps them', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		await a.createUser(user('u1', 'lan'));
		await a.createUser(user('u2', 'mai'));
		const sub = (endpoint: string, userId: string) => ({
			endpoint,
			userId,
			p256dh: 'p',
			auth: 'a',
			lang: 'vi' as const
		});
		await a.createSession({ tokenHash: 'mine', userId: 'u1', createdAt: 0, expiresAt: 9e12 });
		await a.createSession({ tokenHash: 'hers', userId: 'u2', createdAt: 0, expiresAt: 9e12 });
		const subscribe = async () => {
			await a.savePushSubscription(sub('https://p/1', 'u1'), 1, 'mine');
			await a.savePushSubscription(sub('https://p/2', 'u2'), 1, 'hers');
			for (const userId of ['u1', 'u2'])
				await a.changePushSchedule(C, {
					kind: 'replace',
					meetingId: 'm-1',
					userId,
					items: [
						{ threshold: 'warning', dueAt: 10, payload: '{}' },
						{ threshold: 'limit', dueAt: 20, payload: '{}' }
					]
				});
		};
		const pendingOf = async (userId: string) =>
			(await a.pendingPushes()).filter((p) => p.userId === userId).map((p) => p.threshold);
		await subscribe();
		// Sent already: kept (it is history, and a resend would be a second alert).
		expect((await a.claimDuePushes(10)).map((p) => [p.userId, p.threshold])).toEqual([
			['u1', 'warning'],
			['u2', 'warning']
		]);
		// An own change keeps its session and the devices' alerts.
		await b.changeUser<never>('u1', 'admin', () => ({
			ok: true,
			patch: { passwordHash: 'h2' },
			endAccess: { keepTokenHash: 'mine' },
			audit: []
		}));
		expect(await a.pushSubscriptionsOf('u1')).toHaveLength(1);
		expect(await pendingOf('u1')).toEqual(['limit']);
		// A disable (like a reset) ends them, in the same transaction; the other account keeps its.
		await b.changeUser<never>('u1', 'admin', () => ({
			ok: true,
			patch: { disabled: true },
			endAccess: {},
			audit: []
		}));
		expect(await a.pushSubscriptionsOf('u1')).toEqual([]);
		expect(await pendingOf('u1')).toEqual([]);
		expect(await a.pushSubscriptionsOf('u2')).toHaveLength(1);
		expect(await pendingOf('u2')).toEqual(['limit']);
		// "End all sessions" too.
		await b.endUserAccess('u2');
		expect(await a.pushSubscriptionsOf('u2')).toEqual([]);
		expect(await pendingOf('u2')).toEqual([]);
	});

	it('a push subscription is saved only while the request’s session exists: one saved in flight never outlives a disable, a reset or “end all sessions”', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		await a.createUser(user('u1', 'lan'));
		await a.createUser(user('u2', 'mai'));
		const sub = (endpoint: string, userId = 'u1') => ({
			endpoint,
			userId,
			p256dh: 'p',
			auth: 'a',
			lang: 'vi' as const
		});
		const session = (tokenHash: string, userId = 'u1') =>
			a.createSession({ tokenHash, userId, createdAt: 0, expiresAt: 9e12 });
		await session('s1');
		await session('s-u2', 'u2');
		// Another account's session is not this one's.
		expect(await a.savePushSubscription(sub('https://p/0'), 1, 's-u2')).toBe('ended');
		// A disable ended the session the request came with: nothing is written, and a re-enable
		// brings back nothing.
		await b.changeUser<never>('u1', 'admin', () => ({
			ok: true,
			patch: { disabled: true },
			endAccess: {},
			audit: []
		}));
		expect(await a.savePushSubscription(sub('https://p/1'), 1, 's1')).toBe('ended');
		await b.updateUser('u1', { disabled: false });
		expect(await a.pushSubscriptionsOf('u1')).toEqual([]);
		// "End all sessions" (no disable): the same.
		await session('s2');
		await b.endUserAccess('u1');
		expect(await a.savePushSubscription(sub('https://p/2'), 2, 's2')).toBe('ended');
		expect(await a.pushSubscriptionsOf('u1')).toEqual([]);
		// Racing a reset (a race on PostgreSQL; on SQLite one after the other): none is left.
		for (let round = 0; round < 10; round++) {
			await session(`r${round}`);
			const [reset] = await Promise.all([
				a.changeUser<never>('u1', 'admin', () => ({
					ok: true,
					patch: { passwordHash: `reset${round}`, mustChangePassword: true },
					endAccess: {},
					audit: []
				})),
				b.savePushSubscription(sub(`https://p/r${round}`), 3, `r${round}`)
			]);
			expect(reset.ok).toBe(true);
			expect(await a.pushSubscriptionsOf('u1')).toEqual([]);
		}
		// A live session: saved.
		await session('s3');
		expect(await a.savePushSubscription(sub('https://p/3'), 4, 's3')).toBe('saved');
		expect(await a.pushSubscriptionsOf('u1')).toEqual([sub('https://p/3')]);
	});

	it('sessions and login devices are shared by every process and expire', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		await a.createUser(user('u1', 'lan'));
		await a.createSession({ tokenHash: 'x', userId: 'u1', createdAt: 0, expiresAt: 100 });
		await a.createSession({ tokenHash: 'y', userId: 'u1', createdAt: 0, expiresAt: 300 });
		expect(await b.findSession('x')).toMatchObject({ userId: 'u1', expiresAt: 100 });
		expect(await b.deleteExpiredSessions(200)).toBe(1);
		expect(await a.findSession('x')).toBeNull();
		await b.deleteSession('y');
		expect(await a.findSession('y')).toBeNull();
		// The same device signing in again: its row's expiry moves on.
		for (const [token, expiresAt] of [
			['z1', 50],
			['z2', 80]
		] as const)
			await a.createSession({ tokenHash: token, userId: 'u1', createdAt: 0, expiresAt: 9e12 }, [], {
				passwordHash: 'h',
				device: { tokenHash: 'd', userId: 'u1', createdAt: 0, expiresAt }
			});
		expect((await b.findLoginDevice('d'))?.expiresAt).toBe(80);
		expect(await b.deleteExpiredLoginDevices(80)).toBe(1);
		expect(await a.findLoginDevice('d')).toBeNull();
	});

	it('applies a mutation once: a resend answers duplicate with the original seq', async () => {
		const s = await open();
		const env = envelope('d-1');
		const first = await s.applyMutation(C, env, overwrite(state('A')));
		expect(first).toMatchObject({ status: 'applied', seq: 1 });
		const again = await s.applyBatch(C, [{ envelope: env, decide: overwrite(state('B')) }]);
		expect(again).toEqual({ ok: true, results: [{ ...first, status: 'duplicate' }] });
		expect(await s.findAppliedMutation(C, env.mutationId)).toEqual(first);
		expect((await s.findRecord(C, 'document', 'd-1'))?.state.data.title).toBe('A');
		expect(await s.counts(C)).toEqual({ records: 1, changes: 1, appliedMutations: 1, history: 0 });
	});

	it('a mutation id applied to one record is refused for another, with nothing of its answer', async () => {
		const s = await open();
		const env = envelope('d-own');
		const lost = [{ field: 'title', clock: '000001000000000-0000-dev-2' }];
		const decide = (current: StoredRecord | null): Decision => ({
			...(overwrite(state('A'))(current) as Extract<Decision, { kind: 'write' }>),
			lost
		});
		const first = await s.applyMutation(C, env, decide);
		expect(first).toMatchObject({ status: 'applied', seq: 1, lost });
		const refused = {
			mutationId: env.mutationId,
			status: 'rejected',
			code: 'invalid',
			reason: 'mutationId: already used for another record or by another account'
		};
		// The same id for another record id, for another entity with the same record id, in
		// another unit (another user, another device), and for the same record by another account
		// (attacker review r20, 2): refused, nothing written, no seq, no lost.
		for (const other of [
			{ recordId: 'd-other' },
			{ entity: 'meeting' as const },
			{ recordId: 'd-unit-b', userId: 'u2', deviceId: 'dev-2' },
			{ userId: 'u2', deviceId: 'dev-2' }
		]) {
			const out = await s.applyBatch(C, [
				{ envelope: { ...env, ...other }, decide: overwrite(state('theirs'), { unitCode: 'KT' }) }
			]);
			expect(out).toEqual({ ok: true, results: [refused] });
		}
		expect(await s.findRecord(C, 'document', 'd-other')).toBeNull();
		expect(await s.findRecord(C, 'meeting', 'd-own')).toBeNull();
		expect(await s.counts(C)).toEqual({ records: 1, changes: 1, appliedMutations: 1, history: 0 });
		// The genuine resend still answers the first answer.
		expect(await s.applyMutation(C, env, decide)).toEqual({ ...first, status: 'duplicate' });
		// Within one request: the second use of an id, for another record, is refused too; the
		// mutations around it are applied.
		const fresh = envelope('n-own');
		const out = await s.applyBatch(C, [
			{ envelope: fresh, decide: overwrite(state('mine')) },
			{ envelope: { ...fresh, recordId: 'n-other' }, decide: overwrite(state('theirs')) },
			{ envelope: fresh, decide: overwrite(state('again')) },
			item('n-next', 'next')
		]);
		expect(out.ok && out.results.map((r) => [r.status, r.seq, r.code])).toEqual([
			['applied', 2, undefined],
			['rejected', undefined, 'invalid'],
			['duplicate', 2, undefined],
			['applied', 3, undefined]
		]);
		expect(await s.findRecord(C, 'document', 'n-other')).toBeNull();
		expect((await s.findRecord(C, 'document', 'n-own'))?.state.data.title).toBe('mine');
	});

	it("keeps a decision's lost fields in the result, also for a duplicate", async () => {
		const s = await open();
		const env = envelope('d-lost');
		const lost = [{ field: 'title', clock: '000001000000000-0000-dev-2' }];
		const decide = (current: StoredRecord | null): Decision => ({
			...(overwrite(state('A'))(current) as Extract<Decision, { kind: 'write' }>),
			lost
		});
		const first = await s.applyMutation(C, env, decide);
		expect(first).toMatchObject({ status: 'applied', lost });
		expect(await s.applyMutation(C, env, decide)).toEqual({ ...first, status: 'duplicate' });
		expect(await s.applyMutation(C, envelope('d-lost'), overwrite(state('B')))).not.toHaveProperty(
			'lost'
		);
	});

	it("names a record's writers per device: the newest change, within the commune", async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		await s.createUser({ ...user('u1', 'nguyen-van-a'), displayName: 'Nguyễn Văn A' });
		await s.createUser({ ...user('u2', 'tran-thi-b'), displayName: '' });
		await s.createUser({ ...user('u3', 'le-van-c'), displayName: 'Lê Văn C' });
		await s.createUser({ ...user('u9', 'xa-b-user'), communeId: 'xa-b' });
		// As a device's change is merged: its own field and clock join the record's, so the record
		// carries a clock of every device that wrote a field of it (the winners a lost-field answer
		// names).
		let tick = 0;
		const fieldOf =
			(userId: string, deviceId: string, changed = true) =>
			(current: StoredRecord | null): Decision => {
				const clock = hlcAt(T0 + ++tick, deviceId);
				return {
					kind: 'write',
					state: {
						data: { ...current?.state.data, [`by-${deviceId}`]: userId, updatedAt: 1000 },
						clocks: { ...current?.state.clocks, [`by-${deviceId}`]: clock, updatedAt: clock }
					},
					unitCode: null,
					hlc: clock,
					deleted: false,
					changed,
					history: []
				};
			};
		const write = (communeId: string, recordId: string, userId: string, deviceId: string) =>
			s.applyMutation(
				communeId,
				envelope(recordId, { userId, deviceId }),
				fieldOf(userId, deviceId)
			);
		await write(C, 'd-1', 'u1', 'dev-1');
		await write(C, 'd-1', 'u2', 'dev-2');
		// The phone changed hands: its newest change of the record names the account.
		await write(C, 'd-1', 'u3', 'dev-1');
		await write(C, 'd-2', 'u1', 'dev-3');
		// Another commune's change of the same record id from the same device id is not ours.
		await write('xa-b', 'd-1', 'u9', 'dev-4');
		const writers = await s.findRecordWriters(C, 'document', 'd-1', [
			'dev-1',
			'dev-2',
			'dev-3',
			'dev-4',
			'dev-1'
		]);
		expect(writers).toEqual([
			{ deviceId: 'dev-1', userId: 'u3', userName: 'Lê Văn C' },
			{ deviceId: 'dev-2', userId: 'u2', userName: 'tran-thi-b' }
		]);
		expect(await s.findRecordWriters('xa-b', 'document', 'd-1', ['dev-4'])).toEqual([
			{ deviceId: 'dev-4', userId: 'u9', userName: 'xa-b-user' }
		]);
		expect(await s.findRecordWriters(C, 'meeting', 'd-1', ['dev-1'])).toEqual([]);
		// One request changing a record from two devices names both; a mutation that changed
		// nothing (an unchanged merge) or was rejected names no one.
		await s.applyBatch(C, [
			{
				envelope: envelope('d-3', { userId: 'u1', deviceId: 'dev-5' }),
				decide: fieldOf('u1', 'dev-5')
			},
			{
				envelope: envelope('d-3', { userId: 'u2', deviceId: 'dev-6' }),
				decide: fieldOf('u2', 'dev-6')
			},
			{
				envelope: envelope('d-3', { userId: 'u3', deviceId: 'dev-5' }),
				decide: fieldOf('u3', 'dev-5', false)
			},
			{
				envelope: envelope('d-3', { userId: 'u3', deviceId: 'dev-7' }),
				decide: () => ({ kind: 'reject', code: 'forbidden', reason: 'no' })
			}
		]);
		expect(await s.findRecordWriters(C, 'document', 'd-3', ['dev-7', 'dev-6', 'dev-5'])).toEqual([
			{ deviceId: 'dev-6', userId: 'u2', userName: 'tran-thi-b' },
			{ deviceId: 'dev-5', userId: 'u1', userName: 'Nguyễn Văn A' }
		]);
	});

	it('a rejection writes nothing; a throw rolls the whole request back', async () => {
		const s = await open();
		const rejected = await s.applyBatch(C, [
			{
				envelope: envelope('d-1'),
				decide: () => ({ kind: 'reject', code: 'forbidden', reason: 'no' })
			},
			item('d-2', 'kept')
		]);
		expect(rejected.ok && rejected.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
		expect(await s.findRecord(C, 'document', 'd-1')).toBeNull();
		const before = await s.counts(C);
		await expect(
			s.applyBatch(C, [
				item('d-3', 'first'),
				{
					envelope: envelope('d-4'),
					decide: () => {
						throw new Error('bad');
					}
				}
			])
		).rejects.toThrow('bad');
		expect(await s.findRecord(C, 'document', 'd-3')).toBeNull();
		expect(await s.counts(C)).toEqual(before);
		// The storage is usable after the rollback, and seq continues without a hole in what is read.
		expect((await s.applyBatch(C, [item('d-5', 'after')])).ok).toBe(true);
		expect((await pullAll(s)).map((r) => r.id)).toEqual(['d-2', 'd-5']);
	});

	it('requests sent together never share a seq, even when one of them fails', async () => {
		const s = await open();
		// Sent in one tick: on SQLite one group commit, each request in its own savepoint.
		const [a, failed, c] = await Promise.allSettled([
			s.applyBatch(C, [item('g-1', 'a1'), item('g-2', 'a2')]),
			s.applyBatch(C, [
				item('g-3', 'b1'),
				{
					envelope: envelope('g-4'),
					decide: () => {
						throw new Error('bad');
					}
				}
			]),
			s.applyBatch(C, [item('g-5', 'c1')])
		]);
		expect(failed.status).toBe('rejected');
		const seqs = (r: typeof a) =>
			r.status === 'fulfilled' && r.value.ok ? r.value.results.map((x) => x.seq!) : [];
		const later = await s.applyBatch(C, [item('g-6', 'd1')]);
		const all = [...seqs(a), ...seqs(c), ...(later.ok ? later.results.map((x) => x.seq!) : [])];
		expect(all).toHaveLength(4);
		expect(new Set(all).size).toBe(4);
		// The request after the group continues above every seq the group handed out.
		expect(all[3]).toBeGreaterThan(Math.max(...all.slice(0, 3)));
		expect((await pullAll(s)).map((r) => [r.id, r.seq])).toEqual(
			[
				['g-1', all[0]],
				['g-2', all[1]],
				['g-5', all[2]],
				['g-6', all[3]]
			].sort((x, y) => Number(x[1]) - Number(y[1]))
		);
		expect(await s.findRecord(C, 'document', 'g-3')).toBeNull();
		// A resend of an applied mutation is answered with the seq it got.
		const resend = await s.applyBatch(C, [
			{
				envelope: { ...envelope('g-6'), mutationId: later.ok ? later.results[0]!.mutationId : '' },
				decide: overwrite(state('x'))
			}
		]);
		expect(resend.ok && resend.results[0]).toMatchObject({ status: 'duplicate', seq: all[3] });
	});

	it('a later mutation of a request sees the earlier ones (each in its own savepoint)', async () => {
		const s = await open();
		const seen: (string | null)[] = [];
		const watch = (title: string) => (current: StoredRecord | null) => {
			seen.push(current ? String(current.state.data.title) : null);
			return overwrite(state(title))(current);
		};
		const out = await s.applyBatch(C, [
			{ envelope: envelope('d-1'), decide: watch('one') },
			{ envelope: envelope('d-1'), decide: watch('two') }
		]);
		expect(out.ok && out.results.map((r) => r.seq)).toEqual([1, 2]);
		expect(seen).toEqual([null, 'one']);
		expect((await s.listHistory(C, 'document', 'd-1')).map((h) => h.state.data.title)).toEqual([
			'one'
		]);
	});

	it('one request mixing new records, updates, duplicates, a rejection and a tombstone', async () => {
		const s = await open();
		const first = [item('e-1', 'A'), item('e-2', 'B')];
		expect((await s.applyBatch(C, first)).ok).toBe(true);
		const seen: (string | null)[] = [];
		const watch =
			(title: string, opts: { deleted?: boolean } = {}) =>
			(current: StoredRecord | null) => {
				seen.push(current ? String(current.state.data.title) : null);
				return overwrite(state(title), opts)(current);
			};
		const fresh = envelope('n-1');
		const refused = envelope('n-2');
		const request: BatchItem[] = [
			{ envelope: fresh, decide: watch('new') },
			{ envelope: envelope('e-1'), decide: watch('A2') },
			// A resend of a mutation applied by an earlier request.
			{ envelope: first[0]!.envelope, decide: watch('never') },
			{ envelope: refused, decide: () => ({ kind: 'reject', code: 'forbidden', reason: 'no' }) },
			// The same mutation id twice in one request.
			{ envelope: fresh, decide: watch('never') },
			{ envelope: envelope('e-2'), decide: watch('B gone', { deleted: true }) },
			{ envelope: envelope('n-1'), decide: watch('new2') },
			// A rejected id is not remembered: sent again, it is decided again.
			{ envelope: refused, decide: watch('second try') }
		];
		const out = await s.applyBatch(C, request);
		if (!out.ok) throw new Error('no budget was asked for');
		expect(out.results.map((r) => [r.status, r.seq])).toEqual([
			['applied', 3],
			['applied', 4],
			['duplicate', 1],
			['rejected', undefined],
			['duplicate', 3],
			['applied', 5],
			['applied', 6],
			['applied', 7]
		]);
		expect(out.results[3]).toMatchObject({ code: 'forbidden', reason: 'no' });
		// Each decision saw the record as the earlier mutations of the request left it.
		expect(seen).toEqual([null, 'A', 'B', 'new', null]);
		expect((await pullAll(s, 2)).map((r) => [r.id, r.seq, r.deleted, r.state.data.title])).toEqual([
			['e-1', 4, false, 'A2'],
			['e-2', 5, true, 'B gone'],
			['n-1', 6, false, 'new2'],
			['n-2', 7, false, 'second try']
		]);
		for (const [id, versions] of [
			['e-1', ['A']],
			['e-2', ['B']],
			['n-1', ['new']],
			['n-2', []]
		] as const)
			expect((await s.listHistory(C, 'document', id)).map((h) => h.state.data.title)).toEqual(
				versions
			);
		expect(await s.counts(C)).toEqual({ records: 4, changes: 7, appliedMutations: 7, history: 3 });
		// The whole request sent again: every mutation is a duplicate with the seq it got, nothing
		// is written, and the next change continues the commune's seq.
		const again = await s.applyBatch(
			C,
			request.map((i) => ({ envelope: i.envelope, decide: watch('never') }))
		);
		expect(again.ok && again.results.map((r) => [r.status, r.seq])).toEqual([
			['duplicate', 3],
			['duplicate', 4],
			['duplicate', 1],
			['duplicate', 7],
			['duplicate', 3],
			['duplicate', 5],
			['duplicate', 6],
			['duplicate', 7]
		]);
		expect(await s.counts(C)).toEqual({ records: 4, changes: 7, appliedMutations: 7, history: 3 });
		expect(await s.applyMutation(C, envelope('e-3'), overwrite(state('C')))).toMatchObject({
			seq: 8
		});
	});

	it("one request's push schedule changes have the effect of running them in order", async () => {
		const s = await open();
		const at = (threshold: string, dueAt: number, payload = threshold) => ({
			threshold,
			dueAt,
			payload
		});
		await s.changePushSchedule(C, {
			kind: 'replace',
			meetingId: 'm-1',
			userId: 'u2',
			items: [at('a', 10)]
		});
		await s.changePushSchedule(C, {
			kind: 'replace',
			meetingId: 'm-3',
			userId: 'u2',
			items: [at('a', 30)]
		});
		const meeting = (id: string, pushSchedule: PushScheduleChange): BatchItem => ({
			envelope: envelope(id, { entity: 'meeting' }),
			decide: (c) => ({
				...(overwrite(state(id))(c) as Extract<Decision, { kind: 'write' }>),
				pushSchedule
			})
		});
		const replace = (meetingId: string, userId: string, items: PushScheduleItem[]) =>
			({ kind: 'replace', meetingId, userId, items }) as const;
		await s.applyBatch(C, [
			meeting('m-1', replace('m-1', 'u1', [at('a', 11), at('b', 12)])),
			meeting('m-2', replace('m-2', 'u1', [at('a', 21)])),
			// Drops m-1's rows of every user: the one stored and the two just scheduled.
			meeting('m-1', { kind: 'cancel', meetingId: 'm-1' }),
			// Replaces u1's rows of m-2; the first row of a threshold wins.
			meeting('m-2', replace('m-2', 'u1', [at('b', 22, 'first'), at('b', 23, 'second')])),
			meeting('m-4', replace('m-4', 'u1', [at('a', 41)]))
		]);
		expect(
			(await s.pendingPushes()).map((p) => [p.meetingId, p.userId, p.threshold, p.payload])
		).toEqual([
			['m-2', 'u1', 'b', 'first'],
			['m-3', 'u2', 'a', 'a'],
			['m-4', 'u1', 'a', 'a']
		]);
	});

	it('pulls after a cursor in seq order, paged, scoped by unit; a tombstone is pulled as deleted', async () => {
		const s = await open();
		await s.applyBatch(C, [
			{ envelope: envelope('a'), decide: overwrite(state('a'), { unitCode: 'VP' }) },
			{ envelope: envelope('b'), decide: overwrite(state('b'), { unitCode: 'TP' }) },
			{ envelope: envelope('c'), decide: overwrite(state('c')) }
		]);
		await s.applyMutation(
			C,
			envelope('a'),
			overwrite(state('a gone'), { deleted: true, unitCode: 'VP' })
		);
		const all = await pullAll(s);
		expect(all.map((r) => [r.id, r.seq, r.deleted])).toEqual([
			['b', 2, false],
			['c', 3, false],
			['a', 4, true]
		]);
		const one = await s.pullPage(C, 2, 1, { all: true }, 1_000_000);
		expect([one.records.map((r) => r.id), one.hasMore]).toEqual([['c'], true]);
		expect(
			(await pullAllOf(s, C, { scope: { all: false, unitCode: 'VP' } })).map((r) => r.id)
		).toEqual(['c', 'a']);
		expect((await s.findRecord(C, 'document', 'a'))?.deleted).toBe(true);
		expect(await pullAll(s, 4)).toEqual([]);
	});

	describe('a pull page bounded in bytes', () => {
		/** What the page bound counts for a record: its stored data and clocks texts, UTF-8. */
		const stored = (r: StoredRecord) =>
			Buffer.byteLength(JSON.stringify(r.state.data)) +
			Buffer.byteLength(JSON.stringify(r.state.clocks));
		/** Records r-1..r-n of `size` stored bytes each (multi-byte text, so bytes != characters). */
		async function seed(
			s: Storage,
			sizes: number[],
			unitOf: (i: number) => string | null = () => null
		) {
			const items = sizes.map((_, i) => ({
				envelope: envelope(`r-${i + 1}`),
				decide: overwrite(state(`r-${i + 1}`, { pad: '' }), { unitCode: unitOf(i) })
			}));
			await s.applyBatch(C, items);
			// Pad each record to its size exactly: 'ệ' is 3 bytes, 'a' 1.
			const base = await pullAll(s);
			await s.applyBatch(
				C,
				base.map((r, i) => {
					const missing = sizes[i]! - stored(r);
					const pad = 'ệ'.repeat(Math.floor(missing / 3)) + 'a'.repeat(missing % 3);
					return {
						envelope: envelope(r.id),
						decide: () => ({
							kind: 'write' as const,
							state: { data: { ...r.state.data, pad }, clocks: r.state.clocks },
							unitCode: r.unitCode,
							hlc: r.hlc,
							deleted: false,
							changed: true,
							history: []
						})
					};
				})
			);
			const all = await pullAll(s);
			expect(all.map(stored)).toEqual(sizes);
			return all;
		}
		const ids = (page: { records: StoredRecord[] }) => page.records.map((r) => r.id);

		it('stops before the record that would pass the bound, with hasMore; the next page goes on from there', async () => {
			const s = await open();
			const all = await seed(s, [300, 300, 300, 300, 300]);
			// 900 fits three records exactly; a fourth would pass it.
			const first = await s.pullPage(C, 0, 100, { all: true }, 900);
			expect(ids(first)).toEqual(['r-1', 'r-2', 'r-3']);
			expect(first.hasMore).toBe(true);
			const second = await s.pullPage(C, first.records.at(-1)!.seq, 100, { all: true }, 899);
			expect(ids(second)).toEqual(['r-4', 'r-5']);
			expect(second.hasMore).toBe(false);
			// Every record exactly once, in seq order, over the two pages.
			expect([...first.records, ...second.records].map((r) => r.seq)).toEqual(
				all.map((r) => r.seq)
			);
			expect(second.records[0]!.state.data).toEqual(all[3]!.state.data);
		});

		it('sends a record larger than the bound alone, and then goes on', async () => {
			const s = await open();
			await seed(s, [5000, 200, 200]);
			const first = await s.pullPage(C, 0, 100, { all: true }, 1000);
			expect(ids(first)).toEqual(['r-1']);
			expect(first.hasMore).toBe(true);
			const second = await s.pullPage(C, first.records[0]!.seq, 100, { all: true }, 1000);
			expect(ids(second)).toEqual(['r-2', 'r-3']);
			expect(second.hasMore).toBe(false);
			// The last record alone and larger than the bound: no more after it.
			const only = await s.pullPage(C, second.records[1]!.seq - 1, 100, { all: true }, 10);
			expect(ids(only)).toEqual(['r-3']);
			expect(only.hasMore).toBe(false);
		});

		it('still pages by rows under the bound, and by bytes within a unit’s scope', async () => {
			const s = await open();
			await seed(s, [100, 100, 100, 100, 100, 100], (i) => (i % 2 === 0 ? 'VP' : 'TP'));
			const byRows = await s.pullPage(C, 0, 2, { all: true }, 1_000_000);
			expect(ids(byRows)).toEqual(['r-1', 'r-2']);
			expect(byRows.hasMore).toBe(true);
			const end = await s.pullPage(C, 0, 6, { all: true }, 1_000_000);
			expect(end.records).toHaveLength(6);
			expect(end.hasMore).toBe(false);
			// VP reads r-1, r-3, r-5: 250 bytes hold two of them.
			const vp = await s.pullPage(C, 0, 100, { all: false, unitCode: 'VP' }, 250);
			expect(ids(vp)).toEqual(['r-1', 'r-3']);
			expect(vp.hasMore).toBe(true);
			const vpNext = await s.pullPage(
				C,
				vp.records.at(-1)!.seq,
				100,
				{ all: false, unitCode: 'VP' },
				250
			);
			expect(ids(vpNext)).toEqual(['r-5']);
			expect(vpNext.hasMore).toBe(false);
			expect(
				await s.pullPage(C, vpNext.records[0]!.seq, 100, { all: false, unitCode: 'VP' }, 250)
			).toEqual({
				records: [],
				hasMore: false
			});
		});
	});

	it('an unchanged merge writes no change and keeps the seq', async () => {
		const s = await open();
		const first = await s.applyMutation(C, envelope('d-1'), overwrite(state('A')));
		const same = await s.applyMutation(C, envelope('d-1'), (current) => ({
			...(overwrite(state('A'))(current) as Extract<Decision, { kind: 'write' }>),
			changed: false,
			history: []
		}));
		expect(same).toMatchObject({ status: 'applied', seq: first.seq });
		expect((await s.counts(C)).changes).toBe(1);
	});

	it('keeps unit rows in step with unit records', async () => {
		const s = await open();
		await s.applyMutation(C, envelope('VP', { entity: 'unit' }), (c) => ({
			...(overwrite(state('Văn phòng'))(c) as Extract<Decision, { kind: 'write' }>),
			unit: { code: 'VP', name: 'Văn phòng', kind: 'office', archived: false }
		}));
		await s.applyMutation(C, envelope('VP', { entity: 'unit' }), (c) => ({
			...(overwrite(state('Văn phòng'))(c) as Extract<Decision, { kind: 'write' }>),
			unit: { code: 'VP', name: 'Văn phòng UBND', kind: 'office', archived: true }
		}));
		expect(await s.listUnits(C)).toEqual([
			{ code: 'VP', name: 'Văn phòng UBND', kind: 'office', archived: true }
		]);
		expect(await s.findUnit(C, 'VP')).toMatchObject({ archived: true });
		expect(await s.findUnit(C, 'XX')).toBeNull();
	});

	it('bounds history per record on write and prunes by age', async () => {
		const s = await open({ versionsPerRecord: 3, days: 1 });
		for (let i = 0; i < 6; i++)
			await s.applyMutation(C, envelope('d-1', { at: 1000 + i }), overwrite(state(`v${i}`)));
		expect((await s.listHistory(C, 'document', 'd-1')).map((h) => h.state.data.title)).toEqual([
			'v2',
			'v3',
			'v4'
		]);
		expect(await s.pruneHistory(1000 + 86_400_000 + 10)).toBe(3);
		expect((await s.counts(C)).history).toBe(0);
	});

	it('charges the write budget in the push transaction; over budget nothing is written', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		const budget = (now: number, cost: number) => ({
			key: 'user:u1',
			cost,
			now,
			burst: 4,
			perMinute: 60
		});
		const batch = (prefix: string, n: number) =>
			Array.from({ length: n }, (_, i) => item(`${prefix}-${i}`, prefix));
		expect((await a.applyBatch(C, batch('x', 3), budget(0, 3))).ok).toBe(true);
		// The other process sees the same bucket: one token left, two needed -> wait one second.
		expect(await b.applyBatch(C, batch('y', 2), budget(0, 2))).toEqual({
			ok: false,
			retryAfterMs: 1000
		});
		expect(await b.findRecord(C, 'document', 'y-0')).toBeNull();
		expect((await b.applyBatch(C, batch('z', 2), budget(1000, 2))).ok).toBe(true);
		expect((await a.counts(C)).records).toBe(5);
	});

	it('a resent request whose every mutation is a duplicate still charges its bytes, and answers', async () => {
		const s = await open();
		const bytes = (now: number) => [
			{ key: 'bytes:user:u1', cost: 100, now, burst: 1000, perMinute: 600 }
		];
		const first = [item('r-0', 'r')];
		expect((await s.applyBatch(C, first, bytes(0))).ok).toBe(true);
		// The same mutation ids again (a lost answer): nothing to write but the budget's row.
		const again = await s.applyBatch(C, first, bytes(0));
		expect(again.ok).toBe(true);
		expect((await s.counts(C)).records).toBe(1);
		// 200 of 1000 bytes charged: a request of 900 waits (100 bytes at 10/s = 10 s).
		expect(await s.applyBatch(C, [item('r-1', 'r')], [{ ...bytes(0)[0]!, cost: 900 }])).toEqual({
			ok: false,
			retryAfterMs: 10_000
		});
	});

	it('charges several budgets all or none (mutations and bytes); the wait is the longest', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		const budgets = (now: number, mutations: number, bytes: number) => [
			{ key: 'user:u1', cost: mutations, now, burst: 10, perMinute: 60 },
			{ key: 'bytes:user:u1', cost: bytes, now, burst: 1000, perMinute: 600 }
		];
		const batch = (prefix: string, n: number) =>
			Array.from({ length: n }, (_, i) => item(`${prefix}-${i}`, prefix));
		expect((await a.applyBatch(C, batch('x', 1), budgets(0, 1, 900))).ok).toBe(true);
		// Mutations left (9) but bytes not (100 of 400): refused, 300 bytes at 10/s = 30 s, and the
		// mutation budget is not charged either.
		expect(await b.applyBatch(C, batch('y', 1), budgets(0, 1, 400))).toEqual({
			ok: false,
			retryAfterMs: 30_000
		});
		expect(await b.findRecord(C, 'document', 'y-0')).toBeNull();
		// Both short: the longest wait (bytes 30 s; mutations 10 - 9 = 1 s).
		expect(await a.applyBatch(C, batch('y', 10), budgets(0, 10, 400))).toEqual({
			ok: false,
			retryAfterMs: 30_000
		});
		// Nine mutations were left: a small request of 9 still fits both.
		expect((await b.applyBatch(C, batch('z', 9), budgets(0, 9, 100))).ok).toBe(true);
		expect(await a.applyBatch(C, batch('w', 1), budgets(0, 1, 0))).toEqual({
			ok: false,
			retryAfterMs: 1000
		});
		expect((await a.counts(C)).records).toBe(10);
	});

	it('push subscriptions: an endpoint stays with its user; a user keeps at most 20 devices', async () => {
		const s = await open();
		await s.createUser(user('u1', 'lan'));
		await s.createUser(user('u2', 'hoa'));
		const sub = (endpoint: string, userId: string) => ({
			endpoint,
			userId,
			p256dh: 'p',
			auth: 'a',
			lang: 'en' as const
		});
		for (const id of ['u1', 'u2'])
			await s.createSession({ tokenHash: `s-${id}`, userId: id, createdAt: 0, expiresAt: 9e12 });
		expect(await s.savePushSubscription(sub('https://p/1', 'u1'), 1, 's-u1')).toBe('saved');
		expect(await s.savePushSubscription(sub('https://p/1', 'u2'), 2, 's-u2')).toBe('taken');
		expect(await s.pushSubscriptionsOf('u1')).toEqual([sub('https://p/1', 'u1')]);
		for (let i = 2; i <= 22; i++)
			expect(await s.savePushSubscription(sub(`https://p/${i}`, 'u1'), i, 's-u1')).toBe('saved');
		const kept = (await s.pushSubscriptionsOf('u1')).map((x) => x.endpoint);
		expect(kept).toHaveLength(20);
		expect(kept).not.toContain('https://p/1');
		expect(await s.deletePushSubscription('https://p/5', 'u2')).toBe(false);
		expect(await s.deletePushSubscription('https://p/5', 'u1')).toBe(true);
	});

	it('a due push is claimed by exactly one process; cancel drops the unsent ones', async () => {
		const db = await engine.database();
		const handles = [await db.open(), await db.open(), await db.open()];
		await handles[0]!.changePushSchedule(C, {
			kind: 'replace',
			meetingId: 'm-1',
			userId: 'u1',
			items: Array.from({ length: 30 }, (_, i) => ({
				threshold: `t${i}`,
				dueAt: 100 + i,
				payload: `{"i":${i}}`
			}))
		});
		expect((await handles[1]!.pendingPushes()).map((p) => p.threshold).slice(0, 2)).toEqual([
			't0',
			't1'
		]);
		const claims = await Promise.all(
			Array.from({ length: 12 }, (_, i) => handles[i % 3]!.claimDuePushes(100 + 19))
		);
		const claimed = claims.flat().map((p) => p.threshold);
		expect(claimed.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `t${i}`).sort());
		expect(await handles[0]!.claimDuePushes(119)).toEqual([]);
		await handles[2]!.changePushSchedule(C, { kind: 'cancel', meetingId: 'm-1' });
		expect(await handles[0]!.pendingPushes()).toEqual([]);
	});

	it('parallel pushes from many clients never break the sequence rule; a pull sees each change once', async () => {
		const started = performance.now();
		const db = await engine.database();
		const handles = [await db.open(), await db.open(), await db.open()];
		const CLIENTS = 16;
		const BATCHES = 4;
		const PER_BATCH = 5;
		let writing = true;
		const seen = new Map<string, number>();
		let cursor = 0;
		let pulls = 0;
		const reader = handles[0]!;
		async function pullOnce(): Promise<void> {
			const page = await pullAll(reader, cursor);
			pulls++;
			for (const r of page) {
				// The sequence rule as a reader sees it: strictly increasing, never below the cursor.
				expect(r.seq).toBeGreaterThan(cursor);
				cursor = r.seq;
				seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
			}
		}
		const readerLoop = (async () => {
			while (writing) {
				await pullOnce();
				// SQLite answers synchronously: let the writers' turns run between pulls.
				await new Promise((r) => setImmediate(r));
			}
		})();
		const acked: string[] = [];
		await Promise.all(
			Array.from({ length: CLIENTS }, async (_, c) => {
				for (let b = 0; b < BATCHES; b++) {
					const items = Array.from({ length: PER_BATCH }, (_, i) =>
						item(`c${c}-b${b}-${i}`, 'x', { deviceId: `dev-${c}` })
					);
					const out = await handles[c % handles.length]!.applyBatch(C, items);
					if (!out.ok) throw new Error('no budget was asked for');
					expect(out.results.every((r) => r.status === 'applied')).toBe(true);
					acked.push(...items.map((i) => i.envelope.recordId));
				}
			})
		);
		writing = false;
		await readerLoop;
		console.log(
			`${engine.name}: ${CLIENTS * BATCHES * PER_BATCH} mutations in ${Math.round(performance.now() - started)} ms, ${pulls} pulls`
		);
		await pullOnce();
		expect(pulls).toBeGreaterThan(1);
		expect(acked).toHaveLength(CLIENTS * BATCHES * PER_BATCH);
		// Every acknowledged record reached the cursor reader, exactly once.
		expect(acked.filter((id) => seen.get(id) !== 1)).toEqual([]);
		expect(seen.size).toBe(acked.length);
		const counts = await reader.counts(C);
		expect(counts).toMatchObject({ records: acked.length, changes: acked.length });
		// Seqs are 1..n without a hole.
		const seqs = (await pullAll(reader)).map((r) => r.seq);
		expect(seqs).toEqual(Array.from({ length: acked.length }, (_, i) => i + 1));
	}, 60_000);

	it('the same mutation pushed through two processes at once is applied once', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		const envs = Array.from({ length: 20 }, (_, i) => envelope(`r-${i}`));
		const outs = await Promise.all(
			[a, b, a, b].map((s) =>
				s.applyBatch(
					C,
					envs.map((e) => ({ envelope: e, decide: overwrite(state('x')) }))
				)
			)
		);
		const statuses = outs.flatMap((o) => (o.ok ? o.results.map((r) => r.status) : []));
		expect(statuses.filter((x) => x === 'applied')).toHaveLength(20);
		expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(60);
		expect(await a.counts(C)).toMatchObject({ records: 20, changes: 20, appliedMutations: 20 });
	});
});

describe.each(engines)('Communes as tenants on $name', (engine) => {
	const open = async () => (await engine.database()).open();

	it('has the default commune with no setup, and creates others once', async () => {
		const s = await open();
		expect((await s.listCommunes()).map((c) => c.id)).toEqual([C]);
		expect(await s.createCommune(commune('xa-b'))).toEqual(commune('xa-b'));
		expect(await s.createCommune({ ...commune('xa-b'), name: 'again' })).toBeNull();
		expect(await s.findCommune('xa-b')).toEqual(commune('xa-b'));
		expect(await s.findCommune('nowhere')).toBeNull();
		expect((await s.listCommunes()).map((c) => c.id)).toEqual([C, 'xa-b']);
	});

	it("tells when each commune's data last arrived from a device, the server's seeding apart", async () => {
		const database = await engine.database();
		const s = await database.open();
		await s.createCommune(commune('xa-b'));
		await s.createCommune(commune('xa-c'));
		// Nothing pushed yet: no commune has an arrival.
		expect(await s.lastArrivals()).toEqual(new Map());
		// The server's own seeding writes (device SERVER_DEVICE) are not data from the commune.
		await s.applyBatch('xa-c', [
			{
				envelope: envelope('seeded', { deviceId: SERVER_DEVICE, at: 900 }),
				decide: overwrite(state('seed'))
			}
		]);
		expect(await s.lastArrivals()).toEqual(new Map());
		await s.applyMutation(C, envelope('r1', { at: 2000 }), overwrite(state('a')));
		await s.applyMutation(C, envelope('r2', { at: 3000 }), overwrite(state('b')));
		await s.applyMutation('xa-b', envelope('r1', { at: 2500 }), overwrite(state('c')));
		expect(await s.lastArrivals()).toEqual(
			new Map([
				[C, 3000],
				['xa-b', 2500]
			])
		);
		// A record written again moves to the top: its new arrival counts.
		await s.applyMutation(C, envelope('r1', { at: 4000 }), overwrite(state('a2')));
		// A server write above a device's keeps the device's arrival (xa-b's last device write).
		await s.applyMutation(
			'xa-b',
			envelope('seed2', { deviceId: SERVER_DEVICE, at: 9000 }),
			overwrite(state('s'))
		);
		// A mutation that changes nothing is no data arriving.
		await s.applyMutation(C, envelope('r2', { at: 8000 }), (current) => ({
			...(overwrite(current!.state)(current) as Extract<Decision, { kind: 'write' }>),
			changed: false,
			history: []
		}));
		expect(await s.lastArrivals()).toEqual(
			new Map([
				[C, 4000],
				['xa-b', 2500]
			])
		);
		// Another process reads the same.
		const other = await database.open();
		expect((await other.lastArrivals()).get(C)).toBe(4000);
	});

	it("changes a commune's name and area, and nothing else", async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		expect(await s.updateCommune('xa-b', { name: 'Xã Bình An' })).toEqual({
			...commune('xa-b'),
			name: 'Xã Bình An'
		});
		expect(await s.updateCommune('xa-b', { area: null })).toEqual({
			...commune('xa-b'),
			name: 'Xã Bình An',
			area: null
		});
		expect(await s.updateCommune(C, { name: 'Xã Thiên Tân', area: 'Khu vực 1' })).toMatchObject({
			id: C,
			name: 'Xã Thiên Tân',
			area: 'Khu vực 1',
			createdAt: 0
		});
		expect(await s.findCommune(C)).toMatchObject({ name: 'Xã Thiên Tân', area: 'Khu vực 1' });
		expect(await s.findCommune('xa-b')).toMatchObject({ name: 'Xã Bình An', area: null });
		expect(await s.updateCommune('nowhere', { name: 'X' })).toBeNull();
		expect((await s.listCommunes()).map((c) => c.id)).toEqual([C, 'xa-b']);
	});

	it('keeps ids apart per commune, with a seq and a pull cursor per commune', async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		const a = await s.applyBatch(C, [
			item('r1', 'A one', { mutationId: 'm1' }),
			item('r2', 'A two', { mutationId: 'm2' })
		]);
		// The same mutation id in another commune is a new mutation there, not a duplicate.
		const b = await s.applyBatch('xa-b', [item('r1', 'B one', { mutationId: 'm1' })]);
		expect(a.ok && a.results.map((r) => [r.status, r.seq])).toEqual([
			['applied', 1],
			['applied', 2]
		]);
		expect(b.ok && b.results.map((r) => [r.status, r.seq])).toEqual([['applied', 1]]);
		expect((await s.findRecord('xa-b', 'document', 'r1'))?.state.data.title).toBe('B one');
		expect((await s.findRecord(C, 'document', 'r1'))?.state.data.title).toBe('A one');
		expect(await s.findRecord('xa-b', 'document', 'r2')).toBeNull();
		expect(await s.findAppliedMutation('xa-b', 'm2')).toBeNull();
		expect((await s.findAppliedMutation('xa-b', 'm1'))?.seq).toBe(1);
		await s.applyMutation(C, envelope('r1'), overwrite(state('A again')));
		expect((await pullAllOf(s, 'xa-b')).map((r) => [r.id, r.seq])).toEqual([['r1', 1]]);
		// A unit's pull (records without a unit included) stays in its commune too.
		expect(
			(await pullAllOf(s, 'xa-b', { scope: { all: false, unitCode: 'VP' } })).map((r) => r.id)
		).toEqual(['r1']);
		expect((await pullAll(s)).map((r) => [r.id, r.seq])).toEqual([
			['r2', 2],
			['r1', 3]
		]);
		expect(await s.listHistory('xa-b', 'document', 'r1')).toEqual([]);
		expect(await s.listHistory(C, 'document', 'r1')).toHaveLength(1);
		expect(await s.counts('xa-b')).toEqual({
			records: 1,
			changes: 1,
			appliedMutations: 1,
			history: 0
		});
		expect((await s.counts(C)).records).toBe(2);
		expect((await s.listRecords('xa-b', ['document'])).map((r) => r.id)).toEqual(['r1']);
		expect(await s.listRecords('xa-b', ['meeting'])).toEqual([]);
		// Each commune's change counter, as the province view's cache reads it.
		expect(await s.communeSeqs()).toEqual(
			new Map([
				[C, 3],
				['xa-b', 1]
			])
		);
		await s.applyMutation('xa-b', envelope('r1'), overwrite(state('B gone'), { deleted: true }));
		expect((await s.communeSeqs()).get('xa-b')).toBe(2);
	});

	it('lists one window of record days by index, undated records always, tombstones never', async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		const dated = (
			id: string,
			entity: SyncEntity,
			extra: Record<string, unknown>,
			opts: { deleted?: boolean } = {}
		): BatchItem => ({
			envelope: envelope(id, { entity }),
			decide: overwrite(state(id, extra), opts)
		});
		await s.applyBatch(C, [
			dated('in', 'meeting', { date: '2026-03-02' }),
			dated('first', 'meeting', { date: '2025-11-01' }),
			dated('last', 'document', { issuedOn: '2027-01-31' }),
			dated('before', 'meeting', { date: '2025-10-31' }),
			dated('after', 'document', { issuedOn: '2027-02-01' }),
			dated('month', 'procedure', { month: '2025-11' }),
			dated('month-before', 'procedure', { month: '2025-10' }),
			dated('plan', 'plan', { year: 2026 }),
			dated('plan-before', 'plan', { year: 2025 }),
			dated('undated', 'meeting', { date: 'mùng 2' }),
			dated('gone', 'meeting', { date: '2026-03-02' }, { deleted: true })
		]);
		// Rewritten out of the window: the day follows the record.
		await s.applyBatch(C, [dated('in', 'meeting', { date: '2024-03-02' })]);
		await s.applyBatch(C, [dated('before', 'meeting', { date: '2026-06-01' })]);
		await s.applyBatch('xa-b', [dated('other', 'meeting', { date: '2026-03-02' })]);
		const ids = async (w?: { from: string; to: string }) =>
			(await s.listRecords(C, ['meeting', 'document', 'procedure', 'plan'], w))
				.map((r) => r.id)
				.sort();
		expect(await ids({ from: '2025-11', to: '2027-01-99' })).toEqual(
			['before', 'first', 'last', 'month', 'plan', 'undated'].sort()
		);
		expect(await ids()).toEqual(
			[
				'after',
				'before',
				'first',
				'in',
				'last',
				'month',
				'month-before',
				'plan',
				'plan-before',
				'undated'
			].sort()
		);
		expect(
			(await s.listRecords(C, ['procedure'], { from: '2025-11', to: '2027-01-99' })).map(
				(r) => r.id
			)
		).toEqual(['month']);
	});

	it('keeps units and the push schedule per commune, and refuses a commune that does not exist', async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		const unit = (name: string): BatchItem => ({
			envelope: envelope('VP', { entity: 'unit' }),
			decide: (c) => ({
				...(overwrite(state(name))(c) as Extract<Decision, { kind: 'write' }>),
				unit: { code: 'VP', name, kind: 'office', archived: false },
				pushSchedule: {
					kind: 'replace',
					meetingId: 'meet-1',
					userId: 'u',
					items: [{ threshold: 'limit', dueAt: 50, payload: name }]
				}
			})
		});
		await s.applyBatch(C, [unit('Văn phòng A')]);
		await s.applyBatch('xa-b', [unit('Văn phòng B')]);
		expect((await s.listUnits('xa-b')).map((u) => u.name)).toEqual(['Văn phòng B']);
		expect((await s.findUnit(C, 'VP'))?.name).toBe('Văn phòng A');
		expect((await s.pendingPushes()).map((p) => [p.communeId, p.payload])).toEqual([
			[C, 'Văn phòng A'],
			['xa-b', 'Văn phòng B']
		]);
		await s.changePushSchedule('xa-b', { kind: 'cancel', meetingId: 'meet-1' });
		expect((await s.claimDuePushes(60)).map((p) => p.communeId)).toEqual([C]);
		await expect(s.applyBatch('nowhere', [item('r9', 'x')])).rejects.toThrow(/commune/);
		expect(await s.findRecord('nowhere', 'document', 'r9')).toBeNull();
	});

	it('lists users per commune; province accounts, and only they, have no commune', async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		await s.createUser({ ...user('1', 'a'), role: 'admin' });
		await s.createUser({ ...user('2', 'b'), communeId: 'xa-b' });
		await s.createUser({ ...user('3', 'p'), role: 'province_monitor', communeId: null });
		expect(await s.createUser({ ...user('4', 'a'), communeId: 'xa-b' })).toBeNull();
		await expect(s.createUser({ ...user('5', 'c'), communeId: null })).rejects.toThrow();
		await expect(
			s.createUser({ ...user('6', 'd'), role: 'province_admin', communeId: C })
		).rejects.toThrow();
		expect((await s.listUsers('xa-b')).map((u) => u.username)).toEqual(['b']);
		expect((await s.listUsers(null)).map((u) => u.username)).toEqual(['p']);
		expect((await s.findUserById('3'))?.communeId).toBeNull();
	});

	it('communes write in parallel, each with its own gap-free seq', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		const ids = ['xa-1', 'xa-2', 'xa-3'];
		for (const id of ids) await a.createCommune(commune(id));
		await Promise.all(
			ids.flatMap((id) =>
				Array.from({ length: 6 }, (_, i) =>
					(i % 2 ? a : b).applyBatch(id, [item(`${id}-${i}-0`, 'x'), item(`${id}-${i}-1`, 'y')])
				)
			)
		);
		for (const id of ids) {
			const seqs = (await pullAllOf(a, id)).map((r) => r.seq);
			expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
		}
	});
});

describe.each(engines)('Audit log on $name', (engine) => {
	const open = async () => (await engine.database()).open();
	const by = (
		action: AuditInput['action'],
		over: Partial<AuditInput> = {},
		detail: Record<string, unknown> = {}
	): AuditInput =>
		({
			at: 1000,
			communeId: C,
			actorId: 'a1',
			actorUsername: 'admin',
			action,
			targetId: 'u1',
			targetName: 'lan',
			detail,
			...over
		}) as AuditInput;
	const actions = async (s: Storage, communeId?: string | null) =>
		(await s.listAudit({ communeId, limit: 100 })).map((e) => e.action);
	/** Write `entries` through a lock-out lifted from `key` (a failed attempt there first: a lift
	 * with nothing to forget logs nothing). */
	const logged = async (s: Storage, key: string, entries: AuditInput[]) => {
		expect((await s.reserveLoginAttempt([{ key, max: 1_000_000 }], 0, 1)).ok).toBe(true);
		expect(await s.clearLoginAttempts([key], [], entries)).toBe(1);
	};

	it('makes an account change’s entries from the row its own transaction read', async () => {
		const s = await open();
		await s.createUser(user('u1', 'lan'));
		// Another admin's change lands after this caller read the account.
		await s.updateUser('u1', { role: 'unit_head' });
		const seen: string[] = [];
		const out = await s.changeUser<never>('u1', 'admin', (before) => {
			seen.push(before.role);
			return {
				ok: true,
				patch: { role: 'monitor', unitCode: null },
				audit: [
					by(
						'user.role_changed',
						{},
						{
							from: { role: before.role, unitCode: before.unitCode },
							to: { role: 'monitor', unitCode: null }
						}
					)
				]
			};
		});
		expect(out).toMatchObject({ ok: true, user: { role: 'monitor' } });
		expect(seen).toEqual(['unit_head']);
		const [entry] = await s.listAudit({ limit: 10 });
		expect(entry!.detail).toEqual({
			from: { role: 'unit_head', unitCode: 'VP' },
			to: { role: 'monitor', unitCode: null }
		});
		// A change refused after the decision (the last enabled admin) writes none of its entries.
		await s.createUser({ ...user('a1', 'admin'), role: 'admin', unitCode: null });
		const refused = await s.changeUser<never>('a1', 'admin', () => ({
			ok: true,
			patch: { disabled: true },
			endAccess: {},
			audit: [by('user.disabled', { targetId: 'a1' })]
		}));
		expect(refused).toEqual({ ok: false, reason: 'last_admin' });
		expect(await actions(s)).toEqual(['user.role_changed']);
		expect((await s.findUserById('a1'))?.disabled).toBe(false);
	});

	it('changes an account as one transaction: decided from its row, sessions ended with it', async () => {
		const s = await open();
		await s.createUser(user('u1', 'lan'));
		const access = async () => {
			for (const [hash, at] of [
				['a', 1],
				['b', 2]
			] as const)
				// The second sign-in from a device it remembers.
				await s.createSession(
					{ tokenHash: hash, userId: 'u1', createdAt: at, expiresAt: 9e12 },
					[],
					hash === 'b'
						? {
								passwordHash: 'h',
								device: { tokenHash: 'd', userId: 'u1', createdAt: 1, expiresAt: 9e12 }
							}
						: undefined
				);
		};
		await access();
		const sessions = async () => (await s.listActiveSessions(0, C)).map((x) => x.tokenHash);
		// A refusal decided from the row: nothing written, the refusal handed back.
		expect(
			await s.changeUser('u1', 'admin', (before) => ({ ok: false, refusal: before.role }))
		).toEqual({ ok: false, reason: 'refused', refusal: 'staff' });
		// An entry its schema refuses fails the whole action: no field, no session ended.
		await expect(
			s.changeUser('u1', 'admin', () => ({
				ok: true,
				patch: { passwordHash: 'new', mustChangePassword: true },
				endAccess: {},
				audit: [by('user.password_reset', {}, { password: 'secret' })]
			}))
		).rejects.toThrow();
		expect(await s.findUserById('u1')).toMatchObject({
			passwordHash: 'h',
			mustChangePassword: false
		});
		expect(await sessions()).toEqual(['a', 'b']);
		expect(await s.findLoginDevice('d')).not.toBeNull();
		// Done: the fields, the sessions but the kept one, the login devices and the entry, at once.
		const done = await s.changeUser('u1', 'admin', () => ({
			ok: true,
			patch: { passwordHash: 'new', mustChangePassword: true },
			endAccess: { keepTokenHash: 'b' },
			audit: [by('user.password_reset')]
		}));
		expect(done).toMatchObject({
			ok: true,
			user: { passwordHash: 'new', mustChangePassword: true }
		});
		expect(await sessions()).toEqual(['b']);
		expect(await s.findLoginDevice('d')).toBeNull();
		expect(await actions(s)).toEqual(['user.password_reset']);
		// Only the decided fields are written: a role changed since is not put back.
		await s.updateUser('u1', { role: 'monitor', unitCode: null });
		expect(
			await s.changeUser('u1', 'admin', () => ({ ok: true, patch: { disabled: true }, audit: [] }))
		).toMatchObject({ ok: true, user: { role: 'monitor', unitCode: null, disabled: true } });
		// An unknown account: not decided, nothing written.
		expect(
			await s.changeUser('nobody', 'admin', () => {
				throw new Error('not called');
			})
		).toEqual({ ok: false, reason: 'not_found' });
	});

	it('two processes changing one account at once: each decides from the other’s result (a race on PostgreSQL; on SQLite, whose transactions are synchronous, one after the other)', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		await a.createUser(user('u1', 'lan'));
		for (let round = 0; round < 10; round++) {
			const seen: { disabled: boolean; role: string }[] = [];
			const outcomes = await Promise.all([
				a.changeUser('u1', 'admin', (before) => {
					seen.push({ disabled: before.disabled, role: before.role });
					return { ok: true, patch: { disabled: true }, audit: [] };
				}),
				b.changeUser('u1', 'admin', (before) => {
					seen.push({ disabled: before.disabled, role: before.role });
					return { ok: true, patch: { role: 'unit_head' }, audit: [] };
				})
			]);
			expect(outcomes.every((o) => o.ok)).toBe(true);
			// Both changes are kept, and the second to decide saw the first's.
			expect(await a.findUserById('u1')).toMatchObject({ role: 'unit_head', disabled: true });
			expect(seen).toHaveLength(2);
			expect(seen[1]!.disabled || seen[1]!.role === 'unit_head').toBe(true);
			await a.updateUser('u1', { role: 'staff', disabled: false });
		}
	});

	it('makes a commune change’s entries from the row its own transaction read', async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		await s.updateCommune('xa-b', { name: 'Xã Một' });
		const seen: (string | null)[] = [];
		const out = await s.updateCommune('xa-b', { name: 'Xã Hai' }, (before) => {
			seen.push(before.name);
			return [
				by('commune.updated', { communeId: 'xa-b' }, { name: { from: before.name, to: 'Xã Hai' } })
			];
		});
		expect(out).toMatchObject({ name: 'Xã Hai', area: 'Huyện A' });
		expect(seen).toEqual(['Xã Một']);
		expect((await s.listAudit({ communeId: 'xa-b', limit: 10 })).map((e) => e.detail)).toEqual([
			{ name: { from: 'Xã Một', to: 'Xã Hai' } }
		]);
		// An unknown commune: no builder call, nothing written.
		expect(
			await s.updateCommune('xa-z', { name: 'X' }, () => {
				throw new Error('not called');
			})
		).toBeNull();
		expect(await s.listAudit({ limit: 10 })).toHaveLength(1);
	});

	it('writes each entry with the action it records, and none when the action does not happen', async () => {
		const s = await open();
		const created = by('user.created', {}, { role: 'staff', unitCode: 'VP' });
		expect(await s.createUser(user('u1', 'lan'), [created])).not.toBeNull();
		// A taken username: no account, no entry.
		expect(await s.createUser(user('u2', 'lan'), [created])).toBeNull();
		expect(await s.updateUser('u1', { disabled: true }, [by('user.disabled')])).not.toBeNull();
		expect(await s.updateUser('nobody', { disabled: true }, [by('user.disabled')])).toBeNull();
		await s.createUser({ ...user('a1', 'admin'), role: 'admin', unitCode: null });
		const change = (id: string, patch: UserPatch, entry: AuditInput) =>
			s.changeUser<never>(id, 'admin', () => ({ ok: true, patch, audit: [entry] }));
		// The last enabled admin stays: refused, no entry.
		expect(await change('a1', { disabled: true }, by('user.disabled'))).toEqual({
			ok: false,
			reason: 'last_admin'
		});
		expect(await change('u1', { disabled: false }, by('user.enabled'))).toMatchObject({
			ok: true
		});
		await s.createSession({ tokenHash: 'a', userId: 'u1', createdAt: 1, expiresAt: 9e12 });
		await s.createSession(
			{ tokenHash: 'b', userId: 'u1', createdAt: 2, expiresAt: 9e12 },
			[by('admin.signed_in', { actorId: 'u1', actorUsername: 'lan' })],
			{ passwordHash: 'h', device: { tokenHash: 'd', userId: 'u1', createdAt: 1, expiresAt: 9e12 } }
		);
		expect(await s.endUserAccess('u1', [by('user.sessions_ended')])).toBe(2);
		expect(await s.findLoginDevice('d')).toBeNull();
		expect(await s.listActiveSessions(0, C)).toEqual([]);
		// Nothing left to end or lift: nothing happened, nothing is logged (attacker review r19, 1).
		expect(await s.endUserAccess('u1', [by('user.sessions_ended')])).toBe(0);
		expect(await s.clearLoginAttempts(['acct:lan'], ['pair:lan|'], [by('user.unlocked')])).toBe(0);
		await s.reserveLoginAttempt([{ key: 'pair:lan|10.0.0.1', max: 5 }], 0, 1);
		await s.reserveLoginAttempt([{ key: 'pair:lana|10.0.0.1', max: 5 }], 0, 1);
		expect(await s.clearLoginAttempts(['acct:lan'], ['pair:lan|'], [by('user.unlocked')])).toBe(1);
		// The other account's attempt is still there.
		expect(await s.loginLimitedUntil('pair:lana|10.0.0.1', 1, 0, 1000)).toBe(1001);
		expect(await actions(s)).toEqual([
			'user.unlocked',
			'user.sessions_ended',
			'admin.signed_in',
			'user.enabled',
			'user.disabled',
			'user.created'
		]);
		const [newest] = await s.listAudit({ limit: 1 });
		expect(newest).toMatchObject({
			at: 1000,
			communeId: C,
			actorId: 'a1',
			actorUsername: 'admin',
			action: 'user.unlocked',
			targetId: 'u1',
			targetName: 'lan',
			detail: {}
		});
	});

	it('writes a commune’s creation and change with them, in the commune’s log; none for a taken or unknown id', async () => {
		const s = await open();
		const made = by(
			'commune.created',
			{ communeId: 'xa-b', targetId: 'xa-b', targetName: 'Xã xa-b' },
			{ name: 'Xã xa-b', area: 'Huyện A' }
		);
		expect(await s.createCommune(commune('xa-b'), [made])).not.toBeNull();
		expect(await s.createCommune(commune('xa-b'), [made])).toBeNull();
		const renamed = by(
			'commune.updated',
			{ communeId: 'xa-b', targetId: 'xa-b' },
			{ name: { from: 'Xã xa-b', to: 'Xã Bình' } }
		);
		expect(await s.updateCommune('xa-b', { name: 'Xã Bình' }, [renamed])).toMatchObject({
			name: 'Xã Bình'
		});
		expect(await s.updateCommune('xa-zz', { name: 'Xã Z' }, [renamed])).toBeNull();
		expect(await actions(s, 'xa-b')).toEqual(['commune.updated', 'commune.created']);
		expect(await actions(s, C)).toEqual([]);
		expect((await s.listAudit({ communeId: 'xa-b', limit: 1 }))[0]!.detail).toEqual({
			name: { from: 'Xã xa-b', to: 'Xã Bình' }
		});
	});

	it('refuses an entry whose detail is not its action’s (a password, a hash): the action does not happen either', async () => {
		const s = await open();
		await expect(
			s.createUser(user('u1', 'lan'), [
				by('user.created', {}, { role: 'staff', unitCode: 'VP', password: 'secret-1234' })
			])
		).rejects.toThrow();
		expect(await s.findUserById('u1')).toBeNull();
		await s.createUser(user('u1', 'lan'));
		await expect(
			s.updateUser('u1', { passwordHash: 'new' }, [by('user.password_reset', {}, { hash: 'new' })])
		).rejects.toThrow();
		expect((await s.findUserById('u1'))!.passwordHash).toBe('h');
		await expect(
			s.updateUser('u1', { disabled: true }, [
				by('user.disabled', { action: 'user.dropped' as AuditInput['action'] })
			])
		).rejects.toThrow();
		expect((await s.findUserById('u1'))!.disabled).toBe(false);
		expect(await actions(s)).toEqual([]);
	});

	it('writes a push’s entries with the change, never for a rejection, an unchanged merge or a rolled-back request', async () => {
		const s = await open();
		const entry = by(
			'settings.changed',
			{ targetId: 'settings', targetName: null },
			{ fields: ['limits'] }
		);
		const audited =
			(next: FieldState, changed = true) =>
			(current: StoredRecord | null): Decision => ({
				...(overwrite(next)(current) as Extract<Decision, { kind: 'write' }>),
				changed,
				audit: [entry]
			});
		const out = await s.applyBatch(C, [
			{ envelope: envelope('s1', { entity: 'settings' }), decide: audited(state('a')) },
			{ envelope: envelope('s2', { entity: 'settings' }), decide: audited(state('b'), false) },
			{
				envelope: envelope('s3', { entity: 'settings' }),
				decide: () => ({ kind: 'reject', code: 'forbidden', reason: 'no' })
			}
		]);
		expect(out.ok && out.results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
		expect(await actions(s)).toEqual(['settings.changed']);
		await expect(
			s.applyBatch(C, [
				{ envelope: envelope('s4', { entity: 'settings' }), decide: audited(state('c')) },
				{
					envelope: envelope('s5'),
					decide: () => {
						throw new Error('boom');
					}
				}
			])
		).rejects.toThrow('boom');
		expect(await actions(s)).toEqual(['settings.changed']);
	});

	it('keeps a settings change’s values from → to as written, and refuses a detail that is not its action’s (clerk review r11, 9)', async () => {
		const s = await open();
		const detail = {
			fields: ['communeName', 'limits', 'planDate', 'planNumber', 'plans'],
			values: [
				{ field: 'communeName', from: '', to: 'Xã Thiên Tân' },
				{ field: 'limits.hop', from: null, to: 90 }
			],
			plans: [
				{
					year: 2026,
					number: { from: '45/KH-UBND', to: '52/KH-UBND' },
					date: { from: '2026-04-15', to: '2026-04-20' }
				},
				{ year: 2027, number: { from: '', to: '3/KH-UBND' } }
			]
		};
		const entry = (d: Record<string, unknown>) =>
			by('settings.changed', { targetId: 'settings', targetName: null }, d);
		const write = (id: string, d: Record<string, unknown>) =>
			s.applyBatch(C, [
				{
					envelope: envelope(id, { entity: 'settings' }),
					decide: (current: StoredRecord | null): Decision => ({
						...(overwrite(state(id))(current) as Extract<Decision, { kind: 'write' }>),
						audit: [entry(d)]
					})
				}
			]);
		const out = await write('s1', detail);
		expect(out.ok && out.results.map((r) => r.status)).toEqual(['applied']);
		const [read] = await s.listAudit({ communeId: C, limit: 1 });
		expect(read!.detail).toEqual(detail);
		// Strict per field: a value of a field the log does not know, a text where a count goes, a
		// key the action has not: the entry is refused, and the change with it.
		for (const bad of [
			{ fields: ['x'], values: [{ field: 'password', from: 'a', to: 'b' }] },
			{ fields: ['limits'], values: [{ field: 'limits.hop', from: null, to: '90' }] },
			{ fields: ['plans'], plans: [{ year: 2026, number: { from: '', to: 'x'.repeat(41) } }] },
			{ ...detail, token: 'abc' }
		])
			await expect(write('s2', bad)).rejects.toThrow();
		expect(await actions(s)).toEqual(['settings.changed']);
	});

	it('reads newest first in pages, per commune, the province’s own, or all; prunes by age', async () => {
		const s = await open();
		await s.createCommune(commune('xa-b'));
		const at = (i: number) => 1000 + i;
		for (let i = 0; i < 7; i++)
			await s
				.createSession({ tokenHash: `t${i}`, userId: 'x', createdAt: i, expiresAt: 9e12 }, [
					by('admin.signed_in', {
						at: at(i),
						communeId: i % 3 === 0 ? C : i % 3 === 1 ? 'xa-b' : null,
						actorId: `a${i}`
					})
				])
				.catch(() => undefined);
		// A session of an unknown account fails (foreign key): its entry goes with it.
		expect(await s.listAudit({ limit: 100 })).toEqual([]);
		for (let i = 0; i < 7; i++)
			await logged(s, `k${i}`, [
				by('user.unlocked', {
					at: at(i),
					communeId: i % 3 === 0 ? C : i % 3 === 1 ? 'xa-b' : null,
					actorId: `a${i}`
				})
			]);
		const ids = (rows: { actorId: string }[]) => rows.map((r) => r.actorId);
		expect(ids(await s.listAudit({ limit: 100 }))).toEqual([
			'a6',
			'a5',
			'a4',
			'a3',
			'a2',
			'a1',
			'a0'
		]);
		const page1 = await s.listAudit({ limit: 3 });
		const page2 = await s.listAudit({ limit: 3, before: page1.at(-1)!.id });
		const page3 = await s.listAudit({ limit: 3, before: page2.at(-1)!.id });
		expect([page1, page2, page3].map(ids)).toEqual([
			['a6', 'a5', 'a4'],
			['a3', 'a2', 'a1'],
			['a0']
		]);
		expect(ids(await s.listAudit({ communeId: C, limit: 100 }))).toEqual(['a6', 'a3', 'a0']);
		expect(ids(await s.listAudit({ communeId: 'xa-b', limit: 100 }))).toEqual(['a4', 'a1']);
		expect(ids(await s.listAudit({ communeId: null, limit: 100 }))).toEqual(['a5', 'a2']);
		expect(
			ids(
				await s.listAudit({
					communeId: C,
					limit: 1,
					before: (await s.listAudit({ limit: 1 }))[0]!.id
				})
			)
		).toEqual(['a3']);
		expect(await s.pruneAudit(at(3))).toBe(3);
		expect(ids(await s.listAudit({ limit: 100 }))).toEqual(['a6', 'a5', 'a4', 'a3']);
	});

	it('filters by kind of action and by actor within its scope, and pages exactly under the filter (attacker review r12, 4)', async () => {
		const s = await open();
		// A monitor's flood of settings saves in C; the admin's account actions between them; the
		// same admin id's entries in another commune and in the province's own.
		const entries: AuditInput[] = [];
		for (let i = 0; i < 40; i++) {
			entries.push(
				by('settings.changed', { at: 1000 + i, actorId: 'mon' }, { fields: ['communeName'] })
			);
			if (i % 7 === 3) entries.push(by('user.password_reset', { at: 1000 + i, actorId: 'adm' }));
			if (i % 9 === 4)
				entries.push(by('admin.signed_in', { at: 1000 + i, actorId: 'adm', targetId: 'adm' }));
			if (i % 5 === 0)
				entries.push(by('user.disabled', { at: 1000 + i, communeId: 'xa-b', actorId: 'adm' }));
			if (i % 10 === 6)
				entries.push(by('user.unlocked', { at: 1000 + i, communeId: null, actorId: 'adm' }));
			if (i % 11 === 2)
				entries.push(
					by('unit.deleted', { at: 1000 + i, actorId: 'adm' }, { code: 'VP', name: 'Văn phòng' })
				);
		}
		for (let i = 0; i < entries.length; i += 10) await logged(s, `k${i}`, entries.slice(i, i + 10));
		const everything = await s.listAudit({ limit: 1000 });
		expect(everything).toHaveLength(entries.length);
		const { accounts, settings } = AUDIT_GROUPS;
		const queries: Omit<AuditQuery, 'limit' | 'before'>[] = [
			{ communeId: C, actions: accounts },
			{ communeId: C, actions: settings },
			{ communeId: C, actorId: 'adm' },
			{ communeId: C, actorId: 'adm', actions: settings },
			{ communeId: C, actorId: 'mon', actions: accounts },
			{ communeId: 'xa-b', actorId: 'mon' },
			{ communeId: 'xa-b', actorId: 'adm', actions: accounts },
			{ communeId: null, actorId: 'adm' },
			{ communeId: null, actions: settings },
			{ actions: accounts },
			{ actorId: 'adm' },
			{ actorId: 'adm', actions: ['user.password_reset'] },
			{ actorId: 'nobody' },
			{ communeId: C, targetId: 'adm' },
			{ communeId: C, actions: ['admin.signed_in'], targetId: 'adm' },
			{ communeId: C, actions: accounts, targetId: 'adm' },
			{ communeId: 'xa-b', targetId: 'u1' },
			{ targetId: 'nobody' }
		];
		for (const q of queries) {
			const want = everything.filter(
				(e) =>
					(q.communeId === undefined || e.communeId === q.communeId) &&
					(q.actorId === undefined || e.actorId === q.actorId) &&
					(q.targetId === undefined || e.targetId === q.targetId) &&
					(q.actions === undefined || (q.actions as readonly string[]).includes(e.action))
			);
			for (const limit of [1, 3, 1000]) {
				const seen: AuditRow[] = [];
				let before: number | undefined;
				for (;;) {
					const page = await s.listAudit({ ...q, limit, ...(before ? { before } : {}) });
					expect(page.length).toBeLessThanOrEqual(limit);
					seen.push(...page);
					if (page.length < limit) break;
					before = page.at(-1)!.id;
				}
				expect(seen, JSON.stringify({ ...q, limit })).toEqual(want);
			}
		}
		// What the filters were for: the account actions, not one settings save or sign-in among them.
		const resets = await s.listAudit({ communeId: C, actions: accounts, limit: 50 });
		expect(new Set(resets.map((e) => e.action))).toEqual(new Set(['user.password_reset']));
		expect(await s.listAudit({ communeId: 'xa-b', actorId: 'mon', limit: 50 })).toEqual([]);
	});

	it('is append-only in the database: an UPDATE is refused, whoever runs it', async () => {
		const db = await engine.database();
		const s = await db.open();
		await logged(s, 'k', [by('user.unlocked')]);
		await expect(db.exec(`UPDATE audit_log SET actor_username = 'someone'`)).rejects.toThrow(
			/append-only/
		);
		expect((await s.listAudit({ limit: 1 }))[0]!.actorUsername).toBe('admin');
	});
});

describe.each(engines)('Report due dates on $name', (engine) => {
	const entry = (from: string | null, to: string | null, actor = 'tinh-admin'): AuditInput =>
		({
			at: 1000,
			communeId: null,
			actorId: 'p1',
			actorUsername: actor,
			action: 'report_due.changed',
			targetId: '6month:2026',
			targetName: null,
			detail: { kind: '6month', year: 2026, from, to }
		}) as AuditInput;
	const set = (dueDate: string, setBy = 'tinh-admin') => ({ dueDate, setAt: 2000, setBy });
	const province = async (s: Storage) =>
		(await s.listAudit({ communeId: null, limit: 100 })).map((e) => e.detail);

	it('sets, changes and clears a period’s due date with its entry, made from the row its own transaction read', async () => {
		const db = await engine.database();
		const s = await db.open();
		expect(await s.findReportDue('6month', 2026)).toBeNull();
		const seen: (string | null)[] = [];
		const log = (to: string | null) => (before: { dueDate: string } | null) => {
			seen.push(before?.dueDate ?? null);
			return [entry(before?.dueDate ?? null, to)];
		};
		expect(await s.setReportDue('6month', 2026, set('2026-06-20'), log('2026-06-20'))).toEqual({
			kind: '6month',
			year: 2026,
			...set('2026-06-20')
		});
		// Another process sees it at once (each request reads it: no process keeps it).
		const other = await db.open();
		expect(await other.findReportDue('6month', 2026)).toMatchObject({ dueDate: '2026-06-20' });
		// Another kind and year are apart.
		expect(await s.findReportDue('annual', 2026)).toBeNull();
		expect(await s.findReportDue('6month', 2027)).toBeNull();
		// Another admin changed it after this caller read it: the entry says what was replaced.
		await other.setReportDue('6month', 2026, set('2026-06-25', 'tinh-2'), log('2026-06-25'));
		await s.setReportDue('6month', 2026, set('2026-06-30'), log('2026-06-30'));
		expect(seen).toEqual([null, '2026-06-20', '2026-06-25']);
		expect(await s.findReportDue('6month', 2026)).toMatchObject({
			dueDate: '2026-06-30',
			setBy: 'tinh-admin'
		});
		// Cleared: none set on the screen any more (the server settings' default applies).
		expect(await s.setReportDue('6month', 2026, null, log(null))).toBeNull();
		expect(await other.findReportDue('6month', 2026)).toBeNull();
		expect(await province(s)).toEqual([
			{ kind: '6month', year: 2026, from: '2026-06-30', to: null },
			{ kind: '6month', year: 2026, from: '2026-06-25', to: '2026-06-30' },
			{ kind: '6month', year: 2026, from: '2026-06-20', to: '2026-06-25' },
			{ kind: '6month', year: 2026, from: null, to: '2026-06-20' }
		]);
		// In the province's own log, never a commune's.
		expect(await s.listAudit({ communeId: C, limit: 10 })).toEqual([]);
	});

	it('writes nothing and logs nothing when the date already is the one given', async () => {
		const s = await (await engine.database()).open();
		const never = () => {
			throw new Error('not called');
		};
		expect(await s.setReportDue('annual', 2026, null, never)).toBeNull();
		await s.setReportDue('annual', 2026, set('2027-01-10'), [entry(null, '2027-01-10')]);
		expect(
			await s.setReportDue('annual', 2026, { ...set('2027-01-10'), setAt: 9999 }, never)
		).toMatchObject({ dueDate: '2027-01-10', setAt: 2000 });
		expect(await province(s)).toHaveLength(1);
	});

	it('keeps the date as it was when its entry is refused (the action does not happen either)', async () => {
		const s = await (await engine.database()).open();
		await s.setReportDue('9month', 2026, set('2026-09-20'));
		const bad = {
			...entry('2026-09-20', '2026-09-25'),
			detail: { kind: '9month', year: 2026, from: '2026-09-20', to: '2026-09-25', password: 'x' }
		} as AuditInput;
		await expect(s.setReportDue('9month', 2026, set('2026-09-25'), [bad])).rejects.toThrow();
		expect(await s.findReportDue('9month', 2026)).toMatchObject({ dueDate: '2026-09-20' });
		expect(await province(s)).toEqual([]);
	});

	it('two province admins setting it at once: each entry’s “from” is what that change replaced (a race on PostgreSQL; on SQLite one after the other)', async () => {
		const db = await engine.database();
		const [a, b] = [await db.open(), await db.open()];
		const log = (to: string) => (before: { dueDate: string } | null) => [
			entry(before?.dueDate ?? null, to)
		];
		await Promise.all([
			a.setReportDue('6month', 2030, set('2030-06-20'), log('2030-06-20')),
			b.setReportDue('6month', 2030, set('2030-06-25'), log('2030-06-25'))
		]);
		const entries = (await province(a)).reverse() as { from: string | null; to: string }[];
		expect(entries).toHaveLength(2);
		// A chain: the first from none, the second from the first's date; never both from none.
		expect(entries[0]!.from).toBeNull();
		expect(entries[1]!.from).toBe(entries[0]!.to);
		expect((await a.findReportDue('6month', 2030))?.dueDate).toBe(entries[1]!.to);
	});
});

describe('PostgreSQL specifics', () => {
	it('migrates on start, once, with two processes starting together; synchronous_commit is on', async () => {
		const db = await pgc.database();
		const [a, b] = await Promise.all([openPostgresStorage(db.url), openPostgresStorage(db.url)]);
		cleanups.push(
			() => a.end(),
			() => b.end()
		);
		const { MIGRATIONS } = await import('./migrations');
		expect(await a.schemaVersion).toBe(MIGRATIONS.length);
		expect(await a.synchronousCommit).toBe('on');
		await a.createUser(user('u1', 'lan'));
		const again = await openPostgresStorage(db.url);
		cleanups.push(() => again.end());
		expect((await again.findUserByUsername('lan'))?.id).toBe('u1');
		expect(await again.schemaVersion).toBe(MIGRATIONS.length);
	});

	it('names who wrote a record (a lost field) through an index on changes, not by walking them', async () => {
		const db = await pgc.database();
		const s = await openPostgresStorage(db.url);
		cleanups.push(() => s.end());
		// 600 changes: 40 records, each written by three devices, five times.
		await s.applyBatch(
			C,
			Array.from({ length: 600 }, (_, i) =>
				item(`d-${i % 40}`, `v${i}`, { deviceId: `dev-${i % 3}` })
			)
		);
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		cleanups.push(() => c.end());
		for (const stats of [false, true]) {
			if (stats) await c.query('ANALYZE changes');
			const { rows } = await c.query(`EXPLAIN (FORMAT JSON) ${RECORD_WRITER_SQL}`, [
				C,
				'document',
				'd-7',
				'dev-1'
			]);
			// Before the index: changes_pkey backwards (commune, seq) until the device's last change.
			expect(JSON.stringify(rows)).toContain('"Index Name":"changes_record_writer"');
		}
	});

	it("reads each commune's last arrival down the changes log's key, not by walking it", async () => {
		const db = await pgc.database();
		const s = await openPostgresStorage(db.url);
		cleanups.push(() => s.end());
		await s.applyBatch(
			C,
			Array.from({ length: 600 }, (_, i) =>
				item(`d-${i % 40}`, `v${i}`, { deviceId: `dev-${i % 3}` })
			)
		);
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		cleanups.push(() => c.end());
		// With statistics, as a running database has them (autovacuum): before any, the planner
		// guesses two changes per commune and sorts them, which it may well do for two.
		await c.query('ANALYZE changes');
		await c.query('ANALYZE communes');
		{
			const { rows } = await c.query(`EXPLAIN (FORMAT JSON) ${PG_LAST_ARRIVAL_SQL}`, [
				SERVER_DEVICE
			]);
			// Every node that reads `changes`: the key backwards, never a scan of the log.
			type Node = { 'Node Type': string; 'Relation Name'?: string; Plans?: Node[] } & Record<
				string,
				unknown
			>;
			const nodes: Node[] = [];
			const walk = (n: Node) => {
				nodes.push(n);
				for (const p of n.Plans ?? []) walk(p);
			};
			walk((rows[0] as { 'QUERY PLAN': { Plan: Node }[] })['QUERY PLAN'][0]!.Plan);
			const onChanges = nodes.filter((n) => n['Relation Name'] === 'changes');
			expect(onChanges.map((n) => [n['Node Type'], n['Index Name'], n['Scan Direction']])).toEqual([
				[expect.stringMatching(/^Index (Only )?Scan$/), 'changes_pkey', 'Backward']
			]);
		}
	});

	it("reads a commune's admin log, and the province's own, down audit_log_commune, not the whole log", async () => {
		const db = await pgc.database();
		const s = await openPostgresStorage(db.url);
		cleanups.push(() => s.end());
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		cleanups.push(() => c.end());
		// 30,000 entries, most of other communes': a small commune's 60 and the province's 60 are
		// spread through the log (walking the log's key for them reads all of it).
		await c.query(
			`INSERT INTO audit_log (at, commune_id, actor_id, actor_username, action, detail)
			 SELECT i, CASE WHEN i % 500 = 0 THEN 'xa-nho' WHEN i % 499 = 0 THEN NULL
			                ELSE 'xa-' || (i % 40) END,
			        'a', 'admin', 'admin.signed_in', '{}'
			 FROM generate_series(1, 30000) AS i`
		);
		await c.query('ANALYZE audit_log');
		type Node = { 'Node Type': string; 'Relation Name'?: string; Plans?: Node[] } & Record<
			string,
			unknown
		>;
		const plan = async (sql: string, params: unknown[]) => {
			const { rows } = await c.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
			const nodes: Node[] = [];
			const walk = (n: Node) => {
				nodes.push(n);
				for (const p of n.Plans ?? []) walk(p);
			};
			walk((rows[0] as { 'QUERY PLAN': { Plan: Node }[] })['QUERY PLAN'][0]!.Plan);
			// The table read by index (directly, or through a bitmap of it), and by that index only.
			return {
				seqScan: nodes.some((n) => n['Node Type'] === 'Seq Scan'),
				indexes: nodes.map((n) => n['Index Name']).filter((i) => i !== undefined)
			};
		};
		const byIndex = { seqScan: false, indexes: ['audit_log_commune'] };
		for (const before of [Number.MAX_SAFE_INTEGER, 20000]) {
			expect(await plan(AUDIT_COMMUNE_SQL, ['xa-nho', before, 50])).toEqual(byIndex);
			expect(await plan(AUDIT_PROVINCE_SQL, [before, 50])).toEqual(byIndex);
		}
		// And they read what they should.
		const commune = await s.listAudit({ communeId: 'xa-nho', limit: 3 });
		expect(commune.map((r) => [r.communeId, r.at])).toEqual([
			['xa-nho', 30000],
			['xa-nho', 29500],
			['xa-nho', 29000]
		]);
		const province = await s.listAudit({ communeId: null, limit: 2, before: commune[1]!.id });
		expect(province.map((r) => [r.communeId, r.at])).toEqual([
			[null, 29441],
			[null, 28942]
		]);
	});

	it('reads a filtered admin log down the filter indexes, however big the flood it skips (attacker review r12, 4)', async () => {
		const db = await pgc.database();
		const s = await openPostgresStorage(db.url);
		cleanups.push(() => s.end());
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		cleanups.push(() => c.end());
		// 30,000 settings saves by one monitor in one commune, an account action every 1,000th.
		await c.query(
			`INSERT INTO audit_log (at, commune_id, actor_id, actor_username, action, detail)
			 SELECT i, CASE WHEN i % 7 = 0 THEN 'xa-' || (i % 40) ELSE 'xa-nho' END,
			        CASE WHEN i % 1000 = 0 THEN 'adm' ELSE 'mon' END, 'u',
			        CASE WHEN i % 1000 = 0 THEN 'user.password_reset' ELSE 'settings.changed' END,
			        '{"fields":["communeName"]}'
			 FROM generate_series(1, 30000) AS i`
		);
		await c.query('ANALYZE audit_log');
		type Node = {
			'Node Type': string;
			'Index Name'?: string;
			'Actual Rows'?: number;
			'Actual Loops'?: number;
			'Rows Removed by Filter'?: number;
			'Rows Removed by Index Recheck'?: number;
			Plans?: Node[];
		};
		/** The plan run: its scans, and how many rows of audit_log they read. */
		const run = async (q: AuditQuery) => {
			const { sql, params } = auditFilterSql(q, (n) => `$${n}`);
			const { rows } = await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
			const nodes: Node[] = [];
			const walk = (n: Node) => {
				nodes.push(n);
				for (const p of n.Plans ?? []) walk(p);
			};
			walk((rows[0] as { 'QUERY PLAN': { Plan: Node }[] })['QUERY PLAN'][0]!.Plan);
			const scans = nodes.filter(
				(n) => /Scan/.test(n['Node Type']) && n['Node Type'] !== 'Subquery Scan'
			);
			return {
				seqScan: scans.some((n) => n['Node Type'] === 'Seq Scan'),
				read: scans.reduce(
					(sum, n) =>
						sum +
						((n['Actual Rows'] ?? 0) +
							(n['Rows Removed by Filter'] ?? 0) +
							(n['Rows Removed by Index Recheck'] ?? 0)) *
							(n['Actual Loops'] ?? 1),
					0
				)
			};
		};
		const accounts = ['user.password_reset', 'user.disabled', 'admin.signed_in'] as const;
		const settings = ['settings.changed', 'unit.deleted'] as const;
		for (const before of [Number.MAX_SAFE_INTEGER, 20000])
			for (const q of [
				{ communeId: 'xa-nho', actions: accounts },
				{ communeId: 'xa-nho', actions: settings },
				{ communeId: 'xa-nho', actorId: 'adm' },
				{ communeId: 'xa-nho', actorId: 'adm', actions: accounts },
				{ communeId: 'xa-nho', actorId: 'mon', actions: accounts },
				{ communeId: null, actions: accounts },
				{ actions: accounts },
				{ actions: settings },
				{ actorId: 'adm' },
				{ actorId: 'mon', actions: accounts }
			]) {
				const r = await run({ ...q, before, limit: 51 });
				// At most a page per action, and then some: never the 30,000 of the flood.
				expect({ ...r, read: r.read < 500 }, JSON.stringify(q)).toEqual({
					seqScan: false,
					read: true
				});
			}
		const found = await s.listAudit({ communeId: 'xa-nho', actions: accounts, limit: 3 });
		expect(found.map((r) => [r.action, r.at])).toEqual([
			['user.password_reset', 30000],
			['user.password_reset', 29000],
			// 28000 is another commune's (i % 7 = 0)
			['user.password_reset', 27000]
		]);
	});

	it('keeps Vietnamese text and odd characters exactly', async () => {
		const db = await pgc.database();
		const s = await openPostgresStorage(db.url);
		cleanups.push(() => s.end());
		const title = 'Hội nghị \u0000 trực tuyến "Đ" \\ 🇻🇳';
		await s.applyMutation(C, envelope('d-1'), overwrite(state(title)));
		expect((await s.findRecord(C, 'document' as SyncEntity, 'd-1'))?.state.data.title).toBe(title);
	});

	it('step applied-mutation-record: ids applied before it keep their record where one changed', async () => {
		const db = await pgc.database();
		const pool = new pg.Pool({ connectionString: db.url });
		cleanups.push(() => pool.end());
		const { MIGRATIONS } = await import('./migrations');
		const { migratePostgres } = await import('./migrator');
		const step = MIGRATIONS.findIndex((m) => m.name === 'applied-mutation-record');
		await migratePostgres(pool, MIGRATIONS.slice(0, step), () => 1);
		// As the version before it wrote them: one id that changed a record (a `changes` row), one
		// that changed nothing.
		const result = (id: string, seq: number) =>
			JSON.stringify({ mutationId: id, status: 'applied', seq });
		await pool.query(
			`INSERT INTO changes (commune_id, seq, entity, record_id, unit_code, mutation_id, user_id,
			   device_id, at) VALUES ($1, 1, 'document', 'd-1', NULL, 'm-changed', 'u1', 'dev-1', 1)`,
			[C]
		);
		await pool.query(
			`INSERT INTO applied_mutations (commune_id, mutation_id, user_id, device_id, result, applied_at)
			 VALUES ($1, 'm-changed', 'u1', 'dev-1', $2, 1), ($1, 'm-same', 'u1', 'dev-1', $3, 1)`,
			[C, result('m-changed', 1), result('m-same', 1)]
		);
		const s = await openPostgresStorage(db.url);
		cleanups.push(() => s.end());
		const { rows } = await pool.query(
			'SELECT mutation_id, entity, record_id FROM applied_mutations ORDER BY mutation_id'
		);
		expect(rows).toEqual([
			{ mutation_id: 'm-changed', entity: 'document', record_id: 'd-1' },
			{ mutation_id: 'm-same', entity: null, record_id: null }
		]);
		const send = async (mutationId: string, recordId: string) =>
			(await s.applyMutation(C, envelope(recordId, { mutationId }), overwrite(state('x')))).status;
		expect(await send('m-changed', 'd-1')).toBe('duplicate');
		expect(await send('m-changed', 'd-2')).toBe('rejected');
		// Without a record (nothing to tell it by), the id answers as it always did.
		expect(await send('m-same', 'd-3')).toBe('duplicate');
	});
});
