import { describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../domain/schemas';
import { makeCtx, NOW, rowsOf } from './test-support';
import { validateDocuments } from './validate-documents';

const HEADER = 'id,unit_code,number,kind,issued_on,electronic,secret,title';

describe('validateDocuments', () => {
	it('keeps a given id, reads Vietnamese dates and boolean forms', () => {
		const { records, rejected } = validateDocuments(
			rowsOf(HEADER, 'doc-1,VP,12/KH-UBND,ke_hoach,31/03/2026,có,,"Kế hoạch, số 12"'),
			makeCtx<DocumentRecord>()
		);
		expect(rejected).toEqual([]);
		expect(records).toEqual([
			{
				id: 'doc-1',
				unitCode: 'VP',
				number: '12/KH-UBND',
				kind: 'ke_hoach',
				issuedOn: '2026-03-31',
				electronic: true,
				secret: false,
				title: 'Kế hoạch, số 12',
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			}
		]);
	});

	it('gives rows with an empty id, or no id column, a new id', () => {
		const withEmpty = validateDocuments(
			rowsOf(HEADER, ',VP,1/TB,thong_bao,2026-01-02,1,0,A'),
			makeCtx<DocumentRecord>()
		);
		expect(withEmpty.records.map((d) => d.id)).toEqual(['new-1']);
		const noColumn = validateDocuments(
			rowsOf(
				'unit_code,number,kind,issued_on,electronic,secret,title',
				'VP,1/TB,thong_bao,2026-01-02,x,0,A',
				'KT,2/TB,khac,2026-01-03,0,0,B'
			),
			makeCtx<DocumentRecord>()
		);
		expect(noColumn.records.map((d) => d.id)).toEqual(['new-1', 'new-2']);
	});

	it.each([
		['31/02/2026', 'ngày không có thật'],
		['2026-13-01', 'ngày không có thật'],
		['hôm qua', 'ngày không đúng dạng']
	])('rejects issued_on %j', (date, why) => {
		const { records, rejected } = validateDocuments(
			rowsOf(HEADER, `d,VP,1/TB,thong_bao,${date},1,0,A`),
			makeCtx<DocumentRecord>()
		);
		expect(records).toEqual([]);
		expect(rejected).toEqual([
			{ line: 2, reason: expect.stringContaining(`Cột "issued_on" = "${date}": ${why}`) }
		]);
	});

	it('rejects a document that is both secret and electronic (v2), keeping the others', () => {
		const { records, rejected } = validateDocuments(
			rowsOf(
				HEADER,
				'a,VP,1/BC,bao_cao,2026-01-02,1,1,Mật',
				'b,VP,2/BC,bao_cao,2026-01-02,0,x,Mật'
			),
			makeCtx<DocumentRecord>()
		);
		expect(records.map((d) => d.id)).toEqual(['b']);
		expect(rejected).toEqual([
			{
				line: 2,
				reason:
					'Cột "electronic" = "1": văn bản mật (cột "secret") không được gửi qua mạng: không thể vừa mật vừa gửi điện tử'
			}
		]);
	});

	it('rejects an unknown kind and an unknown boolean', () => {
		const { rejected } = validateDocuments(
			rowsOf(HEADER, 'a,VP,1,nghi_quyet,2026-01-02,1,0,A', 'b,VP,1,khac,2026-01-02,yes,0,A'),
			makeCtx<DocumentRecord>()
		);
		expect(rejected[0]?.reason).toContain('Cột "kind" = "nghi_quyet": loại văn bản không hợp lệ');
		expect(rejected[1]?.reason).toContain('Cột "electronic" = "yes"');
	});

	it('rejects an unknown unit code and an id longer than 64 characters', () => {
		const long = 'x'.repeat(65);
		const { rejected } = validateDocuments(
			rowsOf(HEADER, 'a,HUYEN,1,khac,2026-01-02,1,0,A', `${long},VP,1,khac,2026-01-02,1,0,A`),
			makeCtx<DocumentRecord>()
		);
		expect(rejected[0]?.reason).toContain('Cột "unit_code" = "HUYEN"');
		expect(rejected[1]?.reason).toContain('Cột "id"');
		expect(rejected[1]?.reason).toContain('1 đến 64');
	});

	it('reports line numbers after a quoted title spanning lines', () => {
		const { records, rejected } = validateDocuments(
			rowsOf(
				HEADER,
				'a,VP,1,khac,2026-01-02,1,0,"dòng một',
				'dòng hai"',
				'b,VP,1,khac,2026-02-30,1,0,B'
			),
			makeCtx<DocumentRecord>()
		);
		expect(records.map((d) => d.title)).toEqual(['dòng một\ndòng hai']);
		expect(rejected.map((r) => r.line)).toEqual([4]);
	});

	it('keeps createdAt of a document being updated', () => {
		const { records } = validateDocuments(
			rowsOf(HEADER, 'a,VP,1,khac,2026-01-02,1,0,A'),
			makeCtx<DocumentRecord>({
				existing: (id) => (id === 'a' ? ({ createdAt: 7 } as DocumentRecord) : undefined)
			})
		);
		expect(records[0]).toMatchObject({ createdAt: 7, updatedAt: NOW });
	});
});
