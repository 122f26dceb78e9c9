/**
 * Storage on PostgreSQL (node-postgres `pg`), chosen by DATABASE_URL (hooks.server.ts). Several
 * app processes may serve one database: everything that must be true for all of them lives in
 * the database (sessions, login attempts, write budgets, the push schedule).
 *
 * The rules are those of sqlite.ts (same contract suite, storage.contract.spec.ts):
 * - applyBatch: one transaction per push request, apply-once by mutation id, in a fixed number
 *   of round trips whatever the request's size (BEGIN, lock, one read, one write, COMMIT; a
 *   second write only for history bounds and new push schedule rows). The transaction first
 *   locks its commune's `commune_seq` row (FOR UPDATE; its seq comes back), so the writes of one
 *   commune are serialised like SQLite's single writer (no lost update between reading a record
 *   and writing its merge) and commit in seq order: a reader never sees a lower seq commit after
 *   a higher one. Communes write in parallel. Seqs are counted on in JS from the locked value
 *   and the counter is written once per request. No savepoints: every mutation is decided before
 *   anything is written, and an error rolls the whole request back.
 * - The write budget row is locked (in the read, after the commune row: one lock order, no
 *   deadlock) and charged in the same transaction.
 * - Login reservations take `pg_advisory_xact_lock` per key, in sorted order, then count and
 *   insert.
 * - A due push is claimed by exactly one process (`FOR UPDATE SKIP LOCKED`).
 * Durability: synchronous_commit stays on (the server default, checked by `synchronousCommit`):
 * a push is acknowledged after its commit is flushed to the WAL on disk.
 */
import pg from 'pg';
import { isLang } from '$lib/i18n/translate';
import { recordDay, type DayWindow } from '$lib/domain/record-day';
import type { FieldState } from '$lib/domain/sync/merge';
import {
	mutationResultSchema,
	SERVER_DEVICE,
	type MutationResult,
	type Role,
	type SyncEntity
} from '$lib/domain/sync/protocol';
import { MIGRATIONS } from './migrations';
import { COUNT_STEPS, migratePostgres } from './migrator';
import {
	auditFilterSql,
	auditFiltered,
	auditValues,
	DEFAULT_HISTORY_RETENTION,
	toAuditRow,
	toReportDue,
	type ReportDueDb
} from './sqlite';
import {
	chargedBudgets,
	losesAdmin,
	MAX_SESSIONS_PER_USER,
	MAX_SUBSCRIPTIONS_PER_USER,
	mutationIdReused,
	type PulledPage,
	isResend,
	takePage
} from './types';
import type {
	AttemptLimit,
	AuditEntries,
	AuditFrom,
	AuditQuery,
	AuditRow,
	CommunePatch,
	CommuneRow,
	BatchItem,
	BatchOutcome,
	Decision,
	HistoryRetention,
	HistoryRow,
	KeptAdminUpdate,
	UserDecision,
	RecordWriter,
	LoginDeviceRow,
	MutationEnvelope,
	PushScheduleChange,
	PushSubscriptionRow,
	ReadScope,
	ReportDueRow,
	Reservation,
	ScheduledPush,
	SessionGuard,
	SessionRow,
	Storage,
	StoredRecord,
	UnitRow,
	UserPatch,
	UserRow,
	VapidKeyPair,
	WriteBudget,
	WriteBudgets
} from './types';

/** A connection or a client inside a transaction: both run parameterised queries. */
type Queryable = Pick<pg.PoolClient, 'query'>;

type AuditDbRow = Parameters<typeof toAuditRow>[0];

