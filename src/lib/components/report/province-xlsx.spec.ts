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
	unassigned: true,
	communes: [
		{
			id: 'xa-tan-van',
			name: 'Xã Tân Văn',
			area: 'Huyện Bình Gia',
			indicators: [
				{ code: 'conferences_held', value: 4020, display: '4020', target: null, status: null },
				// 94.95…% against 95%: never a figure that reads as reaching the target.
				{
					code: 'online_share',
					value: 94.951,
					display: '95.0',
					target: 95,
					status: 'at_risk',
					numerator: 3817,
					denominator: 4020
				}
			],
			met: 3,
			applicable: 7,
			skipped: 0,
			// 19/06/2026 16:05 in Hà Nội.
			lastDataAt: Date.UTC(2026, 5, 19, 9, 5),
			dataAgeDays: 1,
			report: {
				state: 'sent',
				issuedOn: '2026-06-16',
				number: 15,
				symbol: 'BC-UBND',
				receivedAt: Date.UTC(2026, 5, 22, 3, 0),
				lateDays: 2,
				issued: {
					asOf: '2026-06-30',
					period: { start: '2026-01-01', end: '2026-06-30' },
					otherPeriod: true,
					partial: false,
					indicators: [
						{ code: 'conferences_held', value: 3900, display: '3900', target: null, status: null },
						{
							code: 'online_share',
							value: 96,
							display: '96.0',
							target: 95,
							status: 'on_track',
							numerator: 48,
							denominator: 50
						}
					],
					met: 4,
					applicable: 7,
					changed: ['conferences_held', 'online_share']
				}
			}
		},
		{
			id: 'xa-hoa-binh',
			name: 'Xã Hòa Bình',
			area: null,
			indicators: [],
			met: 0,
			applicable: 0,
			skipped: 0,
			lastDataAt: null,
			dataAgeDays: null,
			report: {
				state: 'overdue',
				issuedOn: null,
				number: null,
				symbol: null,
				receivedAt: null,
				lateDays: null,
				issued: null
			}
		}
	]
};

