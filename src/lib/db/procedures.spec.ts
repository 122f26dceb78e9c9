import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { getProcedureMonth, listProcedureYear } from './procedures';
import { saveProcedureMonth, type ProcedureInput } from './procedures-write';

let db: AppDatabase;
const clock: Clock = { now: () => 1_780_000_000_000, newId: () => crypto.randomUUID() };
const input = (over: Partial<ProcedureInput> = {}): ProcedureInput => ({
	unitCode: 'TTPVHCC',
	month: '2026-03',
	total: 13,
	digital: 8,
	digitized: 13,
	...over
});

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('saveProcedureMonth', () => {
	it('stores one row per unit and month and updates it in place', async () => {
		expect((await saveProcedureMonth(db, input(), clock)).ok).toBe(true);
		const r = await saveProcedureMonth(db, input({ total: 20 }), clock);
		expect(r.ok && r.value.id).toBe('TTPVHCC:2026-03');
		expect(await db.procedures.count()).toBe(1);
		expect((await getProcedureMonth(db, 'TTPVHCC', '2026-03'))?.total).toBe(20);
	});

	it('refuses digital or digitized above total and writes nothing', async () => {
		const r = await saveProcedureMonth(db, input({ total: 5, digital: 6, digitized: 7 }), clock);
		expect(r.ok ? null : r.errors).toEqual({
			digital: 'err.digitalAboveTotal',
			digitized: 'err.digitizedAboveTotal'
		});
		expect(await db.procedures.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a bad month or a non-number count', async () => {
		const r = await saveProcedureMonth(db, input({ month: '2026-13', total: Number.NaN }), clock);
		expect(r.ok ? null : r.errors).toMatchObject({ month: 'err.month', total: 'err.number' });
		expect(await db.procedures.count()).toBe(0);
	});
});

describe('listProcedureYear', () => {
	it('lists a unit’s months of one year in order', async () => {
		await saveProcedureMonth(db, input({ month: '2026-12' }), clock);
		await saveProcedureMonth(db, input({ month: '2026-01' }), clock);
		await saveProcedureMonth(db, input({ month: '2025-12' }), clock);
		await saveProcedureMonth(db, input({ month: '2026-02', unitCode: 'VP' }), clock);
		expect((await listProcedureYear(db, 'TTPVHCC', 2026)).map((p) => p.month)).toEqual([
			'2026-01',
			'2026-12'
		]);
	});
});
