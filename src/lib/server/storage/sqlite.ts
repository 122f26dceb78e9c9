/** The embedded default Storage: SQLite through better-sqlite3, WAL, migrations on open. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FieldState } from '$lib/domain/sync/merge';
import {
	mutationResultSchema,
	type MutationResult,
	type Role,
	type SyncEntity
} from '$lib/domain/sync/protocol';
import { MIGRATIONS } from './migrations';
import type {
	Decision,
	HistoryRow,
	MutationEnvelope,
	ReadScope,
	SessionRow,
	Storage,
	StoredRecord,
	UnitRow,
	UserPatch,
	UserRow,
	AttemptLimit,
	Reservation,
	LoginDeviceRow
} from './types';

export const DB_FILE = 'so-hop-534.sqlite';

interface UserDb {
	id: string;
	username: string;
	display_name: string;
	password_hash: string;
	role: Role;
	unit_code: string | null;
	disabled: number;
	must_change_password: number;
	created_at: number;
}
interface RecordDb {
	entity: SyncEntity;
	id: string;
	unit_code: string | null;
	data: string;
	clocks: string;
	hlc: string;
	deleted: number;
	seq: number;
}
interface UnitDb {
	code: string;
	name: string;
	kind: string;
	archived: number;
}
interface HistoryDb {
	entity: SyncEntity;
	record_id: string;
	kind: HistoryRow['kind'];
	data: string;
	clocks: string;
	mutation_id: string;
	at: number;
}

const toUser = (r: UserDb): UserRow => ({
	id: r.id,
	username: r.username,
	displayName: r.display_name,
	passwordHash: r.password_hash,
	role: r.role,
	unitCode: r.unit_code,
	disabled: r.disabled === 1,
	mustChangePassword: r.must_change_password === 1,
	createdAt: r.created_at
});
interface SessionDb {
	token_hash: string;
	user_id: string;
	created_at: number;
	expires_at: number;
}
const toSession = (r: SessionDb): SessionRow => ({
	tokenHash: r.token_hash,
	userId: r.user_id,
	createdAt: r.created_at,
	expiresAt: r.expires_at
});
/** UserPatch field -> column. */
const USER_COLUMNS = {
	role: 'role',
	unitCode: 'unit_code',
	disabled: 'disabled',
	passwordHash: 'password_hash',
	mustChangePassword: 'must_change_password'
} as const satisfies Record<keyof UserPatch, string>;
const toUnit = (r: UnitDb): UnitRow => ({
	code: r.code,
	name: r.name,
	kind: r.kind,
	archived: r.archived === 1
});
const toState = (data: string, clocks: string): FieldState => ({
	data: JSON.parse(data) as Record<string, unknown>,
	clocks: JSON.parse(clocks) as Record<string, string>
});
const toRecord = (r: RecordDb): StoredRecord => ({
	entity: r.entity,
	id: r.id,
	unitCode: r.unit_code,
	state: toState(r.data, r.clocks),
	hlc: r.hlc,
	deleted: r.deleted === 1,
	seq: r.seq
});

/** Apply pending migrations; returns the schema version. */
export function migrate(db: Database.Database): number {
	const current = db.pragma('user_version', { simple: true }) as number;
	for (let v = current; v < MIGRATIONS.length; v++) {
		db.transaction(() => {
			db.exec(MIGRATIONS[v]!);
			db.pragma(`user_version = ${v + 1}`);
		})();
	}
	return MIGRATIONS.length;
}

export function openSqliteStorage(dataDir: string): SqliteStorage {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, DB_FILE));
	db.pragma('journal_mode = WAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);
	return new SqliteStorage(db);
}

