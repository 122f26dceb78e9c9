import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { DB_FILE, migrate, openSqliteStorage } from './sqlite';

const dirs: string[] = [];
const tempDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-store-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const user = (id: string, username: string) => ({
	id,
	username,
	displayName: username,
	passwordHash: 'h',
	role: 'staff' as const,
	communeId: 'default',
	unitCode: 'VP',
	disabled: false,
	mustChangePassword: false,
	createdAt: 1
});

// The engine-independent rules are in storage.contract.spec.ts (run on SQLite and PostgreSQL).
describe('SQLite storage', () => {
	it('creates a missing DATA_DIR and migrates to the latest version in WAL mode', () => {
		const dir = path.join(tempDir(), 'nested', 'data');
		const storage = openSqliteStorage(dir);
		expect(fs.existsSync(path.join(dir, DB_FILE))).toBe(true);
		expect(storage.schemaVersion).toBe(MIGRATIONS.length);
		storage.close();
		const db = new Database(path.join(dir, DB_FILE));
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		db.close();
	});

	it('migrating again is a no-op and keeps data', async () => {
		const dir = tempDir();
		const first = openSqliteStorage(dir);
		await first.createUser(user('u1', 'lan'));
		first.close();
		const db = new Database(path.join(dir, DB_FILE));
		expect(migrate(db)).toBe(MIGRATIONS.length);
		db.close();
		const second = openSqliteStorage(dir);
		expect((await second.findUserByUsername('lan'))?.id).toBe('u1');
		second.close();
	});
});
