import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import { buildReportDocument, figureTable, ROLE_NOTE, type DocumentFigures } from './document';
import { defaultRecipients, figuresDiffer, newReportDraft } from './draft';
import { findingsOf, type FigureRow, type FigureScope } from './findings';
import { prefillNarrative } from './prefill';
import { refusesIssuedBefore, reportDraftSchema } from './schema';
import { findingSentence, type DocumentWords } from './sentences';

const NAMES: Record<string, string> = {
	conferences_held: 'Số hội nghị đã tổ chức',
	online_share: 'Tỷ lệ hội nghị trực tuyến',
	conference_reduction: 'Giảm số lượng hội nghị so với năm trước',
	electronic_share: 'Tỷ lệ văn bản gửi bằng điện tử'
};
const STATUS: Record<string, string> = {
	met: 'Đạt',
	missed: 'Không đạt',
	on_track: 'Đúng tiến độ',
	at_risk: 'Có nguy cơ không đạt',
	off_track: 'Không thể đạt',
	no_data: 'Chưa có dữ liệu'
};
const UNITS: Record<string, string> = { VHXH: 'Phòng Văn hóa - Xã hội', KT: 'Phòng Kinh tế' };
const words: DocumentWords = {
	indicator: (c) => NAMES[c] ?? c,
	status: (s) => (s === null ? 'Không đánh giá' : (STATUS[s] ?? s)),
	unit: (c) => UNITS[c] ?? c
};

const held = (n: number): FigureRow => ({
	code: 'conferences_held',
	value: n,
	display: String(n),
	target: null,
	status: null,
	count: n
});
const online = (num: number, den: number, status: FigureRow['status']): FigureRow => ({
	code: 'online_share',
	value: (num / den) * 100,
	display: ((num / den) * 100).toFixed(1),
	target: 60,
	status,
	numerator: num,
	denominator: den
});
const reduction = (
	count: number,
	cap: number,
	projected: number,
	status: FigureRow['status']
): FigureRow => ({
	code: 'conference_reduction',
	value: 5,
	display: '5.0',
	target: 10,
	status,
	baseline: 12,
	cap,
	count,
	projected
});
const electronic = (status: FigureRow['status']): FigureRow => ({
	code: 'electronic_share',
	value: 100,
	display: '100.0',
	target: 100,
	status,
	numerator: 4,
	denominator: 4
});
const scope = (unitCode: string, ...indicators: FigureRow[]): FigureScope => ({
	unitCode,
	indicators
});

const period = periodOf('6month', 2026, 0, 'decree09');
const figures = (commune: FigureScope, units: FigureScope[]): DocumentFigures => ({
	period,
	asOf: '2026-06-20',
	commune,
	units,
	overLimit: []
});

const draftFor = (unitCode: string | null, f: DocumentFigures, communeName?: string) =>
	newReportDraft({
		communeName,
		unitCode,
		periodKind: '6month',
		period,
		asOf: '2026-06-20',
		year: 2026,
		issuedOn: '2026-06-05',
		province: 'Tỉnh Lạng Sơn',
		unitHeadTitle: 'Trưởng phòng',
		own:
			unitCode === null ? f.commune : (f.units.find((u) => u.unitCode === unitCode) ?? f.commune),
		units: f.units,
		words,
		now: 1
	});

/** The commune's own narrative for the 6-month period, with no unit rows. */
const communeNarrative = (f: ReturnType<typeof figures>) =>
	prefillNarrative({
		unitCode: null,
		periodKind: '6month',
		period,
		asOf: '2026-06-20',
		own: f.commune,
		units: [],
		words
	});

/** Section II's sentences for the commune's figures: one per target missed or at risk. */
const resultSentences = (f: ReturnType<typeof figures>): string =>
	findingsOf(f.commune)
		.map((x) => findingSentence(x, words))
		.join('\n');

