import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS } from './migrations';
import { migrateSqlite } from './migrator';
import { DB_FILE, openSqliteStorage, RECORD_WRITER_SQL } from './sqlite';
import { DEFAULT_COMMUNE, type BatchItem } from './types';

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
		expect(migrateSqlite(db, MIGRATIONS, () => 2)).toBe(MIGRATIONS.length);
		expect(db.prepare('SELECT count(*) AS n FROM schema_steps WHERE applied_at = 2').get()).toEqual(
			{
				n: 0
			}
		);
		db.close();
		const second = openSqliteStorage(dir);
		expect((await second.findUserByUsername('lan'))?.id).toBe('u1');
		second.close();
	});

	it('checkpoints from a worker thread when asked: commits never checkpoint, the log is copied back', async () => {
		const dir = tempDir();
		const s = openSqliteStorage(dir, { checkpoint: 'background' });
		// The serving connection no longer checkpoints inside a commit.
		expect(s.autoCheckpointFrames).toBe(0);
		expect(s.synchronous).toBe('FULL');
		const items: BatchItem[] = Array.from({ length: 50 }, (_, i) => ({
			envelope: {
				mutationId: `m-${i}`,
				entity: 'document',
				recordId: `d-${i}`,
				userId: 'u1',
				deviceId: 'dev',
				at: 1
			},
			decide: () => ({
				kind: 'write',
				state: { data: { title: 'x'.repeat(2000), updatedAt: 1 }, clocks: { title: 'h' } },
				unitCode: null,
				hlc: 'h',
				deleted: false,
				changed: true,
				history: []
			})
		}));
		expect((await s.applyBatch(DEFAULT_COMMUNE, items)).ok).toBe(true);
		// The worker copies every frame of the log into the database file.
		await vi.waitFor(
			() => {
				const r = s.lastCheckpoint;
				expect(r && r.log > 0 && r.checkpointed === r.log).toBe(true);
			},
			{ timeout: 15_000, interval: 50 }
		);
		await s.closed();
		// Another connection reads it all from the database file (no -wal left after the close).
		expect(fs.existsSync(path.join(dir, `${DB_FILE}-wal`))).toBe(false);
		const db = new Database(path.join(dir, DB_FILE), { readonly: true });
		expect((db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(50);
		db.close();
	});

	it('checkpoints inline by default (tests and tools), as SQLite does', () => {
		const s = openSqliteStorage(tempDir());
		expect(s.autoCheckpointFrames).toBe(1000);
		s.close();
	});

	it('names who wrote a record (a lost field) by one seek in an index, not by reading the commune’s mutations', async () => {
		const dir = tempDir();
		const s = openSqliteStorage(dir);
		// 600 mutations: 40 records, each written by three devices, five times.
		const items: BatchItem[] = Array.from({ length: 600 }, (_, i) => ({
			envelope: {
				mutationId: `m-${String(i).padStart(4, '0')}`,
				entity: 'meeting',
				recordId: `r-${i % 40}`,
				userId: 'u1',
				deviceId: `dev-${i % 3}`,
				at: 1
			},
			decide: () => ({
				kind: 'write',
				state: { data: { title: `v${i}`, updatedAt: 1 }, clocks: { title: `h${i}` } },
				unitCode: 'VP',
				hlc: `h${i}`,
				deleted: false,
				changed: true,
				history: []
			})
		}));
		expect((await s.applyBatch(DEFAULT_COMMUNE, items)).ok).toBe(true);
		s.close();
		const db = new Database(path.join(dir, DB_FILE));
		// With the table's statistics too, as a long-running database would have them.
		for (const stats of [false, true]) {
			if (stats) db.exec('ANALYZE');
			const plan = (
				db
					.prepare(`EXPLAIN QUERY PLAN ${RECORD_WRITER_SQL}`)
					.all(DEFAULT_COMMUNE, 'meeting', 'r-7', 'dev-1') as { detail: string }[]
			).map((p) => p.detail);
			// Before the index: `SEARCH c USING PRIMARY KEY (commune_id=?)`, every mutation of the
			// commune read, then sorted by seq.
			expect(plan[0]).toMatch(
				/^SEARCH c USING INDEX mutations_record_writer \(commune_id=\? AND entity=\? AND record_id=\? AND device_id=\?\)$/
			);
			expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN/);
		}
		db.close();
	});
});

