/**
 * The database schema, for both engines: ONE ordered list of named steps, run on start by
 * migrator.ts (`migrateSqlite` from sqlite.ts, `migratePostgres` from postgres.ts). Each step says
 * what it does on SQLite and on PostgreSQL: SQL text, a function (a data step that SQL cannot say
 * well), or `noop(why)` when the step has nothing to do on that engine (the reason is the comment
 * and is kept with the list). A database records every step it has, by position and name, in
 * `schema_steps`, in the same transaction as the step's own changes.
 *
 * Rules:
 * - Append only. Never edit, reorder or remove a step: databases have run it as it was. A change
 *   is a new step at the end, with both sides (a no-op side says why).
 * - A `noop` side is recorded as done: filling it in later would never run on the databases that
 *   already recorded it. A change an engine still needs is a new step at the end.
 * - SQLite runs a step with foreign keys off (a table rebuild drops the old table, which must not
 *   cascade) and checks them before the step commits.
 * - `legacy` belongs to the steps 1-9 only: the version of the two lists that came before this
 *   one (SQLite `PRAGMA user_version`, PostgreSQL's `schema_migrations`) that already held the
 *   step. A database made by an older app is adopted: those steps are recorded as `adopted`,
 *   never run again. New steps have no `legacy`.
 *
 * Commune-owned tables carry `commune_id` (SQLite since step 6, PostgreSQL from step 1). Times are
 * epoch milliseconds; record data and clocks are JSON text exactly as the device sent them (on
 * PostgreSQL jsonb would refuse a `\u0000` a text field may hold; `data::jsonb` works in queries).
 */
import { noop, type Migration } from './migrator';

/** PostgreSQL's first step made the whole schema of SQLite's steps 1-6 at once. */
const IN_POSTGRES_1 =
	'PostgreSQL storage came after this step: its step 1 made the tables with this already in';

