import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ProvinceSummary } from '$lib/domain/province';
import { provinceSheetRows, provinceXlsxBlob, provinceXlsxName } from './province-xlsx';

const summary: ProvinceSummary = {
	kind: '6month',
	year: 2026,
	period: { start: '2025-12-15', end: '2026-06-14' },
	asOf: '2026-06-20',
	dueDate: '2026-06-14',
	areas: ['Huyện Bình Gia'],
	communes: [
		{
			id: 'xa-tan-van',
			name: 'Xã Tân Văn',
			area: 'Huyện Bình Gia',
			indicators: [
				{ code: 'conferences_held', value: 4020, display: '4020', target: null, status: null },
				// 94.95…% against 95%: never a figure that reads as reaching the target.
				{ code: 'online_share', value: 94.951, display: '95.0', target: 95, status: 'at_risk' }
			],
			met: 3,
			applicable: 7,
			skipped: 0,
			report: { state: 'sent', issuedOn: '2026-06-16', number: 15, symbol: 'BC-UBND' }
		},
		{
			id: 'xa-hoa-binh',
			name: 'Xã Hòa Bình',
			area: null,
			indicators: [],
			met: 0,
			applicable: 0,
			skipped: 0,
			report: { state: 'overdue', issuedOn: null, number: null, symbol: null }
		}
	]
};

describe('/province as Excel (tiếng Việt)', () => {
	it('has Vietnamese headers and words, dates dd/MM/yyyy and numbers as numbers', () => {
		const [header, sent, overdue] = provinceSheetRows(summary);
		expect(header?.slice(0, 14)).toEqual([
			'Mã xã, phường',
			'Tên xã, phường',
			'Khu vực',
			'Kỳ báo cáo',
			'Năm',
			'Từ ngày',
			'Đến ngày',
			'Số liệu tính đến ngày',
			'Số chỉ tiêu đạt',
			'Số chỉ tiêu được đánh giá',
			'Tình hình gửi báo cáo',
			'Số văn bản',
			'Ký hiệu',
			'Ngày ban hành'
		]);
		expect(header).toContain('Số hội nghị đã tổ chức (hội nghị)');
		expect(header).toContain('Tỷ lệ hội nghị trực tuyến (%)');
		expect(header).toContain('Tỷ lệ hội nghị trực tuyến: đánh giá');
		expect(sent?.slice(0, 14)).toEqual([
			'xa-tan-van',
			'Xã Tân Văn',
			'Huyện Bình Gia',
			'6 tháng đầu năm',
			{ n: 2026, format: 'integer' },
			'15/12/2025',
			'14/06/2026',
			'20/06/2026',
			{ n: 3, format: 'integer' },
			{ n: 7, format: 'integer' },
			'Đã gửi báo cáo',
			{ n: 15, format: 'integer' },
			'BC-UBND',
			'16/06/2026'
		]);
		const at = (name: string) => header!.indexOf(name);
		expect(sent?.[at('Số hội nghị đã tổ chức (hội nghị)')]).toEqual({ n: 4020, format: 'integer' });
		expect(sent?.[at('Tỷ lệ hội nghị trực tuyến (%)')]).toEqual({ n: 94.95, format: 'decimal' });
		expect(sent?.[at('Tỷ lệ hội nghị trực tuyến: đánh giá')]).toBe('Có nguy cơ không đạt');
		expect(overdue?.[10]).toBe('Quá hạn, chưa gửi báo cáo');
		expect(overdue?.[11]).toBeNull();
		expect(overdue?.[at('Tỷ lệ hội nghị trực tuyến (%)')]).toBe('Chưa có dữ liệu');
	});

	it('is a workbook whose number cells are numbers', async () => {
		const blob = provinceXlsxBlob(summary);
		const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
		const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
		expect(sheet).toContain('<c r="E2" s="2"><v>2026</v></c>');
		expect(sheet).toContain('Đã gửi báo cáo');
		expect(provinceXlsxName(summary, true)).toBe('tong-hop-6month-2026-khu-vuc.xlsx');
	});
});
