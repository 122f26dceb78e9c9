/**
 * The one migrator (migrator.ts) on both engines: a fresh database reaches the last step; a
 * database an older app left at any version of its engine's old list (tests/factories/
 * legacy-schema.ts: that list's prefix, run as the old runner did) is adopted and ends with the
 * schema of a fresh one, no step run twice; a failing step rolls back with its bookkeeping and
 * stops start-up with a clear error; two PostgreSQL migrators at once run each step once; the two
 * engines' final schemas hold the same tables and columns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import {
	LEGACY_POSTGRES,
	LEGACY_SQLITE,
	legacyPostgres,
	legacySqlite
} from '$factories/legacy-schema';
import { usePgCluster } from '$factories/pg-cluster';
import { MIGRATIONS } from './migrations';
import {
	MIGRATION_LOCK,
	MigrationError,
	migratePostgres,
	migrateSqlite,
	noop,
	planMigration,
	type Engine,
	type Migration
} from './migrator';
import { openPostgresStorage } from './postgres';
import { DB_FILE, openSqliteStorage } from './sqlite';

const pgc = usePgCluster();
const { cleanups } = pgc;

interface StepRow {
	position: number;
	name: string;
	outcome: string;
	applied_at: number;
}

/** One database of an engine, for the runner (not through Storage). */
interface TestDb {
	/** Where openSqliteStorage / openPostgresStorage opens this database. */
	location: string;
	migrate(steps?: readonly Migration[]): Promise<number>;
	/** Build it as the old runner of this engine left it at `version`. */
	legacy(version: number): Promise<void>;
	exec(sql: string): Promise<void>;
	rows(sql: string): Promise<unknown[]>;
	steps(): Promise<StepRow[]>;
	hasTable(name: string): Promise<boolean>;
	/** The old marker: SQLite user_version, PostgreSQL schema_migrations (null: none). */
	oldMarker(): Promise<number | null>;
	/** Every table with its columns (name, not null), sorted. */
	columns(): Promise<Record<string, string[]>>;
	/** Everything the schema is made of (tables, columns with types and defaults, indexes). */
	schema(): Promise<string[]>;
}

/** Steps on a throwaway PostgreSQL take a while on a busy machine. */
const SLOW = 60_000;
let clock = 1_000;
const now = () => ++clock;

const sqliteDb = async (): Promise<TestDb> => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-migrator-'));
	const db = new Database(path.join(dir, DB_FILE));
	// As openSqliteStorage opens it: the runner turns them off while it migrates.
	db.pragma('foreign_keys = ON');
	cleanups.push(() => {
		db.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});
	const all = <T>(sql: string) => db.prepare(sql).all() as T[];
	const tables = () =>
		all<{ name: string }>(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
		).map((t) => t.name);
	return {
		location: dir,
		migrate: async (steps = MIGRATIONS) => migrateSqlite(db, steps, now),
		legacy: async (version) => legacySqlite(db, version),
		exec: async (sql) => void db.exec(sql),
		rows: async (sql) => all(sql),
		steps: async () => all<StepRow>('SELECT * FROM schema_steps ORDER BY position'),
		hasTable: async (name) => tables().includes(name),
		oldMarker: async () => db.pragma('user_version', { simple: true }) as number,
		columns: async () =>
			Object.fromEntries(
				tables().map((t) => [
					t,
					all<{ name: string; notnull: number; pk: number }>(`PRAGMA table_info(${t})`)
						.map((c) => `${c.name}${c.notnull || c.pk ? ' not null' : ''}`)
						.sort()
				])
			),
		schema: async () =>
			all<{ type: string; name: string; sql: string | null }>(
				"SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
			).map((r) => `${r.type} ${r.name}: ${r.sql?.replace(/\s+/g, ' ')}`)
	};
};

