import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { listUnits } from './units';
import { saveUnit } from './units-write';
import { getSettings } from './settings';
import { saveSettings } from './settings-write';
import { clearDraft, loadDraft, saveDraft } from './drafts';

let db: AppDatabase;
const clock: Clock = { now: () => 1_780_000_000_000, newId: () => crypto.randomUUID() };

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('units', () => {
	it('seeds the built-in units once, when the database is created, in the sample order', async () => {
		const name = `seeded-${Math.random()}`;
		const first = new AppDatabase(name, { seedClock: clock });
		const units = await listUnits(first);
		expect(units).toHaveLength(11);
		expect(units.map((u) => u.code).slice(0, 3)).toEqual(['VP', 'VHXH', 'KT']);
		expect(await first.outbox.count()).toBe(0); // each device seeds its own; nothing to sync
		// A unit deleted for good on this device does not come back when the app opens again.
		await first.units.delete('VP');
		first.close();
		const again = new AppDatabase(name, { seedClock: clock });
		expect((await listUnits(again)).map((u) => u.code)).not.toContain('VP');
		expect(await again.units.count()).toBe(10);
		again.close();
		await again.delete();
		// Without a seed clock (tests, tools) a new database starts empty.
		expect(await db.units.count()).toBe(0);
	});

	it('refuses a second unit with the same code and lists archived units only when asked', async () => {
		expect(
			(await saveUnit(db, { code: 'thon07', name: 'Thôn 7', kind: 'hamlet' }, clock, true)).ok
		).toBe(true);
		const dup = await saveUnit(db, { code: 'THON07', name: 'Khác', kind: 'hamlet' }, clock, true);
		expect(dup.ok ? null : dup.errors.code).toBe('err.unitCodeTaken');
		await saveUnit(
			db,
			{ code: 'THON07', name: 'Thôn 7', kind: 'hamlet', archived: true },
			clock,
			false
		);
		expect(await listUnits(db)).toHaveLength(0);
		expect(await listUnits(db, true)).toHaveLength(1);
	});
});

describe('settings', () => {
	it('starts from the statutory limits and rejects a negative limit without writing', async () => {
		const s = await getSettings(db, clock.now());
		expect(s.limits).toEqual({ quan_triet: 240, chuyen_mon: 480, thao_luan: 720, hop: null });
		const bad = await saveSettings(db, { limits: { ...s.limits, chuyen_mon: -1 } }, clock);
		expect(bad.ok ? null : bad.errors['limits.chuyen_mon']).toBe('err.nonNegative');
		expect(await db.settings.count()).toBe(0);
		expect((await saveSettings(db, { limits: { ...s.limits, hop: 120 } }, clock)).ok).toBe(true);
		expect((await getSettings(db, clock.now())).limits.hop).toBe(120);
	});
});

