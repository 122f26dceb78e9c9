import { describe, expect, it } from 'vitest';
import type { ProcedureMonth } from '../domain/schemas';
import { makeCtx, NOW, rowsOf } from './test-support';
import { validateProcedures } from './validate-procedures';

const HEADER = 'unit_code,month,total,digital,digitized';

describe('validateProcedures', () => {
	it('builds the record with id unit:month', () => {
		const { records, rejected } = validateProcedures(
			rowsOf(HEADER, 'VP,2026-01,97,93,96'),
			makeCtx<ProcedureMonth>()
		);
		expect(rejected).toEqual([]);
		expect(records).toEqual([
			{
				id: 'VP:2026-01',
				unitCode: 'VP',
				month: '2026-01',
				total: 97,
				digital: 93,
				digitized: 96,
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			}
		]);
	});

	it('accepts digital and digitized equal to total', () => {
		const { records } = validateProcedures(
			rowsOf(HEADER, 'VP,2026-01,5,5,5', 'KT,2026-01,0,0,0'),
			makeCtx<ProcedureMonth>()
		);
		expect(records).toHaveLength(2);
	});

	it('rejects digital above total, naming the column and value', () => {
		const { records, rejected } = validateProcedures(
			rowsOf(HEADER, 'VP,2026-01,90,95,10'),
			makeCtx<ProcedureMonth>()
		);
		expect(records).toEqual([]);
		expect(rejected).toEqual([
			{
				line: 2,
				reason: expect.stringContaining(
					'Cột "digital" = "95": số hồ sơ xử lý trên môi trường điện tử lớn hơn tổng số hồ sơ'
				)
			}
		]);
		expect(rejected[0]?.reason).not.toContain('digitized');
	});

	it('rejects digitized above total', () => {
		const { rejected } = validateProcedures(
			rowsOf(HEADER, 'VP,2026-01,90,10,91'),
			makeCtx<ProcedureMonth>()
		);
		expect(rejected[0]?.reason).toContain(
			'Cột "digitized" = "91": số hồ sơ được số hóa lớn hơn tổng số hồ sơ'
		);
	});

	it('rejects a bad month, an empty count and an unknown unit', () => {
		const { rejected } = validateProcedures(
			rowsOf(HEADER, 'VP,2026-13,1,1,1', 'VP,2026-02,,1,1', 'ZZ,2026-02,1,1,1'),
			makeCtx<ProcedureMonth>()
		);
		expect(rejected.map((r) => r.line)).toEqual([2, 3, 4]);
		expect(rejected[0]?.reason).toMatch(/^Cột "month" = "2026-13": tháng/);
		expect(rejected[1]?.reason).toMatch(/^Cột "total" \(trống\): không được để trống/);
		expect(rejected[2]?.reason).toMatch(/^Cột "unit_code" = "ZZ": mã đơn vị không có/);
	});

	it('reads a semicolon file with columns in another order and extra columns', () => {
		const text = ['Digitized;TOTAL;ghi_chu;Month;digital;Unit_Code', '8;10;x;2026-03;9;kt'].join(
			'\r\n'
		);
		const { records, rejected } = validateProcedures(rowsOf(text), makeCtx<ProcedureMonth>());
		expect(rejected).toEqual([]);
		expect(records[0]).toMatchObject({ id: 'KT:2026-03', total: 10, digital: 9, digitized: 8 });
	});
});