const postgresDb = async (): Promise<TestDb> => {
	const database = await pgc.database();
	const pool = new pg.Pool({ connectionString: database.url, max: 3 });
	cleanups.push(() => pool.end());
	const rows = async <T extends object>(sql: string) => (await pool.query<T>(sql)).rows;
	const schemaName = (await rows<{ s: string }>('SELECT current_schema() AS s'))[0]!.s;
	const tables = async () =>
		(
			await rows<{ t: string }>(
				`SELECT table_name AS t FROM information_schema.tables
				 WHERE table_schema = current_schema() ORDER BY 1`
			)
		).map((r) => r.t);
	const columnRows = () =>
		rows<{ t: string; c: string; type: string; nullable: string; def: string | null }>(
			`SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable,
			   column_default AS def, collation_name AS coll
			 FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1, 2`
		);
	return {
		location: database.url,
		migrate: (steps = MIGRATIONS) => migratePostgres(pool, steps, now),
		legacy: async (version) => {
			const c = await pool.connect();
			try {
				await legacyPostgres(c, version);
			} finally {
				c.release();
			}
		},
		exec: async (sql) => void (await pool.query(sql)),
		rows: (sql) => rows(sql),
		steps: () =>
			rows<StepRow>(
				'SELECT position, name, outcome, applied_at::float8 AS applied_at FROM schema_steps ORDER BY 1'
			),
		hasTable: async (name) => (await tables()).includes(name),
		oldMarker: async () =>
			(await tables()).includes('schema_migrations')
				? ((await rows<{ v: number }>('SELECT max(version) AS v FROM schema_migrations'))[0]?.v ??
					0)
				: null,
		columns: async () => {
			const out: Record<string, string[]> = {};
			for (const r of await columnRows())
				(out[r.t] ??= []).push(`${r.c}${r.nullable === 'NO' ? ' not null' : ''}`);
			for (const list of Object.values(out)) list.sort();
			return out;
		},
		schema: async () => [
			...(await columnRows()).map((r) => JSON.stringify(r)),
			...(
				await rows<{ d: string }>(
					`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`
				)
			).map((r) => r.d.replaceAll(`${schemaName}.`, '')),
			...(
				await rows<{ d: string }>(
					`SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d
					 FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1`
				)
			).map((r) => r.d)
		]
	};
};

const ENGINES: {
	name: string;
	engine: Engine;
	open: () => Promise<TestDb>;
	/** The versions of the engine's old list. */
	legacyVersions: number[];
	/** Open the app's storage on it (start-up) and close it again. */
	start: (location: string) => Promise<void>;
}[] = [
	{
		name: 'SQLite',
		engine: 'sqlite',
		open: sqliteDb,
		legacyVersions: LEGACY_SQLITE.map((_, i) => i + 1),
		start: async (dir) => openSqliteStorage(dir).close()
	},
	{
		name: 'PostgreSQL',
		engine: 'postgres',
		open: postgresDb,
		legacyVersions: LEGACY_POSTGRES.map((_, i) => i + 1),
		start: async (url) => (await openPostgresStorage(url, { poolSize: 1 })).end()
	}
];

const sideOf = (step: Migration, engine: Engine) =>
	engine === 'sqlite' ? step.sqlite : step.postgres;
const isNoop = (side: unknown) => typeof side === 'object' && side !== null && 'noop' in side;
/** The outcome a step records when it runs on `engine`. */
const ranOn = (step: Migration, engine: Engine) => (isNoop(sideOf(step, engine)) ? 'no-op' : 'ran');
const names = MIGRATIONS.map((m) => m.name);

describe('the list', () => {
	const words = (sql: unknown) => String(sql).replace(/\s+/g, ' ').trim();

	it('keeps the SQL of both old lists unchanged, and says why a side does nothing', () => {
		expect(new Set(names).size).toBe(names.length);
		// SQLite's old list is steps 1-9, in order.
		expect(MIGRATIONS.slice(0, 9).map((m) => words(m.sqlite))).toEqual(LEGACY_SQLITE.map(words));
		expect(MIGRATIONS.slice(0, 9).map((m) => m.legacy?.sqlite)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 9
		]);
		// PostgreSQL's old version v is the steps that say so; the SQL of their non-empty sides.
		for (const [i, sql] of LEGACY_POSTGRES.entries()) {
			const held = MIGRATIONS.filter((m) => m.legacy?.postgres === i + 1);
			expect(held.filter((m) => !isNoop(m.postgres)).map((m) => words(m.postgres))).toEqual([
				words(sql)
			]);
		}
		for (const m of MIGRATIONS)
			for (const side of [m.sqlite, m.postgres])
				if (isNoop(side)) expect((side as { noop: string }).noop.length).toBeGreaterThan(20);
		// Only steps of the old lists carry an old version.
		expect(MIGRATIONS.slice(9).filter((m) => m.legacy)).toEqual([]);
	});

	it('plans: a database this app does not know, or migrated by another list, is refused', () => {
		const at = (n: number) => names.slice(0, n).map((name, i) => ({ position: i + 1, name }));
		expect(planMigration(MIGRATIONS, 'sqlite', { recorded: at(3), legacyVersion: 0 })).toEqual({
			adopt: [],
			run: names.map((_, i) => i).slice(3)
		});
		expect(() =>
			planMigration(MIGRATIONS, 'sqlite', {
				recorded: [...at(names.length), { position: names.length + 1, name: 'from-the-future' }],
				legacyVersion: 0
			})
		).toThrow(/step \d+ "from-the-future", which this version of the app does not know/);
		expect(() =>
			planMigration(MIGRATIONS, 'postgres', {
				recorded: [...at(1), { position: 2, name: 'other' }],
				legacyVersion: 0
			})
		).toThrow(/step 2 of the database is "other", of this app "web-push"/);
		expect(() =>
			planMigration(MIGRATIONS, 'postgres', { recorded: at(2).slice(1), legacyVersion: 0 })
		).toThrow(MigrationError);
		expect(() =>
			planMigration(MIGRATIONS, 'postgres', { recorded: null, legacyVersion: 4 })
		).toThrow(/version 4 of the old migration list; this app knows 3/);
		expect(() =>
			planMigration([MIGRATIONS[0]!, MIGRATIONS[0]!], 'sqlite', {
				recorded: null,
				legacyVersion: 0
			})
		).toThrow(/unique name/);
		const late: Migration = { name: 'late', sqlite: '', postgres: '', legacy: { sqlite: 10 } };
		const gap: Migration = { name: 'gap', sqlite: '', postgres: '' };
		expect(() =>
			planMigration([MIGRATIONS[0]!, gap, late], 'sqlite', { recorded: null, legacyVersion: 0 })
		).toThrow(/step 3 has a wrong legacy version/);
	});
});