/** BIGINT (epoch ms, ids, seq) as a JS number: every value we store is below 2^53. */
const INT8_OID = 20;
const types = {
	getTypeParser: ((oid: number, format?: string) =>
		oid === INT8_OID && format !== 'binary'
			? (v: string) => Number(v)
			: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
};

interface UserDb {
	id: string;
	username: string;
	display_name: string;
	password_hash: string;
	role: Role;
	commune_id: string | null;
	unit_code: string | null;
	disabled: boolean;
	must_change_password: boolean;
	created_at: number;
}
interface RecordDb {
	entity: SyncEntity;
	id: string;
	unit_code: string | null;
	data: string;
	clocks: string;
	hlc: string;
	deleted: boolean;
	seq: number;
}
interface SessionDb {
	token_hash: string;
	user_id: string;
	created_at: number;
	expires_at: number;
}
interface PushDb {
	id: number;
	commune_id: string;
	meeting_id: string;
	user_id: string;
	threshold: string;
	due_at: number;
	payload: string;
}

const toUser = (r: UserDb): UserRow => ({
	id: r.id,
	username: r.username,
	displayName: r.display_name,
	passwordHash: r.password_hash,
	role: r.role,
	communeId: r.commune_id,
	unitCode: r.unit_code,
	disabled: r.disabled,
	mustChangePassword: r.must_change_password,
	createdAt: r.created_at
});
const toSession = (r: SessionDb): SessionRow => ({
	tokenHash: r.token_hash,
	userId: r.user_id,
	createdAt: r.created_at,
	expiresAt: r.expires_at
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
	deleted: r.deleted,
	seq: r.seq
});
interface CommuneDb {
	id: string;
	name: string;
	area: string | null;
	parent_name: string | null;
	created_at: number;
}
const toCommune = (r: CommuneDb): CommuneRow => ({
	id: r.id,
	name: r.name,
	area: r.area,
	parentName: r.parent_name,
	createdAt: r.created_at
});
const toPush = (r: PushDb): ScheduledPush => ({
	id: r.id,
	communeId: r.commune_id,
	meetingId: r.meeting_id,
	userId: r.user_id,
	threshold: r.threshold,
	dueAt: r.due_at,
	payload: r.payload
});
/** A record's key in the maps of one push request. */
const recordKey = (entity: string, id: string) => `${entity}\u0000${id}`;

/** What one push request found stored (read once, after the commune's lock). */
interface BatchRead {
	/** By recordKey: the records the request names that exist. */
	records: Map<string, StoredRecord>;
	/**
	 * By mutation id: the result of each id already applied (and, as decided, of the request's),
	 * with the record it was applied to (null for rows stored before step applied-mutation-record).
	 */
	applied: Map<
		string,
		{
			result: MutationResult;
			entity: string | null;
			recordId: string | null;
			userId: string | null;
		}
	>;
	/** The write budget rows by key, when the request is charged. */
	budgets: Map<string, { tokens: number; updatedAt: number }>;
}

/**
 * One row of `#readBatch`'s union: a stored record the request names ('r'), a mutation id already
 * applied ('m': the record it was applied to, null for rows stored before step
 * applied-mutation-record) or a write budget ('b', by its key). The columns of the other kinds are null.
 */
type BatchReadRow =
	| ({ k: 'r' } & RecordDb)
	| {
			k: 'm';
			entity: string | null;
			mutation_id: string;
			result: string;
			record_id: string | null;
			user_id: string | null;
	  }
	| { k: 'b'; tokens: number; updated_at: number; budget_key: string };

/** A record as written (its final version in the request), data and clocks as stored text. */
interface RecordWrite {
	entity: SyncEntity;
	id: string;
	unitCode: string | null;
	data: string;
	clocks: string;
	hlc: string;
	updatedAt: number;
	deleted: boolean;
	seq: number;
	day: string | null;
}

interface ScheduleInsert {
	meetingId: string;
	userId: string;
	threshold: string;
	dueAt: number;
	payload: string;
}

/** The rows one push request writes, gathered while its mutations are decided. */
interface BatchWrites {
	/** The commune's counter: the seq of the request's last change. */
	seq: number;
	/** By recordKey, the last version of each record the request changed. */
	records: Map<string, RecordWrite>;
	changes: {
		seq: number;
		entity: SyncEntity;
		recordId: string;
		unitCode: string | null;
		mutationId: string;
		userId: string;
		deviceId: string;
		at: number;
	}[];
	applied: {
		mutationId: string;
		entity: SyncEntity;
		recordId: string;
		userId: string;
		deviceId: string;
		result: string;
		at: number;
	}[];
	history: {
		entity: SyncEntity;
		recordId: string;
		kind: HistoryRow['kind'];
		data: string;
		clocks: string;
		mutationId: string;
		at: number;
	}[];
	/** By recordKey: records given history, with the request's latest time for each. */
	bounds: Map<string, { entity: SyncEntity; recordId: string; at: number }>;
	/** By code, the last version of each unit row. */
	units: Map<string, UnitRow>;
	/** Push schedule changes, in the order of their mutations. */
	schedule: PushScheduleChange[];
	/** Audit entries of the changes (a settings change: rare; written by one more statement). */
	audit: AuditEntries[number][];
}

const emptyWrites = (seq: number): BatchWrites => ({
	seq,
	records: new Map(),
	changes: [],
	applied: [],
	history: [],
	bounds: new Map(),
	units: new Map(),
	schedule: [],
	audit: []
});

/**
 * Decide one mutation of a request (the rules of applyMutation) and gather its rows in `w`. The
 * record a mutation sees is the stored one, or the version an earlier mutation of the request
 * wrote (read back from its stored text, as a fresh read would give it); an id applied before, or
 * earlier in the request, to the same record answers its original result as a duplicate; to
 * another record, it is refused (`mutationIdReused`).
 */
function decideInto(w: BatchWrites, read: BatchRead, item: BatchItem): MutationResult {
	const env = item.envelope;
	const done = read.applied.get(env.mutationId);
	if (done)
		return isResend(done, env)
			? { ...done.result, status: 'duplicate' }
			: mutationIdReused(env.mutationId);
	const key = recordKey(env.entity, env.recordId);
	const written = w.records.get(key);
	const current = written
		? {
				entity: written.entity,
				id: written.id,
				unitCode: written.unitCode,
				state: toState(written.data, written.clocks),
				hlc: written.hlc,
				deleted: written.deleted,
				seq: written.seq
			}
		: (read.records.get(key) ?? null);
	const decision = item.decide(current);
	if (decision.kind === 'reject')
		return {
			mutationId: env.mutationId,
			status: 'rejected',
			code: decision.code,
			reason: decision.reason
		};

	let seq = current?.seq;
	if (decision.changed) {
		seq = ++w.seq;
		const updatedAt = decision.state.data.updatedAt;
		w.records.set(key, {
			entity: env.entity,
			id: env.recordId,
			unitCode: decision.unitCode,
			data: JSON.stringify(decision.state.data),
			clocks: JSON.stringify(decision.state.clocks),
			hlc: decision.hlc,
			updatedAt: typeof updatedAt === 'number' ? updatedAt : env.at,
			deleted: decision.deleted,
			seq,
			day: recordDay(env.entity, decision.state.data)
		});
		w.changes.push({
			seq,
			entity: env.entity,
			recordId: env.recordId,
			unitCode: decision.unitCode,
			mutationId: env.mutationId,
			userId: env.userId,
			deviceId: env.deviceId,
			at: env.at
		});
		if (decision.unit) w.units.set(decision.unit.code, decision.unit);
		if (decision.audit) w.audit.push(...decision.audit);
	}
	for (const h of decision.history)
		w.history.push({
			entity: env.entity,
			recordId: env.recordId,
			kind: h.kind,
			data: JSON.stringify(h.state.data),
			clocks: JSON.stringify(h.state.clocks),
			mutationId: env.mutationId,
			at: env.at
		});
	if (decision.history.length > 0)
		w.bounds.set(key, {
			entity: env.entity,
			recordId: env.recordId,
			at: Math.max(w.bounds.get(key)?.at ?? env.at, env.at)
		});
	if (decision.pushSchedule) w.schedule.push(decision.pushSchedule);
	const result: MutationResult = {
		mutationId: env.mutationId,
		status: 'applied',
		...(seq ? { seq } : {}),
		...(decision.lost && decision.lost.length > 0 ? { lost: decision.lost } : {})
	};
	w.applied.push({
		mutationId: env.mutationId,
		entity: env.entity,
		recordId: env.recordId,
		userId: env.userId,
		deviceId: env.deviceId,
		result: JSON.stringify(result),
		at: env.at
	});
	read.applied.set(env.mutationId, {
		result,
		entity: env.entity,
		recordId: env.recordId,
		userId: env.userId
	});
	return result;
}

/** Token bucket: what is left after charging `cost`, or the wait (ms) until the bucket holds it. */
function spend(
	b: WriteBudget,
	row: { tokens: number; updatedAt: number }
): { tokens: number } | { wait: number } {
	const perMs = b.perMinute / 60_000;
	const tokens = Math.min(b.burst, row.tokens + Math.max(0, b.now - row.updatedAt) * perMs);
	const need = Math.min(b.cost, b.burst);
	if (tokens < need) return { wait: Math.max(1, Math.ceil((need - tokens) / perMs)) };
	return { tokens: tokens - b.cost };
}

/**
 * The push schedule changes of one request as one deletion and one insertion, with the effect of
 * running them in order: a change deletes its meeting's unsent rows (of its user, for `replace`)
 * and so also the rows an earlier change of the request would have inserted there; within one
 * change the first row of a threshold wins (ON CONFLICT DO NOTHING).
 */
function netSchedule(changes: readonly PushScheduleChange[]): {
	deletes: { meetingId: string; userId: string | null }[];
	inserts: ScheduleInsert[];
} {
	const deletes: { meetingId: string; userId: string | null }[] = [];
	let inserts: ScheduleInsert[] = [];
	for (const ch of changes) {
		const userId = ch.kind === 'replace' ? ch.userId : null;
		deletes.push({ meetingId: ch.meetingId, userId });
		inserts = inserts.filter(
			(i) => i.meetingId !== ch.meetingId || (userId !== null && i.userId !== userId)
		);
		if (ch.kind === 'cancel') continue;
		for (const item of ch.items)
			if (!inserts.some((i) => i.meetingId === ch.meetingId && i.threshold === item.threshold))
				inserts.push({ meetingId: ch.meetingId, userId: ch.userId, ...item });
	}
	return { deletes, inserts };
}

/**
 * The arguments of `unnest(...)` for `rows`: one array parameter per column, in the order of
 * `types` (the SQL type of each column), added through `param`.
 */
function columns<T extends object>(
	param: (value: unknown, type: string) => string,
	rows: readonly T[],
	types: Partial<Record<keyof T & string, string>>
): string {
	return Object.entries(types as Record<string, string>)
		.map(([k, type]) =>
			param(
				rows.map((r) => (r as Record<string, unknown>)[k] ?? null),
				`${type}[]`
			)
		)
		.join(', ');
}

/** UserPatch field -> column. */
const USER_COLUMNS = {
	role: 'role',
	unitCode: 'unit_code',
	disabled: 'disabled',
	passwordHash: 'password_hash',
	mustChangePassword: 'must_change_password'
} as const satisfies Record<keyof UserPatch, string>;

const DAY_MS = 86_400_000;

/** The first key of the advisory lock per account scope (`changeUser`). */
const ADMIN_SCOPE_LOCK = 534_001;
/** The first key of the advisory lock per period kind and year (`setReportDue`). */
const REPORT_DUE_LOCK = 534_002;

/**
 * The account behind a device's last change of a record (`findRecordWriters`): one seek in
 * `changes_record_writer` (migration step `record-writers-index`).
 */
/**
 * When each commune's data last arrived (`Storage.lastArrivals`): its `changes` log read down its
 * primary key (commune, seq) to the first change a device made (the server's seeding writes, device
 * $1, sit at the bottom), one backward index seek per commune.
 */
export const LAST_ARRIVAL_SQL = `SELECT c.id AS commune_id, (SELECT ch.at FROM changes ch
	  WHERE ch.commune_id = c.id AND ch.device_id IS DISTINCT FROM $1 ORDER BY ch.seq DESC LIMIT 1) AS at
	FROM communes c`;

/**
 * A page of one commune's admin log, and of the province's own entries. Two texts, `=` and IS
 * NULL: only these can use the index audit_log_commune (commune_id, id); `IS NOT DISTINCT FROM $1`
 * reads the whole table (storage.contract.spec.ts checks the plans).
 */
export const AUDIT_COMMUNE_SQL =
	'SELECT * FROM audit_log WHERE commune_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3';
export const AUDIT_PROVINCE_SQL =
	'SELECT * FROM audit_log WHERE commune_id IS NULL AND id < $1 ORDER BY id DESC LIMIT $2';

export const RECORD_WRITER_SQL = `SELECT c.user_id,
	  COALESCE(NULLIF(u.display_name, ''), u.username) AS user_name
	FROM changes c JOIN users u ON u.id = c.user_id AND u.commune_id = c.commune_id
	WHERE c.commune_id = $1 AND c.entity = $2 AND c.record_id = $3 AND c.device_id = $4
	ORDER BY c.seq DESC LIMIT 1`;

export interface PostgresOptions {
	history?: HistoryRetention;
	/** Connections this process keeps (default 10). */
	poolSize?: number;
}

/** Connect, migrate (migrator.ts: MIGRATIONS, once across processes), and return the storage. */
export async function openPostgresStorage(
	connectionString: string,
	options: PostgresOptions = {}
): Promise<PostgresStorage> {
	const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
	// An idle connection the server dropped: the pool replaces it; never crash the process.
	pool.on('error', (err) => console.error('[postgres] idle connection error', err.message));
	try {
		await migratePostgres(pool, MIGRATIONS, Date.now);
	} catch (err) {
		await pool.end();
		throw err;
	}
	return new PostgresStorage(pool, options.history ?? DEFAULT_HISTORY_RETENTION);
}

/** The tables whose rows of a user are capped to the newest (`#keepNewest`), and their keys. */
const NEWEST_KEY = {
	sessions: 'token_hash',
	login_devices: 'token_hash',
	push_subscriptions: 'endpoint'
} as const;

export class PostgresStorage implements Storage {
	readonly #pool: pg.Pool;
	readonly #history: HistoryRetention;
	#closed: Promise<void> | null = null;
	readonly #statementNames = new Map<string, string>();

	constructor(pool: pg.Pool, history: HistoryRetention = DEFAULT_HISTORY_RETENTION) {
		this.#pool = pool;
		this.#history = history;
	}

	/**
	 * A named (prepared) statement: each connection parses and plans it once, on its first use,
	 * instead of on every push. Names come from the text (a few shapes per process: which tables
	 * a request writes); the values are parameters as always.
	 */
	#prepared(text: string, values: unknown[]): pg.QueryConfig {
		let name = this.#statementNames.get(text);
		if (name === undefined) {
			name = `push_${this.#statementNames.size + 1}`;
			this.#statementNames.set(text, name);
		}
		return { name, text, values };
	}

	async #rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
		return (await this.#pool.query<T>(sql, params)).rows;
	}

	async #one<T extends object>(sql: string, params: unknown[] = []): Promise<T | null> {
		return (await this.#rows<T>(sql, params))[0] ?? null;
	}

	async #count(sql: string, params: unknown[] = []): Promise<number> {
		return (await this.#pool.query(sql, params)).rowCount ?? 0;
	}

	/** Run `fn` in one transaction on one connection (READ COMMITTED; locks taken explicitly). */
	async #tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.#pool.connect();
		try {
			await client.query('BEGIN');
			const value = await fn(client);
			await client.query('COMMIT');
			client.release();
			return value;
		} catch (err) {
			// A connection that cannot even roll back is broken: the pool drops it.
			const clean = await client.query('ROLLBACK').then(
				() => true,
				() => false
			);
			client.release(clean ? undefined : true);
			throw err;
		}
	}

	/** Insert audit entries (each checked: a bad one throws and the transaction rolls back). */
	async #audit(q: Queryable, audit: AuditEntries | undefined): Promise<void> {
		for (const values of auditValues(audit))
			await q.query(
				`INSERT INTO audit_log (at, commune_id, actor_id, actor_username, action, target_id,
				   target_name, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				values
			);
	}

	/** `fn` alone, or with audit entries in one transaction with it (written when it returns true). */
	async #audited<T>(
		audit: AuditEntries | undefined,
		fn: (q: Queryable) => Promise<T>,
		done: (value: T) => boolean = () => true
	): Promise<T> {
		if (!audit || audit.length === 0) return fn(this.#pool);
		return this.#tx(async (c) => {
			const value = await fn(c);
			if (done(value)) await this.#audit(c, audit);
			return value;
		});
	}

	/** The migration steps the database has (migrator.ts). */
	get schemaVersion(): Promise<number> {
		return this.#one<{ n: number }>(COUNT_STEPS).then((r) => r?.n ?? 0);
	}

	/** The server's `synchronous_commit` (on: a commit returns after its WAL is on disk). */
	get synchronousCommit(): Promise<string> {
		return this.#one<{ synchronous_commit: string }>('SHOW synchronous_commit').then(
			(r) => r?.synchronous_commit ?? ''
		);
	}

	close(): void {
		void this.end();
	}

	/** Close every connection (awaitable `close`). */
	end(): Promise<void> {
		this.#closed ??= this.#pool.end();
		return this.#closed;
	}

	async countUsers(): Promise<number> {
		return (await this.#one<{ n: number }>('SELECT COUNT(*)::int AS n FROM users'))!.n;
	}

	async createUser(u: UserRow, audit?: AuditEntries): Promise<UserRow | null> {
		return this.#audited(
			audit,
			async (q) => ((await this.#insertUser(q, u)) === 1 ? u : null),
			(created) => created !== null
		);
	}

	async #insertUser(q: Queryable, u: UserRow): Promise<number> {
		const { rowCount } = await q.query(
			`INSERT INTO users (id, username, display_name, password_hash, role, commune_id, unit_code,
			   disabled, must_change_password, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (username) DO NOTHING`,
			[
				u.id,
				u.username,
				u.displayName,
				u.passwordHash,
				u.role,
				u.communeId,
				u.unitCode,
				u.disabled,
				u.mustChangePassword,
				u.createdAt
			]
		);
		return rowCount ?? 0;
	}

	async findUserByUsername(username: string): Promise<UserRow | null> {
		const r = await this.#one<UserDb>('SELECT * FROM users WHERE username = $1', [username]);
		return r ? toUser(r) : null;
	}

	async findUserById(id: string): Promise<UserRow | null> {
		const r = await this.#one<UserDb>('SELECT * FROM users WHERE id = $1', [id]);
		return r ? toUser(r) : null;
	}

	async listUsers(communeId: string | null): Promise<UserRow[]> {
		// COLLATE "C": the byte order SQLite uses, whatever the database's locale.
		return (
			await this.#rows<UserDb>(
				'SELECT * FROM users WHERE commune_id IS NOT DISTINCT FROM $1 ORDER BY username COLLATE "C"',
				[communeId]
			)
		).map(toUser);
	}

	async listCommunes(): Promise<CommuneRow[]> {
		return (await this.#rows<CommuneDb>('SELECT * FROM communes ORDER BY id COLLATE "C"')).map(
			toCommune
		);
	}

	async createCommune(c: CommuneRow, audit?: AuditEntries): Promise<CommuneRow | null> {
		return this.#tx(async (q) => {
			const { rowCount } = await q.query(
				`INSERT INTO communes (id, name, area, parent_name, created_at) VALUES ($1, $2, $3, $4, $5)
				 ON CONFLICT (id) DO NOTHING`,
				[c.id, c.name, c.area, c.parentName, c.createdAt]
			);
			if (rowCount !== 1) return null;
			await q.query('INSERT INTO commune_seq (commune_id, seq) VALUES ($1, 0)', [c.id]);
			await this.#audit(q, audit);
			return c;
		});
	}

	async communeSeqs(): Promise<Map<string, number>> {
		const rows = await this.#rows<{ commune_id: string; seq: string | number }>(
			'SELECT commune_id, seq FROM commune_seq'
		);
		return new Map(rows.map((r) => [r.commune_id, Number(r.seq)]));
	}

	async findCommune(id: string): Promise<CommuneRow | null> {
		const r = await this.#one<CommuneDb>('SELECT * FROM communes WHERE id = $1', [id]);
		return r ? toCommune(r) : null;
	}

	async lastArrivals(): Promise<Map<string, number>> {
		const rows = await this.#rows<{ commune_id: string; at: string | number | null }>(
			LAST_ARRIVAL_SQL,
			[SERVER_DEVICE]
		);
		return new Map(
			rows.flatMap((r) => (r.at === null ? [] : [[r.commune_id, Number(r.at)] as const]))
		);
	}

	async updateCommune(
		id: string,
		patch: CommunePatch,
		audit?: AuditFrom<CommuneRow>
	): Promise<CommuneRow | null> {
		const update = async (q: Queryable): Promise<CommuneRow | null> => {
			const { rows } = await q.query<CommuneDb>(
				`UPDATE communes SET name = COALESCE($2, name),
				   area = CASE WHEN $3::boolean THEN $4 ELSE area END
				 WHERE id = $1 RETURNING *`,
				[id, patch.name ?? null, patch.area !== undefined, patch.area ?? null]
			);
			return rows[0] ? toCommune(rows[0]) : null;
		};
		if (typeof audit !== 'function') return this.#audited(audit, update, (c) => c !== null);
		// The entries from the row as this transaction holds it (locked: a concurrent change of the
		// commune waits, then sees this one's result).
		return this.#tx(async (c) => {
			const { rows } = await c.query<CommuneDb>('SELECT * FROM communes WHERE id = $1 FOR UPDATE', [
				id
			]);
			if (!rows[0]) return null;
			const entries = audit(toCommune(rows[0]));
			const commune = await update(c);
			await this.#audit(c, entries);
			return commune;
		});
	}

	async findReportDue(kind: string, year: number): Promise<ReportDueRow | null> {
		const r = await this.#one<ReportDueDb>(
			'SELECT * FROM report_due_dates WHERE kind = $1 AND year = $2',
			[kind, year]
		);
		return r ? toReportDue(r) : null;
	}

	async setReportDue(
		kind: string,
		year: number,
		next: Omit<ReportDueRow, 'kind' | 'year'> | null,
		audit?: AuditFrom<ReportDueRow | null>
	): Promise<ReportDueRow | null> {
		return this.#tx(async (c) => {
			// The row may not exist yet (nothing to lock FOR UPDATE): every change of this kind and
			// year waits here, and READ COMMITTED gives the read below a snapshot after the lock.
			await c.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
			await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
				REPORT_DUE_LOCK,
				`${kind}:${year}`
			]);
			const { rows } = await c.query<ReportDueDb>(
				'SELECT * FROM report_due_dates WHERE kind = $1 AND year = $2',
				[kind, year]
			);
			const before = rows[0] ? toReportDue(rows[0]) : null;
			// Already so: nothing to write, nothing to log.
			if ((before?.dueDate ?? null) === (next?.dueDate ?? null)) return before;
			if (next === null)
				await c.query('DELETE FROM report_due_dates WHERE kind = $1 AND year = $2', [kind, year]);
			else
				await c.query(
					`INSERT INTO report_due_dates (kind, year, due_date, set_at, set_by) VALUES ($1, $2, $3, $4, $5)
					 ON CONFLICT (kind, year) DO UPDATE SET due_date = EXCLUDED.due_date,
					   set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by`,
					[kind, year, next.dueDate, next.setAt, next.setBy]
				);
			await this.#audit(c, typeof audit === 'function' ? audit(before) : audit);
			return next === null ? null : { kind, year, ...next };
		});
	}

	async updateUser(id: string, patch: UserPatch, audit?: AuditEntries): Promise<UserRow | null> {
		return this.#audited(
			audit,
			async (q) => {
				await this.#writeUser(q, id, patch);
				const { rows } = await q.query<UserDb>('SELECT * FROM users WHERE id = $1', [id]);
				return rows[0] ? toUser(rows[0]) : null;
			},
			(user) => user !== null
		);
	}

	async #writeUser(q: Queryable, id: string, patch: UserPatch): Promise<void> {
		const entries = (Object.keys(USER_COLUMNS) as (keyof UserPatch)[])
			.filter((k) => patch[k] !== undefined)
			.map((k) => [USER_COLUMNS[k], patch[k]] as const);
		if (entries.length === 0) return;
		// Column names come from USER_COLUMNS only; values are parameters.
		await q.query(
			`UPDATE users SET ${entries.map(([c], i) => `${c} = $${i + 1}`).join(', ')}
			 WHERE id = $${entries.length + 1}`,
			[...entries.map(([, v]) => v), id]
		);
	}

	/**
	 * Forget every login device of the user and end every session but `keep`: how many sessions
	 * ended, and how many rows went in all (sessions, devices, subscriptions, unsent pushes).
	 */
	async #endAccess(
		q: Queryable,
		userId: string,
		keep: string | null
	): Promise<{ sessions: number; rows: number }> {
		// The sessions first: a subscription save in flight holds its session FOR SHARE, so this
		// DELETE waits for it, and the DELETE of the subscriptions below (a later statement, a
		// later snapshot) sees what it saved.
		const { rowCount } = await q.query(
			'DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2',
			[userId, keep]
		);
		const sessions = rowCount ?? 0;
		const count = async (sql: string) => (await q.query(sql, [userId])).rowCount ?? 0;
		let rows = sessions + (await count('DELETE FROM login_devices WHERE user_id = $1'));
		// No session kept (a disable, a reset, "end all sessions": the lost-phone cases): its
		// devices' Web Push subscriptions and unsent pushes (meeting titles) end too.
		if (keep === null) {
			rows += await count('DELETE FROM push_subscriptions WHERE user_id = $1');
			rows += await count('DELETE FROM push_schedule WHERE user_id = $1 AND sent_at IS NULL');
		}
		return { sessions, rows };
	}

	async changeUser<R>(
		id: string,
		adminRole: Role,
		decide: (before: UserRow) => UserDecision<R>
	): Promise<KeptAdminUpdate<R>> {
		return this.#tx(async (c): Promise<KeptAdminUpdate<R>> => {
			// The lock below works because each statement here takes a snapshot after it is held:
			// READ COMMITTED, stated, whatever default_transaction_isolation an operator has set.
			await c.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
			const scope = await c.query<{ commune_id: string | null }>(
				'SELECT commune_id FROM users WHERE id = $1',
				[id]
			);
			if (scope.rowCount === 0) return { ok: false, reason: 'not_found' };
			// An account never changes scope. Every change of an account of the scope waits here, so
			// the reads below see the other one's commit (READ COMMITTED: each statement's snapshot
			// starts after the lock is held). Two-key form: its key space is apart from the login
			// limits' one-key locks. Not the commune_seq row, which would serialise the pushes.
			await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
				ADMIN_SCOPE_LOCK,
				scope.rows[0]!.commune_id === null ? 'province' : `commune:${scope.rows[0]!.commune_id}`
			]);
			// The row locked as well: a write of it outside the advisory lock (updateUser) waits for
			// this one, or this one reads its result.
			const { rows } = await c.query<UserDb>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id]);
			const user = rows[0] ? toUser(rows[0]) : null;
			if (!user) return { ok: false, reason: 'not_found' };
			const decision = decide(user);
			if (!decision.ok) return { ok: false, reason: 'refused', refusal: decision.refusal };
			if (losesAdmin(user, decision.patch, adminRole)) {
				const others = await c.query<{ n: number }>(
					`SELECT COUNT(*)::int AS n FROM users WHERE commune_id IS NOT DISTINCT FROM $1
					   AND role = $2 AND NOT disabled AND id <> $3`,
					[user.communeId, adminRole, id]
				);
				if (others.rows[0]!.n === 0) return { ok: false, reason: 'last_admin' };
			}
			await this.#writeUser(c, id, decision.patch);
			if (decision.endAccess)
				await this.#endAccess(c, id, decision.endAccess.keepTokenHash ?? null);
			await this.#audit(c, decision.audit);
			const after = await c.query<UserDb>('SELECT * FROM users WHERE id = $1', [id]);
			return { ok: true, user: toUser(after.rows[0]!) };
		});
	}

	async createSession(s: SessionRow, audit?: AuditEntries, guard?: SessionGuard): Promise<boolean> {
		return this.#tx(async (c): Promise<boolean> => {
			if (guard) {
				// FOR SHARE: a change of the account (changeUser holds the row FOR UPDATE) either
				// commits first, and this read sees its row, or waits for this commit, and its
				// DELETE of the sessions (a later statement, a later snapshot) sees this one.
				const held = await c.query(
					'SELECT 1 FROM users WHERE id = $1 AND password_hash = $2 AND NOT disabled FOR SHARE',
					[s.userId, guard.passwordHash]
				);
				if (held.rowCount === 0) return false;
			}
			await c.query(
				'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
				[s.tokenHash, s.userId, s.createdAt, s.expiresAt]
			);
			await this.#keepNewest(c, 'sessions', s.userId, s.tokenHash, MAX_SESSIONS_PER_USER);
			// A trusted sign-in writes no device, so the count cannot have grown.
			if (guard?.device) {
				await this.#insertLoginDevice(c, guard.device);
				await this.#keepNewest(
					c,
					'login_devices',
					s.userId,
					guard.device.tokenHash,
					MAX_SESSIONS_PER_USER
				);
			}
			await this.#audit(c, audit);
			return true;
		});
	}

	/** Keep `kept` (just written) and the user's `max - 1` newest other rows of `table`. */
	async #keepNewest(
		c: Queryable,
		table: keyof typeof NEWEST_KEY,
		userId: string,
		kept: string,
		max: number
	): Promise<void> {
		const key = NEWEST_KEY[table];
		// Table and column names from NEWEST_KEY only; values are parameters.
		await c.query(
			`DELETE FROM ${table} WHERE user_id = $1 AND ${key} <> $2 AND ${key} NOT IN (
			   SELECT ${key} FROM ${table} WHERE user_id = $1 AND ${key} <> $2
			   ORDER BY created_at DESC, ${key} COLLATE "C" LIMIT $3)`,
			[userId, kept, max - 1]
		);
	}

	async findSession(tokenHash: string): Promise<SessionRow | null> {
		const r = await this.#one<SessionDb>(
			'SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = $1',
			[tokenHash]
		);
		return r ? toSession(r) : null;
	}

	async deleteSession(tokenHash: string): Promise<void> {
		await this.#pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
	}

	async deleteExpiredSessions(now: number): Promise<number> {
		return this.#count('DELETE FROM sessions WHERE expires_at <= $1', [now]);
	}

	async endUserAccess(userId: string, audit?: AuditEntries): Promise<number> {
		return this.#tx(async (c) => {
			const ended = await this.#endAccess(c, userId, null);
			// Nothing to end, nothing to log (attacker review r19, 1: a flood of no-ops buried the
			// real entries).
			if (ended.rows > 0) await this.#audit(c, audit);
			return ended.sessions;
		});
	}

	async listAudit(query: AuditQuery): Promise<AuditRow[]> {
		if (auditFiltered(query)) {
			const { sql, params } = auditFilterSql(query, (n) => `$${n}`);
			return (await this.#rows<AuditDbRow>(sql, params)).map(toAuditRow);
		}
		const before = query.before ?? Number.MAX_SAFE_INTEGER;
		const rows =
			query.communeId === undefined
				? await this.#rows<AuditDbRow>(
						'SELECT * FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2',
						[before, query.limit]
					)
				: query.communeId === null
					? await this.#rows<AuditDbRow>(AUDIT_PROVINCE_SQL, [before, query.limit])
					: await this.#rows<AuditDbRow>(AUDIT_COMMUNE_SQL, [query.communeId, before, query.limit]);
		return rows.map(toAuditRow);
	}

	async pruneAudit(before: number): Promise<number> {
		return this.#count('DELETE FROM audit_log WHERE at < $1', [before]);
	}

	async listActiveSessions(now: number, communeId: string | null): Promise<SessionRow[]> {
		return (
			await this.#rows<SessionDb>(
				`SELECT s.* FROM sessions s JOIN users u ON u.id = s.user_id
				 WHERE s.expires_at > $1 AND u.commune_id IS NOT DISTINCT FROM $2
				 ORDER BY s.created_at, s.token_hash`,
				[now, communeId]
			)
		).map(toSession);
	}

	async reserveLoginAttempt(
		limits: AttemptLimit[],
		since: number,
		at: number
	): Promise<Reservation> {
		return this.#tx(async (c) => {
			// Every process reserving under one of these keys waits here: count and insert are atomic.
			const keys = [...new Set(limits.map((l) => l.key))].sort();
			for (const key of keys) await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
			for (const l of limits) {
				const { rows } = await c.query<{ n: number }>(
					'SELECT COUNT(*)::int AS n FROM login_attempts WHERE key = $1 AND at > $2',
					[l.key, since]
				);
				if (rows[0]!.n >= l.max) {
					// The attempt whose leaving the window brings the key below its limit.
					const edge = await c.query<{ at: number }>(
						`SELECT at FROM login_attempts WHERE key = $1 AND at > $2
						 ORDER BY at DESC, id DESC LIMIT 1 OFFSET $3`,
						[l.key, since, l.max - 1]
					);
					return { ok: false, key: l.key, retryAt: edge.rows[0]!.at + (at - since) };
				}
			}
			const ids: number[] = [];
			for (const l of limits) {
				const { rows } = await c.query<{ id: number }>(
					'INSERT INTO login_attempts (key, at) VALUES ($1, $2) RETURNING id',
					[l.key, at]
				);
				ids.push(rows[0]!.id);
			}
			return { ok: true, ids };
		});
	}

	async releaseLoginAttempts(ids: number[]): Promise<void> {
		if (ids.length > 0)
			await this.#pool.query('DELETE FROM login_attempts WHERE id = ANY($1::bigint[])', [ids]);
	}

	async clearLoginAttempts(
		keys: string[],
		prefixes: string[] = [],
		audit?: AuditEntries
	): Promise<number> {
		return this.#audited(
			audit,
			async (q) =>
				(
					await q.query(
						`DELETE FROM login_attempts WHERE key = ANY($1::text[])
					   OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS p WHERE starts_with(key, p))`,
						[keys, prefixes]
					)
				).rowCount ?? 0,
			(cleared) => cleared > 0
		);
	}

	async loginLimitedUntil(
		key: string,
		max: number,
		since: number,
		windowMs: number
	): Promise<number | null> {
		const r = await this.#one<{ at: number }>(
			`SELECT at FROM login_attempts WHERE key = $1 AND at > $2
			 ORDER BY at DESC, id DESC LIMIT 1 OFFSET $3`,
			[key, since, max - 1]
		);
		return r ? r.at + windowMs : null;
	}

	async deleteLoginAttemptsBefore(before: number): Promise<number> {
		return this.#count('DELETE FROM login_attempts WHERE at <= $1', [before]);
	}

	async #insertLoginDevice(q: Queryable, d: LoginDeviceRow): Promise<void> {
		await q.query(
			`INSERT INTO login_devices (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (token_hash) DO UPDATE SET expires_at = excluded.expires_at`,
			[d.tokenHash, d.userId, d.createdAt, d.expiresAt]
		);
	}

	async findLoginDevice(tokenHash: string): Promise<LoginDeviceRow | null> {
		const r = await this.#one<SessionDb>(
			'SELECT token_hash, user_id, created_at, expires_at FROM login_devices WHERE token_hash = $1',
			[tokenHash]
		);
		return r ? toSession(r) : null;
	}

	async deleteExpiredLoginDevices(now: number): Promise<number> {
		return this.#count('DELETE FROM login_devices WHERE expires_at <= $1', [now]);
	}

	async listUnits(communeId: string): Promise<UnitRow[]> {
		return this.#rows<UnitRow>(
			`SELECT code, name, kind, archived FROM units WHERE commune_id = $1 ORDER BY code COLLATE "C"`,
			[communeId]
		);
	}

	async findUnit(communeId: string, code: string): Promise<UnitRow | null> {
		return this.#one<UnitRow>(
			'SELECT code, name, kind, archived FROM units WHERE commune_id = $1 AND code = $2',
			[communeId, code]
		);
	}

	async findAppliedMutation(communeId: string, mutationId: string): Promise<MutationResult | null> {
		const r = await this.#one<{ result: string }>(
			'SELECT result FROM applied_mutations WHERE commune_id = $1 AND mutation_id = $2',
			[communeId, mutationId]
		);
		return r ? mutationResultSchema.parse(JSON.parse(r.result)) : null;
	}

	async applyMutation(
		communeId: string,
		envelope: MutationEnvelope,
		decide: (current: StoredRecord | null) => Decision
	): Promise<MutationResult> {
		const outcome = await this.applyBatch(communeId, [{ envelope, decide }]);
		// Without a budget a batch is never refused.
		if (!outcome.ok) throw new Error('a mutation without a budget was refused');
		return outcome.results[0]!;
	}

	/**
	 * One push request in a fixed number of round trips, whatever its number of mutations:
	 * BEGIN; lock the commune's counter row (its seq comes back); one read of every record the
	 * request names, of its mutation ids already applied and of the write budget row (locked);
	 * every decision in JS, in order, each against the record as the earlier ones of the request
	 * left it, seqs counted on from the locked counter; one statement that writes every record,
	 * change-log row, applied id, history version, unit, unscheduled push and the counter; a second
	 * only when history is bounded or pushes are scheduled; COMMIT. No savepoint: nothing is
	 * written before every decision is made (a rejection writes nothing), and an error (a throwing
	 * decision, a failing statement) rolls the whole request back.
	 */
	async applyBatch(
		communeId: string,
		items: readonly BatchItem[],
		budget?: WriteBudgets
	): Promise<BatchOutcome> {
		return this.#tx(async (c): Promise<BatchOutcome> => {
			// Lock order: the commune's counter row, then (in the read) the budget rows, in the
			// order given (every push gives the same order).
			const last = await this.#lockCommune(c, communeId);
			const charged = chargedBudgets(budget);
			const found = await this.#readBatch(c, communeId, items, charged);
			const left: { key: string; tokens: number }[] = [];
			let wait = 0;
			for (const b of charged) {
				const spent = spend(b, found.budgets.get(b.key)!);
				if ('wait' in spent) wait = Math.max(wait, spent.wait);
				else left.push({ key: b.key, tokens: spent.tokens });
			}
			// Over any budget: nothing written, no budget charged.
			if (wait > 0) return { ok: false, retryAfterMs: wait };
			const writes = emptyWrites(last);
			const results = items.map((i) => decideInto(writes, found, i));
			await this.#writeBatch(
				c,
				communeId,
				writes,
				left.length > 0 ? { rows: left, now: charged[0]!.now } : undefined
			);
			return { ok: true, results };
		});
	}

	/** Lock the commune's counter row until commit (the sequence rule; no lost update); its seq. */
	async #lockCommune(c: Queryable, communeId: string): Promise<number> {
		const { rows } = await c.query<{ seq: number }>(
			this.#prepared('SELECT seq FROM commune_seq WHERE commune_id = $1 FOR UPDATE', [communeId])
		);
		if (rows.length !== 1) throw new Error(`unknown commune ${communeId}`);
		return rows[0]!.seq;
	}

	/**
	 * One round trip, after the commune's lock: the stored records the items name, the results of
	 * their mutation ids already applied, and with `budgets` the budget rows, locked until commit (a
	 * new key starts full: inserted, else touched so that it is locked and returned).
	 */
	async #readBatch(
		c: Queryable,
		communeId: string,
		items: readonly BatchItem[],
		budgets: readonly WriteBudget[]
	): Promise<BatchRead> {
		const keys = new Map<string, MutationEnvelope>();
		for (const i of items) keys.set(recordKey(i.envelope.entity, i.envelope.recordId), i.envelope);
		const params: unknown[] = [
			communeId,
			[...keys.values()].map((e) => e.entity),
			[...keys.values()].map((e) => e.recordId),
			[...new Set(items.map((i) => i.envelope.mutationId))]
		];
		// Each kind of row fills its own columns (BatchReadRow); the others are null.
		let sql = `SELECT 'r' AS k, r.entity, r.id, r.unit_code, r.data, r.clocks, r.hlc, r.deleted,
			   r.seq, NULL::text AS mutation_id, NULL::text AS result, NULL::text AS record_id,
			   NULL::float8 AS tokens, NULL::bigint AS updated_at, NULL::text AS budget_key,
			   NULL::text AS user_id
			 FROM unnest($2::text[], $3::text[]) AS w(entity, id)
			 JOIN records AS r ON r.commune_id = $1 AND r.entity = w.entity AND r.id = w.id
			 UNION ALL
			 SELECT 'm', entity, NULL, NULL, NULL, NULL, NULL, NULL, NULL, mutation_id, result,
			   record_id, NULL, NULL, NULL, user_id
			 FROM applied_mutations WHERE commune_id = $1 AND mutation_id = ANY($4::text[])`;
		if (budgets.length > 0) {
			params.push(
				budgets.map((b) => b.key),
				budgets.map((b) => b.burst),
				budgets[0]!.now
			);
			sql = `WITH budget AS (
			   INSERT INTO write_budget (key, tokens, updated_at)
			   SELECT k, t, $7::bigint FROM unnest($5::text[], $6::float8[]) WITH ORDINALITY AS n(k, t, o)
			   ORDER BY o
			   ON CONFLICT (key) DO UPDATE SET tokens = write_budget.tokens
			   RETURNING key, tokens, updated_at)
			 ${sql}
			 UNION ALL
			 SELECT 'b', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, tokens,
			   updated_at, key, NULL
			 FROM budget`;
		}
		const { rows } = await c.query<BatchReadRow>(this.#prepared(sql, params));
		const read: BatchRead = { records: new Map(), applied: new Map(), budgets: new Map() };
		for (const r of rows) {
			if (r.k === 'r') {
				const record = toRecord(r);
				read.records.set(recordKey(record.entity, record.id), record);
			} else if (r.k === 'm') {
				read.applied.set(r.mutation_id, {
					result: mutationResultSchema.parse(JSON.parse(r.result)),
					entity: r.entity,
					recordId: r.record_id,
					userId: r.user_id
				});
			} else {
				read.budgets.set(r.budget_key, { tokens: r.tokens, updatedAt: r.updated_at });
			}
		}
		return read;
	}

	/**
	 * Write what the decisions of one request gathered: one statement (data-modifying CTEs, each
	 * table once, rows as arrays through `unnest`), then, only when needed, one more for what must
	 * see the first one's rows (the history bound, push schedule rows after their deletion).
	 */
	async #writeBatch(
		c: Queryable,
		communeId: string,
		w: BatchWrites,
		budget: { rows: readonly { key: string; tokens: number }[]; now: number } | undefined
	): Promise<void> {
		const params: unknown[] = [communeId];
		const p = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
		const ctes: string[] = [];
		if (w.changes.length > 0) {
			ctes.push(
				`next AS (UPDATE commune_seq SET seq = ${p(w.seq, 'bigint')} WHERE commune_id = $1)`,
				`stored AS (
				   INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at,
				     deleted, seq, day)
				   SELECT $1, * FROM unnest(${columns(p, [...w.records.values()], {
							entity: 'text',
							id: 'text',
							unitCode: 'text',
							data: 'text',
							clocks: 'text',
							hlc: 'text',
							updatedAt: 'bigint',
							deleted: 'boolean',
							seq: 'bigint',
							day: 'text'
						})})
				   ON CONFLICT (commune_id, entity, id) DO UPDATE SET unit_code = excluded.unit_code,
				     data = excluded.data, clocks = excluded.clocks, hlc = excluded.hlc,
				     updated_at = excluded.updated_at, deleted = excluded.deleted, seq = excluded.seq,
				     day = excluded.day)`,
				`change AS (
				   INSERT INTO changes (commune_id, seq, entity, record_id, unit_code, mutation_id, user_id,
				     device_id, at)
				   SELECT $1, * FROM unnest(${columns(p, w.changes, {
							seq: 'bigint',
							entity: 'text',
							recordId: 'text',
							unitCode: 'text',
							mutationId: 'text',
							userId: 'text',
							deviceId: 'text',
							at: 'bigint'
						})}))`
			);
		}
		if (w.applied.length > 0)
			ctes.push(
				`applied AS (
				   INSERT INTO applied_mutations (commune_id, mutation_id, entity, record_id, user_id,
				     device_id, result, applied_at)
				   SELECT $1, * FROM unnest(${columns(p, w.applied, {
							mutationId: 'text',
							entity: 'text',
							recordId: 'text',
							userId: 'text',
							deviceId: 'text',
							result: 'text',
							at: 'bigint'
						})}))`
			);
		if (w.history.length > 0)
			ctes.push(
				`history AS (
				   INSERT INTO record_history (commune_id, entity, record_id, kind, data, clocks,
				     mutation_id, at)
				   SELECT $1, * FROM unnest(${columns(p, w.history, {
							entity: 'text',
							recordId: 'text',
							kind: 'text',
							data: 'text',
							clocks: 'text',
							mutationId: 'text',
							at: 'bigint'
						})}))`
			);
		if (w.units.size > 0)
			ctes.push(
				`unit AS (
				   INSERT INTO units (commune_id, code, name, kind, archived)
				   SELECT $1, * FROM unnest(${columns(p, [...w.units.values()], {
							code: 'text',
							name: 'text',
							kind: 'text',
							archived: 'boolean'
						})})
				   ON CONFLICT (commune_id, code) DO UPDATE SET name = excluded.name,
				     kind = excluded.kind, archived = excluded.archived)`
			);
		const schedule = netSchedule(w.schedule);
		if (schedule.deletes.length > 0)
			ctes.push(
				`unscheduled AS (
				   DELETE FROM push_schedule AS s
				   USING unnest(${columns(p, schedule.deletes, { meetingId: 'text', userId: 'text' })})
				     AS d(meeting_id, user_id)
				   WHERE s.commune_id = $1 AND s.sent_at IS NULL AND s.meeting_id = d.meeting_id
				     AND (d.user_id IS NULL OR s.user_id = d.user_id))`
			);
		if (budget)
			ctes.push(
				`budget AS (UPDATE write_budget AS w SET tokens = n.tokens,
				   updated_at = ${p(budget.now, 'bigint')}
				   FROM unnest(${p(
							budget.rows.map((r) => r.key),
							'text[]'
						)}, ${p(
							budget.rows.map((r) => r.tokens),
							'float8[]'
						)}) AS n(key, tokens)
				   WHERE w.key = n.key)`
			);
		// `$1` typed here too: a request whose every mutation was a duplicate writes only its budget,
		// which names no commune, and an unused untyped parameter is an error (42P18).
		if (ctes.length > 0)
			await c.query(this.#prepared(`WITH ${ctes.join(',\n')} SELECT $1::text`, params));

		const after: string[] = [];
		const more: unknown[] = [communeId];
		const q = (value: unknown, type: string) => `$${more.push(value)}::${type}`;
		if (w.bounds.size > 0)
			after.push(
				// Per record written with history: the newest `versionsPerRecord`, none older than
				// `days` before the request's latest mutation of the record.
				`bound AS (
				   DELETE FROM record_history AS h
				   USING unnest(${columns(q, [...w.bounds.values()], {
							entity: 'text',
							recordId: 'text',
							at: 'bigint'
						})}) AS b(entity, record_id, at)
				   WHERE h.commune_id = $1 AND h.entity = b.entity AND h.record_id = b.record_id
				     AND (h.at < b.at - ${q(this.#history.days * DAY_MS, 'bigint')}
				       OR h.id NOT IN (SELECT x.id FROM record_history AS x WHERE x.commune_id = $1
				         AND x.entity = b.entity AND x.record_id = b.record_id
				         ORDER BY x.id DESC LIMIT ${q(this.#history.versionsPerRecord, 'int')})))`
			);
		if (schedule.inserts.length > 0)
			after.push(
				`scheduled AS (
				   INSERT INTO push_schedule (commune_id, meeting_id, user_id, threshold, due_at, payload)
				   SELECT $1, * FROM unnest(${columns(q, schedule.inserts, {
							meetingId: 'text',
							userId: 'text',
							threshold: 'text',
							dueAt: 'bigint',
							payload: 'text'
						})})
				   ON CONFLICT (commune_id, meeting_id, user_id, threshold) DO NOTHING)`
			);
		if (after.length > 0) await c.query(this.#prepared(`WITH ${after.join(',\n')} SELECT 1`, more));
		await this.#audit(c, w.audit);
	}

	async pruneHistory(now: number): Promise<number> {
		return this.#tx(async (c) => {
			const old = await c.query('DELETE FROM record_history WHERE at < $1', [
				now - this.#history.days * DAY_MS
			]);
			const extra = await c.query(
				`DELETE FROM record_history WHERE id IN (SELECT id FROM (
				   SELECT id, ROW_NUMBER() OVER (PARTITION BY commune_id, entity, record_id
				     ORDER BY id DESC) AS n FROM record_history) AS ranked WHERE n > $1)`,
				[this.#history.versionsPerRecord]
			);
			return (old.rowCount ?? 0) + (extra.rowCount ?? 0);
		});
	}

	async savePushSubscription(
		s: PushSubscriptionRow,
		now: number,
		sessionTokenHash: string
	): Promise<'saved' | 'taken' | 'ended'> {
		return this.#tx(async (c) => {
			// FOR SHARE, the account first (as the sign-in guard): a change of the account
			// (changeUser holds the row FOR UPDATE) either commits first, and the session read below
			// (a later statement) finds it ended, or waits for this commit, and its DELETE of the
			// subscriptions sees this one. "End all sessions" does not lock the account: it deletes
			// the sessions before the subscriptions, so it waits for the session held here, or this
			// read waits for it and finds nothing. The account first, so that the insert's foreign
			// key lock on it never waits behind changeUser while changeUser waits for the session.
			await c.query('SELECT 1 FROM users WHERE id = $1 FOR SHARE', [s.userId]);
			const session = await c.query(
				'SELECT 1 FROM sessions WHERE token_hash = $1 AND user_id = $2 FOR SHARE',
				[sessionTokenHash, s.userId]
			);
			if (session.rowCount === 0) return 'ended';
			// Inserted, or updated when it is this user's; an endpoint of another user is left alone.
			const upsert = await c.query(
				`INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, lang, created_at)
				 VALUES ($1, $2, $3, $4, $5, $6)
				 ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
				   lang = excluded.lang, created_at = excluded.created_at
				 WHERE push_subscriptions.user_id = excluded.user_id`,
				[s.endpoint, s.userId, s.p256dh, s.auth, s.lang, now]
			);
			if (upsert.rowCount !== 1) return 'taken';
			await this.#keepNewest(
				c,
				'push_subscriptions',
				s.userId,
				s.endpoint,
				MAX_SUBSCRIPTIONS_PER_USER
			);
			return 'saved';
		});
	}

	async deletePushSubscription(endpoint: string, userId?: string): Promise<boolean> {
		const n =
			userId === undefined
				? await this.#count('DELETE FROM push_subscriptions WHERE endpoint = $1', [endpoint])
				: await this.#count('DELETE FROM push_subscriptions WHERE endpoint = $1 AND user_id = $2', [
						endpoint,
						userId
					]);
		return n > 0;
	}

	async pushSubscriptionsOf(userId: string): Promise<PushSubscriptionRow[]> {
		const rows = await this.#rows<{
			endpoint: string;
			user_id: string;
			p256dh: string;
			auth: string;
			lang: string;
		}>(
			`SELECT endpoint, user_id, p256dh, auth, lang FROM push_subscriptions WHERE user_id = $1
			 ORDER BY created_at, endpoint COLLATE "C"`,
			[userId]
		);
		return rows.map((r) => ({
			endpoint: r.endpoint,
			userId: r.user_id,
			p256dh: r.p256dh,
			auth: r.auth,
			lang: isLang(r.lang) ? r.lang : 'vi'
		}));
	}

	async changePushSchedule(communeId: string, change: PushScheduleChange): Promise<void> {
		await this.#tx((c) => this.#changePushSchedule(c, communeId, change));
	}

	async #changePushSchedule(
		c: Queryable,
		communeId: string,
		change: PushScheduleChange
	): Promise<void> {
		if (change.kind === 'cancel') {
			await c.query(
				'DELETE FROM push_schedule WHERE commune_id = $1 AND meeting_id = $2 AND sent_at IS NULL',
				[communeId, change.meetingId]
			);
			return;
		}
		await c.query(
			`DELETE FROM push_schedule WHERE commune_id = $1 AND meeting_id = $2 AND user_id = $3
			   AND sent_at IS NULL`,
			[communeId, change.meetingId, change.userId]
		);
		for (const i of change.items) {
			await c.query(
				`INSERT INTO push_schedule (commune_id, meeting_id, user_id, threshold, due_at, payload)
				 VALUES ($1, $2, $3, $4, $5, $6)
				 ON CONFLICT (commune_id, meeting_id, user_id, threshold) DO NOTHING`,
				[communeId, change.meetingId, change.userId, i.threshold, i.dueAt, i.payload]
			);
		}
	}

	async pendingPushes(): Promise<ScheduledPush[]> {
		return (
			await this.#rows<PushDb>(
				`SELECT id, commune_id, meeting_id, user_id, threshold, due_at, payload FROM push_schedule
				 WHERE sent_at IS NULL ORDER BY due_at, id`
			)
		).map(toPush);
	}

	async vapidKeys(candidate: VapidKeyPair, now: number): Promise<VapidKeyPair> {
		// Processes starting together: one INSERT wins, the others' do nothing and read it.
		await this.#pool.query(
			`INSERT INTO vapid_keys (id, public_key, private_key, created_at) VALUES (1, $1, $2, $3)
			 ON CONFLICT (id) DO NOTHING`,
			[candidate.publicKey, candidate.privateKey, now]
		);
		const row = (await this.#one<{ public_key: string; private_key: string }>(
			'SELECT public_key, private_key FROM vapid_keys WHERE id = 1'
		))!;
		return { publicKey: row.public_key, privateKey: row.private_key };
	}

	async claimDuePushes(now: number): Promise<ScheduledPush[]> {
		// SKIP LOCKED: a row another process is claiming right now is its, not ours.
		const rows = await this.#rows<PushDb>(
			`UPDATE push_schedule SET sent_at = $1 WHERE id IN (
			   SELECT id FROM push_schedule WHERE sent_at IS NULL AND due_at <= $1
			   ORDER BY due_at, id FOR UPDATE SKIP LOCKED)
			 RETURNING id, commune_id, meeting_id, user_id, threshold, due_at, payload`,
			[now]
		);
		return rows.map(toPush).sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
	}

	async pullPage(
		communeId: string,
		cursor: number,
		limit: number,
		scope: ReadScope,
		maxBytes: number
	): Promise<PulledPage> {
		// The sizes first (octet_length reads a stored text's length without detoasting it), then
		// the texts of the page and the one row after it only: a row is sent when it is one of the
		// first two or the rows before it fit in maxBytes. `takePage` makes the page of those.
		const unit = scope.all ? '' : 'AND (unit_code IS NULL OR unit_code = $5)';
		const rows = await this.#rows<RecordDb & { bytes: number }>(
			`WITH sized AS (
			   SELECT seq, octet_length(data) + octet_length(clocks) AS bytes FROM records
			   WHERE commune_id = $1 AND seq > $2 ${unit} ORDER BY seq LIMIT $3
			 ), run AS (
			   SELECT seq, bytes, row_number() OVER w AS n, sum(bytes) OVER w - bytes AS before
			   FROM sized WINDOW w AS (ORDER BY seq)
			 )
			 SELECT r.entity, r.id, r.unit_code, r.data, r.clocks, r.hlc, r.deleted, r.seq, run.bytes
			 FROM run JOIN records r ON r.commune_id = $1 AND r.seq = run.seq
			 WHERE run.n <= 2 OR run.before <= $4
			 ORDER BY r.seq`,
			scope.all
				? [communeId, cursor, limit + 1, maxBytes]
				: [communeId, cursor, limit + 1, maxBytes, scope.unitCode]
		);
		return takePage(rows, limit, maxBytes, toRecord);
	}

	async findRecord(
		communeId: string,
		entity: SyncEntity,
		id: string
	): Promise<StoredRecord | null> {
		const r = await this.#one<RecordDb>(
			`SELECT entity, id, unit_code, data, clocks, hlc, deleted, seq FROM records
			 WHERE commune_id = $1 AND entity = $2 AND id = $3`,
			[communeId, entity, id]
		);
		return r ? toRecord(r) : null;
	}

	async listRecords(
		communeId: string,
		entities: readonly SyncEntity[],
		window?: DayWindow
	): Promise<StoredRecord[]> {
		if (entities.length === 0) return [];
		return (
			window
				? await this.#rows<RecordDb>(
						`SELECT entity, id, unit_code, data, clocks, hlc, deleted, seq FROM records
						 WHERE commune_id = $1 AND NOT deleted AND entity = ANY($2::text[])
						   AND (day IS NULL OR day BETWEEN $3 AND $4)`,
						[communeId, [...entities], window.from, window.to]
					)
				: await this.#rows<RecordDb>(
						`SELECT entity, id, unit_code, data, clocks, hlc, deleted, seq FROM records
						 WHERE commune_id = $1 AND NOT deleted AND entity = ANY($2::text[])`,
						[communeId, [...entities]]
					)
		).map(toRecord);
	}

	async listHistory(communeId: string, entity: SyncEntity, id: string): Promise<HistoryRow[]> {
		const rows = await this.#rows<{
			entity: SyncEntity;
			record_id: string;
			kind: HistoryRow['kind'];
			data: string;
			clocks: string;
			mutation_id: string;
			at: number;
		}>(
			`SELECT entity, record_id, kind, data, clocks, mutation_id, at FROM record_history
			 WHERE commune_id = $1 AND entity = $2 AND record_id = $3 ORDER BY id`,
			[communeId, entity, id]
		);
		return rows.map((r) => ({
			entity: r.entity,
			id: r.record_id,
			kind: r.kind,
			state: toState(r.data, r.clocks),
			mutationId: r.mutation_id,
			at: r.at
		}));
	}

	async findRecordWriters(
		communeId: string,
		entity: SyncEntity,
		id: string,
		deviceIds: readonly string[]
	): Promise<RecordWriter[]> {
		const writers: RecordWriter[] = [];
		for (const deviceId of new Set(deviceIds)) {
			const row = await this.#one<{ user_id: string; user_name: string }>(RECORD_WRITER_SQL, [
				communeId,
				entity,
				id,
				deviceId
			]);
			if (row) writers.push({ deviceId, userId: row.user_id, userName: row.user_name });
		}
		return writers;
	}

	async counts(communeId: string): Promise<{
		records: number;
		changes: number;
		appliedMutations: number;
		history: number;
	}> {
		return (await this.#one<{
			records: number;
			changes: number;
			appliedMutations: number;
			history: number;
		}>(
			`SELECT (SELECT COUNT(*) FROM records WHERE commune_id = $1)::int AS records,
			   (SELECT COUNT(*) FROM changes WHERE commune_id = $1)::int AS changes,
			   (SELECT COUNT(*) FROM applied_mutations WHERE commune_id = $1)::int AS "appliedMutations",
			   (SELECT COUNT(*) FROM record_history WHERE commune_id = $1)::int AS history`,
			[communeId]
		))!;
	}
}
