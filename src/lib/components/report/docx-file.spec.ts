import * as docx from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { periodOf } from '$lib/domain/periods';
import {
	buildReportDocument,
	newReportDraft,
	ROLE_NOTE,
	type CommunePlan,
	type DocumentWords
} from '$lib/domain/report-document';
import { buildDocx } from './docx-file';

const words: DocumentWords = {
	indicator: (c) => (c === 'online_share' ? 'Tỷ lệ hội nghị trực tuyến' : c),
	status: (s) => (s === 'missed' ? 'Không đạt' : 'Không đánh giá'),
	unit: (c) => (c === 'VHXH' ? 'Phòng Văn hóa - Xã hội' : c)
};
const period = periodOf('6month', 2026, 0, 'decree09');
const online = {
	code: 'online_share',
	value: 40,
	display: '40.0',
	target: 60,
	status: 'missed' as const,
	numerator: 2,
	denominator: 5
};
const figures = {
	period,
	asOf: '2026-06-20',
	commune: { unitCode: '*', indicators: [online] },
	units: [{ unitCode: 'VHXH', indicators: [online] }],
	overLimit: []
};

async function documentXml(plan?: CommunePlan | null): Promise<Record<string, string>> {
	const draft = {
		...newReportDraft({
			unitCode: null,
			periodKind: '6month',
			period,
			asOf: figures.asOf,
			year: 2026,
			issuedOn: '2026-06-05',
			province: 'Lạng Sơn',
			unitHeadTitle: '',
			own: figures.commune,
			units: figures.units,
			words,
			now: 0,
			plan,
			communeName: 'Thiên Tân'
		}),
		number: 15,
		signerName: 'Hoàng Văn Bình'
	};
	const doc = buildReportDocument({ draft, figures, communeName: 'Thiên Tân', plan, words });
	const buffer = await docx.Packer.toBuffer(buildDocx(doc, docx));
	const files = unzipSync(new Uint8Array(buffer));
	return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** The text of a WordprocessingML part, paragraph by paragraph. */
const paragraphs = (xml: string): string[] =>
	[...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
		.map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
		.filter((t) => t !== '');

describe('the .docx file', () => {
	it('names the app as its author and last editor, never the library\'s "Un-named"', async () => {
		const core = (await documentXml())['docProps/core.xml'] ?? '';
		expect(core).toContain('<dc:creator>Sổ họp 534</dc:creator>');
		expect(core).toContain('<cp:lastModifiedBy>Sổ họp 534</cp:lastModifiedBy>');
		expect(core).not.toContain('Un-named');
	});
	it('carries the masthead, sections, signature and recipients in Times New Roman', async () => {
		const files = await documentXml();
		const text = paragraphs(files['word/document.xml'] ?? '');
		for (const line of [
			'ỦY BAN NHÂN DÂN',
			'XÃ THIÊN TÂN',
			'Số: 15/BC-UBND',
			'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
			'Độc lập - Tự do - Hạnh phúc',
			'Thiên Tân, ngày 05 tháng 6 năm 2026',
			'BÁO CÁO',
			'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN',
			'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
			'V. ĐỀ XUẤT, KIẾN NGHỊ',
			'TM. ỦY BAN NHÂN DÂN',
			'CHỦ TỊCH',
			'Hoàng Văn Bình',
			'Nơi nhận:',
			'- Sở Nội vụ tỉnh Lạng Sơn (b/c);',
			'- Lưu: VT, VHXH.',
			'Phụ lục I',
			'Phụ lục II',
			'TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU THEO ĐƠN VỊ'
		])
			expect(text).toContain(line);
		expect(text.indexOf('CHỦ TỊCH')).toBeLessThan(text.indexOf('Phụ lục I'));
		expect(text.indexOf('Phụ lục I')).toBeLessThan(text.indexOf('Phụ lục II'));
		expect(files['word/styles.xml']).toContain('Times New Roman');
	});

	it('opens by citing the commune’s plan, number and date, in the Word file too', async () => {
		const text = paragraphs(
			(await documentXml({ number: '45/KH-UBND', date: '2026-04-15' }))['word/document.xml'] ?? ''
		);
		expect(text).toContain(
			'Thực hiện Kế hoạch số 45/KH-UBND ngày 15/4/2026 của UBND xã Thiên Tân về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ, UBND xã báo cáo kết quả thực hiện 6 tháng đầu năm 2026 như sau:'
		);
		expect(text.some((p) => p.includes('đã ban hành Kế hoạch số 45/KH-UBND ngày 15/4/2026'))).toBe(
			true
		);
		// Without a plan the opening reads as before.
		const before = paragraphs((await documentXml())['word/document.xml'] ?? '');
		expect(before).toContain(
			'Thực hiện Kế hoạch của UBND xã về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ, UBND xã báo cáo kết quả thực hiện 6 tháng đầu năm 2026 như sau:'
		);
	});

	it('has the scorecard annex: rank, unit, targets met, the missed ones with value and target', async () => {
		const files = await documentXml();
		const text = paragraphs(files['word/document.xml'] ?? '');
		const at = text.indexOf('Phụ lục II');
		const annex = text.slice(at);
		for (const line of [
			'Xếp hạng',
			'Đơn vị',
			'Chỉ tiêu đạt',
			'Phòng Văn hóa - Xã hội',
			'0/1',
			'Toàn xã'
		])
			expect(annex).toContain(line);
		expect(annex).toContain('Tỷ lệ hội nghị trực tuyến: 40,0% (2/5); chỉ tiêu ≥ 60% (Không đạt)');
		// Rank 1 for the only unit, before it in the row.
		expect(annex.indexOf('1')).toBeLessThan(annex.indexOf('Phòng Văn hóa - Xã hội'));
	});

	it('Phụ lục II in Word prints a missed reduction’s baseline and count, as Phụ lục I does; the units left out are named (clerk review r11 #1, #5)', async () => {
		const cut = {
			code: 'document_reduction',
			value: 13,
			display: '13.0',
			target: 15,
			status: 'missed' as const,
			count: 261,
			baseline: 300,
			cap: 255,
			projected: 261
		};
		const f = {
			...figures,
			commune: { unitCode: '*', indicators: [{ ...cut, excludedUnits: ['TH6'] }] },
			units: [{ unitCode: 'VHXH', indicators: [cut] }]
		};
		const draft = newReportDraft({
			unitCode: null,
			periodKind: '6month',
			period,
			asOf: f.asOf,
			year: 2026,
			issuedOn: '2026-06-25',
			province: 'Lạng Sơn',
			unitHeadTitle: '',
			own: f.commune,
			units: f.units,
			words,
			now: 0
		});
		const doc = buildReportDocument({ draft, figures: f, communeName: 'Thiên Tân', words });
		const buffer = await docx.Packer.toBuffer(buildDocx(doc, docx));
		const xml = strFromU8(
			unzipSync(new Uint8Array(buffer))['word/document.xml'] ?? new Uint8Array()
		);
		const text = paragraphs(xml);
		const annex = text.slice(text.indexOf('Phụ lục II'));
		// The units the commune's reduction leaves out are said under its table (clerk review r11 #5).
		expect(text).toContain(
			'Chỉ tiêu giảm số lượng văn bản hành chính của toàn xã không tính TH6 (chưa có số liệu năm trước): số năm trước và số đến nay của chỉ tiêu này chỉ gồm các đơn vị còn lại (261 văn bản hành chính).'
		);
		const miss = annex.find((p) => p.startsWith('document_reduction: '));
		expect(miss).toBe(
			'document_reduction: 13,0% (năm trước 300; tối đa 255; đến nay 261; dự kiến cả năm 261); chỉ tiêu Giảm ≥ 15% (Không đạt)'
		);
	});

	it('keeps headings, table captions and annex headings with what follows (keepNext)', async () => {
		const files = await documentXml();
		const xml = files['word/document.xml'] ?? '';
		const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
		const kept = (text: string): boolean => {
			const p = paras.find((x) => paragraphs(x).join('') === text);
			expect(p, text).toBeDefined();
			// Any keepNext that Word reads as on (<w:keepNext/>, w:val="1" or "true").
			return /<w:keepNext(?: w:val="(?:1|true|on)")?\/>/.test(p ?? '');
		};
		for (const line of [
			'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN',
			'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
			'V. ĐỀ XUẤT, KIẾN NGHỊ',
			'Toàn xã',
			'1. Phòng Văn hóa - Xã hội (VHXH)',
			'Phụ lục I',
			'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO ĐƠN VỊ',
			'Phụ lục II',
			'Tổng hợp theo đơn vị'
		])
			expect(kept(line), line).toBe(true);
		// The paragraph leading into the commune's table ends with ':' and stays with it.
		const lead = paras.find((x) =>
			paragraphs(x).join('').startsWith('Kết quả thực hiện các chỉ tiêu của toàn xã')
		);
		expect(lead).toMatch(/<w:keepNext\/>/);
		// No paragraph carries an explicit 'off' (the default, written only where it applies).
		expect(xml).not.toMatch(/<w:keepNext w:val="(?:false|0|off)"\/>/);
		// Body text and the signer's name flow as usual (the notes under the table too).
		expect(kept('Hoàng Văn Bình')).toBe(false);
		expect(kept(ROLE_NOTE)).toBe(false);
		expect(kept('Trong kỳ, không có hội nghị vượt thời lượng quy định.')).toBe(false);
	});

	it('numbers pages from page 2: a blank first-page header and a PAGE field in the others', async () => {
		const files = await documentXml();
		const xml = files['word/document.xml'] ?? '';
		expect(xml).toContain('<w:titlePg/>');
		expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
		const headers = Object.entries(files).filter(([k]) => /^word\/header\d+\.xml$/.test(k));
		expect(headers.some(([, x]) => /PAGE/.test(x))).toBe(true);
		expect(headers.some(([, x]) => !/PAGE/.test(x))).toBe(true);
	});
});