describe.each(ENGINES)('$name', ({ engine, open, legacyVersions, start }) => {
	it(
		'a fresh database runs every step to the last, once; migrating again changes nothing',
		async () => {
			const db = await open();
			expect(await db.migrate()).toBe(MIGRATIONS.length);
			const steps = await db.steps();
			expect(steps.map((s) => [s.position, s.name, s.outcome])).toEqual(
				MIGRATIONS.map((m, i) => [i + 1, m.name, ranOn(m, engine)])
			);
			expect(await db.oldMarker()).toBe(engine === 'sqlite' ? 0 : null);
			expect(await db.migrate()).toBe(MIGRATIONS.length);
			expect(await db.steps()).toEqual(steps);
		},
		SLOW
	);

	it.each(legacyVersions)(
		'a database an older app left at version %i is adopted: the steps it had are not run again',
		async (version) => {
			const fresh = await open();
			await fresh.migrate();
			const db = await open();
			await db.legacy(version);
			expect(await db.oldMarker()).toBe(version);
			// A row of a table every version has: kept (no step of the old version ran again).
			await db.exec("INSERT INTO login_attempts (key, at) VALUES ('lan', 7)");

			expect(await db.migrate()).toBe(MIGRATIONS.length);
			const held = (m: Migration) => (m.legacy?.[engine] ?? Infinity) <= version;
			expect((await db.steps()).map((s) => [s.name, s.outcome])).toEqual(
				MIGRATIONS.map((m) => [m.name, held(m) ? 'adopted' : ranOn(m, engine)])
			);
			expect(MIGRATIONS.filter(held).length).toBeGreaterThan(0);
			// One record of truth: the old marker is gone (an older app now refuses the database).
			expect(await db.oldMarker()).toBe(engine === 'sqlite' ? 0 : null);
			expect(await db.rows('SELECT key, CAST(at AS INTEGER) AS at FROM login_attempts')).toEqual([
				{ key: 'lan', at: 7 }
			]);
			// The same schema as a database made fresh, to the last index and default.
			expect(await db.schema()).toEqual(await fresh.schema());
			// Start-up on it finds nothing to do.
			const before = await db.steps();
			await start(db.location);
			expect(await db.steps()).toEqual(before);
		},
		SLOW
	);

	it(
		'a failing step rolls back with its bookkeeping, reports which, and runs again once fixed',
		async () => {
			const db = await open();
			const n = MIGRATIONS.length;
			const good: Migration = {
				name: 'test-good',
				sqlite: 'CREATE TABLE test_good (a INTEGER)',
				postgres: 'CREATE TABLE test_good (a INTEGER)'
			};
			const broken: Migration = {
				name: 'test-broken',
				sqlite: 'CREATE TABLE test_half (a INTEGER); INSERT INTO test_missing VALUES (1)',
				postgres: 'CREATE TABLE test_half (a INTEGER); INSERT INTO test_missing VALUES (1)'
			};
			const error = await db.migrate([...MIGRATIONS, good, broken]).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(MigrationError);
			expect((error as Error).message).toMatch(
				new RegExp(
					`migration step ${n + 2} "test-broken" failed .*stays at step ${n + 1}: .*test_missing`
				)
			);
			expect(await db.hasTable('test_good')).toBe(true);
			expect(await db.hasTable('test_half')).toBe(false);
			expect((await db.steps()).map((s) => s.name)).toEqual([...names, 'test-good']);

			// A data step (a function) that throws half way rolls back the same way.
			const calls: string[] = [];
			const throwing: Migration = {
				name: 'test-throwing',
				sqlite: (d) => {
					d.exec('CREATE TABLE test_half (a INTEGER)');
					calls.push('sqlite');
					throw new Error('data step refused');
				},
				postgres: async (c) => {
					await c.query('CREATE TABLE test_half (a INTEGER)');
					calls.push('postgres');
					throw new Error('data step refused');
				}
			};
			await expect(db.migrate([...MIGRATIONS, good, throwing])).rejects.toThrow(
				`migration step ${n + 2} "test-throwing" failed and was rolled back; the database stays at step ${n + 1}: data step refused`
			);
			expect(calls).toEqual([engine]);
			expect(await db.hasTable('test_half')).toBe(false);

			const fixed: Migration = {
				name: 'test-fixed',
				sqlite: (d) => void d.exec('CREATE TABLE test_half (a INTEGER)'),
				postgres: async (c) => void (await c.query('CREATE TABLE test_half (a INTEGER)'))
			};
			expect(await db.migrate([...MIGRATIONS, good, fixed])).toBe(n + 2);
			expect((await db.steps()).slice(-2).map((s) => [s.name, s.outcome])).toEqual([
				['test-good', 'ran'],
				['test-fixed', 'ran']
			]);
		},
		SLOW
	);

	it(
		'start-up stops with a clear error when a step of the list fails on the database',
		async () => {
			const db = await open();
			// An older app left it one step before records.day; someone added the column by hand.
			const day = MIGRATIONS.findIndex((m) => m.name === 'records-day');
			await db.legacy(MIGRATIONS[day]!.legacy![engine]! - 1);
			await db.exec('ALTER TABLE records ADD COLUMN day TEXT');
			await expect(start(db.location)).rejects.toThrow(
				new RegExp(`migration step ${day + 1} "records-day" failed .*stays at step ${day}: .*day`)
			);
			expect((await db.steps()).map((s) => s.name)).toEqual(names.slice(0, day));

			// A database a newer app migrated: refused before anything runs.
			const newer = await open();
			await newer.migrate([
				...MIGRATIONS,
				{ name: 'newer', sqlite: noop('x'), postgres: noop('x') }
			]);
			await expect(start(newer.location)).rejects.toThrow(
				`has step ${MIGRATIONS.length + 1} "newer", which this version of the app does not know`
			);
		},
		SLOW
	);
});