describe('the commune’s implementation plan in the settings', () => {
	it('is saved with the settings, synced as changed fields, and refused when not a number and symbol', async () => {
		const bad = await saveSettings(db, { planNumber: 'Số 45 ngày 15/4' }, clock);
		expect(bad.ok ? null : bad.errors.planNumber).toBe('err.planNumber');
		const badDate = await saveSettings(db, { planDate: '2026-02-30' }, clock);
		expect(badDate.ok ? null : badDate.errors.planDate).toBe('err.date');
		expect(await db.settings.count()).toBe(0);

		expect((await saveSettings(db, { communeName: 'Thiên Tân' }, clock)).ok).toBe(true);
		const saved = await saveSettings(
			db,
			{ planNumber: ' 45/KH-UBND ', planDate: '2026-04-15' },
			clock
		);
		expect(saved.ok).toBe(true);
		const s = await getSettings(db, clock.now());
		expect([s.planNumber, s.planDate]).toEqual(['45/KH-UBND', '2026-04-15']);
		// The outbox names the two fields, so the server merges them alone (per-field LWW).
		const entries = await db.outbox.toArray();
		expect(entries.map((e) => e.fields ?? 'all').sort()).toEqual([
			'all',
			['planNumber', 'planDate']
		]);
		// Cleared again: '' and null, sent as changes too.
		expect((await saveSettings(db, { planNumber: '', planDate: null }, clock)).ok).toBe(true);
		const cleared = await getSettings(db, clock.now());
		expect([cleared.planNumber, cleared.planDate]).toEqual(['', null]);
	});

	it('derives the older apps’ single plan from the plans saved, never checking it on its own', async () => {
		// An older app's plan is stored; this version then saves the list.
		expect((await saveSettings(db, { planNumber: '05/KH-BCĐ' }, clock)).ok).toBe(true);
		const plans = [
			{ year: 2026, number: ' 45/KH-UBND ', date: '2026-04-15' },
			{ year: 2027, number: '12/KH-UBND', date: '2026-12-20' }
		];
		expect((await saveSettings(db, { plans }, clock)).ok).toBe(true);
		const s = await getSettings(db, clock.now());
		// The clock's day is in 2026: the 2026 plan, trimmed as the list keeps it.
		expect([s.planNumber, s.planDate]).toEqual(['45/KH-UBND', '2026-04-15']);
		expect(s.plans.map((p) => p.number)).toEqual(['45/KH-UBND', '12/KH-UBND']);
		// A wrong number is one error, its row's: the mirror is not a field of its own.
		const bad = await saveSettings(db, { plans: [{ ...plans[0]!, number: 'Số 45' }] }, clock);
		expect(bad.ok ? null : bad.errors).toEqual({ 'plans.0.number': 'err.planNumber' });
		// No list left: no mirror either.
		expect((await saveSettings(db, { plans: [] }, clock)).ok).toBe(true);
		const cleared = await getSettings(db, clock.now());
		expect([cleared.planNumber, cleared.planDate]).toEqual(['', null]);
	});

	it('an error of a stored year the form does not show names the list, not the form row at its index', async () => {
		// A year stored meanwhile that fails the check (written by another version), which the form,
		// opened on no plan, never showed.
		const stored = await getSettings(db, clock.now());
		const bad = { year: 2025, number: 'Số 45', date: null };
		await db.settings.put({ ...stored, plans: [bad] });
		const rows = [
			{ year: 2026, number: '20/KH-UBND', date: '2025-12-20' },
			{ year: 2027, number: '30/KH-UBND', date: '2026-12-20' }
		];
		const r = await saveSettings(db, { plans: rows, plansBase: [] }, clock);
		// Before, `plans.0.number`: the form read it as its row 0 (2026), a year with no mistake.
		expect(r.ok ? null : r.errors).toEqual({ plans: 'err.planNumber' });
		// A year the form shows but did not change, stored changed meanwhile: its form row's index
		// (2027 is the form's row 1, the merged list's entry 2).
		await db.settings.put({ ...stored, plans: [bad, { ...rows[1]!, number: 'Số 30' }] });
		const again = await saveSettings(db, { plans: rows, plansBase: [rows[1]!] }, clock);
		expect(again.ok ? null : again.errors).toEqual({
			plans: 'err.planNumber',
			'plans.1.number': 'err.planNumber'
		});
	});

	it('reads as not entered from settings stored before the plan existed', async () => {
		const old = { ...(await getSettings(db, clock.now())), communeName: 'Thiên Tân' };
		const { planNumber: _n, planDate: _d, ...stored } = old;
		await db.settings.put(stored as typeof old);
		const s = await getSettings(db, clock.now());
		expect([s.communeName, s.planNumber, s.planDate]).toEqual(['Thiên Tân', '', null]);
		// And such a record is saved with them, the other fields kept.
		expect((await saveSettings(db, { planNumber: '05/KH-BCĐ' }, clock)).ok).toBe(true);
		expect((await getSettings(db, clock.now())).communeName).toBe('Thiên Tân');
	});
});

describe('drafts', () => {
	it('keeps an unsaved form until it is cleared', async () => {
		await saveDraft(db, 'meeting:new', { title: 'Dở dang' }, clock.now());
		expect(await loadDraft<{ title: string }>(db, 'meeting:new')).toEqual({ title: 'Dở dang' });
		await clearDraft(db, 'meeting:new');
		expect(await loadDraft(db, 'meeting:new')).toBeUndefined();
	});
});
