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
	unitCode: 'VP',
	disabled: false,
	createdAt: 1
});

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

	it('refuses a second user with the same username', async () => {
		const storage = openSqliteStorage(tempDir());
		expect(await storage.createUser(user('u1', 'lan'))).not.toBeNull();
		expect(await storage.createUser(user('u2', 'lan'))).toBeNull();
		expect(await storage.countUsers()).toBe(1);
		storage.close();
	});

	it('treats SQL in values as data', async () => {
		const storage = openSqliteStorage(tempDir());
		const name = "x'; DROP TABLE users; --";
		await storage.createUser(user('u1', name));
		expect((await storage.findUserByUsername(name))?.id).toBe('u1');
		expect(await storage.countUsers()).toBe(1);
		storage.close();
	});

	it('counts login failures inside a window and clears them', async () => {
		const storage = openSqliteStorage(tempDir());
		await storage.recordLoginFailure('k', 100);
		await storage.recordLoginFailure('k', 200);
		await storage.recordLoginFailure('other', 200);
		expect(await storage.countLoginFailures('k', 100)).toBe(1);
		expect(await storage.countLoginFailures('k', 0)).toBe(2);
		await storage.clearLoginFailures('k');
		expect(await storage.countLoginFailures('k', 0)).toBe(0);
		expect(await storage.countLoginFailures('other', 0)).toBe(1);
		storage.close();
	});

	it('deletes expired sessions only', async () => {
		const storage = openSqliteStorage(tempDir());
		await storage.createUser(user('u1', 'lan'));
		await storage.createSession({ tokenHash: 'a', userId: 'u1', createdAt: 0, expiresAt: 100 });
		await storage.createSession({ tokenHash: 'b', userId: 'u1', createdAt: 0, expiresAt: 300 });
		expect(await storage.deleteExpiredSessions(200)).toBe(1);
		expect(await storage.findSession('a')).toBeNull();
		expect(await storage.findSession('b')).not.toBeNull();
		storage.close();
	});
});