export const MIGRATIONS: readonly Migration[] = [
	{
		// Units, accounts, sessions, sign-in attempts, records with their change log, applied
		// mutations and history. On PostgreSQL (added later, issue 14) the whole schema as SQLite
		// had it after step 6, with commune_id from the start.
		name: 'initial',
		legacy: { sqlite: 1, postgres: 1 },
		sqlite: `
			CREATE TABLE units (
				code TEXT PRIMARY KEY,
				name TEXT NOT NULL,
				kind TEXT NOT NULL,
				archived INTEGER NOT NULL DEFAULT 0
			);
			CREATE TABLE users (
				id TEXT PRIMARY KEY,
				username TEXT NOT NULL UNIQUE,
				display_name TEXT NOT NULL,
				password_hash TEXT NOT NULL,
				role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'unit_head', 'staff')),
				unit_code TEXT,
				disabled INTEGER NOT NULL DEFAULT 0,
				created_at INTEGER NOT NULL
			);
			CREATE TABLE sessions (
				token_hash TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL
			);
			CREATE INDEX sessions_expires_at ON sessions(expires_at);
			CREATE TABLE login_attempts (
				id INTEGER PRIMARY KEY,
				key TEXT NOT NULL,
				at INTEGER NOT NULL
			);
			CREATE INDEX login_attempts_key_at ON login_attempts(key, at);
			CREATE TABLE changes (
				seq INTEGER PRIMARY KEY AUTOINCREMENT,
				entity TEXT NOT NULL,
				record_id TEXT NOT NULL,
				unit_code TEXT,
				mutation_id TEXT NOT NULL,
				user_id TEXT,
				device_id TEXT,
				at INTEGER NOT NULL
			);
			CREATE TABLE records (
				entity TEXT NOT NULL,
				id TEXT NOT NULL,
				unit_code TEXT,
				data TEXT NOT NULL,
				clocks TEXT NOT NULL,
				hlc TEXT NOT NULL,
				updated_at INTEGER NOT NULL,
				deleted INTEGER NOT NULL,
				seq INTEGER NOT NULL,
				PRIMARY KEY (entity, id)
			);
			CREATE UNIQUE INDEX records_seq ON records(seq);
			CREATE INDEX records_unit_seq ON records(unit_code, seq);
			CREATE TABLE applied_mutations (
				mutation_id TEXT PRIMARY KEY,
				user_id TEXT,
				device_id TEXT,
				result TEXT NOT NULL,
				applied_at INTEGER NOT NULL
			);
			CREATE TABLE record_history (
				id INTEGER PRIMARY KEY,
				entity TEXT NOT NULL,
				record_id TEXT NOT NULL,
				kind TEXT NOT NULL CHECK (kind IN ('superseded', 'lost')),
				data TEXT NOT NULL,
				clocks TEXT NOT NULL,
				mutation_id TEXT NOT NULL,
				at INTEGER NOT NULL
			);
			CREATE INDEX record_history_record ON record_history(entity, record_id);
			`,
		postgres: `
			CREATE TABLE communes (
				id TEXT PRIMARY KEY,
				name TEXT NOT NULL,
				area TEXT,
				parent_name TEXT,
				created_at BIGINT NOT NULL
			);
			INSERT INTO communes (id, name, created_at) VALUES ('default', '', 0);
			-- The per-commune sequence counter: a writing transaction locks its commune's row first, so
			-- the commune's commits happen in seq order (docs/sync-protocol.md, the sequence rule).
			CREATE TABLE commune_seq (
				commune_id TEXT PRIMARY KEY REFERENCES communes(id),
				seq BIGINT NOT NULL DEFAULT 0
			);
			INSERT INTO commune_seq (commune_id, seq) VALUES ('default', 0);
			CREATE TABLE units (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				code TEXT NOT NULL,
				name TEXT NOT NULL,
				kind TEXT NOT NULL,
				archived BOOLEAN NOT NULL DEFAULT false,
				PRIMARY KEY (commune_id, code)
			);
			CREATE TABLE users (
				id TEXT PRIMARY KEY,
				username TEXT NOT NULL UNIQUE,
				display_name TEXT NOT NULL,
				password_hash TEXT NOT NULL,
				role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'unit_head', 'staff',
					'province_admin', 'province_monitor')),
				commune_id TEXT REFERENCES communes(id),
				unit_code TEXT,
				disabled BOOLEAN NOT NULL DEFAULT false,
				must_change_password BOOLEAN NOT NULL DEFAULT false,
				created_at BIGINT NOT NULL,
				-- Province accounts, and only they, belong to no commune.
				CHECK ((commune_id IS NULL) = (role IN ('province_admin', 'province_monitor')))
			);
			CREATE INDEX users_commune ON users(commune_id, username);
			CREATE TABLE sessions (
				token_hash TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				created_at BIGINT NOT NULL,
				expires_at BIGINT NOT NULL
			);
			CREATE INDEX sessions_expires_at ON sessions(expires_at);
			CREATE INDEX sessions_user ON sessions(user_id);
			CREATE TABLE login_attempts (
				id BIGSERIAL PRIMARY KEY,
				key TEXT NOT NULL,
				at BIGINT NOT NULL
			);
			CREATE INDEX login_attempts_key_at ON login_attempts(key, at);
			CREATE INDEX login_attempts_at ON login_attempts(at);
			CREATE TABLE login_devices (
				token_hash TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				created_at BIGINT NOT NULL,
				expires_at BIGINT NOT NULL
			);
			CREATE INDEX login_devices_expires_at ON login_devices(expires_at);
			CREATE TABLE changes (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				seq BIGINT NOT NULL,
				entity TEXT NOT NULL,
				record_id TEXT NOT NULL,
				unit_code TEXT,
				mutation_id TEXT NOT NULL,
				user_id TEXT,
				device_id TEXT,
				at BIGINT NOT NULL,
				PRIMARY KEY (commune_id, seq)
			);
			CREATE TABLE records (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				entity TEXT NOT NULL,
				id TEXT NOT NULL,
				unit_code TEXT,
				data TEXT NOT NULL,
				clocks TEXT NOT NULL,
				hlc TEXT NOT NULL,
				updated_at BIGINT NOT NULL,
				deleted BOOLEAN NOT NULL,
				seq BIGINT NOT NULL,
				PRIMARY KEY (commune_id, entity, id)
			);
			CREATE UNIQUE INDEX records_seq ON records(commune_id, seq);
			CREATE INDEX records_unit_seq ON records(commune_id, unit_code, seq);
			CREATE TABLE applied_mutations (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				mutation_id TEXT NOT NULL,
				user_id TEXT,
				device_id TEXT,
				result TEXT NOT NULL,
				applied_at BIGINT NOT NULL,
				PRIMARY KEY (commune_id, mutation_id)
			);
			CREATE TABLE record_history (
				id BIGSERIAL PRIMARY KEY,
				commune_id TEXT NOT NULL,
				entity TEXT NOT NULL,
				record_id TEXT NOT NULL,
				kind TEXT NOT NULL CHECK (kind IN ('superseded', 'lost')),
				data TEXT NOT NULL,
				clocks TEXT NOT NULL,
				mutation_id TEXT NOT NULL,
				at BIGINT NOT NULL
			);
			CREATE INDEX record_history_record ON record_history(commune_id, entity, record_id);
			CREATE INDEX record_history_at ON record_history(at);
			CREATE TABLE push_subscriptions (
				endpoint TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				p256dh TEXT NOT NULL,
				auth TEXT NOT NULL,
				lang TEXT NOT NULL DEFAULT 'vi',
				created_at BIGINT NOT NULL
			);
			CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);
			CREATE TABLE push_schedule (
				id BIGSERIAL PRIMARY KEY,
				commune_id TEXT NOT NULL REFERENCES communes(id),
				meeting_id TEXT NOT NULL,
				user_id TEXT NOT NULL,
				threshold TEXT NOT NULL,
				due_at BIGINT NOT NULL,
				payload TEXT NOT NULL,
				sent_at BIGINT,
				UNIQUE (commune_id, meeting_id, user_id, threshold)
			);
			CREATE INDEX push_schedule_due ON push_schedule(due_at) WHERE sent_at IS NULL;
			CREATE TABLE write_budget (
				key TEXT PRIMARY KEY,
				tokens DOUBLE PRECISION NOT NULL,
				updated_at BIGINT NOT NULL
			);
			`
	},
	{
		// Web Push (meeting timer in the background): device subscriptions and the send schedule.
		name: 'web-push',
		legacy: { sqlite: 2, postgres: 1 },
		sqlite: `
			CREATE TABLE push_subscriptions (
				endpoint TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				p256dh TEXT NOT NULL,
				auth TEXT NOT NULL,
				created_at INTEGER NOT NULL
			);
			CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id);
			CREATE TABLE push_schedule (
				id INTEGER PRIMARY KEY,
				meeting_id TEXT NOT NULL,
				user_id TEXT NOT NULL,
				threshold TEXT NOT NULL,
				due_at INTEGER NOT NULL,
				payload TEXT NOT NULL,
				sent_at INTEGER,
				UNIQUE (meeting_id, user_id, threshold)
			);
			CREATE INDEX push_schedule_due ON push_schedule(sent_at, due_at);
			`,
		postgres: noop(IN_POSTGRES_1)
	},
	{
		// Account management: the "must change password" flag, devices that signed in before (they
		// pass an account's lock-out), and indexes for per-user sessions and attempt clean-up.
		name: 'accounts',
		legacy: { sqlite: 3, postgres: 1 },
		sqlite: `
			ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
			CREATE INDEX sessions_user ON sessions(user_id);
			CREATE INDEX login_attempts_at ON login_attempts(at);
			CREATE TABLE login_devices (
				token_hash TEXT PRIMARY KEY,
				user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL
			);
			CREATE INDEX login_devices_expires_at ON login_devices(expires_at);
			`,
		postgres: noop(IN_POSTGRES_1)
	},
	{
		// Storage growth: a write budget per user (token bucket) and age-based history pruning.
		name: 'write-budget',
		legacy: { sqlite: 4, postgres: 1 },
		sqlite: `
			CREATE TABLE write_budget (
				key TEXT PRIMARY KEY,
				tokens REAL NOT NULL,
				updated_at INTEGER NOT NULL
			);
			CREATE INDEX record_history_at ON record_history(at);
			`,
		postgres: noop(IN_POSTGRES_1)
	},
	{
		// The language of each push subscription (the device's chosen language when it subscribed):
		// the server writes the notification texts in it.
		name: 'push-language',
		legacy: { sqlite: 5, postgres: 1 },
		sqlite: `
			ALTER TABLE push_subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'vi';
			`,
		postgres: noop(IN_POSTGRES_1)
	},
	{
		// Communes as tenants (issue 14). A commune owns its units, users, records, change log,
		// applied mutations, history and push schedule; record ids, unit codes and mutation ids may
		// repeat across communes. The pull cursor (seq) is counted per commune in commune_seq (one
		// row per commune, updated by the writing transaction). Rows written before belong to the
		// `default` commune, so a single-commune install works as before. Province accounts
		// (province_admin, province_monitor) belong to no commune; sessions, login attempts and
		// login devices stay global. SQLite rebuilds the tables (it cannot change keys or CHECKs in
		// place), with foreign keys off, checked after.
		name: 'communes',
		legacy: { sqlite: 6, postgres: 1 },
		sqlite: `
			CREATE TABLE communes (
				id TEXT PRIMARY KEY,
				name TEXT NOT NULL,
				area TEXT,
				parent_name TEXT,
				created_at INTEGER NOT NULL
			);
			CREATE TABLE commune_seq (
				commune_id TEXT PRIMARY KEY REFERENCES communes(id),
				seq INTEGER NOT NULL
			);
			INSERT INTO communes (id, name, area, parent_name, created_at) VALUES ('default', '', NULL, NULL, 0);
			INSERT INTO commune_seq (commune_id, seq)
				VALUES ('default', MAX(COALESCE((SELECT MAX(seq) FROM changes), 0),
					COALESCE((SELECT MAX(seq) FROM records), 0)));

			CREATE TABLE users_v6 (
				id TEXT PRIMARY KEY,
				username TEXT NOT NULL UNIQUE,
				display_name TEXT NOT NULL,
				password_hash TEXT NOT NULL,
				role TEXT NOT NULL CHECK (role IN ('admin', 'monitor', 'unit_head', 'staff',
					'province_admin', 'province_monitor')),
				commune_id TEXT REFERENCES communes(id),
				unit_code TEXT,
				disabled INTEGER NOT NULL DEFAULT 0,
				must_change_password INTEGER NOT NULL DEFAULT 0,
				created_at INTEGER NOT NULL,
				CHECK ((commune_id IS NULL) = (role IN ('province_admin', 'province_monitor')))
			);
			INSERT INTO users_v6 (id, username, display_name, password_hash, role, commune_id, unit_code,
				disabled, must_change_password, created_at)
				SELECT id, username, display_name, password_hash, role, 'default', unit_code, disabled,
					must_change_password, created_at FROM users;
			DROP TABLE users;
			ALTER TABLE users_v6 RENAME TO users;
			CREATE INDEX users_commune ON users(commune_id, username);

			CREATE TABLE units_v6 (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				code TEXT NOT NULL,
				name TEXT NOT NULL,
				kind TEXT NOT NULL,
				archived INTEGER NOT NULL DEFAULT 0,
				PRIMARY KEY (commune_id, code)
			);
			INSERT INTO units_v6 SELECT 'default', code, name, kind, archived FROM units;
			DROP TABLE units;
			ALTER TABLE units_v6 RENAME TO units;

			CREATE TABLE changes_v6 (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				seq INTEGER NOT NULL,
				entity TEXT NOT NULL,
				record_id TEXT NOT NULL,
				unit_code TEXT,
				mutation_id TEXT NOT NULL,
				user_id TEXT,
				device_id TEXT,
				at INTEGER NOT NULL,
				PRIMARY KEY (commune_id, seq)
			);
			INSERT INTO changes_v6 SELECT 'default', seq, entity, record_id, unit_code, mutation_id, user_id,
				device_id, at FROM changes;
			DROP TABLE changes;
			ALTER TABLE changes_v6 RENAME TO changes;

			CREATE TABLE records_v6 (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				entity TEXT NOT NULL,
				id TEXT NOT NULL,
				unit_code TEXT,
				data TEXT NOT NULL,
				clocks TEXT NOT NULL,
				hlc TEXT NOT NULL,
				updated_at INTEGER NOT NULL,
				deleted INTEGER NOT NULL,
				seq INTEGER NOT NULL,
				PRIMARY KEY (commune_id, entity, id)
			);
			INSERT INTO records_v6 SELECT 'default', entity, id, unit_code, data, clocks, hlc, updated_at,
				deleted, seq FROM records;
			DROP TABLE records;
			ALTER TABLE records_v6 RENAME TO records;
			CREATE UNIQUE INDEX records_seq ON records(commune_id, seq);
			CREATE INDEX records_unit_seq ON records(commune_id, unit_code, seq);

			CREATE TABLE applied_mutations_v6 (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				mutation_id TEXT NOT NULL,
				user_id TEXT,
				device_id TEXT,
				result TEXT NOT NULL,
				applied_at INTEGER NOT NULL,
				PRIMARY KEY (commune_id, mutation_id)
			);
			INSERT INTO applied_mutations_v6 SELECT 'default', mutation_id, user_id, device_id, result,
				applied_at FROM applied_mutations;
			DROP TABLE applied_mutations;
			ALTER TABLE applied_mutations_v6 RENAME TO applied_mutations;

			ALTER TABLE record_history ADD COLUMN commune_id TEXT NOT NULL DEFAULT 'default';
			DROP INDEX record_history_record;
			CREATE INDEX record_history_record ON record_history(commune_id, entity, record_id);

			CREATE TABLE push_schedule_v6 (
				id INTEGER PRIMARY KEY,
				commune_id TEXT NOT NULL REFERENCES communes(id),
				meeting_id TEXT NOT NULL,
				user_id TEXT NOT NULL,
				threshold TEXT NOT NULL,
				due_at INTEGER NOT NULL,
				payload TEXT NOT NULL,
				sent_at INTEGER,
				UNIQUE (commune_id, meeting_id, user_id, threshold)
			);
			INSERT INTO push_schedule_v6 SELECT id, 'default', meeting_id, user_id, threshold, due_at, payload,
				sent_at FROM push_schedule;
			DROP TABLE push_schedule;
			ALTER TABLE push_schedule_v6 RENAME TO push_schedule;
			CREATE INDEX push_schedule_due ON push_schedule(sent_at, due_at);
			`,
		postgres: noop(IN_POSTGRES_1)
	},
	{
		// The VAPID key pair for Web Push, shared by every app process (was vapid.json under
		// DATA_DIR; push/vapid.ts moves an existing file in). One row.
		name: 'vapid-keys',
		legacy: { sqlite: 7, postgres: 2 },
		sqlite: `
			CREATE TABLE vapid_keys (
				id INTEGER PRIMARY KEY CHECK (id = 1),
				public_key TEXT NOT NULL,
				private_key TEXT NOT NULL,
				created_at INTEGER NOT NULL
			);
			`,
		postgres: `
			CREATE TABLE vapid_keys (
				id INTEGER PRIMARY KEY CHECK (id = 1),
				public_key TEXT NOT NULL,
				private_key TEXT NOT NULL,
				created_at BIGINT NOT NULL
			);
			`
	},
	{
		// The day a record is filed under ($lib/domain/record-day.ts, same rules), so the province
		// view reads one period's records by index. NULL: read for every period. On PostgreSQL in
		// byte order ("C"), as the device compares; rows whose data holds a \u0000 escape (json
		// refuses it as text) keep NULL.
		name: 'records-day',
		legacy: { sqlite: 8, postgres: 3 },
		sqlite: `
			ALTER TABLE records ADD COLUMN day TEXT;
			UPDATE records SET day = CASE
			  WHEN entity = 'meeting' THEN (
			    CASE WHEN json_type(data, '$.date') = 'text'
			      AND json_extract(data, '$.date') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
			      AND substr(json_extract(data, '$.date'), 6, 2) BETWEEN '01' AND '12'
			      AND substr(json_extract(data, '$.date'), 9, 2) BETWEEN '01' AND '31'
			      THEN json_extract(data, '$.date') END)
			  WHEN entity = 'document' THEN (
			    CASE WHEN json_type(data, '$.issuedOn') = 'text'
			      AND json_extract(data, '$.issuedOn') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
			      AND substr(json_extract(data, '$.issuedOn'), 6, 2) BETWEEN '01' AND '12'
			      AND substr(json_extract(data, '$.issuedOn'), 9, 2) BETWEEN '01' AND '31'
			      THEN json_extract(data, '$.issuedOn') END)
			  WHEN entity IN ('procedure', 'incoming') THEN (
			    CASE WHEN json_type(data, '$.month') = 'text'
			      AND json_extract(data, '$.month') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
			      AND substr(json_extract(data, '$.month'), 6, 2) BETWEEN '01' AND '12'
			      THEN json_extract(data, '$.month') END)
			  WHEN entity = 'plan' THEN (
			    CASE WHEN json_type(data, '$.year') = 'integer'
			      AND json_extract(data, '$.year') BETWEEN 1000 AND 9999
			      THEN CAST(json_extract(data, '$.year') AS TEXT) END)
			  END
			WHERE json_valid(data);
			CREATE INDEX records_day ON records(commune_id, entity, day);
			`,
		postgres: `
			ALTER TABLE records ADD COLUMN day TEXT COLLATE "C";
			UPDATE records SET day = CASE
			  WHEN entity IN ('meeting', 'document') THEN (
			    SELECT CASE WHEN json_typeof(j -> k) = 'string'
			      AND (j ->> k) ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN j ->> k END
			    FROM (SELECT data::json AS j,
			      CASE entity WHEN 'meeting' THEN 'date' ELSE 'issuedOn' END AS k) AS v)
			  WHEN entity IN ('procedure', 'incoming') THEN (
			    SELECT CASE WHEN json_typeof(j -> 'month') = 'string'
			      AND (j ->> 'month') ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN j ->> 'month' END
			    FROM (SELECT data::json AS j) AS v)
			  WHEN entity = 'plan' THEN (
			    SELECT CASE WHEN json_typeof(j -> 'year') = 'number'
			      AND (j ->> 'year') ~ '^[0-9]{4}$' THEN j ->> 'year' END
			    FROM (SELECT data::json AS j) AS v)
			  END
			WHERE entity IN ('meeting', 'document', 'procedure', 'incoming', 'plan')
			  AND strpos(data, '\\u0000') = 0;
			CREATE INDEX records_day ON records(commune_id, entity, day);
			`
	},
	{
		// One row per applied mutation (issue 13, push speed). The change log (`changes`, never read
		// back: who changed what, when) and the idempotency table (`applied_mutations`) fold into
		// `mutations`, WITHOUT ROWID on its key: per mutation one insert into one b-tree instead of
		// two inserts into four. `seq` is the seq the answer carried (the record's), `changed` marks
		// a mutation that changed its record (a former `changes` row), `lost` the JSON of the
		// answer's lost fields (NULL: none). The temporary index keeps the fold linear on a large
		// database.
		name: 'fold-mutations',
		legacy: { sqlite: 9 },
		sqlite: `
			CREATE TABLE mutations (
				commune_id TEXT NOT NULL REFERENCES communes(id),
				mutation_id TEXT NOT NULL,
				seq INTEGER,
				changed INTEGER NOT NULL,
				entity TEXT,
				record_id TEXT,
				unit_code TEXT,
				user_id TEXT,
				device_id TEXT,
				applied_at INTEGER NOT NULL,
				lost TEXT,
				PRIMARY KEY (commune_id, mutation_id)
			) WITHOUT ROWID;
			CREATE INDEX changes_mutation ON changes(commune_id, mutation_id);
			INSERT INTO mutations (commune_id, mutation_id, seq, changed, entity, record_id, unit_code, user_id,
				device_id, applied_at, lost)
				SELECT a.commune_id, a.mutation_id, json_extract(a.result, '$.seq'), c.seq IS NOT NULL,
					c.entity, c.record_id, c.unit_code, a.user_id, a.device_id, a.applied_at,
					json_extract(a.result, '$.lost')
				FROM applied_mutations a
				LEFT JOIN changes c ON c.commune_id = a.commune_id AND c.mutation_id = a.mutation_id;
			INSERT OR IGNORE INTO mutations (commune_id, mutation_id, seq, changed, entity, record_id,
				unit_code, user_id, device_id, applied_at)
				SELECT commune_id, mutation_id, seq, 1, entity, record_id, unit_code, user_id, device_id, at
				FROM changes;
			DROP TABLE changes;
			DROP TABLE applied_mutations;
			`,
		postgres: noop(
			'PostgreSQL keeps changes + applied_mutations (postgres.ts writes both); its fold, if it ' +
				'comes, is a step of its own at the end of this list'
		)
	},
	{
		// One index for pulls by seq instead of two (issue 13, push cost). `records_unit_seq`
		// (commune, unit, seq) took one leaf page per unit a commit touched and no SQLite pull used
		// it: the unit-scoped pull walks `records_seq` and filters on the unit. `records_seq` now
		// carries the unit, so that filter reads the index alone and fetches only the rows it
		// returns. A seq is unique per commune by how it is taken (the `commune_seq` counter), no
		// longer by the index.
		name: 'lean-seq-index',
		sqlite: `
			DROP INDEX records_unit_seq;
			DROP INDEX records_seq;
			CREATE INDEX records_seq ON records(commune_id, seq, unit_code);
			`,
		postgres: noop(
			'PostgreSQL keeps records_unit_seq and records_seq: its planner may use the per-unit ' +
				'index for a unit’s pull, and its push cost is round trips rather than pages (measured ' +
				'on SQLite only)'
		)
	},
	{
		// Who wrote a record from a device (`findRecordWriters`, only when a push answer carries
		// `lost` fields): without an index each lookup read every mutation of the commune (SQLite:
		// the whole (commune, mutation id) key range; PostgreSQL: `changes` backwards by seq until
		// the device's last change of the record). Now one seek: the last seq of (commune, entity,
		// record, device). SQLite's index is partial (`changed = 1`, what the lookup asks): rejected
		// and no-op mutations add nothing to it. PostgreSQL's `changes` holds changed mutations
		// only. A plain CREATE INDEX: PostgreSQL holds writes to `changes` while it builds (one
		// transaction per step: no CONCURRENTLY); IF NOT EXISTS so an operator can build it
		// CONCURRENTLY by hand first on a large database (docs/SCALING.md).
		name: 'record-writers-index',
		sqlite: `
			CREATE INDEX mutations_record_writer
				ON mutations(commune_id, entity, record_id, device_id, seq) WHERE changed = 1;
			`,
		postgres: `
			CREATE INDEX IF NOT EXISTS changes_record_writer
				ON changes(commune_id, entity, record_id, device_id, seq);
			`
	},
	{
		// The day index keyed by month (issue 13, point 2: push cost). `records_day` (commune,
		// entity, day) put a push's records at one leaf per day they carry: ten meetings of ten
		// days, the bench's push and a week offline, touched five to seven leaves of it per commit.
		// Keyed by the day's first seven characters (`YYYY-MM`; a plan's `YYYY`), a month's records
		// sit together in rowid order and a push adds them at the end of their month's run: one or
		// two leaves. The window read (`listRecords`, the province view) asks the index for the
		// months of the window and filters the exact days on the rows, so it reads the same rows
		// to within the window's first and last month.
		name: 'records-month-index',
		sqlite: `
			DROP INDEX IF EXISTS records_day;
			CREATE INDEX records_month ON records(commune_id, entity, substr(day, 1, 7));
			`,
		postgres: noop(
			'PostgreSQL keeps records_day: its push writes the index in one statement whose cost is ' +
				'the round trip and the WAL flush, not the leaves of a page-per-frame log (measured on ' +
				'SQLite only)'
		)
	},
	{
		// Who wrote a record from a device, kept on the record (issue 13, point 2: push cost). The
		// index of step 11 (`mutations_record_writer`) cost a push about four pages of the log for a
		// lookup made only when an answer carries lost fields. `records.writers` holds, per device,
		// the account of its newest change of the record (a JSON object device id -> user id), set
		// by the record upsert a push already makes; `findRecordWriters` reads the record's row.
		// Filled from `mutations` (changed, the newest seq per device), through the index before it
		// goes, so the step stays linear. Rows without a known writer keep NULL. The fill names every
		// device that ever changed the record; from the record's next change on, a push keeps only
		// the devices whose clocks it still carries (sqlite.ts `nextWriters`).
		name: 'record-writers-column',
		sqlite: `
			ALTER TABLE records ADD COLUMN writers TEXT;
			UPDATE records SET writers = (
				SELECT json_group_object(device_id, user_id) FROM (
					SELECT device_id, user_id, MAX(seq) FROM mutations m
					WHERE m.commune_id = records.commune_id AND m.entity = records.entity
					  AND m.record_id = records.id AND m.changed = 1 AND m.device_id IS NOT NULL
					GROUP BY device_id))
			WHERE EXISTS (SELECT 1 FROM mutations m
				WHERE m.commune_id = records.commune_id AND m.entity = records.entity
				  AND m.record_id = records.id AND m.changed = 1 AND m.device_id IS NOT NULL);
			DROP INDEX mutations_record_writer;
			`,
		postgres: noop(
			'PostgreSQL keeps changes_record_writer: it writes a `changes` row per change anyway and ' +
				'its commit costs a round trip and a WAL flush, not one log frame per page touched, so ' +
				'the index costs its push little (measured on SQLite only)'
		)
	},
	{
		// A commune's last seq is its records' highest (issue 13, point 2: push cost): every seq
		// taken is written to the record it changed and records are never deleted, so `sqlite.ts`
		// reads it at the end of `records_seq` and a push no longer writes the `commune_seq` row (a
		// page of the log per commit). The row stays as a floor (an older version may have left it
		// ahead of the records), frozen: an app process of an older version still running on the
		// database would take its seqs from the frozen counter, reusing seqs the new one gave; the
		// trigger fails its write instead (restart it on the new version). New communes still get
		// their row (at 0). A second trigger refuses to delete a record: the one with the highest
		// seq gone, the next change would take its seq again, below a cursor a device may hold. A
		// purge of records, if one ever comes, raises the floor first (unfreezing the row).
		name: 'commune-seq-from-records',
		sqlite: `
			CREATE TRIGGER commune_seq_frozen BEFORE UPDATE ON commune_seq
			BEGIN
				SELECT RAISE(ABORT, 'commune_seq is no longer written (migration step commune-seq-from-records): restart this process on the current version');
			END;
			CREATE TRIGGER records_never_deleted BEFORE DELETE ON records
			BEGIN
				SELECT RAISE(ABORT, 'records are never deleted: a commune''s last seq is its highest record seq (migration step commune-seq-from-records)');
			END;
			`,
		postgres: noop(
			'PostgreSQL keeps writing commune_seq: a push locks its commune’s row first (FOR UPDATE), ' +
				'which orders the commune’s commits by seq (docs/sync-protocol.md, the sequence rule)'
		)
	},
	{
		// A mutation id answers `duplicate` only for the record it was applied to (attacker review,
		// finding 6): a resend is the same id for the same entity and record id; the same id for
		// another record is refused. PostgreSQL's idempotency table kept only the answer: it gets
		// the entity and record id, filled for the ids that changed a record from `changes` (one
		// hash join, once). Rows left without them (a mutation that changed nothing, applied by an
		// older version) are taken as the same record, as before (types.ts `sameRecord`).
		name: 'applied-mutation-record',
		sqlite: noop(
			"SQLite's `mutations` has carried entity and record_id since step fold-mutations (rows " +
				'folded from mutations that changed nothing keep NULL: taken as the same record)'
		),
		postgres: `
			ALTER TABLE applied_mutations ADD COLUMN entity TEXT, ADD COLUMN record_id TEXT;
			UPDATE applied_mutations a SET entity = c.entity, record_id = c.record_id
				FROM changes c WHERE c.commune_id = a.commune_id AND c.mutation_id = a.mutation_id;
			`
	},
	{
		// When each commune's data last arrived (province review, finding 9): /province shows per
		// commune the server's time of the last change a device pushed, without reading the
		// commune's records. SQLite keeps it on the record a push writes anyway (`received_at`, the
		// push's time; NULL for the server's own seeding writes), read at the top of `records_seq`
		// (`sqlite.ts` LAST_ARRIVAL_SQL): no index and no row more per push. Filled once from
		// `mutations` (the changed mutation that gave each record its current seq), a join on
		// `records_seq`; a record whose mutation row is gone stays NULL.
		name: 'records-received-at',
		sqlite: `
			ALTER TABLE records ADD COLUMN received_at INTEGER;
			UPDATE records SET received_at = m.applied_at
				FROM mutations m
				WHERE m.commune_id = records.commune_id AND m.seq = records.seq AND m.changed = 1
				  AND m.device_id IS NOT 'server';
			`,
		postgres: noop(
			'PostgreSQL already logs each change with its time and device (`changes.at`, ' +
				'`changes.device_id`), read down its primary key (commune, seq): postgres.ts LAST_ARRIVAL_SQL'
		)
	},
	{
		// The audit log of administrative actions (docs/SECURITY.md, "Audit log"): who did what to
		// which account, commune or settings, written by the storage in the same transaction as the
		// action. `commune_id` NULL: the province's own accounts. No foreign keys: an entry outlives
		// whatever it names. Append-only: a trigger refuses every UPDATE on both engines; the only
		// DELETE is the retention's (`pruneAudit`, by `at`). Read newest first by id, per commune
		// (`audit_log_commune`) or in all (the primary key).
		name: 'audit-log',
		sqlite: `
			CREATE TABLE audit_log (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				at INTEGER NOT NULL,
				commune_id TEXT,
				actor_id TEXT NOT NULL,
				actor_username TEXT NOT NULL,
				action TEXT NOT NULL,
				target_id TEXT,
				target_name TEXT,
				detail TEXT NOT NULL
			);
			CREATE INDEX audit_log_commune ON audit_log(commune_id, id);
			CREATE INDEX audit_log_at ON audit_log(at);
			CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
			BEGIN
				SELECT RAISE(ABORT, 'audit_log is append-only');
			END;
			`,
		postgres: `
			CREATE TABLE audit_log (
				id BIGSERIAL PRIMARY KEY,
				at BIGINT NOT NULL,
				commune_id TEXT,
				actor_id TEXT NOT NULL,
				actor_username TEXT NOT NULL,
				action TEXT NOT NULL,
				target_id TEXT,
				target_name TEXT,
				detail TEXT NOT NULL
			);
			CREATE INDEX audit_log_commune ON audit_log(commune_id, id);
			CREATE INDEX audit_log_at ON audit_log(at);
			CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				RAISE EXCEPTION 'audit_log is append-only';
			END;
			$$;
			CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
				FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
			`
	},
	{
		// Report due dates the province admin sets on /province, per period kind and year
		// (docs/ARCHITECTURE.md, the province view): the server settings `REPORT_DUE_*` stay the
		// default where none is set. Province-wide (no commune owns it); a few rows a year.
		name: 'report-due-dates',
		sqlite: `
			CREATE TABLE report_due_dates (
				kind TEXT NOT NULL,
				year INTEGER NOT NULL,
				due_date TEXT NOT NULL,
				set_at INTEGER NOT NULL,
				set_by TEXT NOT NULL,
				PRIMARY KEY (kind, year)
			);
			`,
		postgres: `
			CREATE TABLE report_due_dates (
				kind TEXT NOT NULL,
				year INTEGER NOT NULL,
				due_date TEXT NOT NULL,
				set_at BIGINT NOT NULL,
				set_by TEXT NOT NULL,
				PRIMARY KEY (kind, year)
			);
			`
	},
	{
		// Every sign-in keeps the account's MAX_SESSIONS_PER_USER newest login devices (a DELETE
		// by user_id, newest by created_at, in the session's transaction) and a disable or reset
		// forgets them all: without an index leading with user_id both read the whole table
		// (every account's devices of 180 days), on SQLite under the write lock.
		name: 'login-devices-user-index',
		sqlite: `CREATE INDEX login_devices_user ON login_devices(user_id, created_at);`,
		postgres: `CREATE INDEX login_devices_user ON login_devices(user_id, created_at);`
	},
	{
		// The admin log filtered by kind of action and by the account that acted (attacker review
		// r12, 4: an intruder's password reset found under any number of a monitor's settings
		// saves). A filtered page reads one branch per action (sqlite.ts `auditFilterSql`), each an
		// index range newest first: the scope (a commune, or NULL: the province's own), the actor
		// and the action by equality, then id. Without these, walking audit_log_commune for the
		// few account entries reads the whole flood.
		name: 'audit-log-filters',
		sqlite: `
			CREATE INDEX audit_log_commune_action ON audit_log(commune_id, action, id);
			CREATE INDEX audit_log_commune_actor ON audit_log(commune_id, actor_id, action, id);
			CREATE INDEX audit_log_action ON audit_log(action, id);
			CREATE INDEX audit_log_actor ON audit_log(actor_id, action, id);
			`,
		postgres: `
			CREATE INDEX audit_log_commune_action ON audit_log(commune_id, action, id);
			CREATE INDEX audit_log_commune_actor ON audit_log(commune_id, actor_id, action, id);
			CREATE INDEX audit_log_action ON audit_log(action, id);
			CREATE INDEX audit_log_actor ON audit_log(actor_id, action, id);
			`
	}
];
