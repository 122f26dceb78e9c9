/**
 * The one migrator of both engines (issue 14). `MIGRATIONS` (migrations.ts) is one ordered list of
 * named steps, each with its SQLite side and its PostgreSQL side. `planMigration` decides, from
 * what a database holds, which steps it already has and which to run; two small adapters carry
 * the plan out: `migrateSqlite` (better-sqlite3, synchronous: opening SQLite storage stays
 * synchronous) and `migratePostgres` (pg, async, under an advisory lock).
 *
 * Bookkeeping, the same on both engines: the table `schema_steps` holds one row per step the
 * database has (position, name, outcome, applied_at), written in the step's own transaction, so a
 * step is recorded exactly when its changes are committed. Outcome `ran` (its side ran), `no-op`
 * (nothing to do on this engine) or `adopted` (an older app had run it, see below).
 *
 * Adoption: before this migrator each engine had its own list and marker (SQLite
 * `PRAGMA user_version` = entries applied; PostgreSQL a `schema_migrations` table, one row per
 * version). A database without `schema_steps` is read by that marker: the steps whose `legacy`
 * version it has reached are recorded as `adopted` and the marker is removed, in one transaction,
 * then the rest run. Removing it keeps one record of truth, and an older app refuses such a
 * database (it would try to create tables that exist) instead of running on a schema it does not
 * know. A database with steps this app does not know (a newer app migrated it) is refused too.
 *
 * Why not a library: umzug (the well-kept one that fits) is async only, so opening SQLite would
 * turn async for every caller, and it leaves the step-and-bookkeeping transaction, the adoption of
 * the old markers and PostgreSQL's lock to us anyway; those are most of this file.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

export type Engine = 'sqlite' | 'postgres';
const ENGINE_NAME: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** A side with nothing to do on its engine; `why` says so in the list. Recorded as `no-op`. */
export interface NoOp {
	readonly noop: string;
}
export const noop = (why: string): NoOp => ({ noop: why });

/** SQL run with `exec`, or a function run inside the step's transaction. */
type SqliteSide = string | ((db: Database.Database) => void) | NoOp;
/** SQL run as one simple query (several statements), or a function inside the transaction. */
type PostgresSide = string | ((client: pg.ClientBase) => Promise<void>) | NoOp;

export interface Migration {
	/** Unique, never changed: the database records it with the position. */
	readonly name: string;
	readonly sqlite: SqliteSide;
	readonly postgres: PostgresSide;
	/**
	 * Steps 1-9 only: the version of the engine's old list that already held this step (the
	 * database adopts it). Absent: no old version had it.
	 */
	readonly legacy?: { readonly sqlite?: number; readonly postgres?: number };
}

type Outcome = 'ran' | 'no-op' | 'adopted';

/** The bookkeeping table, the same text on both engines. */
const STEPS_TABLE = `CREATE TABLE schema_steps (
	position INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	outcome TEXT NOT NULL CHECK (outcome IN ('ran', 'no-op', 'adopted')),
	applied_at BIGINT NOT NULL
)`;
const RECORD_STEP = 'INSERT INTO schema_steps (position, name, outcome, applied_at) VALUES';

/** A migration that cannot run: start-up stops with this message. */
export class MigrationError extends Error {
	override name = 'MigrationError';
}

/** What a database holds before a run. */
export interface DatabaseState {
	/** `schema_steps` in position order; null when the table does not exist yet. */
	recorded: readonly { position: number; name: string }[] | null;
	/** The old list's version (read only when there is no `schema_steps`); 0: none. */
	legacyVersion: number;
}

/** Indexes into the list: steps to record as adopted, then steps to run, in order. */
export interface Plan {
	adopt: number[];
	run: number[];
}

const isNoop = (side: unknown): side is NoOp =>
	typeof side === 'object' && side !== null && 'noop' in side;

/** Which steps a database has and which it needs; throws when the database and list disagree. */
export function planMigration(
	steps: readonly Migration[],
	engine: Engine,
	state: DatabaseState
): Plan {
	const on = ENGINE_NAME[engine];
	checkList(steps);
	const rest = (from: number) => steps.map((_, i) => i).slice(from);
	if (state.recorded) {
		for (const [i, row] of state.recorded.entries()) {
			const step = steps[row.position - 1];
			if (row.position !== i + 1)
				throw new MigrationError(`${on}: schema_steps misses step ${i + 1}; it cannot be migrated`);
			if (!step)
				throw new MigrationError(
					`${on}: the database has step ${row.position} "${row.name}", which this version of ` +
						`the app does not know (a newer version migrated it); run that version or a newer one`
				);
			if (step.name !== row.name)
				throw new MigrationError(
					`${on}: step ${row.position} of the database is "${row.name}", of this app ` +
						`"${step.name}": the database was migrated by another list`
				);
		}
		return { adopt: [], run: rest(state.recorded.length) };
	}
	const known = Math.max(0, ...steps.map((s) => s.legacy?.[engine] ?? 0));
	if (state.legacyVersion > known)
		throw new MigrationError(
			`${on}: the database is at version ${state.legacyVersion} of the old migration list; ` +
				`this app knows ${known}`
		);
	const adopt = steps.flatMap((s, i) => {
		const v = s.legacy?.[engine];
		return v !== undefined && v <= state.legacyVersion ? [i] : [];
	});
	return { adopt, run: rest(adopt.length) };
}