describe('SQLite specifics', () => {
	it('foreign keys are off while a step runs and checked before it commits, then on again', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-migrator-'));
		cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
		const db = new Database(path.join(dir, DB_FILE));
		cleanups.push(() => void db.close());
		db.pragma('foreign_keys = ON');
		migrateSqlite(db, MIGRATIONS, now);
		const seen: number[] = [];
		const orphan: Migration = {
			name: 'test-orphan',
			sqlite: (d) => {
				seen.push(d.pragma('foreign_keys', { simple: true }) as number);
				d.exec(
					"INSERT INTO units (commune_id, code, name, kind) VALUES ('nowhere', 'X', 'x', 'k')"
				);
			},
			postgres: noop('SQLite only')
		};
		expect(() => migrateSqlite(db, [...MIGRATIONS, orphan], now)).toThrow(
			/step \d+ "test-orphan" failed .*: 1 broken foreign keys/
		);
		expect(seen).toEqual([0]);
		expect(db.prepare("SELECT count(*) AS n FROM units WHERE code = 'X'").get()).toEqual({ n: 0 });
		expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
	});
});

describe('PostgreSQL specifics', () => {
	it(
		'two processes migrating at once run each step once: the second waits on the lock',
		async () => {
			const database = await pgc.database();
			const pools = [1, 2].map(() => new pg.Pool({ connectionString: database.url, max: 2 }));
			cleanups.push(async () => {
				for (const p of pools) await p.end();
			});
			let release!: () => void;
			const held = new Promise<void>((r) => (release = r));
			const runs: string[] = [];
			const steps: Migration[] = [
				...MIGRATIONS,
				{
					name: 'test-slow',
					sqlite: noop('PostgreSQL only'),
					postgres: async (c) => {
						runs.push('slow');
						await c.query('CREATE TABLE test_once (n INTEGER)');
						// Stay inside the step until the other process is seen waiting for the lock.
						await held;
					}
				},
				{
					name: 'test-count',
					sqlite: noop('PostgreSQL only'),
					postgres: async (c) => {
						runs.push('count');
						await c.query('INSERT INTO test_once VALUES (1)');
					}
				}
			];
			const first = migratePostgres(pools[0]!, steps, now);
			await vi.waitFor(() => expect(runs).toEqual(['slow']), { timeout: 45_000, interval: 20 });
			const second = migratePostgres(pools[1]!, steps, now);
			await vi.waitFor(
				async () => {
					const { rows } = await pools[0]!.query<{ n: number }>(
						`SELECT count(*)::int AS n FROM pg_locks
					 WHERE locktype = 'advisory' AND NOT granted AND database =
					   (SELECT oid FROM pg_database WHERE datname = current_database())
					   AND classid = 0 AND objid = $1 AND objsubid = 1`,
						[MIGRATION_LOCK]
					);
					expect(rows[0]!.n).toBeGreaterThan(0);
				},
				{ timeout: 45_000, interval: 20 }
			);
			release();
			expect(await Promise.all([first, second])).toEqual([steps.length, steps.length]);
			expect(runs).toEqual(['slow', 'count']);
			const { rows } = await pools[1]!.query<{ n: number; steps: number }>(
				`SELECT (SELECT count(*)::int FROM test_once) AS n,
			   (SELECT count(*)::int FROM schema_steps) AS steps`
			);
			expect(rows[0]).toEqual({ n: 1, steps: steps.length });
		},
		SLOW
	);
});

