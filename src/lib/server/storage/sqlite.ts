/** The embedded default Storage: SQLite through better-sqlite3, WAL, migrations on open. */
import { isLang } from '$lib/i18n/translate';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AUDIT_ACTIONS, auditInputSchema } from '$lib/domain/audit';
import { recordDay, type DayWindow } from '$lib/domain/record-day';
import { parseHlc } from '$lib/domain/sync/hlc';
import type { FieldState } from '$lib/domain/sync/merge';
import {
	SERVER_DEVICE,
	type MutationResult,
	type Role,
	type SyncEntity
} from '$lib/domain/sync/protocol';
import { startCheckpointer, type CheckpointReport, type Checkpointer } from './checkpointer';
import { MIGRATIONS } from './migrations';
import { COUNT_STEPS, migrateSqlite } from './migrator';
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
	AuditEntries,
	AuditFrom,
	AuditQuery,
	AuditRow,
	BatchItem,
	CommunePatch,
	CommuneRow,
	BatchOutcome,
	Decision,
	HistoryRetention,
	HistoryRow,
	KeptAdminUpdate,
	UserDecision,
	RecordWriter,
	MutationEnvelope,
	PushScheduleChange,
	PushSubscriptionRow,
	ReadScope,
	ReportDueRow,
	ScheduledPush,
	SessionGuard,
	SessionRow,
	Storage,
	StoredRecord,
	UnitRow,
	UserPatch,
	UserRow,
	VapidKeyPair,
	AttemptLimit,
	Reservation,
	LoginDeviceRow,
	WriteBudget,
	WriteBudgets
} from './types';

export const DB_FILE = 'so-hop-534.sqlite';

interface AuditDb {
	id: number;
	at: number;
	commune_id: string | null;
	actor_id: string;
	actor_username: string;
	action: AuditRow['action'];
	target_id: string | null;
	target_name: string | null;
	detail: string;
}

/** A stored audit entry as the storage returns it (both engines). */
export const toAuditRow = (r: AuditDb): AuditRow => ({
	id: Number(r.id),
	at: Number(r.at),
	communeId: r.commune_id,
	actorId: r.actor_id,
	actorUsername: r.actor_username,
	action: r.action,
	targetId: r.target_id,
	targetName: r.target_name,
	detail: JSON.parse(r.detail) as Record<string, unknown>
});

export interface ReportDueDb {
	kind: string;
	year: number | string;
	due_date: string;
	/** A string on PostgreSQL (BIGINT). */
	set_at: number | string;
	set_by: string;
}
export const toReportDue = (r: ReportDueDb): ReportDueRow => ({
	kind: r.kind,
	year: Number(r.year),
	dueDate: r.due_date,
	setAt: Number(r.set_at),
	setBy: r.set_by
});

/**
 * Whether `listAudit` reads through `auditFilterSql` (a kind of action, an actor or a target).
 */
export const auditFiltered = (q: AuditQuery): boolean =>
	q.actions !== undefined || q.actorId !== undefined || q.targetId !== undefined;

/**
 * A filtered page of the audit log (`listAudit` with `actions`, `actorId` or `targetId`; a
 * target is checked on the rows of each action's range, not read by an index), both engines' text
 * (`ph(n)`: the n-th placeholder). One branch per action, each its own index range read newest
 * first and at most `limit` long (audit_log_commune_action, audit_log_commune_actor,
 * audit_log_action, audit_log_actor: the scope, the actor and the action by equality, then id),
 * merged: a page costs at most `limit` rows per action however many entries of other actions
 * (a flood of settings saves) lie between, and `id < before` keeps the paging exact under the
 * filter. Parameterised: only placeholders and fixed text.
 */
export function auditFilterSql(
	query: AuditQuery,
	ph: (n: number) => string
): { sql: string; params: unknown[] } {
	const params: unknown[] = [];
	const p = (v: unknown): string => {
		params.push(v);
		return ph(params.length);
	};
	const before = query.before ?? Number.MAX_SAFE_INTEGER;
	const branches = (query.actions ?? AUDIT_ACTIONS).map((action, i) => {
		const where = [
			query.communeId === undefined
				? null
				: query.communeId === null
					? 'commune_id IS NULL'
					: `commune_id = ${p(query.communeId)}`,
			query.actorId === undefined ? null : `actor_id = ${p(query.actorId)}`,
			query.targetId === undefined ? null : `target_id = ${p(query.targetId)}`,
			`action = ${p(action)}`,
			`id < ${p(before)}`
		].filter((w) => w !== null);
		return `SELECT * FROM (SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${p(query.limit)}) AS b${i}`;
	});
	return {
		sql: `${branches.join(' UNION ALL ')} ORDER BY id DESC LIMIT ${p(query.limit)}`,
		params
	};
}

/** The audit entries to insert, each checked (`auditInputSchema`: a bad one throws, the action's
 * transaction rolls back), as the columns' values in table order. */
export const auditValues = (audit: AuditEntries | undefined): unknown[][] =>
	(audit ?? []).map((raw) => {
		const e = auditInputSchema.parse(raw);
		return [
			e.at,
			e.communeId,
			e.actorId,
			e.actorUsername,
			e.action,
			e.targetId,
			e.targetName,
			JSON.stringify(e.detail)
		];
	});

/**
 * The accounts behind the devices' last changes of a record (`findRecordWriters`): the record's
 * `writers` column (device id -> user id, migration step `record-writers-column`), one seek by
 * the records key, then each account by its key (written as a CROSS JOIN, that order is
 * kept: left to itself, the planner may walk the commune's users instead).
 */
export const RECORD_WRITER_SQL = `SELECT w.key AS deviceId, u.id AS userId,
	  COALESCE(NULLIF(u.display_name, ''), u.username) AS userName
	FROM records r CROSS JOIN json_each(r.writers) w
	CROSS JOIN users u ON u.id = w.value AND u.commune_id = r.commune_id
	WHERE r.commune_id = ? AND r.entity = ? AND r.id = ?`;

/**
 * A record's `writers` after a change (findRecordWriters reads them): the account behind each
 * device whose clock a field of the record still carries, this change's device included. Those
 * are the only devices a lost-field answer can name (its clocks are the stored ones that won), and
 * their number is bounded by the record's fields, however many device ids ever wrote it (a device
 * id is the client's choice).
 */
export function nextWriters(
	stored: string | null,
	state: Pick<FieldState, 'clocks'>,
	deviceId: string,
	userId: string
): string {
	// A new record (nothing stored): no other device's account is known, only this change's.
	if (stored === null) return `{${JSON.stringify(deviceId)}:${JSON.stringify(userId)}}`;
	const before = new Map(Object.entries(JSON.parse(stored || '{}') as Record<string, unknown>));
	const writers = new Map<string, string>();
	for (const clock of new Set(Object.values(state.clocks))) {
		const node = parseHlc(clock)?.node;
		if (node === undefined || node === deviceId || writers.has(node)) continue;
		const user = before.get(node);
		if (typeof user === 'string') writers.set(node, user);
	}
	writers.set(deviceId, userId);
	return JSON.stringify(Object.fromEntries(writers));
}