/** The list's own rules: unique names; old versions only on a prefix, in order, per engine. */
function checkList(steps: readonly Migration[]): void {
	const names = new Set<string>();
	for (const [i, s] of steps.entries()) {
		if (!s.name || names.has(s.name))
			throw new MigrationError(`migration list: step ${i + 1} needs a unique name`);
		names.add(s.name);
	}
	for (const engine of ['sqlite', 'postgres'] as const) {
		let last = 0;
		let ended = false;
		for (const [i, s] of steps.entries()) {
			const v = s.legacy?.[engine];
			if (v === undefined) {
				ended = true;
				continue;
			}
			if (ended || v < last || v < 1)
				throw new MigrationError(`migration list: step ${i + 1} has a wrong legacy version`);
			last = v;
		}
	}
}

function stepFailed(engine: Engine, i: number, step: Migration, err: unknown): MigrationError {
	const why = err instanceof Error ? err.message : String(err);
	return new MigrationError(
		`${ENGINE_NAME[engine]}: migration step ${i + 1} "${step.name}" failed and was rolled back; ` +
			`the database stays at step ${i}: ${why}`,
		{ cause: err }
	);
}

/** The steps a database has (its `schema_steps` rows), for `schemaVersion`. */
export const COUNT_STEPS = 'SELECT count(*) AS n FROM schema_steps';

/**
 * Bring a SQLite database to the end of `steps`; returns the number of steps it has. Foreign keys
 * are off while steps run (a step that rebuilds a table drops the old one, which must not
 * cascade) and each step checks them before it commits.
 */
export function migrateSqlite(
	db: Database.Database,
	steps: readonly Migration[],
	now: () => number
): number {
	const exists =
		db
			.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_steps'")
			.get() !== undefined;
	const plan = planMigration(steps, 'sqlite', {
		recorded: exists
			? (db.prepare('SELECT position, name FROM schema_steps ORDER BY position').all() as {
					position: number;
					name: string;
				}[])
			: null,
		legacyVersion: exists ? 0 : (db.pragma('user_version', { simple: true }) as number)
	});
	if (exists && plan.run.length === 0) return steps.length;
	const record = (i: number, outcome: Outcome) =>
		db.prepare(`${RECORD_STEP} (?, ?, ?, ?)`).run(i + 1, steps[i]!.name, outcome, now());
	const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
	db.pragma('foreign_keys = OFF');
	try {
		if (!exists)
			db.transaction(() => {
				db.exec(STEPS_TABLE);
				for (const i of plan.adopt) record(i, 'adopted');
				db.pragma('user_version = 0');
			})();
		for (const i of plan.run) {
			const step = steps[i]!;
			const side = step.sqlite;
			try {
				db.transaction(() => {
					if (typeof side === 'string') db.exec(side);
					else if (typeof side === 'function') side(db);
					const broken = db.pragma('foreign_key_check') as unknown[];
					if (broken.length > 0) throw new Error(`${broken.length} broken foreign keys`);
					record(i, isNoop(side) ? 'no-op' : 'ran');
				})();
			} catch (err) {
				throw stepFailed('sqlite', i, step, err);
			}
		}
	} finally {
		db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
	}
	return steps.length;
}

/** Any constant: the advisory lock held while one process migrates. */
export const MIGRATION_LOCK = 534_014;

async function inTransaction(client: pg.ClientBase, fn: () => Promise<void>): Promise<void> {
	await client.query('BEGIN');
	try {
		await fn();
		await client.query('COMMIT');
	} catch (err) {
		await client.query('ROLLBACK').catch(() => {});
		throw err;
	}
}

/**
 * Bring a PostgreSQL database (the schema of its search_path) to the end of `steps`; returns the
 * number of steps it has. One connection holds a session advisory lock for the whole run, so app
 * processes starting together migrate once: the others wait, then find every step recorded.
 */
export async function migratePostgres(
	pool: pg.Pool,
	steps: readonly Migration[],
	now: () => number
): Promise<number> {
	const client = await pool.connect();
	let broken = false;
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		try {
			const exists = await regclass(client, 'schema_steps');
			let legacyVersion = 0;
			if (!exists && (await regclass(client, 'schema_migrations'))) {
				const { rows } = await client.query<{ v: number | null }>(
					'SELECT max(version) AS v FROM schema_migrations'
				);
				legacyVersion = rows[0]?.v ?? 0;
			}
			const recorded = exists
				? (
						await client.query<{ position: number; name: string }>(
							'SELECT position, name FROM schema_steps ORDER BY position'
						)
					).rows
				: null;
			const plan = planMigration(steps, 'postgres', { recorded, legacyVersion });
			const record = (i: number, outcome: Outcome) =>
				client.query(`${RECORD_STEP} ($1, $2, $3, $4)`, [i + 1, steps[i]!.name, outcome, now()]);
			if (!exists)
				await inTransaction(client, async () => {
					await client.query(STEPS_TABLE);
					for (const i of plan.adopt) await record(i, 'adopted');
					await client.query('DROP TABLE IF EXISTS schema_migrations');
				});
			for (const i of plan.run) {
				const step = steps[i]!;
				const side = step.postgres;
				try {
					await inTransaction(client, async () => {
						if (typeof side === 'string') await client.query(side);
						else if (typeof side === 'function') await side(client);
						await record(i, isNoop(side) ? 'no-op' : 'ran');
					});
				} catch (err) {
					throw stepFailed('postgres', i, step, err);
				}
			}
			return steps.length;
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {
				broken = true;
			});
		}
	} finally {
		// A connection that could not even unlock is broken: the pool drops it.
		client.release(broken || undefined);
	}
}

/** Whether a table of that name is visible on the search_path. */
async function regclass(client: pg.ClientBase, table: string): Promise<boolean> {
	const { rows } = await client.query<{ found: boolean }>(
		'SELECT to_regclass($1) IS NOT NULL AS found',
		[table]
	);
	return rows[0]?.found === true;
}