export class SqliteStorage implements Storage {
	readonly #db: Database.Database;
	readonly #reserve: (limits: AttemptLimit[], since: number, at: number) => Reservation;
	readonly #apply: (
		env: MutationEnvelope,
		decide: (c: StoredRecord | null) => Decision
	) => MutationResult;

	constructor(db: Database.Database) {
		this.#db = db;
		this.#reserve = db.transaction((limits: AttemptLimit[], since: number, at: number) =>
			this.#reserveInTransaction(limits, since, at)
		);
		this.#apply = db.transaction(
			(env: MutationEnvelope, decide: (c: StoredRecord | null) => Decision) =>
				this.#applyInTransaction(env, decide)
		);
	}

	get schemaVersion(): number {
		return this.#db.pragma('user_version', { simple: true }) as number;
	}

	close(): void {
		this.#db.close();
	}

	async countUsers(): Promise<number> {
		return (this.#db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
	}

	async createUser(u: UserRow): Promise<UserRow | null> {
		const info = this.#db
			.prepare(
				`INSERT INTO users (id, username, display_name, password_hash, role, unit_code, disabled,
				   must_change_password, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`
			)
			.run(
				u.id,
				u.username,
				u.displayName,
				u.passwordHash,
				u.role,
				u.unitCode,
				u.disabled ? 1 : 0,
				u.mustChangePassword ? 1 : 0,
				u.createdAt
			);
		return info.changes === 1 ? u : null;
	}

	async findUserByUsername(username: string): Promise<UserRow | null> {
		const row = this.#db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
			UserDb | undefined;
		return row ? toUser(row) : null;
	}

	async findUserById(id: string): Promise<UserRow | null> {
		const row = this.#db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserDb | undefined;
		return row ? toUser(row) : null;
	}

	async listUsers(): Promise<UserRow[]> {
		return (this.#db.prepare('SELECT * FROM users ORDER BY username').all() as UserDb[]).map(
			toUser
		);
	}

	async createSession(s: SessionRow): Promise<void> {
		this.#db
			.prepare(
				'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
			)
			.run(s.tokenHash, s.userId, s.createdAt, s.expiresAt);
	}

	async updateUser(id: string, patch: UserPatch): Promise<UserRow | null> {
		const entries = (Object.keys(USER_COLUMNS) as (keyof UserPatch)[])
			.filter((k) => patch[k] !== undefined)
			.map((k) => {
				const v = patch[k];
				return [USER_COLUMNS[k], typeof v === 'boolean' ? (v ? 1 : 0) : v] as const;
			});
		if (entries.length > 0) {
			// Column names come from USER_COLUMNS only; values are parameters.
			this.#db
				.prepare(`UPDATE users SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
				.run(...entries.map(([, v]) => v), id);
		}
		return this.findUserById(id);
	}

	async findSession(tokenHash: string): Promise<SessionRow | null> {
		const row = this.#db
			.prepare(
				'SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?'
			)
			.get(tokenHash) as SessionDb | undefined;
		return row ? toSession(row) : null;
	}

	async deleteSession(tokenHash: string): Promise<void> {
		this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
	}

	async deleteExpiredSessions(now: number): Promise<number> {
		return this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
	}

	async deleteUserSessions(userId: string, keepTokenHash?: string): Promise<number> {
		return this.#db
			.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?')
			.run(userId, keepTokenHash ?? null).changes;
	}

	async listActiveSessions(now: number): Promise<SessionRow[]> {
		return (
			this.#db
				.prepare('SELECT * FROM sessions WHERE expires_at > ? ORDER BY created_at')
				.all(now) as SessionDb[]
		).map(toSession);
	}

	#reserveInTransaction(limits: AttemptLimit[], since: number, at: number): Reservation {
		const count = this.#db.prepare(
			'SELECT COUNT(*) AS n FROM login_attempts WHERE key = ? AND at > ?'
		);
		for (const l of limits) {
			const { n } = count.get(l.key, since) as { n: number };
			if (n >= l.max) {
				// The attempt whose leaving the window brings the key below its limit.
				const row = this.#db
					.prepare(
						'SELECT at FROM login_attempts WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?'
					)
					.get(l.key, since, l.max - 1) as { at: number };
				return { ok: false, key: l.key, retryAt: row.at + (at - since) };
			}
		}
		const insert = this.#db.prepare('INSERT INTO login_attempts (key, at) VALUES (?, ?)');
		return { ok: true, ids: limits.map((l) => Number(insert.run(l.key, at).lastInsertRowid)) };
	}

	async reserveLoginAttempt(
		limits: AttemptLimit[],
		since: number,
		at: number
	): Promise<Reservation> {
		return this.#reserve(limits, since, at);
	}

	async releaseLoginAttempts(ids: number[]): Promise<void> {
		const del = this.#db.prepare('DELETE FROM login_attempts WHERE id = ?');
		this.#db.transaction(() => ids.forEach((id) => del.run(id)))();
	}

	async clearLoginAttempts(keys: string[], prefixes: string[] = []): Promise<void> {
		const del = this.#db.prepare('DELETE FROM login_attempts WHERE key = ?');
		const delPrefix = this.#db.prepare(
			'DELETE FROM login_attempts WHERE substr(key, 1, length(?)) = ?'
		);
		this.#db.transaction(() => {
			keys.forEach((k) => del.run(k));
			prefixes.forEach((p) => delPrefix.run(p, p));
		})();
	}

	async loginLimitedUntil(
		key: string,
		max: number,
		since: number,
		windowMs: number
	): Promise<number | null> {
		const row = this.#db
			.prepare(
				'SELECT at FROM login_attempts WHERE key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?'
			)
			.get(key, since, max - 1) as { at: number } | undefined;
		return row ? row.at + windowMs : null;
	}

	async deleteLoginAttemptsBefore(before: number): Promise<number> {
		return this.#db.prepare('DELETE FROM login_attempts WHERE at <= ?').run(before).changes;
	}

	async createLoginDevice(d: LoginDeviceRow): Promise<void> {
		this.#db
			.prepare(
				`INSERT INTO login_devices (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (token_hash) DO UPDATE SET expires_at = excluded.expires_at`
			)
			.run(d.tokenHash, d.userId, d.createdAt, d.expiresAt);
	}

	async findLoginDevice(tokenHash: string): Promise<LoginDeviceRow | null> {
		const row = this.#db
			.prepare('SELECT * FROM login_devices WHERE token_hash = ?')
			.get(tokenHash) as SessionDb | undefined;
		return row ? toSession(row) : null;
	}

	async deleteExpiredLoginDevices(now: number): Promise<number> {
		return this.#db.prepare('DELETE FROM login_devices WHERE expires_at <= ?').run(now).changes;
	}

	async listUnits(): Promise<UnitRow[]> {
		return (this.#db.prepare('SELECT * FROM units ORDER BY code').all() as UnitDb[]).map(toUnit);
	}

	async findUnit(code: string): Promise<UnitRow | null> {
		const row = this.#db.prepare('SELECT * FROM units WHERE code = ?').get(code) as
			UnitDb | undefined;
		return row ? toUnit(row) : null;
	}

	async findAppliedMutation(mutationId: string): Promise<MutationResult | null> {
		const row = this.#db
			.prepare('SELECT result FROM applied_mutations WHERE mutation_id = ?')
			.get(mutationId) as { result: string } | undefined;
		return row ? mutationResultSchema.parse(JSON.parse(row.result)) : null;
	}

	async applyMutation(
		envelope: MutationEnvelope,
		decide: (current: StoredRecord | null) => Decision
	): Promise<MutationResult> {
		return this.#apply(envelope, decide);
	}

	#applyInTransaction(
		env: MutationEnvelope,
		decide: (c: StoredRecord | null) => Decision
	): MutationResult {
		const db = this.#db;
		const done = db
			.prepare('SELECT result FROM applied_mutations WHERE mutation_id = ?')
			.get(env.mutationId) as { result: string } | undefined;
		if (done)
			return { ...mutationResultSchema.parse(JSON.parse(done.result)), status: 'duplicate' };

		const row = db
			.prepare('SELECT * FROM records WHERE entity = ? AND id = ?')
			.get(env.entity, env.recordId) as RecordDb | undefined;
		const current = row ? toRecord(row) : null;
		const decision = decide(current);
		if (decision.kind === 'reject') {
			return {
				mutationId: env.mutationId,
				status: 'rejected',
				code: decision.code,
				reason: decision.reason
			};
		}

		let seq = current?.seq;
		if (decision.changed) {
			seq = Number(
				db
					.prepare(
						`INSERT INTO changes (entity, record_id, unit_code, mutation_id, user_id, device_id, at)
						 VALUES (?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						env.entity,
						env.recordId,
						decision.unitCode,
						env.mutationId,
						env.userId,
						env.deviceId,
						env.at
					).lastInsertRowid
			);
			const updatedAt = decision.state.data.updatedAt;
			db.prepare(
				`INSERT INTO records (entity, id, unit_code, data, clocks, hlc, updated_at, deleted, seq)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (entity, id) DO UPDATE SET unit_code = excluded.unit_code, data = excluded.data,
				   clocks = excluded.clocks, hlc = excluded.hlc, updated_at = excluded.updated_at,
				   deleted = excluded.deleted, seq = excluded.seq`
			).run(
				env.entity,
				env.recordId,
				decision.unitCode,
				JSON.stringify(decision.state.data),
				JSON.stringify(decision.state.clocks),
				decision.hlc,
				typeof updatedAt === 'number' ? updatedAt : env.at,
				decision.deleted ? 1 : 0,
				seq
			);
			if (decision.unit) {
				const u = decision.unit;
				db.prepare(
					`INSERT INTO units (code, name, kind, archived) VALUES (?, ?, ?, ?)
					 ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, archived = excluded.archived`
				).run(u.code, u.name, u.kind, u.archived ? 1 : 0);
			}
		}
		const insertHistory = db.prepare(
			`INSERT INTO record_history (entity, record_id, kind, data, clocks, mutation_id, at)
			 VALUES (?, ?, ?, ?, ?, ?, ?)`
		);
		for (const h of decision.history) {
			insertHistory.run(
				env.entity,
				env.recordId,
				h.kind,
				JSON.stringify(h.state.data),
				JSON.stringify(h.state.clocks),
				env.mutationId,
				env.at
			);
		}
		const result: MutationResult = {
			mutationId: env.mutationId,
			status: 'applied',
			...(seq ? { seq } : {})
		};
		db.prepare(
			'INSERT INTO applied_mutations (mutation_id, user_id, device_id, result, applied_at) VALUES (?, ?, ?, ?, ?)'
		).run(env.mutationId, env.userId, env.deviceId, JSON.stringify(result), env.at);
		return result;
	}

	async pullChanges(cursor: number, limit: number, scope: ReadScope): Promise<StoredRecord[]> {
		const rows = scope.all
			? this.#db
					.prepare('SELECT * FROM records WHERE seq > ? ORDER BY seq LIMIT ?')
					.all(cursor, limit)
			: this.#db
					.prepare(
						`SELECT * FROM records WHERE seq > ? AND (unit_code IS NULL OR unit_code = ?)
						 ORDER BY seq LIMIT ?`
					)
					.all(cursor, scope.unitCode, limit);
		return (rows as RecordDb[]).map(toRecord);
	}

	async findRecord(entity: SyncEntity, id: string): Promise<StoredRecord | null> {
		const row = this.#db
			.prepare('SELECT * FROM records WHERE entity = ? AND id = ?')
			.get(entity, id) as RecordDb | undefined;
		return row ? toRecord(row) : null;
	}

	async listHistory(entity: SyncEntity, id: string): Promise<HistoryRow[]> {
		const rows = this.#db
			.prepare('SELECT * FROM record_history WHERE entity = ? AND record_id = ? ORDER BY id')
			.all(entity, id) as HistoryDb[];
		return rows.map((r) => ({
			entity: r.entity,
			id: r.record_id,
			kind: r.kind,
			state: toState(r.data, r.clocks),
			mutationId: r.mutation_id,
			at: r.at
		}));
	}

	async counts(): Promise<{
		records: number;
		changes: number;
		appliedMutations: number;
		history: number;
	}> {
		return this.#db
			.prepare(
				`SELECT (SELECT COUNT(*) FROM records) AS records, (SELECT COUNT(*) FROM changes) AS changes,
				   (SELECT COUNT(*) FROM applied_mutations) AS appliedMutations,
				   (SELECT COUNT(*) FROM record_history) AS history`
			)
			.get() as { records: number; changes: number; appliedMutations: number; history: number };
	}
}