describe('both engines end with the same schema', () => {
	/** Tables only one engine has, and why (remove a line when the other engine catches up). */
	const ONLY_ON = {
		// Step 9 folded the change log and the idempotency table on SQLite only.
		sqlite: ['mutations'],
		postgres: ['applied_mutations', 'changes']
	};
	/**
	 * Columns only one engine has, as `table.column`. Step `record-writers-column` keeps who wrote
	 * a record from a device on the record on SQLite (a push writes no index for it); PostgreSQL
	 * asks its `changes` log (index `changes_record_writer`). Step `records-received-at` keeps when
	 * a device's change arrived on the record on SQLite; PostgreSQL has it in `changes.at`.
	 */
	const COLUMNS_ONLY_ON = {
		sqlite: ['records.writers', 'records.received_at'],
		postgres: [] as string[]
	};

	it(
		'the same tables and columns (name and NOT NULL), except the folds one engine has not made',
		async () => {
			const [sqlite, postgres] = await Promise.all([sqliteDb(), postgresDb()]);
			await sqlite.migrate();
			await postgres.migrate();
			const s = await sqlite.columns();
			const p = await postgres.columns();
			const without = (o: Record<string, string[]>, drop: string[], dropColumns: string[]) =>
				Object.fromEntries(
					Object.entries(o)
						.filter(([t]) => !drop.includes(t))
						.map(([t, cs]) => [
							t,
							cs.filter((c) => !dropColumns.includes(`${t}.${c.split(' ')[0]}`))
						])
				);
			expect(without(s, ONLY_ON.sqlite, COLUMNS_ONLY_ON.sqlite)).toEqual(
				without(p, ONLY_ON.postgres, COLUMNS_ONLY_ON.postgres)
			);
			for (const c of COLUMNS_ONLY_ON.sqlite) {
				const [t, name] = c.split('.');
				expect(s[t!]).toContain(name);
			}
			for (const t of ONLY_ON.sqlite) expect(s[t]).toBeDefined();
			for (const t of ONLY_ON.postgres) expect(p[t]).toBeDefined();
		},
		SLOW
	);

	it.each([
		['SQLite', 'sqlite.ts', sqliteDb],
		['PostgreSQL', 'postgres.ts', postgresDb]
	] as const)(
		'every table %s storage (%s) reads or writes is made by the list',
		async (_, file, make) => {
			const source = fs.readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
			const ctes = new Set([...source.matchAll(/\b([a-z_]+) AS \(/g)].map((m) => m[1]));
			const used = new Set(
				[...source.matchAll(/\b(?:FROM|INTO|UPDATE|JOIN)\s+([a-z_]+)\b(?!\s*\()/g)]
					.map((m) => m[1]!)
					.filter((t) => !ctes.has(t))
			);
			expect(used.size).toBeGreaterThan(10);
			const db = await make();
			await db.migrate();
			const tables = Object.keys(await db.columns());
			expect([...used].filter((t) => !tables.includes(t))).toEqual([]);
		},
		SLOW
	);
});
