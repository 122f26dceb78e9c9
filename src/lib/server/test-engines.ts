/**
 * Server specs on both engines (like the contract suites): `describe.each(TEST_ENGINES)` gets a
 * seeded server on SQLite (a temp DATA_DIR) or on PostgreSQL (a fresh schema on the spec file's
 * throwaway cluster, `$factories/pg-cluster`, or on TEST_DATABASE_URL; never skipped). `another()` opens a second storage on the same
 * database: another app process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pgCluster } from '$factories/pg-cluster';
import { fakeUuid, T0 } from '$factories/sync';
import { bootstrap } from './auth/bootstrap';
import { makeContext, type ServerContext } from './context';
import { createTestDatabase } from './storage/pg-test-cluster';
import { openPostgresStorage } from './storage/postgres';
import { openSqliteStorage } from './storage/sqlite';
import type { HistoryRetention, Storage } from './storage/types';

export interface EngineServer {
	engine: 'SQLite' | 'PostgreSQL';
	ctx: ServerContext;
	storage: Storage;
	/** DATA_DIR of this process (SQLite's database lives there; PostgreSQL's does not). */
	dir: string;
	clock: { now: number };
	/** Another app process on the same database: its own storage handle, context and DATA_DIR. */
	another(options?: { history?: HistoryRetention }): Promise<EngineServer>;
	close(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL database on this spec file's cluster (or TEST_DATABASE_URL), for a
 * spec that opens its storage itself (several processes starting together, say).
 */
export function createPgTestDatabase(): ReturnType<typeof createTestDatabase> {
	return createTestDatabase(pgCluster().url);
}

type Opener = (history?: HistoryRetention) => Promise<Storage>;

function server(engine: EngineServer['engine'], open: Opener, drop: () => Promise<void>) {
	const opened: Storage[] = [];
	const dirs: string[] = [];
	const clock = { now: T0 };
	let id = 0;
	const make = async (history?: HistoryRetention): Promise<EngineServer> => {
		const storage = await open(history);
		opened.push(storage);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-proc-'));
		dirs.push(dir);
		const ctx = makeContext(storage, {
			now: () => clock.now,
			newId: () => fakeUuid(++id + 0xa00000),
			scrypt: { N: 1024, r: 8, p: 1 }
		});
		return {
			engine,
			ctx,
			storage,
			dir,
			clock,
			another: (o) => make(o?.history),
			async close() {
				for (const s of opened.splice(0).reverse()) {
					if ('end' in s && typeof s.end === 'function') await (s.end as () => Promise<void>)();
					else s.close();
				}
				await drop();
				for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
			}
		};
	};
	return make;
}

export const TEST_ENGINES: {
	name: EngineServer['engine'];
	/** A fresh, empty server (nothing seeded). */
	open(options?: { history?: HistoryRetention }): Promise<EngineServer>;
}[] = [
	{
		name: 'SQLite',
		async open(options = {}) {
			const db = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-sqlite-'));
			return server(
				'SQLite',
				async (history) => openSqliteStorage(db, { history }),
				async () => fs.rmSync(db, { recursive: true, force: true })
			)(options.history);
		}
	},
	{
		name: 'PostgreSQL',
		async open(options = {}) {
			const db = await createTestDatabase(pgCluster().url);
			return server(
				'PostgreSQL',
				(history) => openPostgresStorage(db.url, { history, poolSize: 4 }),
				() => db.drop()
			)(options.history);
		}
	}
];

/** A server after first start (units, settings, admin with password `admin-password`). */
export async function openSeededEngine(
	engine: (typeof TEST_ENGINES)[number],
	options?: { history?: HistoryRetention }
): Promise<EngineServer> {
	const s = await engine.open(options);
	await bootstrap(s.ctx, 'admin-password');
	return s;
}
