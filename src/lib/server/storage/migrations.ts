/**
 * SQLite schema, one entry per version. Never edit an applied entry: append a new one.
 * The database's `PRAGMA user_version` holds the number of entries applied.
 */
export const MIGRATIONS: readonly string[] = [
	`
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
	// 2: Web Push (meeting timer in the background): device subscriptions and the send schedule.
	`
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
	// 3: account management: the "must change password" flag, devices that signed in before (they
	// pass an account's lock-out), and indexes for per-user sessions and attempt clean-up.
	`
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
	// 4: storage growth: a write budget per user (token bucket) and age-based history pruning.
	`
	CREATE TABLE write_budget (
		key TEXT PRIMARY KEY,
		tokens REAL NOT NULL,
		updated_at INTEGER NOT NULL
	);
	CREATE INDEX record_history_at ON record_history(at);
	`,
	// 5: the language of each push subscription (the device's chosen language when it subscribed):
	// the server writes the notification texts in it.
	`
	ALTER TABLE push_subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'vi';
	`
];