describe('prefilled narrative', () => {
	it('names each missed target and by how much', () => {
		const f = figures(scope('*', held(10), online(4, 10, 'missed')), []);
		const text = communeNarrative(f);
		expect(resultSentences(f)).toBe(
			'Tỷ lệ hội nghị trực tuyến đạt 40,0% (4/10), thấp hơn chỉ tiêu (từ 60% trở lên) 20,0 điểm phần trăm; không đạt.'
		);
		// Section III names the shortcoming, not section II's sentence again.
		expect(text.shortcomings).toContain(
			'- Việc tổ chức hội nghị theo hình thức trực tuyến, trực tiếp kết hợp trực tuyến chưa nhiều: trong kỳ có 6/10 hội nghị không tổ chức trực tuyến; không đạt chỉ tiêu (từ 60% trở lên).'
		);
		expect(text.shortcomings).not.toContain(resultSentences(f));
		expect(text.directions).toContain('trực tiếp kết hợp trực tuyến, bảo đảm tỷ lệ từ 60% trở lên');
		expect(text.shortcomings).toContain('Nguyên nhân:');
	});

	it('says a reduction at risk with the projected count and the cap', () => {
		const f = figures(scope('*', held(6), reduction(6, 10, 12.4, 'at_risk')), []);
		const text = communeNarrative(f);
		expect(resultSentences(f)).toContain(
			'từ đầu năm đến nay đã tổ chức 6 hội nghị; theo nhịp độ này cả năm dự kiến khoảng 12 hội nghị, vượt mức tối đa 10 hội nghị'
		);
		expect(resultSentences(f)).toContain('có nguy cơ không đạt');
		expect(text.shortcomings).toContain(
			'- Số hội nghị tổ chức còn nhiều: theo nhịp độ đến nay, cả năm dự kiến vượt mức tối đa 10 hội nghị; có nguy cơ không đạt chỉ tiêu (giảm ít nhất 10% so với năm trước).'
		);
		expect(text.directions).toContain('không vượt 10 hội nghị');
	});

	it('writes a projected count as a whole number, in the text and in the table (clerk review 11)', () => {
		const f = figures(scope('*', held(6), reduction(312, 616, 623.7, 'at_risk')), []);
		expect(resultSentences(f)).toContain(
			'cả năm dự kiến khoảng 624 hội nghị, vượt mức tối đa 616 hội nghị'
		);
		const doc = buildReportDocument({
			draft: draftFor(null, f),
			figures: f,
			communeName: 'X',
			words
		});
		const cell = doc.sections[1]?.table?.rows[1]?.[3];
		expect(cell).toBe('5,0% (năm trước 12; tối đa 616; đến nay 312; dự kiến cả năm 624)');
		expect(JSON.stringify(doc)).not.toContain('623,7');
	});

	it('a projection just over the cap reads "trên" the cap, never the cap itself (indicators.md: 10.03 over 10)', () => {
		const f = figures(scope('*', held(6), reduction(6, 10, 10.03, 'at_risk')), []);
		expect(resultSentences(f)).toContain(
			'cả năm dự kiến trên 10 hội nghị, vượt mức tối đa 10 hội nghị'
		);
		const doc = buildReportDocument({
			draft: draftFor(null, f),
			figures: f,
			communeName: 'X',
			words
		});
		expect(doc.sections[1]?.table?.rows[1]?.[3]).toContain('dự kiến cả năm trên 10)');
	});

	it('names the documents over the cap without repeating "văn bản hành chính" (clerk review 21), and section III gives the count and the ceiling (clerk review r11, 7)', () => {
		const over: FigureRow = { ...reduction(622, 616, 640, 'missed'), code: 'document_reduction' };
		const f = figures(scope('*', held(6), over), []);
		expect(resultSentences(f)).toContain(
			'cả năm đã ban hành 622 văn bản hành chính, vượt 6 văn bản so với mức tối đa 616 văn bản (chỉ tiêu giảm ít nhất 10% so với năm trước)'
		);
		expect(communeNarrative(f).shortcomings).toContain(
			'- Số văn bản hành chính ban hành chưa giảm được theo chỉ tiêu: cả năm đã ban hành 622 văn bản, vượt 6 văn bản so với mức tối đa 616 văn bản; không đạt chỉ tiêu (giảm ít nhất 10% so với năm trước).'
		);
	});

	it('says an off-track reduction by how many it is over, against which ceiling (clerk review r11, 7)', () => {
		const f = figures(scope('*', reduction(13, 10, 20, 'off_track')), []);
		const text = communeNarrative(f);
		expect(resultSentences(f)).toContain('vượt 3 hội nghị so với mức tối đa 10 hội nghị');
		expect(text.shortcomings).toContain(
			'- Số hội nghị chưa giảm được theo chỉ tiêu: từ đầu năm đến nay đã tổ chức 13 hội nghị, vượt 3 hội nghị so với mức tối đa của cả năm là 10 hội nghị; không thể đạt chỉ tiêu (giảm ít nhất 10% so với năm trước).'
		);
	});

	it('names the units off track, with how many targets', () => {
		const units = [
			scope('VHXH', held(3), online(3, 3, 'on_track')),
			scope('KT', held(4), online(1, 4, 'at_risk'), electronic('missed'))
		];
		const f = figures(scope('*', held(7), online(4, 7, 'at_risk')), units);
		const text = prefillNarrative({
			unitCode: null,
			periodKind: '6month',
			period,
			asOf: '2026-06-20',
			own: f.commune,
			units,
			words
		});
		expect(text.shortcomings).toContain(
			'Các đơn vị chưa đạt hoặc có nguy cơ không đạt chỉ tiêu: Phòng Kinh tế (2 chỉ tiêu).'
		);
		expect(text.shortcomings).not.toContain('Phòng Văn hóa - Xã hội (');
		expect(text.deployment).toContain('đã chủ trì tổ chức 7 hội nghị, trong đó 4 hội nghị');
		expect(text.deployment).toContain('từ ngày 15/12/2025 đến ngày 14/6/2026');
	});

	it('says a unit held no conference in words, not "0 hội nghị"', () => {
		const own = scope('VHXH', held(0), online(0, 0, null));
		const text = prefillNarrative({
			unitCode: 'VHXH',
			periodKind: '6month',
			period,
			asOf: '2026-06-20',
			own,
			units: [],
			words
		});
		expect(text.deployment).toContain('chưa chủ trì tổ chức hội nghị nào.');
		expect(text.deployment).not.toMatch(/\b0 hội nghị/);
	});

	it('says all targets are met when none is missed or at risk', () => {
		const units = [scope('VHXH', held(3), online(3, 3, 'met'))];
		const f = figures(scope('*', held(3), online(3, 3, 'met'), electronic('met')), units);
		const text = prefillNarrative({
			unitCode: null,
			periodKind: '6month',
			period,
			asOf: '2026-06-20',
			own: f.commune,
			units,
			words
		});
		expect(text.shortcomings).toBe(
			'Các chỉ tiêu có số liệu đều đạt hoặc đúng tiến độ; chưa phát sinh tồn tại, hạn chế đáng kể.'
		);
		expect(text.directions).not.toContain('bảo đảm tỷ lệ');
		const doc = buildReportDocument({
			draft: draftFor(null, f),
			figures: f,
			communeName: 'Thiên Tân',
			words
		});
		expect(doc.sections[1]?.after).toEqual([
			'Các chỉ tiêu có số liệu đều đạt hoặc đúng tiến độ.',
			ROLE_NOTE,
			'Trong kỳ, không có hội nghị vượt thời lượng quy định.'
		]);
	});
});

