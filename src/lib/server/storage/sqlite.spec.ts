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

	it('reserves login attempts only while every key is under its limit', async () => {
		const storage = openSqliteStorage(tempDir());
		const limits = [
			{ key: 'k', max: 2 },
			{ key: 'other', max: 5 }
		];
		const a = await storage.reserveLoginAttempt(limits, 0, 100);
		const b = await storage.reserveLoginAttempt(limits, 0, 200);
		expect(a.ok && b.ok).toBe(true);
		// `k` is full: refused, nothing written, retry when the attempt at 100 leaves a 1000 ms window.
		expect(await storage.reserveLoginAttempt(limits, 0, 1000)).toEqual({
			ok: false,
			key: 'k',
			retryAt: 1100
		});
		expect(await storage.loginLimitedUntil('k', 2, 0, 1000)).toBe(1100);
		expect(await storage.loginLimitedUntil('other', 5, 0, 1000)).toBeNull();
		// Only attempts after `since` count.
		expect((await storage.reserveLoginAttempt(limits, 150, 1000)).ok).toBe(true);
		if (a.ok) await storage.releaseLoginAttempts(a.ids);
		await storage.clearLoginAttempts([], ['ot']);
		expect(await storage.loginLimitedUntil('k', 2, 0, 1000)).toBe(1200);
		expect(await storage.deleteLoginAttemptsBefore(200)).toBe(1);
		expect(await storage.loginLimitedUntil('k', 1, 0, 1000)).toBe(2000);
		storage.close();
	});

	it('updates a user and ends their sessions but the one kept', async () => {
		const storage = openSqliteStorage(tempDir());
		await storage.createUser(user('u1', 'lan'));
		const updated = await storage.updateUser('u1', { disabled: true, mustChangePassword: true });
		expect(updated).toMatchObject({ disabled: true, mustChangePassword: true, role: 'staff' });
		expect(await storage.updateUser('nobody', { disabled: true })).toBeNull();
		for (const h of ['a', 'b', 'c'])
			await storage.createSession({ tokenHash: h, userId: 'u1', createdAt: 0, expiresAt: 300 });
		expect((await storage.listActiveSessions(0)).map((s) => s.tokenHash)).toEqual(['a', 'b', 'c']);
		expect(await storage.deleteUserSessions('u1', 'b')).toBe(2);
		expect((await storage.listActiveSessions(0)).map((s) => s.tokenHash)).toEqual(['b']);
		expect(await storage.listActiveSessions(300)).toEqual([]);
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
