/**
 * PostgreSQL schema, one entry per version (its own list: the engines' SQL differs, the rule is
 * the same as migrations.ts for SQLite). Never edit an applied entry: append a new one. The table
 * `schema_migrations` holds one row per applied version; postgres.ts applies the missing ones on
 * start, each in its own transaction, under an advisory lock so app processes starting together
 * migrate once.
 *
 * Commune-owned tables carry `commune_id` from the start (a commune is a tenant; `default` is the
 * one commune of a single-commune server). Times are epoch milliseconds (BIGINT); record data and
 * clocks are JSON text, exactly as the device sent them (jsonb would refuse a `\u0000` a text field
 * may hold; `data::jsonb` works for queries over it).
 */
export const PG_MIGRATIONS: readonly string[] = [
	`
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
	`,
	// The VAPID key pair for Web Push, shared by every app process (push/vapid.ts). One row.
	`
	CREATE TABLE vapid_keys (
		id INTEGER PRIMARY KEY CHECK (id = 1),
		public_key TEXT NOT NULL,
		private_key TEXT NOT NULL,
		created_at BIGINT NOT NULL
	);
	`,
	// The day a record is filed under ($lib/domain/record-day.ts, same rules), so the province view
	// reads one period's records by index. NULL: read for every period. Byte order ("C"), as the
	// device compares. Rows whose data holds a \u0000 escape (json refuses it as text) keep NULL.
	`
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
];
