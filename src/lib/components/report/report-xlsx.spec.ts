import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { periodOf } from '$lib/domain/periods';
import type { IndicatorResult, ReportResult } from '$lib/domain/progress';
import { reportSheetRows } from './report-xlsx';
import { columnName, xlsxBytes } from './xlsx';

const period = periodOf('6month', 2026, 0, 'decree09');
const ind = (i: Partial<IndicatorResult> & Pick<IndicatorResult, 'code'>): IndicatorResult => ({
	value: null,
	display: '',
	target: null,
	status: null,
	...i
});
const indicators = [
	ind({ code: 'conferences_held', value: 4020, display: '4020', count: 4020 }),
	ind({
		code: 'digital_procedures_share',
		value: (3817 * 100) / 4020,
		display: '95.0',
		target: 95,
		status: 'at_risk',
		numerator: 3817,
		denominator: 4020
	}),
	ind({ code: 'conference_reduction', target: 10, status: 'no_data' })
];
const result = {
	period,
	asOf: '2026-06-20',
	effectiveEnd: '2026-06-14',
	units: [{ unitCode: 'VHXH', indicators }],
	commune: { unitCode: '*', indicators }
} as unknown as ReportResult;
const names = (c: string) => (c === 'VHXH' ? 'Phòng Văn hóa - Xã hội' : c);

describe('Excel (tiếng Việt)', () => {
	it('has Vietnamese headers, names, words and dates, and numbers as numbers', () => {
		const rows = reportSheetRows(result, names);
		expect(rows[0]).toEqual([
			'Đơn vị',
			'Từ ngày',
			'Đến ngày',
			'Số liệu tính đến ngày',
			'Chỉ tiêu',
			'Kết quả',
			'Đơn vị tính',
			'Chỉ tiêu giao',
			'Đánh giá'
		]);
		expect(rows).toHaveLength(1 + 2 * indicators.length);
		const [, held, digital, reduction] = rows;
		expect(held?.slice(0, 5)).toEqual([
			'Phòng Văn hóa - Xã hội',
			'15/12/2025',
			'14/06/2026',
			'20/06/2026',
			'Số hội nghị đã tổ chức'
		]);
		expect(held?.[5]).toEqual({ n: 4020, format: 'integer' });
		// 94.95% at risk is never written as 95.0.
		expect(digital?.[5]).toEqual({ n: 94.95, format: 'decimal' });
		expect(digital?.slice(6)).toEqual(['%', '≥ 95%', 'Có nguy cơ không đạt']);
		expect(reduction?.[5]).toBe('Chưa có dữ liệu');
		expect(reduction?.[7]).toBe('Giảm ≥ 10%');
		expect(rows.at(-1)?.[0]).toBe('Toàn xã');
	});
	it('a unit report has that unit only', () => {
		expect(reportSheetRows(result, names, 'VHXH')).toHaveLength(1 + indicators.length);
	});
	it('is a workbook Excel reads: parts, inline strings, numeric cells with a style', () => {
		const files = unzipSync(
			xlsxBytes({ name: 'Báo cáo', rows: reportSheetRows(result, names), widths: [20] })
		);
		expect(Object.keys(files).sort()).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'xl/_rels/workbook.xml.rels',
			'xl/styles.xml',
			'xl/workbook.xml',
			'xl/worksheets/sheet1.xml'
		]);
		const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
		expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Đơn vị</t>');
		expect(sheet).toContain('<c r="F2" s="2"><v>4020</v></c>');
		expect(sheet).toContain('<c r="F3" s="3"><v>94.95</v></c>');
		expect(sheet).toContain('Phòng Văn hóa - Xã hội');
		expect(strFromU8(files['xl/workbook.xml']!)).toContain('name="Báo cáo"');
	});
	it('escapes XML and drops control characters from text', () => {
		const files = unzipSync(xlsxBytes({ name: 'S', rows: [['a<b & "c"\u0001']] }));
		expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain(
			'a&lt;b &amp; &quot;c&quot;</t>'
		);
	});
	it('names columns A..Z, AA..', () => {
		expect([0, 25, 26, 51, 52].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA']);
	});
});