describe('/province as Excel (tiếng Việt)', () => {
	it('has Vietnamese headers and words, dates dd/MM/yyyy and numbers as numbers', () => {
		const [header, sent, overdue] = provinceSheetRows(summary);
		expect(header?.slice(0, 25)).toEqual([
			'Mã xã, phường',
			'Tên xã, phường',
			'Khu vực',
			'Kỳ báo cáo',
			'Năm',
			'Từ ngày',
			'Đến ngày',
			'Số liệu hiện tại tính đến ngày',
			'Cập nhật số liệu lần cuối',
			'Số ngày chưa cập nhật số liệu',
			'Số liệu hiện tại: số chỉ tiêu đạt hoặc đúng tiến độ',
			'Số liệu hiện tại: số chỉ tiêu được đánh giá',
			'Tình hình gửi báo cáo',
			'Hạn gửi báo cáo',
			'Thời điểm nhận báo cáo',
			'Số ngày gửi muộn (tính theo ngày nhận)',
			'Số văn bản',
			'Ký hiệu',
			'Ngày ban hành',
			'Báo cáo đã gửi: kỳ báo cáo từ ngày',
			'Báo cáo đã gửi: kỳ báo cáo đến ngày',
			'Báo cáo đã gửi: số liệu tính đến ngày',
			'Báo cáo đã gửi: số chỉ tiêu đạt hoặc đúng tiến độ',
			'Báo cáo đã gửi: số chỉ tiêu được đánh giá',
			'Lưu ý về báo cáo đã gửi'
		]);
		// Dates are Excel dates (serial days, shown dd/mm/yyyy), not text (province review r21, 3).
		const date = (n: number) => ({ n, format: 'date' });
		const at_ = (n: number) => ({ n, format: 'datetime' });
		expect(sent?.slice(0, 25)).toEqual([
			'xa-tan-van',
			'Xã Tân Văn',
			'Huyện Bình Gia',
			'6 tháng đầu năm',
			{ n: 2026, format: 'integer' },
			date(46006), // 15/12/2025
			date(46187), // 14/06/2026
			date(46193), // 20/06/2026
			at_(46192 + (16 * 60 + 5) / 1440), // 19/06/2026 16:05 in Hà Nội
			{ n: 1, format: 'integer' },
			{ n: 3, format: 'integer' },
			{ n: 7, format: 'integer' },
			'Đã gửi báo cáo',
			// The due date the days late count from, as the screen says it; when the server received it.
			date(46187),
			at_(46195 + 10 / 24), // 22/06/2026 10:00
			{ n: 2, format: 'integer' },
			{ n: 15, format: 'integer' },
			'BC-UBND',
			date(46189), // 16/06/2026
			date(46023), // 01/01/2026
			date(46203), // 30/06/2026
			date(46203),
			{ n: 4, format: 'integer' },
			// The sent report's targets assessed, beside its targets met.
			{ n: 7, format: 'integer' },
			'Báo cáo gửi theo kỳ khác (01/01/2026–30/06/2026). Số liệu hiện tại khác với báo cáo đã gửi ở các chỉ tiêu: Số hội nghị đã tổ chức; Tỷ lệ hội nghị trực tuyến.'
		]);
		const at = (name: string) => {
			const i = header!.indexOf(name);
			expect(i, name).toBeGreaterThan(-1);
			return i;
		};
		// Live and issued figures in separate, named columns.
		expect(sent?.[at('Số liệu hiện tại: Số hội nghị đã tổ chức (hội nghị)')]).toEqual({
			n: 4020,
			format: 'integer'
		});
		expect(sent?.[at('Báo cáo đã gửi: Số hội nghị đã tổ chức (hội nghị)')]).toEqual({
			n: 3900,
			format: 'integer'
		});
		expect(sent?.[at('Số liệu hiện tại: Tỷ lệ hội nghị trực tuyến (%)')]).toEqual({
			n: 94.95,
			format: 'decimal'
		});
		expect(sent?.[at('Số liệu hiện tại: Tỷ lệ hội nghị trực tuyến: đánh giá')]).toBe(
			'Có nguy cơ không đạt'
		);
		expect(sent?.[at('Báo cáo đã gửi: Tỷ lệ hội nghị trực tuyến: đánh giá')]).toBe('Đúng tiến độ');
		at('Số liệu hiện tại: Giảm số lượng hội nghị so với năm trước: tối đa cả năm');
		at('Số liệu hiện tại: Giảm số lượng hội nghị so với năm trước: dự kiến cả năm');
		// One term for the electronic documents' share, as the other screens write it (r21, 5).
		at('Số liệu hiện tại: Tỷ lệ văn bản gửi trên môi trường điện tử (%)');
		expect(overdue?.[12]).toBe('Quá hạn, chưa gửi báo cáo');
		expect(overdue?.[13]).toEqual(date(46187));
		expect(overdue?.[15]).toBeNull();
		// A commune that never sent data says so; no day count.
		expect(overdue?.slice(8, 10)).toEqual(['Chưa nhận được số liệu nào từ xã, phường này', null]);
		expect(overdue?.[at('Số liệu hiện tại: Tỷ lệ hội nghị trực tuyến (%)')]).toBe(
			'Chưa có dữ liệu'
		);
		// A commune that sent nothing has no issued figures, not "no data" words.
		expect(overdue?.[at('Báo cáo đã gửi: Tỷ lệ hội nghị trực tuyến (%)')]).toBeNull();
		expect(overdue?.[at('Báo cáo đã gửi: số chỉ tiêu được đánh giá')]).toBeNull();
		// Which figures ranked each row (the list's order): the report sent, else the live ones.
		expect([sent?.[at('Xếp thứ tự theo')], overdue?.[at('Xếp thứ tự theo')]]).toEqual([
			'Báo cáo đã gửi',
			'Số liệu hiện tại'
		]);
		// A share's counts beside its percentage, live and as sent; none for a count.
		const share = (set: string, part: string) =>
			sent?.[at(`${set}: Tỷ lệ hội nghị trực tuyến: ${part}`)];
		expect([
			share('Số liệu hiện tại', 'số lượng đạt yêu cầu (tử số)'),
			share('Số liệu hiện tại', 'tổng số (mẫu số)'),
			share('Báo cáo đã gửi', 'số lượng đạt yêu cầu (tử số)'),
			share('Báo cáo đã gửi', 'tổng số (mẫu số)')
		]).toEqual([
			{ n: 3817, format: 'integer' },
			{ n: 4020, format: 'integer' },
			{ n: 48, format: 'integer' },
			{ n: 50, format: 'integer' }
		]);
		expect(
			header!.some((h) => h === 'Số liệu hiện tại: Số hội nghị đã tổ chức: tổng số (mẫu số)')
		).toBe(false);
	});

	it('says when no due date is set, and then counts no day late', () => {
		const none = provinceSheetRows({
			...summary,
			dueDate: null,
			communes: summary.communes.map((c) => ({ ...c, report: { ...c.report, lateDays: null } }))
		});
		const col = none[0]!.indexOf('Hạn gửi báo cáo');
		expect(none.slice(1).map((r) => [r[col], r[col + 2]])).toEqual([
			['Chưa đặt', null],
			['Chưa đặt', null]
		]);
	});

	it('is a workbook whose number cells are numbers', async () => {
		const blob = provinceXlsxBlob(summary);
		const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
		const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
		expect(sheet).toContain('<c r="E2" s="2"><v>2026</v></c>');
		// A date cell: its serial day under the dd/mm/yyyy style (styles.xml).
		expect(sheet).toContain('<c r="F2" s="4"><v>46006</v></c>');
		const styles = strFromU8(files['xl/styles.xml']!);
		expect(styles).toContain('<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/>');
		expect(sheet).toContain('Đã gửi báo cáo');
		expect(provinceXlsxName(summary, '-khu-vuc')).toBe('tong-hop-6-thang-2026-khu-vuc.xlsx');
		expect(provinceXlsxName(summary, '-khu-vuc-qua-han')).toBe(
			'tong-hop-6-thang-2026-khu-vuc-qua-han.xlsx'
		);
	});
});