// A push reads the commune's units and settings before every request: SQLite keeps them between
// requests (issue 13, point 2) and must never answer from a stale copy.
describe('SQLite: units and settings kept between requests', () => {
	const C = DEFAULT_COMMUNE;
	let n = 0;
	const write = (
		entity: 'unit' | 'settings',
		data: Record<string, unknown>,
		fail = false
	): BatchItem[] => {
		const id = entity === 'unit' ? String(data.code) : 'settings';
		const item: BatchItem = {
			envelope: {
				mutationId: `cache-${++n}`,
				entity,
				recordId: id,
				userId: 'u',
				deviceId: 'd',
				at: 1
			},
			decide: () => ({
				kind: 'write',
				state: { data, clocks: {} },
				unitCode: null,
				hlc: `h-${n}`,
				deleted: false,
				changed: true,
				history: [],
				...(entity === 'unit'
					? {
							unit: {
								code: String(data.code),
								name: String(data.name),
								kind: 'phong_ban',
								archived: data.archived === true
							}
						}
					: {})
			})
		};
		const boom: BatchItem = {
			envelope: { ...item.envelope, mutationId: `cache-${++n}`, recordId: 'boom' },
			decide: () => {
				throw new Error('boom');
			}
		};
		return fail ? [item, boom] : [item];
	};
	const names = async (s: ReturnType<typeof openSqliteStorage>) =>
		(await s.listUnits(C)).map((u) => `${u.code}:${u.name}:${u.archived}`);

	it('sees its own writes, another connection’s commits, and never a rolled-back write', async () => {
		const dir = tempDir();
		const a = openSqliteStorage(dir);
		const b = openSqliteStorage(dir);
		try {
			await a.applyBatch(C, write('unit', { code: 'VP', name: 'Văn phòng' }));
			expect(await names(a)).toEqual(['VP:Văn phòng:false']);
			expect(await a.findRecord(C, 'settings', 'settings')).toBeNull();

			// Written through this connection.
			await a.applyBatch(C, write('unit', { code: 'VP', name: 'Văn phòng', archived: true }));
			await a.applyBatch(C, write('settings', { id: 'settings', communeName: 'Xã A' }));
			expect(await names(a)).toEqual(['VP:Văn phòng:true']);
			expect((await a.findRecord(C, 'settings', 'settings'))?.state.data.communeName).toBe('Xã A');

			// Committed by another connection (another process on the file).
			await b.applyBatch(C, write('unit', { code: 'KT', name: 'Kinh tế' }));
			await b.applyBatch(C, write('settings', { id: 'settings', communeName: 'Xã B' }));
			expect(await names(a)).toEqual(['KT:Kinh tế:false', 'VP:Văn phòng:true']);
			expect((await a.findRecord(C, 'settings', 'settings'))?.state.data.communeName).toBe('Xã B');

			// Rolled back: nothing of it is seen, then or later.
			await expect(
				a.applyBatch(C, write('unit', { code: 'XX', name: 'Không' }, true))
			).rejects.toThrow('boom');
			await expect(
				a.applyBatch(C, write('settings', { id: 'settings', communeName: 'Xã X' }, true))
			).rejects.toThrow('boom');
			expect(await names(a)).toEqual(['KT:Kinh tế:false', 'VP:Văn phòng:true']);
			expect((await a.findRecord(C, 'settings', 'settings'))?.state.data.communeName).toBe('Xã B');

			// What a caller gets cannot change what the next caller reads.
			const [unit] = await a.listUnits(C);
			expect(() => Object.assign(unit!, { archived: true })).toThrow();
			const settings = (await a.findRecord(C, 'settings', 'settings'))!;
			expect(() => Object.assign(settings.state.data, { communeName: 'Khác' })).toThrow();
			expect(await names(a)).toEqual(['KT:Kinh tế:false', 'VP:Văn phòng:true']);
		} finally {
			b.close();
			a.close();
		}
	});
});
