/**
 * What a push writes on SQLite (issue 13, push cost): the pages one commit adds to the write-ahead
 * log, the packed `clocks` column, and the one seq index a unit's pull reads.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldState } from '$lib/domain/sync/merge';
import type { Mutation } from '$lib/domain/sync/protocol';
import { fakeUuid, hlcAt, meeting, T0 } from '$factories/sync';
import { openSeededServer, type TestServer } from '../test-server';
import { push } from '../sync/push';
import { pull } from '../sync/pull';
import { DB_FILE, packClocks, unpackClocks } from './sqlite';
import { DEFAULT_COMMUNE } from './types';

const UNITS = ['VP', 'VHXH', 'KT', 'TTPVHCC', 'TTDV', 'THON01', 'THON02', 'THON03', 'THON04'];

let s: TestServer;
let db: Database.Database;
beforeEach(async () => {
	s = await openSeededServer();
	// A second connection on the same file: it reads the log and the schema, never writes.
	db = new Database(path.join(s.dir, DB_FILE));
});
afterEach(() => {
	db.close();
	s.close();
});

const admin = async () => {
	const a = (await s.storage.findUserByUsername('admin'))!;
	return { ...a, communeId: DEFAULT_COMMUNE, unitCode: null, role: 'admin' as const };
};

let n = 0;
/** A device's request: new meetings across the units, time-ordered ids as devices make them. */
const request = (deviceId: string, count = 10) => ({
	version: 1 as const,
	deviceId,
	mutations: Array.from({ length: count }, (_, j): Mutation => {
		const i = n++;
		const record = meeting({
			id: `pages-m-${String(i).padStart(6, '0')}`,
			unitCode: UNITS[i % UNITS.length]!,
			title: `Cuộc họp giao ban số ${i}`
		});
		return {
			mutationId: fakeUuid(0x100000 + i),
			entity: 'meeting',
			recordId: record.id,
			op: 'put',
			record,
			hlc: hlcAt(T0, deviceId, j)
		};
	})
});