describe('the document', () => {
	const units = [scope('VHXH', held(3), online(1, 3, 'at_risk')), scope('KT', held(2))];
	const f = figures(scope('*', held(5), online(3, 5, 'met')), units);

	it('names a phường or đặc khu as itself, never "XÃ PHƯỜNG …" (province review r20, 1)', () => {
		for (const [name, level, upper] of [
			['Phường Đông Kinh', 'phường', 'PHƯỜNG ĐÔNG KINH'],
			['Đặc khu Vân Đồn', 'đặc khu', 'ĐẶC KHU VÂN ĐỒN'],
			['xã Hoà Bình', 'xã', 'XÃ HOÀ BÌNH']
		] as const) {
			const draft = { ...draftFor(null, f, name), number: 5 };
			const doc = buildReportDocument({ draft, figures: f, communeName: name, words });
			const place = name.replace(/^\S+(\s+khu)?\s+/i, '');
			expect(doc.masthead.body.map((l) => l.text)).toEqual(['ỦY BAN NHÂN DÂN', upper]);
			expect(doc.masthead.placeDate).toBe(`${place}, ngày 05 tháng 6 năm 2026`);
			expect(doc.opening).toContain(`UBND ${level} báo cáo kết quả`);
			expect(doc.annex?.attached).toBe(
				`(Kèm theo Báo cáo số 05/BC-UBND ngày 5/6/2026 của UBND ${level} ${place})`
			);
			expect(doc.sections[1]?.table?.caption).toBe(`Toàn ${level}`);
			expect(doc.recipients.lines).toContain(`- Thường trực HĐND ${level} (b/c);`);
			expect(draft.deployment).toMatch(new RegExp(`^UBND ${level} đã ban hành`));
			const text = JSON.stringify(doc);
			// (The motto's "CỘNG HÒA XÃ HỘI" and the generic "cấp xã" stay.)
			if (level !== 'xã') expect(text).not.toMatch(/UBND xã|[Tt]oàn xã|"XÃ |xã (\(b\/c\)|;)/);
		}
	});

	it('is the commune’s report, addressed to the province, with the unit tables in the annex', () => {
		const draft = { ...draftFor(null, f), number: 5, signerName: 'Nguyễn Văn A' };
		const doc = buildReportDocument({ draft, figures: f, communeName: 'Xã Thiên Tân', words });
		expect(doc.masthead.body.map((l) => l.text)).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ THIÊN TÂN']);
		expect(doc.masthead.body.every((l) => l.bold)).toBe(true);
		expect(doc.masthead.number).toBe('Số: 05/BC-UBND');
		expect(doc.masthead.placeDate).toBe('Thiên Tân, ngày 05 tháng 6 năm 2026');
		expect(doc.subject).toBe(
			'Kết quả thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ 6 tháng đầu năm 2026'
		);
		expect(doc.sections.map((s) => s.heading)).toEqual([
			'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN',
			'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
			'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
			'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
			'V. ĐỀ XUẤT, KIẾN NGHỊ'
		]);
		expect(doc.sections[1]?.table?.key).toBe('*');
		expect(doc.sections[1]?.table?.rows[1]).toEqual([
			'2',
			'Tỷ lệ hội nghị trực tuyến',
			'≥ 60%',
			'60,0% (3/5)',
			'Đạt'
		]);
		expect(doc.signature).toEqual({
			lines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
			name: 'Nguyễn Văn A'
		});
		expect(doc.recipients.lines).toEqual([
			'- Sở Nội vụ tỉnh Lạng Sơn (b/c);',
			'- Thường trực Đảng ủy xã (b/c);',
			'- Thường trực HĐND xã (b/c);',
			'- Chủ tịch, các PCT UBND xã;',
			'- Lưu: VT, VHXH.'
		]);
		expect(doc.annex?.tables.map((t) => t.caption)).toEqual([
			'1. Phòng Văn hóa - Xã hội (VHXH)',
			'2. Phòng Kinh tế (KT)'
		]);
		expect(doc.annex?.attached).toBe(
			'(Kèm theo Báo cáo số 05/BC-UBND ngày 5/6/2026 của UBND xã Thiên Tân)'
		);
	});

	it('has the scorecard as a second annex: units ranked, targets met of those with data, the missed', () => {
		const three = [
			scope('VHXH', held(3), online(1, 3, 'at_risk')),
			scope('KT', held(2), online(4, 5, 'on_track')),
			scope('TH1', held(0))
		];
		const g = figures(scope('*', held(5), online(5, 8, 'on_track')), three);
		const doc = buildReportDocument({
			draft: { ...draftFor(null, g), number: 5 },
			figures: g,
			communeName: 'Thiên Tân',
			words
		});
		expect(doc.scorecard?.heading).toBe('Phụ lục II');
		expect(doc.annex?.heading).toBe('Phụ lục I');
		expect(doc.scorecard?.table.header).toEqual([
			'Xếp hạng',
			'Đơn vị',
			'Chỉ tiêu đạt',
			'Chỉ tiêu chưa đạt (kết quả; chỉ tiêu giao)'
		]);
		expect(doc.scorecard?.table.rows).toEqual([
			['1', 'Phòng Kinh tế', '1/1', 'Không có'],
			[
				'2',
				'Phòng Văn hóa - Xã hội',
				'0/1',
				'Tỷ lệ hội nghị trực tuyến: 33,3% (1/3); chỉ tiêu ≥ 60% (Có nguy cơ không đạt)'
			],
			['—', 'TH1', 'Chưa có chỉ tiêu có số liệu', ''],
			['', 'Toàn xã', '1/1', 'Không có']
		]);
		expect(doc.scorecard?.attached).toBe(
			'(Kèm theo Báo cáo số 05/BC-UBND ngày 5/6/2026 của UBND xã Thiên Tân)'
		);
		// A unit's own report has no scorecard.
		const own = buildReportDocument({
			draft: draftFor('KT', g),
			figures: g,
			communeName: 'Thiên Tân',
			words
		});
		expect(own.scorecard).toBeNull();
	});

	it('Phụ lục II prints a missed reduction with the same baseline and count as Phụ lục I (clerk review r11 #1)', () => {
		const miss = reduction(261, 255, 261, 'missed');
		const g = figures(scope('*', held(5), miss), [scope('VHXH', held(3), miss)]);
		const doc = buildReportDocument({
			draft: draftFor(null, g),
			figures: g,
			communeName: 'Thiên Tân',
			words
		});
		const annexCell = doc.annex?.tables[0]?.rows[1]?.[3];
		expect(annexCell).toBe('5,0% (năm trước 12; tối đa 255; đến nay 261; dự kiến cả năm 261)');
		const missCell = doc.scorecard?.table.rows.find((r) => r[1] === 'Phòng Văn hóa - Xã hội')?.[3];
		expect(missCell).toBe(
			`Giảm số lượng hội nghị so với năm trước: ${annexCell}; chỉ tiêu Giảm ≥ 10% (Không đạt)`
		);
	});

	it('never prints a baseline or count of 0 that a row does not carry (an issued snapshot without them)', () => {
		const { baseline: _b, count: _c, ...bare } = reduction(261, 255, 261, 'missed');
		const g = figures(scope('*', held(5), bare), []);
		const doc = buildReportDocument({
			draft: draftFor(null, g),
			figures: g,
			communeName: 'X',
			words
		});
		expect(doc.sections[1]?.table?.rows[1]?.[3]).toBe('5,0% (tối đa 255; dự kiến cả năm 261)');
	});

	it('says under the commune table which units the reduction indicators leave out, and whose counts they are (clerk review r11 #5)', () => {
		const cut = { ...reduction(48, 77, 48, 'met'), excludedUnits: ['TH6'] };
		const docs: FigureRow = {
			...reduction(621, 616, 621, 'missed'),
			code: 'document_reduction',
			excludedUnits: ['TH6']
		};
		const g = figures(scope('*', held(50), cut, docs), [scope('TH6', held(2))]);
		const doc = buildReportDocument({
			draft: draftFor(null, g),
			figures: g,
			communeName: 'X',
			words: { ...words, unit: (c) => (c === 'TH6' ? 'Thôn 6' : c) }
		});
		expect(doc.sections[1]?.after).toContain(
			'Chỉ tiêu giảm số lượng hội nghị, văn bản hành chính của toàn xã không tính Thôn 6 (chưa có số liệu năm trước): số năm trước và số đến nay của hai chỉ tiêu này chỉ gồm các đơn vị còn lại (48 hội nghị, 621 văn bản hành chính).'
		);
		// Different lists: a line each. None left out: no line.
		const one = figures(scope('*', held(50), cut, { ...docs, excludedUnits: [] }), []);
		const after = buildReportDocument({
			draft: draftFor(null, one),
			figures: one,
			communeName: 'X',
			words
		}).sections[1]?.after;
		expect(after?.filter((l) => l.startsWith('Chỉ tiêu giảm số lượng'))).toEqual([
			'Chỉ tiêu giảm số lượng hội nghị của toàn xã không tính TH6 (chưa có số liệu năm trước): số năm trước và số đến nay của chỉ tiêu này chỉ gồm các đơn vị còn lại (48 hội nghị).'
		]);
		// No unit has last year's figure: nothing counted, and said so (not "the others' (0)").
		const {
			baseline: _b,
			cap: _c,
			projected: _p,
			...bare
		} = {
			...reduction(0, 0, 0, 'no_data'),
			value: null,
			display: '',
			excludedUnits: ['TH6', 'KT']
		};
		const empty = figures(scope('*', held(0), bare), []);
		expect(
			buildReportDocument({ draft: draftFor(null, empty), figures: empty, communeName: 'X', words })
				.sections[1]?.after
		).toContain(
			'Chưa tính được chỉ tiêu giảm số lượng hội nghị của toàn xã: chưa có đơn vị nào có số liệu năm trước.'
		);
		const none = figures(scope('*', held(50), reduction(48, 77, 48, 'met')), []);
		expect(
			JSON.stringify(
				buildReportDocument({ draft: draftFor(null, none), figures: none, communeName: 'X', words })
			)
		).not.toContain('không tính');
	});

	it('never prints a percentage that reads as reaching a target not reached', () => {
		const close: FigureRow = {
			code: 'online_share',
			value: (3817 * 100) / 4020,
			display: '95.0',
			target: 96,
			status: 'at_risk',
			numerator: 3817,
			denominator: 4020
		};
		const near = { ...close, target: 95 };
		const g = figures(scope('*', held(1), near), [scope('VHXH', held(1), close)]);
		const doc = buildReportDocument({
			draft: draftFor(null, g),
			figures: g,
			communeName: 'X',
			words
		});
		expect(doc.sections[1]?.table?.rows[1]?.[3]).toBe('94,95% (3.817/4.020)');
		expect(doc.annex?.tables[0]?.rows[1]?.[3]).toBe('95,0% (3.817/4.020)');
	});

	it('signs for the chairman when a deputy signs', () => {
		const draft = { ...draftFor(null, f), signingForm: 'kt' as const };
		const doc = buildReportDocument({ draft, figures: f, communeName: 'Thiên Tân', words });
		expect(doc.signature.lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
	});

	it('is a unit’s report: the unit under the commune, its own symbol, addressed to UBND xã', () => {
		const draft = { ...draftFor('VHXH', f), number: 3 };
		const doc = buildReportDocument({ draft, figures: f, communeName: 'Thiên Tân', words });
		expect(doc.masthead.body).toEqual([
			{ text: 'UBND XÃ THIÊN TÂN' },
			{ text: 'PHÒNG VĂN HÓA - XÃ HỘI', bold: true, rule: true }
		]);
		expect(doc.masthead.number).toBe('Số: 03/BC-VHXH');
		expect(doc.recipients.lines).toEqual([
			'- UBND xã (qua Phòng Văn hóa - Xã hội) (b/c);',
			'- Lưu: VHXH.'
		]);
		expect(doc.signature.lines).toEqual(['TRƯỞNG PHÒNG']);
		expect(doc.sections[1]?.table?.key).toBe('VHXH');
		expect(doc.sections[1]?.after?.[0]).toContain(
			'Tỷ lệ hội nghị trực tuyến đến nay đạt 33,3% (1/3)'
		);
		expect(doc.annex).toBeNull();
		expect(doc.opening).toContain(
			'Phòng Văn hóa - Xã hội báo cáo kết quả thực hiện 6 tháng đầu năm 2026'
		);
	});

	it('section III names each shortcoming once, in its own words: no sentence of section II again (the closing note)', () => {
		const duration: FigureRow = {
			code: 'duration_compliance_share',
			value: (11 / 12) * 100,
			display: '91.7',
			target: 100,
			status: 'off_track',
			numerator: 11,
			denominator: 12
		};
		const incoming: FigureRow = {
			code: 'incoming_electronic_share',
			value: 90,
			display: '90.0',
			target: 95,
			status: 'at_risk',
			numerator: 90,
			denominator: 100
		};
		const docs: FigureRow = { ...reduction(622, 616, 640, 'missed'), code: 'document_reduction' };
		const g = figures(
			scope(
				'*',
				held(10),
				online(4, 10, 'missed'),
				reduction(6, 10, 12.4, 'at_risk'),
				electronic('met'),
				incoming,
				duration,
				docs
			),
			units
		);
		const doc = buildReportDocument({
			draft: draftFor(null, g),
			figures: g,
			communeName: 'Thiên Tân',
			words
		});
		const ii = doc.sections.find((x) => x.id === 'results')!.after!;
		const iii = doc.sections.find((x) => x.id === 'shortcomings')!.paragraphs;
		// Five targets missed or at risk: five sentences in II, five shortcomings in III.
		expect(findingsOf(g.commune)).toHaveLength(5);
		for (const sentence of ii.slice(0, 5))
			for (const line of iii) expect(line, sentence).not.toContain(sentence);
		expect(iii).toEqual([
			'Bên cạnh kết quả đạt được, việc thực hiện còn một số tồn tại, hạn chế:',
			'- Việc tổ chức hội nghị theo hình thức trực tuyến, trực tiếp kết hợp trực tuyến chưa nhiều: trong kỳ có 6/10 hội nghị không tổ chức trực tuyến; không đạt chỉ tiêu (từ 60% trở lên).',
			'- Số văn bản hành chính ban hành chưa giảm được theo chỉ tiêu: cả năm đã ban hành 622 văn bản, vượt 6 văn bản so với mức tối đa 616 văn bản; không đạt chỉ tiêu (giảm ít nhất 10% so với năm trước).',
			'- Việc bảo đảm thời lượng hội nghị theo quy định chưa nghiêm: trong kỳ có 1/12 hội nghị đã vượt thời lượng quy định; không thể đạt chỉ tiêu (100%).',
			'- Số hội nghị tổ chức còn nhiều: theo nhịp độ đến nay, cả năm dự kiến vượt mức tối đa 10 hội nghị; có nguy cơ không đạt chỉ tiêu (giảm ít nhất 10% so với năm trước).',
			'- Việc tiếp nhận, xử lý văn bản đến trên môi trường điện tử chưa đầy đủ: đến nay có 10/100 văn bản đến chưa xử lý trên môi trường điện tử; có nguy cơ không đạt chỉ tiêu (từ 95% trở lên).',
			'- Các đơn vị chưa đạt hoặc có nguy cơ không đạt chỉ tiêu: Phòng Văn hóa - Xã hội (1 chỉ tiêu).',
			'Nguyên nhân: ……'
		]);
	});

	it('opens by citing the commune’s implementation plan, number and date (report-format.md, Body)', () => {
		const plan = { number: '45/KH-UBND', date: '2026-04-15' };
		const commune = buildReportDocument({
			draft: draftFor(null, f),
			figures: f,
			communeName: 'Xã Thiên Tân',
			plan,
			words
		});
		expect(commune.opening).toBe(
			'Thực hiện Kế hoạch số 45/KH-UBND ngày 15/4/2026 của UBND xã Thiên Tân về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ, UBND xã báo cáo kết quả thực hiện 6 tháng đầu năm 2026 như sau:'
		);
		const unit = buildReportDocument({
			draft: draftFor('VHXH', f),
			figures: f,
			communeName: 'Thiên Tân',
			plan,
			words
		});
		expect(unit.opening).toBe(
			'Thực hiện Kế hoạch số 45/KH-UBND ngày 15/4/2026 của UBND xã Thiên Tân về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ, Phòng Văn hóa - Xã hội báo cáo kết quả thực hiện 6 tháng đầu năm 2026 như sau:'
		);
	});

	it('keeps the opening of before when the commune has entered no plan', () => {
		for (const plan of [undefined, null, { number: '', date: null }]) {
			const doc = buildReportDocument({
				draft: draftFor(null, f),
				figures: f,
				communeName: 'Thiên Tân',
				plan,
				words
			});
			expect(doc.opening).toBe(
				'Thực hiện Kế hoạch của UBND xã về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ, UBND xã báo cáo kết quả thực hiện 6 tháng đầu năm 2026 như sau:'
			);
		}
	});

	it('never cites a plan dated after the report (next year’s plan in this year’s report)', () => {
		// draftFor dates the report 2026-06-05.
		const draft = draftFor(null, f);
		const opening = (plan: { number: string; date: string | null }) =>
			buildReportDocument({ draft, figures: f, communeName: 'Thiên Tân', plan, words }).opening;
		expect(opening({ number: '12/KH-UBND', date: '2026-06-06' })).toMatch(
			/^Thực hiện Kế hoạch của UBND xã về triển khai thực hiện/
		);
		// Dated the same day as the report, or undated: cited as entered.
		expect(opening({ number: '12/KH-UBND', date: draft.issuedOn })).toMatch(
			/^Thực hiện Kế hoạch số 12\/KH-UBND ngày 5\/6\/2026 của UBND xã Thiên Tân về/
		);
		expect(opening({ number: '12/KH-UBND', date: null })).toMatch(
			/^Thực hiện Kế hoạch số 12\/KH-UBND của UBND xã Thiên Tân về/
		);
		// The new draft's text does not cite it either.
		const later = newReportDraft({
			unitCode: null,
			periodKind: '6month',
			period,
			asOf: '2026-06-20',
			issuedOn: '2026-06-20',
			year: 2026,
			province: '',
			unitHeadTitle: '',
			now: 0,
			own: f.commune,
			units,
			words,
			plan: { number: '12/KH-UBND', date: '2027-01-10' },
			communeName: 'Thiên Tân'
		});
		expect(later.deployment).not.toContain('12/KH-UBND');
		expect(later.directions).not.toContain('12/KH-UBND');
	});

	it('cites the plan in the drafted sections I and IV too', () => {
		const plan = { number: '45/KH-UBND', date: '2026-04-15' };
		const text = (unitCode: string | null, p: typeof plan | null) =>
			prefillNarrative({
				unitCode,
				periodKind: '6month',
				period,
				asOf: '2026-06-20',
				own: unitCode === null ? f.commune : units[0]!,
				units,
				words,
				plan: p,
				communeName: 'Thiên Tân'
			});
		const commune = text(null, plan);
		// The opening cites the plan and the Decision in full; sections I and IV refer back to
		// them, never cite both again (clerk review r11 #7).
		expect(commune.deployment).toContain(
			'UBND xã đã ban hành Kế hoạch số 45/KH-UBND ngày 15/4/2026 (nêu trên); tổ chức quán triệt'
		);
		expect(commune.directions).toContain(
			'triển khai nghiêm túc Quyết định số 534/QĐ-TTg và Kế hoạch số 45/KH-UBND của UBND xã.'
		);
		expect(text('VHXH', plan).deployment).toMatch(
			/^Phòng Văn hóa - Xã hội đã quán triệt Kế hoạch số 45\/KH-UBND ngày 15\/4\/2026 của UBND xã \(nêu trên\)/
		);
		for (const t of [commune, text('VHXH', plan)]) {
			expect(t.deployment).not.toContain('ngày 31/3/2026');
			expect(t.deployment).not.toMatch(/^Thực hiện/);
			expect(t.directions).not.toContain('ngày 31/3/2026');
		}
		// No plan entered.
		const none = text(null, null);
		expect(none.deployment).toContain(
			'UBND xã đã ban hành Kế hoạch triển khai thực hiện Quyết định số 534/QĐ-TTg (nêu trên); tổ chức quán triệt'
		);
		expect(none.directions).toContain('Quyết định số 534/QĐ-TTg và Kế hoạch của UBND xã.');
		expect(text('VHXH', null).deployment).toMatch(
			/^Phòng Văn hóa - Xã hội đã quán triệt Kế hoạch của UBND xã \(nêu trên\)/
		);
	});

	it('lists the conferences over their limit, only the unit’s own in a unit’s report', () => {
		const overLimit = [
			{ date: '2026-03-12', unitCode: 'KT', title: 'Hội nghị sơ kết', minutes: 300, limit: 240 },
			{ date: '2026-04-02', unitCode: 'VHXH', title: 'Hội nghị tập huấn', minutes: 500, limit: 480 }
		];
		const g = { ...f, overLimit };
		const commune = buildReportDocument({
			draft: draftFor(null, g),
			figures: g,
			communeName: 'Thiên Tân',
			words
		});
		expect(commune.sections[1]?.after).toContain(
			'Trong kỳ có 2 hội nghị vượt thời lượng quy định:'
		);
		expect(commune.sections[1]?.after).toContain(
			'1. Hội nghị sơ kết (Phòng Kinh tế, ngày 12/3/2026): 5 giờ, quy định 4 giờ;'
		);
		const unit = buildReportDocument({
			draft: draftFor('VHXH', g),
			figures: g,
			communeName: 'Thiên Tân',
			words
		});
		expect(unit.sections[1]?.after?.slice(-2)).toEqual([
			'Trong kỳ có 1 hội nghị vượt thời lượng quy định:',
			'1. Hội nghị tập huấn (Phòng Văn hóa - Xã hội, ngày 2/4/2026): 8 giờ 20 phút, quy định 8 giờ.'
		]);
	});

	it('keeps the drafter’s paragraphs and drops blank lines', () => {
		const draft = { ...draftFor(null, f), deployment: 'Đoạn một.\n\n  Đoạn hai.  ' };
		const doc = buildReportDocument({ draft, figures: f, communeName: 'Thiên Tân', words });
		expect(doc.sections[0]?.paragraphs).toEqual(['Đoạn một.', 'Đoạn hai.']);
	});
});

describe('the draft record', () => {
	const f = figures(scope('*', held(5)), [scope('VHXH', held(5))]);
	it('has the id <scope>:<period>:<year> and validates', () => {
		const d = draftFor(null, f);
		expect(d.id).toBe('*:6month:2026');
		expect(reportDraftSchema.safeParse(d).success).toBe(true);
		expect(reportDraftSchema.safeParse({ ...d, id: 'x' }).success).toBe(false);
		expect(draftFor('VHXH', f).id).toBe('VHXH:6month:2026');
	});
	it('cannot be final without the figures it was issued with', () => {
		const d = { ...draftFor(null, f), status: 'final' as const };
		expect(reportDraftSchema.safeParse(d).success).toBe(false);
		const issued = {
			asOf: '2026-06-20',
			period,
			units: f.units,
			commune: f.commune,
			unitNames: {},
			overLimit: []
		};
		// Issued on the 5th with figures to the 20th: refused when written (finding 6), on the 20th
		// or later: fine. The schema itself still reads it (one stored before the rule).
		const early = { ...d, issued, issuedOn: '2026-06-05' };
		expect(reportDraftSchema.safeParse(early).success).toBe(true);
		expect(refusesIssuedBefore(early, null)).toBe(true);
		expect(refusesIssuedBefore({ ...early, issuedOn: '2026-06-20' }, null)).toBe(false);
		expect(refusesIssuedBefore({ ...early, issuedOn: '2026-06-21' }, null)).toBe(false);
		// A draft may carry an early date (the form warns).
		expect(refusesIssuedBefore({ ...early, status: 'draft' }, null)).toBe(false);
		// Made final over a draft, or its dates changed: refused. The same early report kept as it
		// was stored (its text edited): written.
		expect(refusesIssuedBefore(early, { ...early, status: 'draft' })).toBe(true);
		expect(refusesIssuedBefore(early, { ...early, issuedOn: '2026-06-04' })).toBe(true);
		const textEdited = { ...early, proposals: 'Đề nghị bổ sung.' };
		expect(refusesIssuedBefore(textEdited, early)).toBe(false);
	});
	it('defaults to the province without "tỉnh" twice', () => {
		expect(defaultRecipients(null, '')[0]).toBe('Sở Nội vụ tỉnh (b/c)');
		expect(defaultRecipients(null, 'Lạng Sơn')[0]).toBe('Sở Nội vụ tỉnh Lạng Sơn (b/c)');
	});
	it('tells when live figures differ from the issued ones', () => {
		const live = figures(scope('*', held(6)), [scope('VHXH', held(6))]);
		expect(figuresDiffer(f, f)).toBe(false);
		expect(figuresDiffer(f, live)).toBe(true);
		expect(figuresDiffer(f, { ...f, units: [] })).toBe(true);
	});
});

describe('the wording of the generated report (clerk review r11 #7, #8)', () => {
	const annual = periodOf('annual', 2026, 0, 'decree09');
	const build = (f: DocumentFigures, kind: 'annual' | '6month') => {
		const draft = newReportDraft({
			unitCode: null,
			periodKind: kind,
			period: f.period,
			asOf: f.asOf,
			year: 2026,
			issuedOn: f.asOf,
			province: 'Lạng Sơn',
			unitHeadTitle: '',
			own: f.commune,
			units: f.units,
			words,
			now: 1,
			plan: { number: '45/KH-UBND', date: '2026-04-15' },
			communeName: 'Thiên Tân'
		});
		return {
			draft,
			doc: buildReportDocument({
				draft,
				figures: f,
				communeName: 'Thiên Tân',
				plan: { number: '45/KH-UBND', date: '2026-04-05' },
				words
			})
		};
	};
	const offTrack = [
		scope('VHXH', held(3), online(1, 3, 'missed'), reduction(12, 10, 12, 'missed'))
	];

	it('an annual report after its period ends speaks of no risk, pace or projection', () => {
		const f: DocumentFigures = {
			period: annual,
			asOf: '2026-12-20',
			commune: scope('*', held(6), reduction(12, 10, 12, 'missed'), online(5, 6, 'met')),
			units: offTrack,
			overLimit: []
		};
		const { draft, doc } = build(f, 'annual');
		const all = JSON.stringify(doc) + draft.shortcomings + draft.directions;
		expect(all).not.toContain('có nguy cơ');
		expect(all).not.toContain('đúng tiến độ');
		expect(all).not.toContain('dự kiến cả năm');
		expect(draft.shortcomings).toContain('- Các đơn vị chưa đạt chỉ tiêu: Phòng Văn hóa - Xã hội');
		expect(draft.directions).toContain(
			'- Yêu cầu các đơn vị chưa đạt chỉ tiêu rà soát nguyên nhân'
		);
		expect(doc.scorecard?.lead).toContain('Chỉ tiêu đạt là chỉ tiêu đã đạt;');
		expect(doc.sections[1]?.table?.rows[1]?.[3]).toBe('5,0% (năm trước 12; tối đa 10; đến nay 12)');
		// Before the year ends (and in a 6-month report) the projection stays.
		const early = build({ ...f, asOf: '2026-09-30' }, 'annual');
		expect(early.doc.sections[1]?.table?.rows[1]?.[3]).toContain('dự kiến cả năm 12');
		expect(early.draft.shortcomings).toContain('chưa đạt hoặc có nguy cơ không đạt');
	});

	it('section III never says all is achieved when no indicator has data', () => {
		const f: DocumentFigures = {
			period: annual,
			asOf: '2026-12-20',
			commune: scope('*', held(0), { ...online(0, 1, 'no_data'), value: null, display: '' }),
			units: [scope('VHXH', held(0), { ...online(0, 1, 'no_data'), value: null, display: '' })],
			overLimit: []
		};
		const { draft, doc } = build(f, 'annual');
		expect(draft.shortcomings).not.toContain('đều đạt');
		expect(draft.shortcomings).toContain(
			'Chưa có số liệu để đánh giá kết quả thực hiện các chỉ tiêu.'
		);
		expect(draft.shortcomings).toContain(
			'- Các đơn vị chưa cập nhật số liệu: Phòng Văn hóa - Xã hội.'
		);
		expect(doc.sections[1]?.after?.[0]).toBe('Chưa có chỉ tiêu nào có số liệu để đánh giá.');
	});

	it('one date form in the text, one term for the electronic environment, the target column "Chỉ tiêu giao"', () => {
		const f: DocumentFigures = {
			period: annual,
			asOf: '2026-12-20',
			commune: scope('*', held(6), online(5, 6, 'met')),
			units: offTrack,
			overLimit: [
				{ date: '2026-03-05', unitCode: 'VHXH', title: 'Hội nghị', minutes: 300, limit: 240 }
			]
		};
		const { draft, doc } = build(f, 'annual');
		const text = JSON.stringify({ ...doc, masthead: null }) + Object.values(draft).join('\n');
		// d/M/yyyy, as the Decision is cited: never a padded day or month (15/04/2026, 05/03/2026).
		expect(text).not.toMatch(/\b0\d\/\d{1,2}\/20\d\d|\b\d{1,2}\/0\d\/20\d\d/);
		expect(doc.opening).toContain('ngày 5/4/2026');
		expect(text).toContain('ngày 5/3/2026');
		expect(text).not.toContain('môi trường số');
		expect(draft.proposals).toContain('môi trường điện tử');
		expect(doc.sections[1]?.table?.header[2]).toBe('Chỉ tiêu giao');
		// The masthead's date keeps the Decree-30 form.
		expect(doc.masthead.placeDate).toBe('Thiên Tân, ngày 20 tháng 12 năm 2026');
	});
});

describe('a reduction below zero in the tables', () => {
	it('reads as a rise ("tăng 3,4%"), never "-3,4%" under "Giảm …" (clerk review r11 #13)', () => {
		const rise: FigureRow = {
			code: 'conference_reduction',
			value: -3.4,
			display: '-3.4',
			target: 10,
			status: 'at_risk',
			baseline: 29,
			cap: 26,
			count: 30,
			projected: 30
		};
		const [row] = figureTable({ unitCode: 'VHXH', indicators: [rise] }, 'x', words).rows;
		expect(row?.[3]).toMatch(/^tăng 3,4% \(năm trước 29; tối đa 26; đến nay 30/);
		const fall = figureTable(
			{ unitCode: 'VHXH', indicators: [{ ...rise, value: 12.5, display: '12.5' }] },
			'x',
			words
		).rows[0];
		expect(fall?.[3]).toMatch(/^12,5% \(/);
	});
});
