import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { listPlans } from './plans';
import { savePlan, type PlanInput } from './plans-write';

let db: AppDatabase;
const clock: Clock = { now: () => 1_780_000_000_000, newId: () => crypto.randomUUID() };
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
	unitCode: 'VP',
	year: 2026,
	baselineConferences: 20,
	baselineDocuments: 100,
	plannedConferences: 18,
	...over
});

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('savePlan', () => {
	it('keeps one plan per unit and year, updating in place', async () => {
		expect((await savePlan(db, input(), clock)).ok).toBe(true);
		const r = await savePlan(db, input({ plannedConferences: null }), clock);
		expect(r.ok && r.value.id).toBe('VP:2026');
		expect(await db.plans.count()).toBe(1);
		expect((await listPlans(db, 2026))[0]?.plannedConferences).toBeNull();
		expect(await listPlans(db, 2025)).toEqual([]);
		expect(await db.outbox.count()).toBe(2);
	});

	it('stores the months of the baseline year and keeps them when a save leaves them out', async () => {
		expect((await savePlan(db, input(), clock)).ok).toBe(true);
		expect((await db.plans.get('VP:2026'))?.baselineMonths).toBe(12);
		await savePlan(db, input({ baselineMonths: 6 }), clock);
		await savePlan(db, input({ plannedConferences: 5 }), clock);
		expect(await db.plans.get('VP:2026')).toMatchObject({
			baselineMonths: 6,
			plannedConferences: 5
		});
		const r = await savePlan(db, input({ baselineMonths: 13 }), clock);
		expect(r.ok ? null : r.errors['baselineMonths']).toBe('err.baselineMonths');
		expect((await db.plans.get('VP:2026'))?.baselineMonths).toBe(6);
	});

	it('writes nothing for a negative or fractional figure', async () => {
		const r = await savePlan(
			db,
			input({ baselineConferences: -1, plannedConferences: 2.5 }),
			clock
		);
		expect(r.ok ? null : r.errors).toEqual({
			baselineConferences: 'err.nonNegative',
			plannedConferences: 'err.integer'
		});
		expect(await db.plans.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});
});
