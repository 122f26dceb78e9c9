/**
 * Test helpers for server specs: a fresh SQLite database in a temp DATA_DIR, a clock the test
 * moves by hand, predictable ids, cheap scrypt. Record builders: tests/factories ($factories).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '$lib/domain/sync/protocol';
import { fakeUuid, T0 } from '$factories/sync';
import { bootstrap } from './auth/bootstrap';
import { publicUser, createUser } from './auth/users';
import { makeContext, type ServerContext } from './context';
import { openSqliteStorage, type SqliteStorage } from './storage/sqlite';

export interface TestServer {
	ctx: ServerContext;
	storage: SqliteStorage;
	dir: string;
	clock: { now: number };
	close(): void;
}

export function openTestServer(): TestServer {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-'));
	const storage = openSqliteStorage(dir);
	const clock = { now: T0 };
	let id = 0;
	const ctx = makeContext(storage, {
		now: () => clock.now,
		newId: () => fakeUuid(++id + 0xa00000),
		scrypt: { N: 1024, r: 8, p: 1 }
	});
	return {
		ctx,
		storage,
		dir,
		clock,
		close() {
			storage.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A server after first start (units, settings, admin with password `admin-password`). */
export async function openSeededServer(): Promise<TestServer> {
	const server = openTestServer();
	await bootstrap(server.ctx, 'admin-password');
	return server;
}

export async function addUser(
	ctx: ServerContext,
	username: string,
	role: Role,
	unitCode: string | null
) {
	const outcome = await createUser(ctx, null, {
		username,
		password: `${username}-password`,
		displayName: username,
		role,
		unitCode
	});
	if (!outcome.ok) throw new Error(Object.values(outcome.fields ?? {})[0] ?? outcome.code);
	return publicUser(outcome.user);
}