describe('a push on SQLite', () => {
	it('writes about 15 pages per 10 new meetings to the log, not 29', async () => {
		const user = await admin();
		// A commune with a few thousand records, so each unit's index entries fill pages of their own.
		for (let i = 0; i < 10; i++)
			await push(s.ctx, user, request(`dev-${i}`, 400), { budget: false });
		db.pragma('wal_checkpoint(TRUNCATE)');
		const pushes = 20;
		for (let i = 0; i < pushes; i++)
			await push(s.ctx, user, request(`dev-${i}`), { budget: false });
		const { log } = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!;
		// One leaf per unit of the per-unit seq index is gone, the packed clocks make rows a third
		// as large, the record-writer index of step 11 is gone (about 3 pages: who wrote a record
		// from a device is on its row since step record-writers-column; 19.05 pages with it), the
		// commune's seq row is no longer written (the last seq is the records' highest: 16 with
		// it); the rest: records and its key, the seq and day indexes, `mutations` and the header
		// page.
		expect(log / pushes).toBeLessThanOrEqual(16);
	});

	it('files a push of meetings on ten days under their month: fewer pages of the day index', async () => {
		const user = await admin();
		// 40 meetings on every day of a year (the bench's commune has about 55), so a few days fill
		// a leaf of a day-keyed index.
		const dated = (deviceId: string, count: number, first: number) => {
			const r = request(deviceId, count);
			r.mutations.forEach((m, j) => {
				const day = new Date(Date.UTC(2026, 0, 1 + ((first + j) % 365)));
				const start = day.getTime() - 7 * 3_600_000 + 8 * 3_600_000;
				const record = { ...m.record, date: day.toISOString().slice(0, 10) };
				m.record = { ...record, sittings: [{ start, end: start + 3_600_000 }] };
			});
			return r;
		};
		for (let i = 0; i < 40; i++)
			await push(s.ctx, user, dated(`dev-${i}`, 365, 0), { budget: false });
		const pages = (name: string) =>
			(
				db.prepare('SELECT pageno FROM dbstat WHERE name = ?').all(name) as { pageno: number }[]
			).map((r) => r.pageno);
		const monthIndex = new Set(pages('records_month'));
		expect(monthIndex.size).toBeGreaterThan(10);
		db.pragma('wal_checkpoint(TRUNCATE)');
		// Ten meetings a push, on ten days in a row (a week offline, or the bench's push).
		const pushes = 20;
		for (let i = 0; i < pushes; i++)
			await push(s.ctx, user, dated(`dev-${i}`, 10, 100 + 10 * i), { budget: false });
		const frames = walPages(path.join(s.dir, `${DB_FILE}-wal`));
		const inIndex = frames.filter((p) => monthIndex.has(p)).length;
		// Keyed by day (records_day, before the step records-month-index): 4.85 pages of the index
		// and 23 frames a push here (with the record-writer index); by month 3.4 and 20.35; without
		// the record-writer index (step record-writers-column) 17.65; without the seq counter's
		// write 16.65.
		expect(inIndex / pushes).toBeLessThanOrEqual(4);
		expect(frames.length / pushes).toBeLessThanOrEqual(17.5);
		// A window of days is still read through the index.
		const plan = db
			.prepare(
				`EXPLAIN QUERY PLAN SELECT * FROM records WHERE commune_id = ? AND deleted = 0
				   AND entity IN (?) AND substr(day, 1, 7) BETWEEN ? AND ? AND day BETWEEN ? AND ?`
			)
			.all(DEFAULT_COMMUNE, 'meeting', '2026-01', '2026-03', '2026-01', '2026-03-99') as {
			detail: string;
		}[];
		expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX records_month/);
	});

	it('stores a full put’s clocks once, reads them back for every field, and reads old rows too', async () => {
		const user = await admin();
		const sent = request('dev-a');
		await push(s.ctx, user, sent, { budget: false });
		const id = sent.mutations[0]!.recordId;
		const row = db
			.prepare('SELECT clocks FROM records WHERE commune_id = ? AND entity = ? AND id = ?')
			.get(DEFAULT_COMMUNE, 'meeting', id) as { clocks: string };
		expect(JSON.parse(row.clocks)).toEqual({ '': hlcAt(T0, 'dev-a', 0) });
		const stored = (await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', id))!;
		expect(Object.keys(stored.state.clocks).sort()).toEqual(Object.keys(stored.state.data).sort());
		expect(new Set(Object.values(stored.state.clocks))).toEqual(new Set([hlcAt(T0, 'dev-a', 0)]));

		// A row written before (every field's clock spelled out) reads as it was written.
		const old = { ...stored.state.clocks, title: hlcAt(T0 - 1, 'dev-old') };
		db.prepare('UPDATE records SET clocks = ? WHERE commune_id = ? AND entity = ? AND id = ?').run(
			JSON.stringify(old),
			DEFAULT_COMMUNE,
			'meeting',
			id
		);
		expect((await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', id))!.state.clocks).toEqual(old);
		// Pulled, a record carries every field's clock, as the protocol says.
		const page = await pull(s.ctx, user, { version: 1, cursor: 0, limit: 1000 });
		const change = page.changes.find((c) => c.recordId === id)!;
		expect(change.clocks).toEqual(old);
	});

	it('keeps one seq index, with the unit, which a unit’s pull reads', () => {
		const indexes = (
			db
				.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records'")
				.all() as {
				name: string;
			}[]
		).map((r) => r.name);
		expect(indexes).not.toContain('records_unit_seq');
		const columns = (db.pragma('index_info(records_seq)') as { name: string }[]).map((c) => c.name);
		expect(columns).toEqual(['commune_id', 'seq', 'unit_code']);
		const plan = db
			.prepare(
				`EXPLAIN QUERY PLAN SELECT * FROM records WHERE commune_id = ? AND seq > ?
				   AND (unit_code IS NULL OR unit_code = ?) ORDER BY seq LIMIT ?`
			)
			.all(DEFAULT_COMMUNE, 0, 'VP', 200) as { detail: string }[];
		expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX records_seq/);
	});
});

/** The page number of every frame in a write-ahead log (a 32-byte header, then 24-byte frame headers). */
function walPages(file: string, pageSize = 4096): number[] {
	const wal = fs.readFileSync(file);
	const out: number[] = [];
	for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize)
		out.push(wal.readUInt32BE(at));
	return out;
}

describe('packed clocks', () => {
	const key = fc.constantFrom('title', 'status', 'notes', 'deleted', 'updatedAt');
	const clock = fc.constantFrom('', hlcAt(T0, 'dev-a'), hlcAt(T0 + 1, 'dev-b'));
	const state: fc.Arbitrary<FieldState> = fc.record({
		data: fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.boolean())),
		clocks: fc.dictionary(key, clock)
	});

	it('read back exactly what was written, whatever the fields and clocks', () => {
		fc.assert(
			fc.property(state, (st) => {
				expect(unpackClocks(st.data, JSON.parse(packClocks(st)) as Record<string, string>)).toEqual(
					st.clocks
				);
			}),
			{ numRuns: 1000 }
		);
	});

	it('stores the one clock of a record whose fields all share it once, and reads it back', () => {
		// The clocks name exactly the record's fields (what a push stores): every field with one clock
		// (a new record, a full put), or all but one.
		const fields = fc.uniqueArray(key, { minLength: 1 });
		const stamp = fc.constantFrom(hlcAt(T0, 'dev-a'), hlcAt(T0 + 1, 'dev-b'), hlcAt(T0, '"\\'));
		fc.assert(
			fc.property(fields, stamp, stamp, fc.boolean(), (keys, common, other, oneDiffers) => {
				const data = Object.fromEntries(keys.map((k) => [k, 1]));
				const clocks = Object.fromEntries(keys.map((k) => [k, common]));
				if (oneDiffers && keys.length > 1) clocks[keys.at(-1)!] = other;
				const st = { data, clocks };
				const packed = JSON.parse(packClocks(st)) as Record<string, string>;
				if (Object.values(clocks).every((c) => c === common))
					expect(packed).toEqual({ '': common });
				expect(unpackClocks(data, packed)).toEqual(clocks);
			}),
			{ numRuns: 500 }
		);
	});
});
