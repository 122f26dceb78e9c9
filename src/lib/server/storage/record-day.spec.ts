/**
 * The migration step that adds records.day fills it for the rows already stored with the rules of
 * $lib/domain/record-day.ts, in SQL, on both engines: a database one step behind (as an older
 * app left it), with records of every shape, migrated on open, holds exactly the days recordDay gives (a row it cannot read
 * keeps null, which is read for every period and so hides nothing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { recordDay } from '$lib/domain/record-day';
import type { SyncEntity } from '$lib/domain/sync/protocol';
import { legacyPostgres, legacySqlite } from '$factories/legacy-schema';
import { usePgCluster } from '$factories/pg-cluster';
import { MIGRATIONS } from './migrations';
import { openPostgresStorage } from './postgres';
import { DB_FILE, openSqliteStorage } from './sqlite';

const pgc = usePgCluster();
const { cleanups } = pgc;

const CASES: [SyncEntity, Record<string, unknown>][] = [
	['meeting', { date: '2026-03-02' }],
	['meeting', { date: '2026-12-31', title: 'Họp' }],
	['meeting', { date: '2026-13-02' }],
	['meeting', { date: '2026-03-32' }],
	['meeting', { date: '2026-3-2' }],
	['meeting', { date: 20260302 }],
	['meeting', { date: null }],
	['meeting', {}],
	['meeting', { issuedOn: '2026-03-02' }],
	['document', { issuedOn: '2025-12-15' }],
	['document', { issuedOn: '2025-00-15' }],
	['document', { date: '2025-12-15' }],
	['procedure', { month: '2026-04' }],
	['procedure', { month: '2026-4' }],
	['procedure', { month: '2026-13' }],
	['incoming', { month: '2026-12' }],
	['incoming', { month: ['2026-12'] }],
	['plan', { year: 2026 }],
	['plan', { year: '2026' }],
	['plan', { year: 2026.5 }],
	['plan', { year: 999 }],
	['plan', { year: 10000 }],
	['unit', { code: 'VP', date: '2026-03-02' }],
	['settings', { month: '2026-03' }],
	// Text JSON escapes and other fields around the date.
	['meeting', { title: 'Họp "giao ban" \\ tuần', date: '2026-05-04', notes: 'a\nb' }]
];
const rows = CASES.map(([entity, data], i) => ({
	entity,
	id: `r${i}`,
	data: JSON.stringify(data)
}));
const expected = CASES.map(([entity, data]) => recordDay(entity, data));
const DAY_STEP = MIGRATIONS.find((m) => m.name === 'records-day')!;

describe('records.day of rows stored before the migration', () => {
	it('SQLite: filled as recordDay files them', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-day-'));
		cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
		const db = new Database(path.join(dir, DB_FILE));
		// As an older app left it: every step before the one that adds records.day.
		legacySqlite(db, DAY_STEP.legacy!.sqlite! - 1);
		const insert = db.prepare(
			`INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at,
			   deleted, seq) VALUES ('default', ?, ?, NULL, ?, '{}', 'h', 0, 0, ?)`
		);
		rows.forEach((r, i) => insert.run(r.entity, r.id, r.data, i + 1));
		db.close();

		const storage = openSqliteStorage(dir);
		storage.close();
		const after = new Database(path.join(dir, DB_FILE));
		const days = after.prepare('SELECT id, day FROM records ORDER BY seq').all() as {
			day: string | null;
		}[];
		after.close();
		expect(days.map((d) => d.day)).toEqual(expected);
		expect(expected.filter((d) => d !== null)).toHaveLength(7);
	});

	it('PostgreSQL: filled as recordDay files them; a row with a \\u0000 escape keeps null', async () => {
		const db = await pgc.database();
		const c = new pg.Client({ connectionString: db.url });
		await c.connect();
		cleanups.push(() => c.end());
		await legacyPostgres(c, DAY_STEP.legacy!.postgres! - 1);
		const nul = {
			entity: 'meeting' as const,
			id: 'nul',
			data: '{"date":"2026-03-02","t":"\\u0000"}'
		};
		for (const [i, r] of [...rows, nul].entries())
			await c.query(
				`INSERT INTO records (commune_id, entity, id, unit_code, data, clocks, hlc, updated_at,
				   deleted, seq) VALUES ('default', $1, $2, NULL, $3, '{}', 'h', 0, false, $4)`,
				[r.entity, r.id, r.data, i + 1]
			);

		const storage = await openPostgresStorage(db.url, { poolSize: 1 });
		await storage.end();
		const days = (await c.query<{ day: string | null }>('SELECT day FROM records ORDER BY seq'))
			.rows;
		expect(days.map((d) => d.day)).toEqual([...expected, null]);
	});
});
