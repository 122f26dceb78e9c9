import { describe, expect, it } from 'vitest';
import { choosePlan, citedPlan, communePlans, mirrorOf, planOfYear } from './commune-plans';
import { localToMs } from './time';

const at = (d: string) => localToMs(d);
const p2026 = { year: 2026, number: '45/KH-UBND', date: '2026-04-15' };
const p2027 = { year: 2027, number: '12/KH-UBND', date: '2026-12-20' };
const none = { planNumber: '', planDate: null, updatedAt: at('2026-05-01') };

describe('the plan of a year', () => {
	it('is the entry of that year, none for a year without one (not the last year’s)', () => {
		const s = { ...none, plans: [p2027, p2026] };
		expect(planOfYear(s, 2026)).toEqual(p2026);
		expect(planOfYear(s, 2027)).toEqual(p2027);
		expect(planOfYear(s, 2028)).toBeNull();
		expect(communePlans(s).map((p) => p.year)).toEqual([2026, 2027]);
	});

	it('reads settings of the older version (one plan) as the plan of its date’s year only', () => {
		const old = { planNumber: '45/KH-UBND', planDate: '2026-04-15', updatedAt: at('2026-05-01') };
		expect(planOfYear(old, 2026)).toEqual(p2026);
		expect(planOfYear(old, 2027)).toBeNull();
		expect(planOfYear(old, 2025)).toBeNull();
		// Stored before the list existed (no `plans` at all) or with an empty one: the same.
		expect(planOfYear({ ...old, plans: [] }, 2026)).toEqual(p2026);
	});

	it('reads an old plan without a date as the plan of the year its settings were saved in', () => {
		const old = { planNumber: '45/KH-UBND', planDate: null, updatedAt: at('2026-05-01') };
		expect(planOfYear(old, 2026)).toEqual({ year: 2026, number: '45/KH-UBND', date: null });
		expect(planOfYear(old, 2027)).toBeNull();
		// Beside a list, an old plan without a date belongs to no year.
		expect(communePlans({ ...old, plans: [p2027] })).toEqual([p2027]);
	});

	it('ignores the mirror, and lets an older app’s later edit stand for its year', () => {
		const mirror = mirrorOf([p2026, p2027], '2026-12-21');
		expect(mirror).toEqual({ planNumber: '45/KH-UBND', planDate: '2026-04-15' });
		const s = { ...none, ...mirror, plans: [p2026, p2027] };
		expect(communePlans(s)).toEqual([p2026, p2027]);
		// An older app changed the one plan it knows: the 2026 plan is now that.
		const edited = { ...s, planNumber: '46/KH-UBND' };
		expect(planOfYear(edited, 2026)).toEqual({ ...p2026, number: '46/KH-UBND' });
		expect(planOfYear(edited, 2027)).toEqual(p2027);
		// … or entered a plan for a year the list lacks.
		const added = { ...s, planNumber: '3/KH-UBND', planDate: '2028-01-05' };
		expect(communePlans(added).map((p) => p.year)).toEqual([2026, 2027, 2028]);
	});

	it('gives an older app’s edit of a mirror dated the year before to the mirror’s own year', () => {
		// From 2027 the mirror is the 2027 plan, issued on 20/12/2026.
		const mirror = mirrorOf([p2026, p2027], '2027-01-05');
		const s = { ...none, ...mirror, plans: [p2026, p2027] };
		// An older app corrects its number: the 2027 plan changes, the 2026 one stays.
		expect(communePlans({ ...s, planNumber: '13/KH-UBND' })).toEqual([
			p2026,
			{ ...p2027, number: '13/KH-UBND' }
		]);
		// … or its date.
		expect(communePlans({ ...s, planDate: '2026-12-22' })).toEqual([
			p2026,
			{ ...p2027, date: '2026-12-22' }
		]);
		// A value sharing nothing with an entry is still the plan of its date's year.
		expect(communePlans({ ...s, planNumber: '9/KH-UBND', planDate: '2026-03-01' })).toEqual([
			{ year: 2026, number: '9/KH-UBND', date: '2026-03-01' },
			p2027
		]);
	});

	it('mirrors the plan of the latest year up to today’s, else the earliest, else none', () => {
		expect(mirrorOf([p2027], '2026-12-21')).toEqual({
			planNumber: '12/KH-UBND',
			planDate: '2026-12-20'
		});
		expect(mirrorOf([p2026, p2027], '2027-01-02')).toEqual({
			planNumber: '12/KH-UBND',
			planDate: '2026-12-20'
		});
		expect(mirrorOf([], '2026-12-21')).toEqual({ planNumber: '', planDate: null });
	});
});

describe('what a report cites', () => {
	const s = { ...none, plans: [p2026, { year: 2027, number: '52/KH-UBND', date: '2027-04-20' }] };

	it('cites its own year’s plan: a 2027 report never cites the 2026 plan', () => {
		expect(choosePlan(communePlans(s), 2026, '2026-12-20')).toEqual({ kind: 'cited', plan: p2026 });
		const c = choosePlan(communePlans(s), 2027, '2027-06-20');
		expect(citedPlan(c)?.number).toBe('52/KH-UBND');
		expect(choosePlan(communePlans(s), 2028, '2028-06-20')).toEqual({ kind: 'none', year: 2028 });
		expect(citedPlan(choosePlan(communePlans(s), 2028, '2028-06-20'))).toBeNull();
	});

	it('does not cite a plan dated after the report, and says so', () => {
		const c = choosePlan(communePlans(s), 2027, '2027-04-19');
		expect(c.kind).toBe('after');
		expect(citedPlan(c)).toBeNull();
		// The same day is not after.
		expect(choosePlan(communePlans(s), 2027, '2027-04-20').kind).toBe('cited');
		// A plan without a date is cited as entered.
		const undated = { ...none, plans: [{ year: 2027, number: '52/KH-UBND', date: null }] };
		expect(choosePlan(communePlans(undated), 2027, '2027-01-02').kind).toBe('cited');
	});
});

describe('the settings’ plans on the wire and on the device', () => {
	it('accepts an older app’s settings (no plans) as none, and refuses a year twice or an empty plan', async () => {
		const { settingsSchema } = await import('./schemas');
		const { defaultSettings } = await import('./defaults');
		const { plans: _, ...older } = defaultSettings(at('2026-05-01'));
		const read = settingsSchema.parse({
			...older,
			planNumber: '45/KH-UBND',
			planDate: '2026-04-15'
		});
		expect(read.plans).toEqual([]);
		expect(planOfYear(read, 2026)?.number).toBe('45/KH-UBND');
		const twice = settingsSchema.safeParse({
			...older,
			plans: [p2026, { ...p2026, number: '46/KH' }]
		});
		expect(twice.success ? null : twice.error.issues[0]?.message).toBe('err.planYearTwice');
		const empty = settingsSchema.safeParse({
			...older,
			plans: [{ year: 2026, number: '', date: null }]
		});
		expect(empty.success ? null : empty.error.issues[0]?.path).toEqual(['plans', 0, 'number']);
		const bad = settingsSchema.safeParse({ ...older, plans: [{ ...p2026, number: 'Số 45' }] });
		expect(bad.success ? null : bad.error.issues[0]?.message).toBe('err.planNumber');
	});
});