/**
 * A commune's last seq (#lastSeq, communeSeqs), over its `commune_seq` row `s`: its highest record
 * seq, the counter row as a floor.
 */
const LAST_SEQ = `MAX(s.seq, COALESCE((SELECT MAX(r.seq) FROM records r
	  WHERE r.commune_id = s.commune_id), 0))`;

/**
 * When each commune's data last arrived (`Storage.lastArrivals`): walks `records_seq` down from the
 * commune's highest seq to the first record a device wrote (the server's seeding writes keep
 * `received_at` NULL and sit at the bottom), one seek per commune.
 */
export const LAST_ARRIVAL_SQL = `SELECT c.id AS commune_id, (SELECT r.received_at FROM records r
	  WHERE r.commune_id = c.id AND r.received_at IS NOT NULL ORDER BY r.seq DESC LIMIT 1) AS at
	FROM communes c`;

interface UserDb {
	id: string;
	username: string;
	display_name: string;
	password_hash: string;
	role: Role;
	commune_id: string | null;
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
	/** JSON: device id -> user id (nextWriters). */
	writers: string | null;
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
	communeId: r.commune_id,
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
/**
 * The `clocks` column as written since migration step 10 (issue 13, push cost): most fields of a
 * record carry the same clock (a full put stamps every field with one), so the column holds that
 * clock once under the key `''` (never a field name: records are parsed by their zod schemas) and
 * only the fields whose clock differs. About 50 bytes instead of 700 for a new meeting, so a
 * record row fits three times as often in a page. A state whose clocks do not name exactly the
 * record's fields, and every row written before, is stored (and read) as the plain map.
 */
export function packClocks(state: FieldState): string {
	const { data, clocks } = state;
	const keys = Object.keys(data);
	if (keys.length === 0 || Object.keys(clocks).length !== keys.length)
		return JSON.stringify(clocks);
	// Every field with one clock (a new record, a full put): that clock alone, without counting.
	const first = clocks[keys[0]!];
	let same = 1;
	while (same < keys.length && clocks[keys[same]!] === first) same++;
	if (same === keys.length && first !== undefined) return `{"":${JSON.stringify(first)}}`;
	const counts = new Map<string, number>();
	let common = '';
	let best = 0;
	for (const k of keys) {
		const c = clocks[k];
		if (c === undefined) return JSON.stringify(clocks);
		const n = (counts.get(c) ?? 0) + 1;
		counts.set(c, n);
		if (n > best) {
			best = n;
			common = c;
		}
	}
	const packed: Record<string, string> = { '': common };
	for (const k of keys) if (clocks[k] !== common) packed[k] = clocks[k]!;
	return JSON.stringify(packed);
}

/** The per-field clocks of a stored row, packed (packClocks) or a plain map. */
export function unpackClocks(
	data: Readonly<Record<string, unknown>>,
	stored: Record<string, string>
): Record<string, string> {
	if (!Object.hasOwn(stored, '')) return stored;
	const common = stored[''];
	const clocks: Record<string, string> = {};
	for (const k of Object.keys(data)) clocks[k] = Object.hasOwn(stored, k) ? stored[k]! : common!;
	return clocks;
}

/** A cached value handed to every caller: frozen, so no caller can change it for the others. */
function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		for (const v of Object.values(value)) deepFreeze(v);
		Object.freeze(value);
	}
	return value;
}

const toState = (data: string, clocks: string): FieldState => {
	const d = JSON.parse(data) as Record<string, unknown>;
	return { data: d, clocks: unpackClocks(d, JSON.parse(clocks) as Record<string, string>) };
};
const toRecord = (r: RecordDb): StoredRecord => ({
	entity: r.entity,
	id: r.id,
	unitCode: r.unit_code,
	state: toState(r.data, r.clocks),
	hlc: r.hlc,
	deleted: r.deleted === 1,
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

/** record_history kept unless configured otherwise (docs/sync-protocol.md, "Storage growth"). */
export const DEFAULT_HISTORY_RETENTION: HistoryRetention = { versionsPerRecord: 50, days: 365 };

export interface SqliteOptions {
	history?: HistoryRetention;
	/**
	 * Who copies the write-ahead log back into the database. `inline` (the default): SQLite's
	 * auto-checkpoint, inside the commit that crosses 1,000 frames. `background` (the server with
	 * SQLITE_CHECKPOINT=background): a worker thread with its own connection, every
	 * CHECKPOINT_INTERVAL_MS, so no request waits for a checkpoint (checkpointer.ts).
	 */
	checkpoint?: 'inline' | 'background';
}

/** How often the background checkpointer runs. */
export const CHECKPOINT_INTERVAL_MS = 250;
/** Log frames (pages) above which the serving connection checkpoints inline again. */
export const MAX_BACKGROUND_FRAMES = 20_000;
/** SQLite's default auto-checkpoint, in frames. */
const INLINE_CHECKPOINT_FRAMES = 1000;

/**
 * Open (and migrate) the database under `dataDir`. WAL with `synchronous = FULL`: a transaction is
 * on disk (the WAL is fsynced) before its commit returns, so an acknowledged push survives a
 * crash of the process or the machine.
 */
export function openSqliteStorage(dataDir: string, options: SqliteOptions = {}): SqliteStorage {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, DB_FILE));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	// A log that grew (a checkpoint fell behind) is cut back to 64 MiB when it restarts.
	db.pragma('journal_size_limit = 67108864');
	migrateSqlite(db, MIGRATIONS, Date.now);
	// After the migrations (an index build sorts the whole table: it may spill to disk): temporary
	// storage in memory, so a push's savepoint and statement journals are not a temporary file
	// opened, written and deleted in its commit (this build's default, TEMP_STORE=1, puts them on
	// disk). It also keeps temporary tables and sorts in memory, so the one whole-table sort of
	// the service (pruneHistory) switches back to files while it runs. The commit's durability is
	// the log's either way.
	db.pragma('temp_store = MEMORY');
	const storage = new SqliteStorage(db, options.history ?? DEFAULT_HISTORY_RETENTION);
	if (options.checkpoint === 'background') storage.checkpointInBackground();
	return storage;
}

const DAY_MS = 86_400_000;

/** The answer to an applied mutation (and to its resend): the seq only when there is one. */
const appliedResult = (
	mutationId: string,
	status: 'applied' | 'duplicate',
	seq: number | null | undefined,
	lost: string | readonly { field: string; clock: string }[] | null | undefined
): MutationResult => ({
	mutationId,
	status,
	...(seq ? { seq } : {}),
	...(lost
		? { lost: typeof lost === 'string' ? (JSON.parse(lost) as MutationResult['lost']) : [...lost] }
		: {})
});

/** The tables whose rows of a user are capped to the newest (`#keepNewest`), and their keys. */
const NEWEST_KEY = {
	sessions: 'token_hash',
	login_devices: 'token_hash',
	push_subscriptions: 'endpoint'
} as const;

