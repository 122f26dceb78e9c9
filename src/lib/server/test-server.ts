/**
 * Test helpers for server specs: a fresh SQLite database in a temp DATA_DIR, a clock the test
 * moves by hand, predictable ids, cheap scrypt. Record builders: tests/factories ($factories).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommuneRole } from '$lib/domain/users';
import type { PublicUser } from '$lib/domain/sync/protocol';
import type { CommuneActor } from './auth/permissions';
import { fakeUuid, hlcAt, mutation, T0 } from '$factories/sync';
import { bootstrap } from './auth/bootstrap';
import { createSession } from './auth/session';
import { publicUser, createUser } from './auth/users';
import { makeContext, type ServerContext } from './context';
import { openSqliteStorage, type SqliteStorage } from './storage/sqlite';
import { push } from './sync/push';
import { DEFAULT_COMMUNE } from './storage/types';

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

/** A commune account as the server handlers see it (what `addUser` returns). */
export type TestUser = PublicUser & CommuneActor;

export async function addUser(
	ctx: ServerContext,
	username: string,
	role: CommuneRole,
	unitCode: string | null,
	communeId: string = DEFAULT_COMMUNE
): Promise<TestUser> {
	const outcome = await createUser(
		ctx,
		null,
		{
			username,
			password: `${username}-password`,
			displayName: username,
			role,
			unitCode
		},
		communeId
	);
	if (!outcome.ok) throw new Error(Object.values(outcome.fields ?? {})[0] ?? outcome.code);
	return { ...publicUser(outcome.user), communeId };
}

/**
 * A session of `userId` as a sign-in makes it (`createSession` with the account's current password
 * hash as its guard, no login device): the account must exist and be enabled.
 */
export async function sessionFor(
	ctx: ServerContext,
	userId: string
): Promise<{ token: string; expiresAt: number }> {
	const user = await ctx.storage.findUserById(userId);
	const session = user
		? await createSession(ctx, userId, [], { passwordHash: user.passwordHash })
		: null;
	if (!session) throw new Error(`no session for ${userId}: unknown or disabled`);
	return session;
}

/** Archive a unit of the default commune as an admin's phone does (the unit pushed `archived`). */
export async function archiveUnit(
	ctx: ServerContext,
	admin: TestUser,
	code: string
): Promise<Awaited<ReturnType<typeof push>>> {
	const unit = (await ctx.storage.findRecord(DEFAULT_COMMUNE, 'unit', code))!.state.data;
	return push(ctx, admin, {
		version: 1,
		deviceId: 'dev-a',
		mutations: [
			mutation(
				'unit',
				{ ...unit, archived: true, updatedAt: T0 + 1 },
				{ hlc: hlcAt(T0 + 1), fields: ['archived', 'updatedAt'] }
			)
		]
	});
}
