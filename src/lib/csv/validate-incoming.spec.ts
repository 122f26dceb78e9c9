import { describe, expect, it } from 'vitest';
import type { IncomingMonth } from '../domain/schemas';
import { detectKind } from './detect';
import { toCsv } from './export';
import { parseCsv } from './parse';
import { makeCtx, NOW, rowsOf } from './test-support';
import { validateRows } from './validate';

const HEADER = 'unit_code,month,received,electronic';
const run = (...lines: string[]) =>
	validateRows('incoming', rowsOf(HEADER, ...lines), makeCtx<IncomingMonth>());

/** incoming.csv is read and written from the kind's descriptor columns (csv/generic.ts). */
describe('incoming.csv (v2)', () => {
	it('builds the record with id unit:month', () => {
		const { records, rejected } = run('vp,2026-01,160,145');
		expect(rejected).toEqual([]);
		expect(records).toEqual([
			{
				id: 'VP:2026-01',
				unitCode: 'VP',
				month: '2026-01',
				received: 160,
				electronic: 145,
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			}
		]);
	});

	it('accepts electronic equal to received, and a month with nothing received', () => {
		expect(run('VP,2026-01,55,55', 'KT,2026-01,0,0').records).toHaveLength(2);
	});

	it('rejects electronic above received, in Vietnamese, naming the column and value', () => {
		const { records, rejected } = run('VP,2026-01,50,51');
		expect(records).toEqual([]);
		expect(rejected).toEqual([
			{
				line: 2,
				reason:
					'Cột "electronic" = "51": số văn bản đến xử lý trên môi trường điện tử lớn hơn số văn bản đến (cột "received")'
			}
		]);
	});

	it('rejects a bad month, a negative or fractional count and an unknown unit', () => {
		const { rejected } = run(
			'VP,2026-13,5,5',
			'VP,2026-02,-1,0',
			'VP,2026-03,5,2.5',
			'XX,2026-04,1,1'
		);
		expect(rejected.map((r) => r.line)).toEqual([2, 3, 4, 5]);
		expect(rejected[0]?.reason).toContain('Cột "month" = "2026-13"');
		expect(rejected[1]?.reason).toContain('Cột "received" = "-1"');
		expect(rejected[2]?.reason).toContain('Cột "electronic" = "2.5"');
		expect(rejected[3]?.reason).toContain('Cột "unit_code" = "XX"');
	});

	it('keeps the later of two rows for the same unit and month, listing the earlier', () => {
		const { records, rejected } = run('VP,2026-01,10,9', 'VP,2026-01,12,12');
		expect(records.map((r) => r.received)).toEqual([12]);
		expect(rejected[0]).toMatchObject({ line: 2 });
		expect(rejected[0]?.reason).toContain('lặp lại ở dòng 3');
	});

	it('is recognised from its header, in any column order', () => {
		expect(detectKind(['Electronic', 'received', 'MONTH', 'unit_code'])).toBe('incoming');
		expect(detectKind(['unit_code', 'month', 'received'])).toBeNull();
	});

	it('exports in the spec column order and re-imports to the same records', () => {
		const { records } = run('VP,2026-01,160,145', 'THON01,2026-02,0,0');
		const text = toCsv('incoming', [...records, { ...records[0]!, id: 'gone', deleted: true }]);
		expect(text.startsWith('\uFEFF' + HEADER + '\r\n')).toBe(true);
		const again = validateRows('incoming', parseCsv(text).rows, makeCtx<IncomingMonth>());
		expect(again.rejected).toEqual([]);
		expect(again.records).toEqual(records);
	});
});