export class SqliteStorage implements Storage {
	readonly #db: Database.Database;
	readonly #reserve: (limits: AttemptLimit[], since: number, at: number) => Reservation;
	readonly #history: HistoryRetention;
	/** Every statement is prepared once, on first use. */
	readonly #statements = new Map<string, Database.Statement>();
	readonly #apply: (
		communeId: string,
		env: MutationEnvelope,
		decide: (c: StoredRecord | null) => Decision
	) => MutationResult;
	readonly #batch: Database.Transaction<
		(
			communeId: string,
			items: readonly BatchItem[],
			budget: WriteBudgets | undefined
		) => BatchOutcome
	>;

	/**
	 * Per commune, its units and its settings record as last read (a push reads both before every
	 * request). Emptied when another connection has committed (`PRAGMA data_version` moved) and,
	 * for one commune, when this connection writes one of its units or its settings; filled only
	 * outside a transaction, so it never holds what a rollback undid.
	 */
	readonly #communeCache = new Map<
		string,
		{ units?: readonly UnitRow[]; settings?: StoredRecord | null }
	>();
	#dataVersion: number | null = null;

	/** Last seq taken per commune in the running group commit (null outside one). */
	#seqs: Map<string, number> | null = null;
	#pending: {
		communeId: string;
		items: readonly BatchItem[];
		budget: WriteBudgets | undefined;
		resolve: (o: BatchOutcome) => void;
		reject: (err: unknown) => void;
	}[] = [];
	readonly #group: Database.Transaction<
		(
			group: readonly {
				communeId: string;
				items: readonly BatchItem[];
				budget: WriteBudgets | undefined;
			}[]
		) => ({ ok: true; value: BatchOutcome } | { ok: false; error: unknown })[]
	>;

	constructor(db: Database.Database, history: HistoryRetention = DEFAULT_HISTORY_RETENTION) {
		this.#db = db;
		this.#reserve = db.transaction((limits: AttemptLimit[], since: number, at: number) =>
			this.#reserveInTransaction(limits, since, at)
		);
		this.#history = history;
		// Nested inside #batch, a better-sqlite3 transaction is a savepoint.
		this.#apply = db.transaction(
			(communeId: string, env: MutationEnvelope, decide: (c: StoredRecord | null) => Decision) =>
				this.#applyInTransaction(communeId, env, decide)
		);
		const batch = (
			communeId: string,
			items: readonly BatchItem[],
			budget: WriteBudgets | undefined
		): BatchOutcome => {
			const charged = chargedBudgets(budget);
			if (charged.length > 0) {
				const wait = this.#charge(charged);
				if (wait > 0) return { ok: false, retryAfterMs: wait };
			}
			// No savepoint per mutation: a decision is made before anything is written (a rejection
			// writes nothing), and an error undoes the whole request (its savepoint in #group, or the
			// whole transaction when it is alone).
			return {
				ok: true,
				results: items.map((i) => this.#applyInTransaction(communeId, i.envelope, i.decide))
			};
		};
		this.#batch = db.transaction(batch);
		// Inside #group, each #batch is a savepoint: a request that throws is rolled back alone.
		// The seqs a request takes stay taken for the rest of the group if its savepoint rolls back
		// (a gap in seq is harmless: a pull asks for seq > cursor; a later commit may take them
		// again, never announced: #lastSeq); no counter is written.
		// A request alone in its group (every request of a quiet server) needs no savepoint: if it
		// throws, the whole transaction rolls back (#flush answers it with the error). A savepoint
		// costs more than its two statements: every page it changes is first copied to the
		// savepoint's journal.
		this.#group = db.transaction((group) => {
			this.#seqs = new Map();
			try {
				const outcomes =
					group.length === 1
						? [
								{
									ok: true as const,
									value: batch(group[0]!.communeId, group[0]!.items, group[0]!.budget)
								}
							]
						: group.map((g) => {
								try {
									return { ok: true as const, value: this.#batch(g.communeId, g.items, g.budget) };
								} catch (error) {
									return { ok: false as const, error };
								}
							});
				return outcomes;
			} finally {
				this.#seqs = null;
			}
		});
	}

	#q(sql: string): Database.Statement {
		let st = this.#statements.get(sql);
		if (!st) {
			st = this.#db.prepare(sql);
			this.#statements.set(sql, st);
		}
		return st;
	}

	/** Insert audit entries (inside the caller's transaction). */
	#audit(audit: AuditEntries | undefined): void {
		for (const values of auditValues(audit))
			this.#q(
				`INSERT INTO audit_log (at, commune_id, actor_id, actor_username, action, target_id,
				   target_name, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
			).run(...values);
	}

	/**
	 * Token buckets: charge each its `cost` when every bucket holds it (or is full); else charge none
	 * and return the longest wait in ms.
	 */
	#charge(budgets: readonly WriteBudget[]): number {
		const left: number[] = [];
		let wait = 0;
		for (const b of budgets) {
			const row = this.#q('SELECT tokens, updated_at FROM write_budget WHERE key = ?').get(
				b.key
			) as { tokens: number; updated_at: number } | undefined;
			const perMs = b.perMinute / 60_000;
			const tokens = row
				? Math.min(b.burst, row.tokens + Math.max(0, b.now - row.updated_at) * perMs)
				: b.burst;
			const need = Math.min(b.cost, b.burst);
			if (tokens < need) wait = Math.max(wait, Math.max(1, Math.ceil((need - tokens) / perMs)));
			left.push(tokens - b.cost);
		}
		if (wait > 0) return wait;
		budgets.forEach((b, i) =>
			this.#q(
				`INSERT INTO write_budget (key, tokens, updated_at) VALUES (?, ?, ?)
				 ON CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at`
			).run(b.key, left[i]!, b.now)
		);
		return 0;
	}

	/** `PRAGMA synchronous` as a name (FULL is what openSqliteStorage sets). */
	get synchronous(): string {
		const n = this.#db.pragma('synchronous', { simple: true }) as number;
		return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][n] ?? String(n);
	}

	/** The migration steps the database has (migrator.ts). */
	get schemaVersion(): number {
		return (this.#db.prepare(COUNT_STEPS).get() as { n: number }).n;
	}

	#checkpointer: Checkpointer | null = null;
	/** The background checkpointer's last report (null: none yet, or checkpoints are inline). */
	lastCheckpoint: CheckpointReport | null = null;

	/**
	 * Checkpoints leave the request path: this connection stops checkpointing and a worker thread
	 * does it (checkpointer.ts). If the worker fails, or the log outgrows MAX_BACKGROUND_FRAMES,
	 * this connection checkpoints inline again (for good, or until the log is small again).
	 */
	checkpointInBackground(): void {
		if (this.#checkpointer) return;
		const inline = (on: boolean) =>
			this.#db.open && this.#db.pragma(`wal_autocheckpoint = ${on ? INLINE_CHECKPOINT_FRAMES : 0}`);
		inline(false);
		this.#checkpointer = startCheckpointer({
			file: this.#db.name,
			intervalMs: CHECKPOINT_INTERVAL_MS,
			onReport: (r) => {
				this.lastCheckpoint = r;
				if (r.log > MAX_BACKGROUND_FRAMES) inline(true);
				else if (r.log < INLINE_CHECKPOINT_FRAMES) inline(false);
			},
			onError: (e) => {
				console.error('[so-hop-534] background checkpoint stopped; checkpointing inline', e);
				this.#checkpointer = null;
				inline(true);
			}
		});
	}

	/** `PRAGMA wal_autocheckpoint` of the serving connection (0: checkpoints in the background). */
	get autoCheckpointFrames(): number {
		return this.#db.pragma('wal_autocheckpoint', { simple: true }) as number;
	}

	close(): void {
		void this.#checkpointer?.stop();
		this.#checkpointer = null;
		this.#db.close();
	}

	/**
	 * close(), resolved once the background checkpointer (if any) has exited. The checkpointer's
	 * connection closes first: the serving one is then the last, which checkpoints and removes the
	 * -wal file. Closed side by side, each could find the other still open, and the log stayed (a
	 * vitest flake under load, round twenty-one).
	 */
	async closed(): Promise<void> {
		const stopping = this.#checkpointer?.stop();
		this.#checkpointer = null;
		await stopping;
		if (this.#db.open) this.#db.close();
	}

	async countUsers(): Promise<number> {
		return (this.#db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
	}

	async createUser(u: UserRow, audit?: AuditEntries): Promise<UserRow | null> {
		return this.#db.transaction((): UserRow | null => {
			if (this.#insertUser(u) !== 1) return null;
			this.#audit(audit);
			return u;
		})();
	}

	#insertUser(u: UserRow): number {
		return this.#db
			.prepare(
				`INSERT INTO users (id, username, display_name, password_hash, role, commune_id, unit_code,
				   disabled, must_change_password, created_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING`
			)
			.run(
				u.id,
				u.username,
				u.displayName,
				u.passwordHash,
				u.role,
				u.communeId,
				u.unitCode,
				u.disabled ? 1 : 0,
				u.mustChangePassword ? 1 : 0,
				u.createdAt
			).changes;
	}

	async findUserByUsername(username: string): Promise<UserRow | null> {
		const row = this.#db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
			UserDb | undefined;
		return row ? toUser(row) : null;
	}

	async findUserById(id: string): Promise<UserRow | null> {
		const row = this.#q('SELECT * FROM users WHERE id = ?').get(id) as UserDb | undefined;
		return row ? toUser(row) : null;
	}

	async listUsers(communeId: string | null): Promise<UserRow[]> {
		return (
			this.#q('SELECT * FROM users WHERE commune_id IS ? ORDER BY username').all(
				communeId
			) as UserDb[]
		).map(toUser);
	}

	async listCommunes(): Promise<CommuneRow[]> {
		return (this.#q('SELECT * FROM communes ORDER BY id').all() as CommuneDb[]).map(toCommune);
	}

	async createCommune(c: CommuneRow, audit?: AuditEntries): Promise<CommuneRow | null> {
		return this.#db.transaction((): CommuneRow | null => {
			const info = this.#q(
				`INSERT INTO communes (id, name, area, parent_name, created_at) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (id) DO NOTHING`
			).run(c.id, c.name, c.area, c.parentName, c.createdAt);
			if (info.changes !== 1) return null;
			this.#q('INSERT INTO commune_seq (commune_id, seq) VALUES (?, 0)').run(c.id);
			this.#audit(audit);
			return c;
		})();
	}

	async communeSeqs(): Promise<Map<string, number>> {
		const rows = this.#q(`SELECT s.commune_id, ${LAST_SEQ} AS seq FROM commune_seq s`).all() as {
			commune_id: string;
			seq: number;
		}[];
		return new Map(rows.map((r) => [r.commune_id, r.seq]));
	}

	async findCommune(id: string): Promise<CommuneRow | null> {
		const row = this.#q('SELECT * FROM communes WHERE id = ?').get(id) as CommuneDb | undefined;
		return row ? toCommune(row) : null;
	}

	async lastArrivals(): Promise<Map<string, number>> {
		const rows = this.#q(LAST_ARRIVAL_SQL).all() as { commune_id: string; at: number | null }[];
		return new Map(rows.flatMap((r) => (r.at === null ? [] : [[r.commune_id, r.at] as const])));
	}

	async updateCommune(
		id: string,
		patch: CommunePatch,
		audit?: AuditFrom<CommuneRow>
	): Promise<CommuneRow | null> {
		return this.#db.transaction((): CommuneRow | null => {
			const row = this.#q('SELECT * FROM communes WHERE id = ?').get(id) as CommuneDb | undefined;
			if (!row) return null;
			const before = toCommune(row);
			const next = { ...before, ...patch };
			this.#q('UPDATE communes SET name = ?, area = ? WHERE id = ?').run(next.name, next.area, id);
			this.#audit(typeof audit === 'function' ? audit(before) : audit);
			return next;
		})();
	}

	async findReportDue(kind: string, year: number): Promise<ReportDueRow | null> {
		const row = this.#q('SELECT * FROM report_due_dates WHERE kind = ? AND year = ?').get(
			kind,
			year
		) as ReportDueDb | undefined;
		return row ? toReportDue(row) : null;
	}

	async setReportDue(
		kind: string,
		year: number,
		next: Omit<ReportDueRow, 'kind' | 'year'> | null,
		audit?: AuditFrom<ReportDueRow | null>
	): Promise<ReportDueRow | null> {
		return this.#db
			.transaction((): ReportDueRow | null => {
				const row = this.#q('SELECT * FROM report_due_dates WHERE kind = ? AND year = ?').get(
					kind,
					year
				) as ReportDueDb | undefined;
				const before = row ? toReportDue(row) : null;
				// Already so: nothing to write, nothing to log.
				if ((before?.dueDate ?? null) === (next?.dueDate ?? null)) return before;
				if (next === null)
					this.#q('DELETE FROM report_due_dates WHERE kind = ? AND year = ?').run(kind, year);
				else
					this.#q(
						`INSERT INTO report_due_dates (kind, year, due_date, set_at, set_by) VALUES (?, ?, ?, ?, ?)
						 ON CONFLICT (kind, year) DO UPDATE SET due_date = excluded.due_date,
						   set_at = excluded.set_at, set_by = excluded.set_by`
					).run(kind, year, next.dueDate, next.setAt, next.setBy);
				this.#audit(typeof audit === 'function' ? audit(before) : audit);
				return next === null ? null : { kind, year, ...next };
			})
			.immediate();
	}

	async createSession(s: SessionRow, audit?: AuditEntries, guard?: SessionGuard): Promise<boolean> {
		// Immediate: the row is read under the write lock, so no change of the account commits
		// between the check and the insert.
		return this.#db
			.transaction((): boolean => {
				if (guard) {
					const held = this.#q(
						'SELECT 1 FROM users WHERE id = ? AND password_hash = ? AND disabled = 0'
					).get(s.userId, guard.passwordHash);
					if (held === undefined) return false;
				}
				this.#q(
					'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'
				).run(s.tokenHash, s.userId, s.createdAt, s.expiresAt);
				this.#keepNewest('sessions', s.userId, s.tokenHash, MAX_SESSIONS_PER_USER);
				// A trusted sign-in writes no device, so the count cannot have grown.
				if (guard?.device) {
					this.#insertLoginDevice(guard.device);
					this.#keepNewest(
						'login_devices',
						s.userId,
						guard.device.tokenHash,
						MAX_SESSIONS_PER_USER
					);
				}
				this.#audit(audit);
				return true;
			})
			.immediate();
	}

	async updateUser(id: string, patch: UserPatch, audit?: AuditEntries): Promise<UserRow | null> {
		return this.#db.transaction((): UserRow | null => {
			const row = this.#q('SELECT id FROM users WHERE id = ?').get(id);
			if (!row) return null;
			this.#writeUser(id, patch);
			this.#audit(audit);
			return toUser(this.#q('SELECT * FROM users WHERE id = ?').get(id) as UserDb);
		})();
	}

	#writeUser(id: string, patch: UserPatch): void {
		const entries = (Object.keys(USER_COLUMNS) as (keyof UserPatch)[])
			.filter((k) => patch[k] !== undefined)
			.map((k) => {
				const v = patch[k];
				return [USER_COLUMNS[k], typeof v === 'boolean' ? (v ? 1 : 0) : v] as const;
			});
		if (entries.length === 0) return;
		// Column names come from USER_COLUMNS only; values are parameters.
		this.#db
			.prepare(`UPDATE users SET ${entries.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`)
			.run(...entries.map(([, v]) => v), id);
	}

	/** Keep `kept` (just written) and the user's `max - 1` newest other rows of `table`. */
	#keepNewest(table: keyof typeof NEWEST_KEY, userId: string, kept: string, max: number): void {
		const key = NEWEST_KEY[table];
		// Table and column names from NEWEST_KEY only; values are parameters.
		this.#q(
			`DELETE FROM ${table} WHERE user_id = ? AND ${key} <> ? AND ${key} NOT IN (
			   SELECT ${key} FROM ${table} WHERE user_id = ? AND ${key} <> ?
			   ORDER BY created_at DESC, ${key} LIMIT ?)`
		).run(userId, kept, userId, kept, max - 1);
	}

	/**
	 * Forget every login device of the user and end every session but `keep`: how many sessions
	 * ended, and how many rows went in all (sessions, devices, subscriptions, unsent pushes).
	 */
	#endAccess(userId: string, keep: string | null): { sessions: number; rows: number } {
		let rows = this.#q('DELETE FROM login_devices WHERE user_id = ?').run(userId).changes;
		// No session kept (a disable, a reset, "end all sessions": the lost-phone cases): its
		// devices' Web Push subscriptions and unsent pushes (meeting titles) end too.
		if (keep === null) {
			rows += this.#q('DELETE FROM push_subscriptions WHERE user_id = ?').run(userId).changes;
			rows += this.#q('DELETE FROM push_schedule WHERE user_id = ? AND sent_at IS NULL').run(
				userId
			).changes;
		}
		const sessions = this.#q('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').run(
			userId,
			keep
		).changes;
		return { sessions, rows: rows + sessions };
	}

	async changeUser<R>(
		id: string,
		adminRole: Role,
		decide: (before: UserRow) => UserDecision<R>
	): Promise<KeptAdminUpdate<R>> {
		// Immediate: the write lock is taken before the read, so another process on the file
		// cannot write between the read, the count and the update.
		return this.#db
			.transaction((): KeptAdminUpdate<R> => {
				const row = this.#q('SELECT * FROM users WHERE id = ?').get(id) as UserDb | undefined;
				if (!row) return { ok: false, reason: 'not_found' };
				const user = toUser(row);
				const decision = decide(user);
				if (!decision.ok) return { ok: false, reason: 'refused', refusal: decision.refusal };
				if (losesAdmin(user, decision.patch, adminRole)) {
					const others = this.#q(
						`SELECT COUNT(*) FROM users WHERE commune_id IS ? AND role = ? AND disabled = 0
						   AND id <> ?`
					)
						.pluck()
						.get(user.communeId, adminRole, id) as number;
					if (others === 0) return { ok: false, reason: 'last_admin' };
				}
				this.#writeUser(id, decision.patch);
				if (decision.endAccess) this.#endAccess(id, decision.endAccess.keepTokenHash ?? null);
				this.#audit(decision.audit);
				return {
					ok: true,
					user: toUser(this.#q('SELECT * FROM users WHERE id = ?').get(id) as UserDb)
				};
			})
			.immediate();
	}

	async findSession(tokenHash: string): Promise<SessionRow | null> {
		const row = this.#q(
			'SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?'
		).get(tokenHash) as SessionDb | undefined;
		return row ? toSession(row) : null;
	}

	async deleteSession(tokenHash: string): Promise<void> {
		this.#db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
	}

	async deleteExpiredSessions(now: number): Promise<number> {
		return this.#db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
	}

	async endUserAccess(userId: string, audit?: AuditEntries): Promise<number> {
		return this.#db.transaction((): number => {
			const ended = this.#endAccess(userId, null);
			// Nothing to end, nothing to log (attacker review r19, 1: a flood of no-ops buried the
			// real entries).
			if (ended.rows > 0) this.#audit(audit);
			return ended.sessions;
		})();
	}

	async listAudit(query: AuditQuery): Promise<AuditRow[]> {
		if (auditFiltered(query)) {
			const { sql, params } = auditFilterSql(query, () => '?');
			return (this.#q(sql).all(...params) as AuditDb[]).map(toAuditRow);
		}
		const before = query.before ?? Number.MAX_SAFE_INTEGER;
		const rows = (
			query.communeId === undefined
				? this.#q('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?').all(
						before,
						query.limit
					)
				: this.#q(
						'SELECT * FROM audit_log WHERE commune_id IS ? AND id < ? ORDER BY id DESC LIMIT ?'
					).all(query.communeId, before, query.limit)
		) as AuditDb[];
		return rows.map(toAuditRow);
	}

	async pruneAudit(before: number): Promise<number> {
		return this.#q('DELETE FROM audit_log WHERE at < ?').run(before).changes;
	}

	async listActiveSessions(now: number, communeId: string | null): Promise<SessionRow[]> {
		return (
			this.#q(
				`SELECT s.* FROM sessions s JOIN users u ON u.id = s.user_id
				 WHERE s.expires_at > ? AND u.commune_id IS ? ORDER BY s.created_at`
			).all(now, communeId) as SessionDb[]
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

	async clearLoginAttempts(
		keys: string[],
		prefixes: string[] = [],
		audit?: AuditEntries
	): Promise<number> {
		const del = this.#q('DELETE FROM login_attempts WHERE key = ?');
		const delPrefix = this.#q('DELETE FROM login_attempts WHERE substr(key, 1, length(?)) = ?');
		return this.#db.transaction((): number => {
			let cleared = 0;
			for (const k of keys) cleared += del.run(k).changes;
			for (const p of prefixes) cleared += delPrefix.run(p, p).changes;
			if (cleared > 0) this.#audit(audit);
			return cleared;
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

	#insertLoginDevice(d: LoginDeviceRow): void {
		this.#q(
			`INSERT INTO login_devices (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (token_hash) DO UPDATE SET expires_at = excluded.expires_at`
		).run(d.tokenHash, d.userId, d.createdAt, d.expiresAt);
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

	/** The cache entry of a commune, or null when it may not be used (inside a transaction). */
	#cacheOf(
		communeId: string
	): { units?: readonly UnitRow[]; settings?: StoredRecord | null } | null {
		if (this.#db.inTransaction) return null;
		const version = this.#q('PRAGMA data_version').pluck().get() as number;
		if (version !== this.#dataVersion) {
			this.#communeCache.clear();
			this.#dataVersion = version;
		}
		let entry = this.#communeCache.get(communeId);
		if (!entry) {
			entry = {};
			this.#communeCache.set(communeId, entry);
		}
		return entry;
	}

	async listUnits(communeId: string): Promise<UnitRow[]> {
		const cache = this.#cacheOf(communeId);
		if (cache?.units) return [...cache.units];
		const units = (
			this.#q('SELECT * FROM units WHERE commune_id = ? ORDER BY code').all(communeId) as UnitDb[]
		).map((r) => Object.freeze(toUnit(r)));
		if (cache) cache.units = units;
		return [...units];
	}

	async findUnit(communeId: string, code: string): Promise<UnitRow | null> {
		const row = this.#q('SELECT * FROM units WHERE commune_id = ? AND code = ?').get(
			communeId,
			code
		) as UnitDb | undefined;
		return row ? toUnit(row) : null;
	}

	async findAppliedMutation(communeId: string, mutationId: string): Promise<MutationResult | null> {
		const row = this.#q(
			'SELECT seq, lost FROM mutations WHERE commune_id = ? AND mutation_id = ?'
		).get(communeId, mutationId) as { seq: number | null; lost: string | null } | undefined;
		return row ? appliedResult(mutationId, 'applied', row.seq, row.lost) : null;
	}

	async applyMutation(
		communeId: string,
		envelope: MutationEnvelope,
		decide: (current: StoredRecord | null) => Decision
	): Promise<MutationResult> {
		return this.#apply(communeId, envelope, decide);
	}

	#applyInTransaction(
		communeId: string,
		env: MutationEnvelope,
		decide: (c: StoredRecord | null) => Decision
	): MutationResult {
		const done = this.#q(
			`SELECT seq, lost, entity, record_id, user_id FROM mutations
			 WHERE commune_id = ? AND mutation_id = ?`
		).get(communeId, env.mutationId) as
			| {
					seq: number | null;
					lost: string | null;
					entity: string | null;
					record_id: string | null;
					user_id: string | null;
			  }
			| undefined;
		if (done) {
			// A resend of the same change answers what the first one did; the id used for another
			// record, or by another account, is refused and learns nothing of the first one (rows
			// folded from before the fold-mutations step may lack entity and record id: taken as
			// the same record).
			if (isResend({ entity: done.entity, recordId: done.record_id, userId: done.user_id }, env))
				return appliedResult(env.mutationId, 'duplicate', done.seq, done.lost);
			return mutationIdReused(env.mutationId);
		}

		const row = this.#q('SELECT * FROM records WHERE commune_id = ? AND entity = ? AND id = ?').get(
			communeId,
			env.entity,
			env.recordId
		) as RecordDb | undefined;
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
			seq = this.#nextSeq(communeId);
			const updatedAt = decision.state.data.updatedAt;
			this.#q(
				`INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at,
				   deleted, seq, day, writers, received_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (commune_id, entity, id) DO UPDATE SET unit_code = excluded.unit_code, data = excluded.data,
				   clocks = excluded.clocks, hlc = excluded.hlc, updated_at = excluded.updated_at,
				   deleted = excluded.deleted, seq = excluded.seq, day = excluded.day,
				   writers = excluded.writers, received_at = excluded.received_at`
			).run(
				communeId,
				env.entity,
				env.recordId,
				decision.unitCode,
				JSON.stringify(decision.state.data),
				packClocks(decision.state),
				decision.hlc,
				typeof updatedAt === 'number' ? updatedAt : env.at,
				decision.deleted ? 1 : 0,
				seq,
				recordDay(env.entity, decision.state.data),
				nextWriters(row?.writers ?? null, decision.state, env.deviceId, env.userId),
				env.deviceId === SERVER_DEVICE ? null : env.at
			);
			if (env.entity === 'unit' || env.entity === 'settings') this.#communeCache.delete(communeId);
			if (decision.unit) {
				const u = decision.unit;
				this.#q(
					`INSERT INTO units (commune_id, code, name, kind, archived) VALUES (?, ?, ?, ?, ?)
					 ON CONFLICT (commune_id, code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
					   archived = excluded.archived`
				).run(communeId, u.code, u.name, u.kind, u.archived ? 1 : 0);
			}
		}
		const insertHistory = this.#q(
			`INSERT INTO record_history (commune_id, entity, record_id, kind, data, clocks, mutation_id, at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		);
		for (const h of decision.history) {
			insertHistory.run(
				communeId,
				env.entity,
				env.recordId,
				h.kind,
				JSON.stringify(h.state.data),
				packClocks(h.state),
				env.mutationId,
				env.at
			);
		}
		if (decision.history.length > 0)
			this.#boundHistory(communeId, env.entity, env.recordId, env.at);
		if (decision.pushSchedule) this.#changePushSchedule(communeId, decision.pushSchedule);
		if (decision.changed) this.#audit(decision.audit);
		// One row per applied mutation: the answer to a resend (seq, lost fields) and, when it
		// changed the record, the change log (who, which device, when).
		const lost = decision.lost && decision.lost.length > 0 ? decision.lost : undefined;
		this.#q(
			`INSERT INTO mutations (commune_id, mutation_id, seq, changed, entity, record_id, unit_code,
			   user_id, device_id, applied_at, lost)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		).run(
			communeId,
			env.mutationId,
			seq || null,
			decision.changed ? 1 : 0,
			env.entity,
			env.recordId,
			decision.unitCode,
			env.userId,
			env.deviceId,
			env.at,
			lost ? JSON.stringify(lost) : null
		);
		return appliedResult(env.mutationId, 'applied', seq, lost);
	}

	/**
	 * The commune's next seq, taken inside the writing transaction (SQLite has one writer at a
	 * time, so commits happen in seq order). In a group commit the last seq is read once per
	 * commune (#seqs); alone, once per mutation.
	 */
	#nextSeq(communeId: string): number {
		const seqs = this.#seqs;
		const last = seqs?.get(communeId) ?? this.#lastSeq(communeId);
		seqs?.set(communeId, last + 1);
		return last + 1;
	}

	/**
	 * The commune's last seq: the highest seq of its records, one seek at the end of `records_seq`
	 * (every seq taken is written to the record it changed, and records are never deleted). A push
	 * writes no counter, a page of the log less per commit (issue 13, point 2). The `commune_seq`
	 * row, written by the pushes of older versions, stays a floor: a database whose counter ran
	 * ahead of its records (seqs rolled back, or records removed by hand before that step) never
	 * takes a seq again. Since migration step `commune-seq-from-records` triggers refuse to update
	 * the row and to delete a record. A seq taken by a request whose savepoint rolled back is taken
	 * again by the next commit: harmless, since nothing announces a seq before its commit (the
	 * answer and the live poke come after it; keep it so).
	 */
	#lastSeq(communeId: string): number {
		const row = this.#q(`SELECT ${LAST_SEQ} AS seq FROM commune_seq s WHERE s.commune_id = ?`).get(
			communeId
		) as { seq: number } | undefined;
		if (!row) throw new Error(`unknown commune ${communeId}`);
		return row.seq;
	}

	/** Keep the newest `versionsPerRecord` versions of one record, none older than `days`. */
	#boundHistory(communeId: string, entity: SyncEntity, recordId: string, now: number): void {
		this.#q(
			`DELETE FROM record_history WHERE commune_id = ? AND entity = ? AND record_id = ? AND (
			   at < ? OR id NOT IN (SELECT id FROM record_history
			   WHERE commune_id = ? AND entity = ? AND record_id = ? ORDER BY id DESC LIMIT ?))`
		).run(
			communeId,
			entity,
			recordId,
			now - this.#history.days * DAY_MS,
			communeId,
			entity,
			recordId,
			this.#history.versionsPerRecord
		);
	}

	/**
	 * Group commit: the push requests that arrive while the event loop is busy (e.g. with the
	 * previous commit's fsync) are written in one transaction, each request in its own savepoint
	 * (an error undoes and fails only that request; a request alone in its group has none, and an
	 * error rolls back the whole transaction, i.e. only that request), and all answered after the
	 * one commit. Under
	 * load this is one fsync for many requests; alone, a request waits one loop turn.
	 */
	applyBatch(
		communeId: string,
		items: readonly BatchItem[],
		budget?: WriteBudget
	): Promise<BatchOutcome> {
		return new Promise((resolve, reject) => {
			this.#pending.push({ communeId, items, budget, resolve, reject });
			if (this.#pending.length === 1) setImmediate(() => this.#flush());
		});
	}

	#flush(): void {
		const group = this.#pending;
		this.#pending = [];
		let outcomes: ({ ok: true; value: BatchOutcome } | { ok: false; error: unknown })[];
		try {
			// IMMEDIATE: take the write lock first, so a budget read and its update cannot interleave
			// with another process's.
			outcomes = this.#group.immediate(group);
		} catch (error) {
			for (const g of group) g.reject(error);
			return;
		}
		outcomes.forEach((o, i) => {
			if (o.ok) group[i]!.resolve(o.value);
			else group[i]!.reject(o.error);
		});
	}

	async pruneHistory(now: number): Promise<number> {
		// Its window function sorts the whole history: on disk, not in memory (temp_store above).
		this.#db.pragma('temp_store = FILE');
		try {
			return this.#pruneHistory(now);
		} finally {
			this.#db.pragma('temp_store = MEMORY');
		}
	}

	#pruneHistory(now: number): number {
		return this.#db.transaction(() => {
			const old = this.#q('DELETE FROM record_history WHERE at < ?').run(
				now - this.#history.days * DAY_MS
			).changes;
			const extra = this.#q(
				`DELETE FROM record_history WHERE id IN (SELECT id FROM (
				   SELECT id, ROW_NUMBER() OVER (PARTITION BY commune_id, entity, record_id ORDER BY id DESC) AS n
				   FROM record_history) WHERE n > ?)`
			).run(this.#history.versionsPerRecord).changes;
			return old + extra;
		})();
	}

	async savePushSubscription(
		s: PushSubscriptionRow,
		now: number,
		sessionTokenHash: string
	): Promise<'saved' | 'taken' | 'ended'> {
		// Immediate: the session is read under the write lock, so a change that ends it (and drops
		// the user's subscriptions) commits before this one or after it, never in between.
		return this.#db
			.transaction((): 'saved' | 'taken' | 'ended' => {
				const session = this.#q('SELECT 1 FROM sessions WHERE token_hash = ? AND user_id = ?').get(
					sessionTokenHash,
					s.userId
				);
				if (session === undefined) return 'ended';
				const owner = this.#q('SELECT user_id FROM push_subscriptions WHERE endpoint = ?').get(
					s.endpoint
				) as { user_id: string } | undefined;
				if (owner && owner.user_id !== s.userId) return 'taken';
				this.#q(
					`INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, lang, created_at)
				 VALUES (?, ?, ?, ?, ?, ?)
				 ON CONFLICT(endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
				   lang = excluded.lang, created_at = excluded.created_at
				 WHERE push_subscriptions.user_id = excluded.user_id`
				).run(s.endpoint, s.userId, s.p256dh, s.auth, s.lang, now);
				this.#keepNewest('push_subscriptions', s.userId, s.endpoint, MAX_SUBSCRIPTIONS_PER_USER);
				return 'saved';
			})
			.immediate();
	}

	async deletePushSubscription(endpoint: string, userId?: string): Promise<boolean> {
		const r =
			userId === undefined
				? this.#q('DELETE FROM push_subscriptions WHERE endpoint = ?').run(endpoint)
				: this.#q('DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?').run(
						endpoint,
						userId
					);
		return r.changes > 0;
	}

	async pushSubscriptionsOf(userId: string): Promise<PushSubscriptionRow[]> {
		return (
			this.#q(
				`SELECT endpoint, user_id, p256dh, auth, lang FROM push_subscriptions WHERE user_id = ?`
			).all(userId) as {
				endpoint: string;
				user_id: string;
				p256dh: string;
				auth: string;
				lang: string;
			}[]
		).map((r) => ({
			endpoint: r.endpoint,
			userId: r.user_id,
			p256dh: r.p256dh,
			auth: r.auth,
			lang: isLang(r.lang) ? r.lang : 'vi'
		}));
	}

	async changePushSchedule(communeId: string, change: PushScheduleChange): Promise<void> {
		this.#db.transaction(() => this.#changePushSchedule(communeId, change))();
	}

	#changePushSchedule(communeId: string, change: PushScheduleChange): void {
		if (change.kind === 'cancel') {
			this.#q(
				'DELETE FROM push_schedule WHERE commune_id = ? AND meeting_id = ? AND sent_at IS NULL'
			).run(communeId, change.meetingId);
			return;
		}
		this.#q(
			`DELETE FROM push_schedule WHERE commune_id = ? AND meeting_id = ? AND user_id = ?
			   AND sent_at IS NULL`
		).run(communeId, change.meetingId, change.userId);
		const insert = this.#q(
			`INSERT INTO push_schedule (commune_id, meeting_id, user_id, threshold, due_at, payload)
			 VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT(commune_id, meeting_id, user_id, threshold) DO NOTHING`
		);
		for (const i of change.items)
			insert.run(communeId, change.meetingId, change.userId, i.threshold, i.dueAt, i.payload);
	}

	async pendingPushes(): Promise<ScheduledPush[]> {
		return (
			this.#q(
				`SELECT id, commune_id, meeting_id, user_id, threshold, due_at, payload FROM push_schedule
				 WHERE sent_at IS NULL ORDER BY due_at, id`
			).all() as {
				id: number;
				commune_id: string;
				meeting_id: string;
				user_id: string;
				threshold: string;
				due_at: number;
				payload: string;
			}[]
		).map((r) => ({
			id: r.id,
			communeId: r.commune_id,
			meetingId: r.meeting_id,
			userId: r.user_id,
			threshold: r.threshold,
			dueAt: r.due_at,
			payload: r.payload
		}));
	}

	async vapidKeys(candidate: VapidKeyPair, now: number): Promise<VapidKeyPair> {
		this.#q(
			`INSERT INTO vapid_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)
			 ON CONFLICT (id) DO NOTHING`
		).run(candidate.publicKey, candidate.privateKey, now);
		const row = this.#q('SELECT public_key, private_key FROM vapid_keys WHERE id = 1').get() as {
			public_key: string;
			private_key: string;
		};
		return { publicKey: row.public_key, privateKey: row.private_key };
	}

	async claimDuePushes(now: number): Promise<ScheduledPush[]> {
		// One statement: SQLite's write lock makes the claim atomic between processes.
		const rows = this.#q(
			`UPDATE push_schedule SET sent_at = ? WHERE sent_at IS NULL AND due_at <= ?
			 RETURNING id, commune_id, meeting_id, user_id, threshold, due_at, payload`
		).all(now, now) as {
			id: number;
			commune_id: string;
			meeting_id: string;
			user_id: string;
			threshold: string;
			due_at: number;
			payload: string;
		}[];
		return rows
			.map((r) => ({
				id: r.id,
				communeId: r.commune_id,
				meetingId: r.meeting_id,
				userId: r.user_id,
				threshold: r.threshold,
				dueAt: r.due_at,
				payload: r.payload
			}))
			.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
	}

	async pullPage(
		communeId: string,
		cursor: number,
		limit: number,
		scope: ReadScope,
		maxBytes: number
	): Promise<PulledPage> {
		// Rows are read one at a time (the statement's iterator): `takePage` stops after the first
		// row past the page, so the rest are never read or parsed.
		const sized = 'SELECT *, octet_length(data) + octet_length(clocks) AS bytes FROM records';
		const rows = (
			scope.all
				? this.#q(`${sized} WHERE commune_id = ? AND seq > ? ORDER BY seq LIMIT ?`).iterate(
						communeId,
						cursor,
						limit + 1
					)
				: this.#q(
						`${sized} WHERE commune_id = ? AND seq > ?
						   AND (unit_code IS NULL OR unit_code = ?) ORDER BY seq LIMIT ?`
					).iterate(communeId, cursor, scope.unitCode, limit + 1)
		) as IterableIterator<RecordDb & { bytes: number }>;
		return takePage(rows, limit, maxBytes, toRecord);
	}

	async findRecord(
		communeId: string,
		entity: SyncEntity,
		id: string
	): Promise<StoredRecord | null> {
		// The settings record is read before every push with a meeting (the Web Push scheduler).
		const cache = entity === 'settings' && id === 'settings' ? this.#cacheOf(communeId) : null;
		if (cache && cache.settings !== undefined) return cache.settings;
		const row = this.#q('SELECT * FROM records WHERE commune_id = ? AND entity = ? AND id = ?').get(
			communeId,
			entity,
			id
		) as RecordDb | undefined;
		const record = row ? toRecord(row) : null;
		if (cache) cache.settings = record && deepFreeze(record);
		return record;
	}

	async listRecords(
		communeId: string,
		entities: readonly SyncEntity[],
		window?: DayWindow
	): Promise<StoredRecord[]> {
		if (entities.length === 0) return [];
		// One placeholder per kind; the kinds are values, never SQL.
		const marks = entities.map(() => '?').join(', ');
		// The index `records_month` holds a day's first seven characters (migration
		// `records-month-index`): the window's months through the index, the exact days on the rows,
		// and the undated records (a null day) through the index too. Two selects, so each one can
		// use the index (an OR of the two reads the whole commune).
		const rows = (
			window
				? this.#q(
						`SELECT * FROM records WHERE commune_id = ? AND deleted = 0 AND entity IN (${marks})
						   AND substr(day, 1, 7) BETWEEN ? AND ? AND day BETWEEN ? AND ?
						 UNION ALL
						 SELECT * FROM records WHERE commune_id = ? AND deleted = 0 AND entity IN (${marks})
						   AND substr(day, 1, 7) IS NULL`
					).all(
						communeId,
						...entities,
						window.from.slice(0, 7),
						window.to.slice(0, 7),
						window.from,
						window.to,
						communeId,
						...entities
					)
				: this.#q(
						`SELECT * FROM records WHERE commune_id = ? AND deleted = 0 AND entity IN (${marks})`
					).all(communeId, ...entities)
		) as RecordDb[];
		return rows.map(toRecord);
	}

	async listHistory(communeId: string, entity: SyncEntity, id: string): Promise<HistoryRow[]> {
		const rows = this.#q(
			`SELECT * FROM record_history WHERE commune_id = ? AND entity = ? AND record_id = ?
			 ORDER BY id`
		).all(communeId, entity, id) as HistoryDb[];
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
		const rows = this.#q(RECORD_WRITER_SQL).all(communeId, entity, id) as RecordWriter[];
		const byDevice = new Map(rows.map((r) => [r.deviceId, r]));
		const writers: RecordWriter[] = [];
		for (const deviceId of new Set(deviceIds)) {
			const row = byDevice.get(deviceId);
			if (row) writers.push({ deviceId, userId: row.userId, userName: row.userName });
		}
		return writers;
	}

	async counts(communeId: string): Promise<{
		records: number;
		changes: number;
		appliedMutations: number;
		history: number;
	}> {
		return this.#q(
			`SELECT (SELECT COUNT(*) FROM records WHERE commune_id = ?) AS records,
			   (SELECT COUNT(*) FROM mutations WHERE commune_id = ? AND changed = 1) AS changes,
			   (SELECT COUNT(*) FROM mutations WHERE commune_id = ?) AS appliedMutations,
			   (SELECT COUNT(*) FROM record_history WHERE commune_id = ?) AS history`
		).get(communeId, communeId, communeId, communeId) as {
			records: number;
			changes: number;
			appliedMutations: number;
			history: number;
		};
	}
}
