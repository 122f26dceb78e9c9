import { describe, expect, it } from 'vitest';
import type { Unit } from '../domain/schemas';
import { makeCtx, NOW, rowsOf } from './test-support';
import { validateUnits } from './validate-units';

describe('validateUnits', () => {
	it('upper-cases codes, keeps file order as `order` and stamps new records with now', () => {
		const { records, rejected } = validateUnits(
			rowsOf('code,name,kind', ' vp ,Văn phòng,department', 'thon01,Thôn 1,Hamlet'),
			makeCtx<Unit>()
		);
		expect(rejected).toEqual([]);
		expect(records).toEqual([
			{
				code: 'VP',
				name: 'Văn phòng',
				kind: 'department',
				archived: false,
				order: 0,
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			},
			{
				code: 'THON01',
				name: 'Thôn 1',
				kind: 'hamlet',
				archived: false,
				order: 1,
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			}
		]);
	});

	it('rejects an unknown kind, naming the column and value', () => {
		const { records, rejected } = validateUnits(
			rowsOf('code,name,kind', 'VP,A,phong'),
			makeCtx<Unit>()
		);
		expect(records).toEqual([]);
		expect(rejected).toEqual([
			{ line: 2, reason: expect.stringContaining('Cột "kind" = "phong"') }
		]);
		expect(rejected[0]?.reason).toContain('department hoặc hamlet');
	});

	it('rejects a code with characters other than A-Z, 0-9, _ and -', () => {
		const { rejected } = validateUnits(
			rowsOf('code,name,kind', 'Thôn 1,A,hamlet'),
			makeCtx<Unit>()
		);
		expect(rejected[0]?.reason).toContain('Cột "code" = "Thôn 1": mã đơn vị chỉ gồm');
	});

	it('rejects an empty name', () => {
		const { rejected } = validateUnits(
			rowsOf('code,name,kind', 'VP, ,department'),
			makeCtx<Unit>()
		);
		expect(rejected[0]?.reason).toContain('Cột "name" (trống): không được để trống');
	});

	it('keeps createdAt and archived of a unit being updated', () => {
		const stored: Unit = {
			code: 'VP',
			name: 'Cũ',
			kind: 'department',
			archived: true,
			order: 5,
			createdAt: 1000,
			updatedAt: 2000,
			deleted: false
		};
		const { records } = validateUnits(
			rowsOf('code,name,kind', 'VP,Mới,department'),
			makeCtx<Unit>({ existing: (code) => (code === 'VP' ? stored : undefined) })
		);
		expect(records[0]).toMatchObject({
			name: 'Mới',
			archived: true,
			createdAt: 1000,
			updatedAt: NOW
		});
	});

	it('lets the later row of a duplicated code win and reports the earlier one', () => {
		const { records, rejected } = validateUnits(
			rowsOf(
				'code,name,kind',
				'VP,First,department',
				'KT,Kinh tế,department',
				'vp,Second,department'
			),
			makeCtx<Unit>()
		);
		expect(records.map((u) => [u.code, u.name, u.order])).toEqual([
			['KT', 'Kinh tế', 1],
			['VP', 'Second', 2]
		]);
		expect(rejected).toEqual([{ line: 2, reason: expect.stringContaining('lặp lại ở dòng 4') }]);
	});
});
