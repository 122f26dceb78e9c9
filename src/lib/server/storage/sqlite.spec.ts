import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS } from './migrations';
import { migrateSqlite } from './migrator';
import { hlcAt, T0 } from '$factories/sync';
import { AUDIT_ACTIONS } from '$lib/domain/audit';
import {
	auditFilterSql,
	DB_FILE,
	LAST_ARRIVAL_SQL,
	nextWriters,
	openSqliteStorage,
	RECORD_WRITER_SQL
} from './sqlite';
import { DEFAULT_COMMUNE, type AuditQuery, type BatchItem } from './types';

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

	it('names who wrote a record (a lost field) from the record’s row: no index on the mutations for it', async () => {
		const dir = tempDir();
		const s = openSqliteStorage(dir);
		// 600 mutations: 40 records, each written by three devices, five times.
		const items: BatchItem[] = Array.from({ length: 600 }, (_, i) => ({
			envelope: {
				mutationId: `m-${String(i).padStart(4, '0')}`,
				entity: 'meeting',
				recordId: `r-${i % 40}`,
				userId: `u${Math.floor(i / 40)}`,
				deviceId: `dev-${i % 3}`,
				at: 1
			},
			// Each device writes a field of its own: the record keeps a clock of all three.
			decide: () => ({
				kind: 'write',
				state: {
					data: { [`f${i % 3}`]: `v${i}`, updatedAt: 1 },
					clocks: {
						f0: hlcAt(T0 + i, 'dev-0'),
						f1: hlcAt(T0 + i, 'dev-1'),
						f2: hlcAt(T0 + i, 'dev-2'),
						updatedAt: hlcAt(T0 + i, `dev-${i % 3}`)
					}
				},
				unitCode: 'VP',
				hlc: hlcAt(T0 + i, `dev-${i % 3}`),
				deleted: false,
				changed: true,
				history: []
			})
		}));
		expect((await s.applyBatch(DEFAULT_COMMUNE, items)).ok).toBe(true);
		s.close();
		const db = new Database(path.join(dir, DB_FILE));
		// The device's newest change of the record, kept on its row by the push's own upsert
		// (r-7: mutations 7, 47, ..., 567, by u0 to u14; dev-1 last wrote it in mutation 487).
		const row = db
			.prepare('SELECT writers FROM records WHERE commune_id = ? AND entity = ? AND id = ?')
			.get(DEFAULT_COMMUNE, 'meeting', 'r-7') as { writers: string };
		expect(JSON.parse(row.writers)).toEqual({ 'dev-0': 'u14', 'dev-1': 'u12', 'dev-2': 'u13' });
		// Step 11's index is gone (the table is its key alone): a push no longer writes four pages of it.
		const indexes = db
			.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'mutations'")
			.all();
		expect(indexes).toEqual([]);
		// With the table's statistics too, as a long-running database would have them.
		for (const stats of [false, true]) {
			if (stats) db.exec('ANALYZE');
			const plan = (
				db
					.prepare(`EXPLAIN QUERY PLAN ${RECORD_WRITER_SQL}`)
					.all(DEFAULT_COMMUNE, 'meeting', 'r-7') as { detail: string }[]
			).map((p) => p.detail);
			expect(plan[0]).toMatch(
				/^SEARCH r USING INDEX sqlite_autoindex_records_1 \(commune_id=\? AND entity=\? AND id=\?\)$/
			);
			// Then each device of the row's map, and its account by key (not the commune's users).
			expect(plan.slice(1)).toEqual([
				expect.stringMatching(/^SCAN w VIRTUAL TABLE/),
				'SEARCH u USING INDEX sqlite_autoindex_users_1 (id=?)'
			]);
			expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN (r|u)\b|mutations/);
		}
		db.close();
	});

	it('keeps on a record the writers of the clocks it carries, however many device ids wrote it', () => {
		const clocks = (...nodes: string[]) =>
			Object.fromEntries(nodes.map((n, i) => [`f${i}`, hlcAt(T0, n)]));
		// A device new to the record joins the devices whose clocks it still carries.
		expect(
			JSON.parse(
				nextWriters(
					'{"dev-a":"u1","dev-b":"u2"}',
					{ clocks: clocks('dev-a', 'dev-c') },
					'dev-c',
					'u3'
				)
			)
		).toEqual({ 'dev-a': 'u1', 'dev-c': 'u3' });
		// The device's newest account wins; a clock of a device never recorded names no one.
		expect(
			JSON.parse(nextWriters('{"dev-a":"u1"}', { clocks: clocks('dev-a', 'dev-x') }, 'dev-a', 'u9'))
		).toEqual({ 'dev-a': 'u9' });
		// Odd device ids (the client's choice) are plain keys, never the object's prototype.
		expect(
			JSON.parse(nextWriters(null, { clocks: clocks('__proto__') }, '__proto__', 'u4'))
		).toEqual(JSON.parse('{"__proto__":"u4"}'));
		expect(
			Object.keys(
				JSON.parse(
					nextWriters('{"__proto__":"u4"}', { clocks: clocks('__proto__', 'd') }, 'd', 'u5')
				)
			)
		).toEqual(['__proto__', 'd']);
	});

	it('writes a new record’s writers as the general path does (the shortcut for nothing stored)', () => {
		// Device and account ids are the client's and the server's text: any character, escaped as
		// JSON.stringify escapes an object key and value.
		const id = fc.string({ unit: 'binary', maxLength: 12 });
		fc.assert(
			fc.property(id, id, fc.array(id, { maxLength: 4 }), (device, user, others) => {
				const state = { clocks: Object.fromEntries(others.map((n, i) => [`f${i}`, hlcAt(T0, n)])) };
				// '{}' takes the general path: nothing known of any other device either.
				expect(nextWriters(null, state, device, user)).toBe(nextWriters('{}', state, device, user));
			}),
			{ numRuns: 500 }
		);
	});

	it('does not let a flood of device ids grow a record’s row', async () => {
		const dir = tempDir();
		const s = openSqliteStorage(dir);
		// 500 one-field changes of one record, each from a device id of its own (the client picks
		// it): every change replaces the field and its clock.
		const items: BatchItem[] = Array.from({ length: 500 }, (_, i) => ({
			envelope: {
				mutationId: `flood-${i}`,
				entity: 'meeting',
				recordId: 'r-1',
				userId: 'u1',
				deviceId: `dev-${i}`,
				at: 1
			},
			decide: () => ({
				kind: 'write',
				state: {
					data: { title: `v${i}`, notes: 'kept' },
					clocks: { title: hlcAt(T0 + i, `dev-${i}`), notes: hlcAt(T0, 'dev-0') }
				},
				unitCode: 'VP',
				hlc: hlcAt(T0 + i, `dev-${i}`),
				deleted: false,
				changed: true,
				history: []
			})
		}));
		expect((await s.applyBatch(DEFAULT_COMMUNE, items)).ok).toBe(true);
		s.close();
		const db = new Database(path.join(dir, DB_FILE), { readonly: true });
		const row = db
			.prepare('SELECT writers FROM records WHERE commune_id = ? AND entity = ? AND id = ?')
			.get(DEFAULT_COMMUNE, 'meeting', 'r-1') as { writers: string };
		// The last writer and the writer of the untouched field, not 500 entries.
		expect(JSON.parse(row.writers)).toEqual({ 'dev-0': 'u1', 'dev-499': 'u1' });
		db.close();
	});

	it('takes a seq after the commune’s highest record seq, writing no counter row', async () => {
		const dir = tempDir();
		const s = openSqliteStorage(dir);
		const write = (mutationId: string, recordId: string): BatchItem => ({
			envelope: { mutationId, entity: 'meeting', recordId, userId: 'u1', deviceId: 'd', at: 1 },
			decide: () => ({
				kind: 'write',
				state: { data: { title: mutationId, updatedAt: 1 }, clocks: { title: 'h' } },
				unitCode: null,
				hlc: 'h',
				deleted: false,
				changed: true,
				history: []
			})
		});
		const seqs = async (items: BatchItem[]) => {
			const out = await s.applyBatch(DEFAULT_COMMUNE, items);
			return out.ok ? out.results.map((r) => r.seq) : [];
		};
		expect(await seqs([write('m-1', 'r-1'), write('m-2', 'r-2'), write('m-3', 'r-1')])).toEqual([
			1, 2, 3
		]);
		expect(
			await s.applyMutation(
				DEFAULT_COMMUNE,
				write('m-4', 'r-3').envelope,
				write('m-4', 'r-3').decide
			)
		).toMatchObject({ seq: 4 });
		const db = new Database(path.join(dir, DB_FILE));
		const counter = () =>
			(
				db.prepare('SELECT seq FROM commune_seq WHERE commune_id = ?').get(DEFAULT_COMMUNE) as {
					seq: number;
				}
			).seq;
		// The push wrote no page of the counter: a page of the log less per commit.
		expect(counter()).toBe(0);
		expect((await s.communeSeqs()).get(DEFAULT_COMMUNE)).toBe(4);
		// A process of an older version still running on the database cannot take seqs from the
		// frozen counter (it would reuse this version's): its write of the counter fails.
		expect(() =>
			db.prepare('UPDATE commune_seq SET seq = seq + 1 WHERE commune_id = ?').run(DEFAULT_COMMUNE)
		).toThrow(/no longer written/);
		// The record with the highest seq deleted, the next change would take its seq again: refused.
		expect(() =>
			db.prepare('DELETE FROM records WHERE commune_id = ? AND id = ?').run(DEFAULT_COMMUNE, 'r-3')
		).toThrow(/never deleted/);
		expect((await s.communeSeqs()).get(DEFAULT_COMMUNE)).toBe(4);
		// A counter an older version left ahead of the records stays a floor.
		db.exec('DROP TRIGGER commune_seq_frozen');
		db.prepare('UPDATE commune_seq SET seq = 10 WHERE commune_id = ?').run(DEFAULT_COMMUNE);
		expect((await s.communeSeqs()).get(DEFAULT_COMMUNE)).toBe(10);
		expect(await seqs([write('m-5', 'r-1'), write('m-6', 'r-4')])).toEqual([11, 12]);
		expect((await s.communeSeqs()).get(DEFAULT_COMMUNE)).toBe(12);
		// A commune without its row is refused, as before.
		await expect(s.applyBatch('nowhere', [write('m-7', 'r-1')])).rejects.toThrow(
			/unknown commune|FOREIGN KEY/
		);
		db.close();
		s.close();
	});

	it('fills the writers of the records a database already holds (step record-writers-column)', () => {
		const dir = tempDir();
		const db = new Database(path.join(dir, DB_FILE));
		const before = MIGRATIONS.findIndex((m) => m.name === 'record-writers-column');
		expect(before).toBeGreaterThan(11);
		migrateSqlite(db, MIGRATIONS.slice(0, before), () => 1);
		db.exec(`INSERT INTO communes (id, name, created_at) VALUES ('xa-b', 'B', 0)`);
		const record = db.prepare(
			`INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at, deleted, seq)
			 VALUES (?, ?, ?, NULL, '{}', '{}', 'h', 1, 0, ?)`
		);
		record.run('default', 'meeting', 'r-1', 5);
		record.run('default', 'meeting', 'r-2', 6);
		record.run('xa-b', 'meeting', 'r-1', 1);
		const mutation = db.prepare(
			`INSERT INTO mutations (commune_id, mutation_id, seq, changed, entity, record_id, user_id,
			   device_id, applied_at) VALUES (?, ?, ?, ?, 'meeting', ?, ?, ?, 1)`
		);
		// r-1: dev-1 wrote it as u1 (seq 1), then as u3 (seq 4, mutation ids out of seq order);
		// dev-2 as u2; a no-op mutation of dev-2 as u9 changed nothing; a change without a device.
		mutation.run('default', 'z-1', 1, 1, 'r-1', 'u1', 'dev-1');
		mutation.run('default', 'b-2', 2, 1, 'r-1', 'u2', 'dev-2');
		mutation.run('default', 'a-4', 4, 1, 'r-1', 'u3', 'dev-1');
		mutation.run('default', 'c-5', 4, 0, 'r-1', 'u9', 'dev-2');
		mutation.run('default', 'd-6', 5, 1, 'r-1', 'u4', null);
		// Another commune's record of the same id; r-2 has no change on record.
		mutation.run('xa-b', 'z-1', 1, 1, 'r-1', 'u8', 'dev-1');
		migrateSqlite(db, MIGRATIONS, () => 2);
		const writers = (commune: string, id: string) =>
			(
				db
					.prepare('SELECT writers FROM records WHERE commune_id = ? AND entity = ? AND id = ?')
					.get(commune, 'meeting', id) as { writers: string | null }
			).writers;
		expect(JSON.parse(writers('default', 'r-1')!)).toEqual({ 'dev-1': 'u3', 'dev-2': 'u2' });
		expect(JSON.parse(writers('xa-b', 'r-1')!)).toEqual({ 'dev-1': 'u8' });
		expect(writers('default', 'r-2')).toBeNull();
		expect(
			db.prepare("SELECT name FROM sqlite_schema WHERE name = 'mutations_record_writer'").all()
		).toEqual([]);
		db.close();
	});

	it("fills when each record's current change arrived, and reads the last per commune by index (step records-received-at)", async () => {
		const dir = tempDir();
		const db = new Database(path.join(dir, DB_FILE));
		const before = MIGRATIONS.findIndex((m) => m.name === 'records-received-at');
		expect(before).toBeGreaterThan(0);
		migrateSqlite(db, MIGRATIONS.slice(0, before), () => 1);
		db.exec(
			`INSERT INTO communes (id, name, created_at) VALUES ('xa-b', 'B', 0), ('xa-c', 'C', 0)`
		);
		db.exec(`INSERT INTO commune_seq (commune_id, seq) VALUES ('xa-b', 0), ('xa-c', 0)`);
		const record = db.prepare(
			`INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at, deleted, seq)
			 VALUES (?, 'meeting', ?, NULL, '{}', '{}', 'h', 1, 0, ?)`
		);
		const mutation = db.prepare(
			`INSERT INTO mutations (commune_id, mutation_id, seq, changed, entity, record_id, user_id,
			   device_id, applied_at) VALUES (?, ?, ?, ?, 'meeting', ?, 'u1', ?, ?)`
		);
		// default: r-1 changed at seq 1 (t 100) then 3 (t 300); r-2 at seq 2 (t 200), then a no-op
		// mutation at t 900 that changed nothing.
		record.run('default', 'r-1', 3);
		record.run('default', 'r-2', 2);
		mutation.run('default', 'a', 1, 1, 'r-1', 'dev-1', 100);
		mutation.run('default', 'b', 2, 1, 'r-2', 'dev-1', 200);
		mutation.run('default', 'c', 3, 1, 'r-1', 'dev-2', 300);
		mutation.run('default', 'd', 2, 0, 'r-2', 'dev-2', 900);
		// xa-b: a device's record below the server's seeding write; xa-c: the seeding alone.
		record.run('xa-b', 'r-1', 1);
		record.run('xa-b', 'seed', 2);
		mutation.run('xa-b', 'a', 1, 1, 'r-1', 'dev-1', 150);
		mutation.run('xa-b', 'b', 2, 1, 'seed', 'server', 999);
		record.run('xa-c', 'seed', 1);
		mutation.run('xa-c', 'a', 1, 1, 'seed', 'server', 999);
		migrateSqlite(db, MIGRATIONS, () => 2);
		const receivedAt = (commune: string, id: string) =>
			(
				db
					.prepare('SELECT received_at FROM records WHERE commune_id = ? AND id = ?')
					.get(commune, id) as { received_at: number | null }
			).received_at;
		expect(receivedAt('default', 'r-1')).toBe(300);
		expect(receivedAt('default', 'r-2')).toBe(200);
		expect(receivedAt('xa-b', 'seed')).toBeNull();
		const rows = db.prepare(LAST_ARRIVAL_SQL).all();
		expect(rows).toEqual([
			{ commune_id: 'default', at: 300 },
			{ commune_id: 'xa-b', at: 150 },
			{ commune_id: 'xa-c', at: null }
		]);
		// One seek per commune at the end of records_seq: never a scan of its records, nor a sort.
		for (const stats of [false, true]) {
			if (stats) db.exec('ANALYZE');
			const plan = (
				db.prepare(`EXPLAIN QUERY PLAN ${LAST_ARRIVAL_SQL}`).all() as { detail: string }[]
			).map((p) => p.detail);
			expect(plan).toContainEqual(
				expect.stringMatching(/^SEARCH r USING INDEX records_seq \(commune_id=\?\)$/)
			);
			expect(plan.join('\n')).not.toMatch(/TEMP B-TREE|SCAN r\b|mutations/);
		}
		db.close();
		const s = openSqliteStorage(dir);
		expect(await s.lastArrivals()).toEqual(
			new Map([
				['default', 300],
				['xa-b', 150]
			])
		);
		s.close();
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

describe('the admin log filtered (attacker review r12, 4)', () => {
	it('reads each action of a filter by an index seek, never a scan of the log or a sort of it', () => {
		const dir = tempDir();
		openSqliteStorage(dir).close();
		const db = new Database(path.join(dir, DB_FILE));
		const queries: Omit<AuditQuery, 'limit'>[] = [
			{ communeId: 'c', actions: ['user.password_reset', 'admin.signed_in'] },
			{ communeId: 'c', actorId: 'a' },
			{ communeId: 'c', actorId: 'a', actions: ['user.password_reset'], before: 10 },
			{ communeId: null, actions: ['settings.changed'] },
			{ actions: ['settings.changed', 'unit.deleted'] },
			{ actorId: 'a' }
		];
		for (const q of queries) {
			const { sql, params } = auditFilterSql({ ...q, limit: 50 }, () => '?');
			const plan = (
				db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
			).map((p) => p.detail);
			const onLog = plan.filter((d) => /\baudit_log\b/.test(d));
			expect(onLog.length, JSON.stringify(q)).toBe((q.actions ?? AUDIT_ACTIONS).length);
			for (const d of onLog)
				expect(d, JSON.stringify(q)).toMatch(
					/^SEARCH audit_log USING INDEX audit_log_(commune_action|commune_actor|action|actor) \(.*action=\? AND id<\?\)$/
				);
		}
		db.close();
	});
});
