import { describe, expect, it } from 'vitest';
import type { Plan } from '../domain/schemas';
import { makeCtx, NOW, rowsOf } from './test-support';
import { validatePlans } from './validate-plans';

const HEADER = 'unit_code,year,baseline_conferences,baseline_documents,planned_conferences';

describe('validatePlans', () => {
	it('keeps the stored months of the baseline year: plans.csv has no column for them', () => {
		const stored = { baselineMonths: 6 } as Plan;
		const { records } = validatePlans(
			rowsOf(HEADER, 'VP,2026,5,20,', 'KT,2026,3,,'),
			makeCtx<Plan>({ existing: (id) => (id === 'VP:2026' ? stored : undefined) })
		);
		expect(records.map((r) => [r.id, r.baselineMonths])).toEqual([
			['VP:2026', 6],
			['KT:2026', 12]
		]);
	});

	it('builds one plan per unit and year, with empty cells as null', () => {
		const { records, rejected } = validatePlans(
			rowsOf(HEADER, 'vp,2026,20,300,17', 'KT,2026,,,'),
			makeCtx<Plan>()
		);
		expect(rejected).toEqual([]);
		expect(records).toEqual([
			{
				id: 'VP:2026',
				unitCode: 'VP',
				year: 2026,
				baselineConferences: 20,
				baselineDocuments: 300,
				plannedConferences: 17,
				baselineMonths: 12,
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			},
			{
				id: 'KT:2026',
				unitCode: 'KT',
				year: 2026,
				baselineConferences: null,
				baselineDocuments: null,
				plannedConferences: null,
				baselineMonths: 12,
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			}
		]);
	});

	it('rejects an unknown unit code', () => {
		const { records, rejected } = validatePlans(rowsOf(HEADER, 'XYZ,2026,1,1,1'), makeCtx<Plan>());
		expect(records).toEqual([]);
		expect(rejected).toEqual([
			{ line: 2, reason: 'Cột "unit_code" = "XYZ": mã đơn vị không có trong danh sách đơn vị' }
		]);
	});

	it('rejects negative or fractional counts and lists every bad cell of the row', () => {
		const { rejected } = validatePlans(rowsOf(HEADER, 'VP,2026,-1,2.5,'), makeCtx<Plan>());
		expect(rejected).toHaveLength(1);
		expect(rejected[0]?.reason).toContain('Cột "baseline_conferences" = "-1"');
		expect(rejected[0]?.reason).toContain('Cột "baseline_documents" = "2.5"');
	});

	it('rejects an empty or out-of-range year', () => {
		const { rejected } = validatePlans(
			rowsOf(HEADER, 'VP,,1,1,1', 'VP,1999,1,1,1'),
			makeCtx<Plan>()
		);
		expect(rejected.map((r) => r.line)).toEqual([2, 3]);
		expect(rejected[0]?.reason).toContain('Cột "year" (trống)');
		expect(rejected[1]?.reason).toContain('Cột "year" = "1999": nhỏ hơn 2000');
	});

	it('lets the later row of the same unit and year win', () => {
		const { records, rejected } = validatePlans(
			rowsOf(HEADER, 'VP,2026,1,1,1', 'VP,2026,2,2,2'),
			makeCtx<Plan>()
		);
		expect(records.map((p) => p.baselineConferences)).toEqual([2]);
		expect(rejected).toEqual([{ line: 2, reason: expect.stringContaining('VP:2026') }]);
	});
});
