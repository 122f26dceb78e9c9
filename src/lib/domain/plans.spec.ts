import { describe, expect, it } from 'vitest';
import { makePlan, makeUnit } from '$factories/records';
import { makeProgressInput, unitOf } from '$factories/progress';
import { periodOf } from './periods';
import { checkPlan, communeTotal } from './plans';
import { computeReport } from './progress';
import { COMMUNE } from './progress/types';

describe('checkPlan', () => {
	it('caps conferences at floor(B x 90%) and documents at floor(B x 85%)', () => {
		expect(
			checkPlan({ baselineConferences: 12, baselineDocuments: 47, plannedConferences: 10 })
		).toEqual({
			conferenceCap: 10,
			documentCap: 39,
			overCap: false
		});
	});

	it('flags a plan above the cap, not one at the cap', () => {
		expect(
			checkPlan({ baselineConferences: 12, baselineDocuments: null, plannedConferences: 11 })
				.overCap
		).toBe(true);
		expect(
			checkPlan({ baselineConferences: 12, baselineDocuments: null, plannedConferences: 10 })
				.overCap
		).toBe(false);
	});

	it('has no cap and no flag without a baseline (empty or 0)', () => {
		expect(
			checkPlan({ baselineConferences: null, baselineDocuments: 0, plannedConferences: 50 })
		).toEqual({
			conferenceCap: null,
			documentCap: null,
			overCap: false
		});
	});
});

describe('communeTotal', () => {
	it('sums baselines, caps the sum and leaves out units without a conference baseline', () => {
		const t = communeTotal(
			[
				{ baselineConferences: 12, baselineDocuments: 40, plannedConferences: 10 },
				{ baselineConferences: 9, baselineDocuments: 7, plannedConferences: 9 },
				{ baselineConferences: null, baselineDocuments: 5, plannedConferences: 4 }
			],
			4
		);
		expect(t).toMatchObject({
			baselineConferences: 21,
			baselineDocuments: 52,
			plannedConferences: 19,
			conferenceCap: 18
		});
		expect(t.documentCap).toBe(44);
		expect(t.overCap).toBe(true);
		expect(t.unitsWithoutBaseline).toBe(2);
	});
});

describe('one commune plan for /plans and the progress engine', () => {
	it('a unit without a conference baseline adds no planned conferences to either', () => {
		const plans = [
			makePlan({ id: 'VP:2026', unitCode: 'VP', baselineConferences: 12, plannedConferences: 10 }),
			makePlan({ id: 'KT:2026', unitCode: 'KT', baselineConferences: null, plannedConferences: 4 })
		];
		const input = makeProgressInput({
			units: [makeUnit({ code: 'VP', order: 0 }), makeUnit({ code: 'KT', order: 1 })],
			plans
		});
		const report = computeReport(input, periodOf('annual', 2026, 0, 'decree09'), '2026-06-01');
		const commune = unitOf(report, COMMUNE);
		const total = communeTotal(plans, 2);
		expect(total.plannedConferences).toBe(10);
		expect(commune.plannedConferences).toBe(total.plannedConferences);
		expect(commune.conferenceCap).toBe(total.conferenceCap);
		expect(commune.planAboveCap).toBe(total.overCap);
		expect(total.overCap).toBe(false);
	});

	it('caps use the targets given, as the engine does', () => {
		const p = { baselineConferences: 20, baselineDocuments: 20, plannedConferences: 17 };
		expect(checkPlan(p).overCap).toBe(false);
		expect(checkPlan(p, { conference_reduction: 20, document_reduction: 50 })).toEqual({
			conferenceCap: 16,
			documentCap: 10,
			overCap: true
		});
	});
});
