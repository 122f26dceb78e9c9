import { describe, expect, it } from 'vitest';
import { hasBlank, sectionsWithBlanks } from './blanks';
import { prefillNarrative } from './prefill';
import type { FigureRow } from './findings';

const words = {
	indicator: (c: string) => c,
	status: (s: string | null) => (s === 'missed' ? 'Không đạt' : (s ?? '')),
	unit: (c: string) => c
};

describe('places left to fill (clerk review r11, 7)', () => {
	it('finds the prefilled "Nguyên nhân: ……" and the marks a clerk leaves', () => {
		for (const text of [
			'Nguyên nhân: ……',
			'Nguyên nhân: … …',
			'Đã tổ chức ... hội nghị.',
			'Ngày ___ tháng 6',
			'Kế hoạch số […]',
			'Kế hoạch số (...)',
			'Kế hoạch số [ ]',
			'Nguyên nhân: …\nGiải pháp: tăng cường.'
		])
			expect(hasBlank(text), text).toBe(true);
	});

	it('leaves finished prose alone: one ellipsis in a sentence, "v.v...", a number and a symbol', () => {
		for (const text of [
			'Nguyên nhân: đường truyền ở các thôn còn yếu.',
			'Tổ chức hội nghị trực tuyến, họp không giấy… còn ít.',
			'Các loại văn bản (báo cáo, kế hoạch, v.v...) đã gửi điện tử.',
			'Kế hoạch số 45/KH-UBND ngày 15/4/2026 (nêu trên).',
			'1.000 văn bản; 12,5%.'
		])
			expect(hasBlank(text), text).toBe(false);
	});

	it('takes three dots typed after a word, before the next, as the ellipsis a phone types', () => {
		for (const text of [
			'Tổ chức hội nghị trực tuyến, họp không giấy... còn ít.',
			'Đường truyền yếu... nên họp trực tuyến còn ít.',
			'Năm 2026... đã có 12 hội nghị.'
		])
			expect(hasBlank(text), text).toBe(false);
		// Standing alone, at a line's end, four and more, or after a colon, they are still a gap.
		for (const text of [
			'Đã tổ chức ... hội nghị.',
			'họp không giấy.... còn ít',
			'Đề nghị bổ sung...',
			'Đề nghị...\nGiải pháp: tăng cường.',
			'Nguyên nhân:...',
			'Kế hoạch số (...)'
		])
			expect(hasBlank(text), text).toBe(true);
	});

	it('names the sections, in the document’s order, that still hold one', () => {
		const missed: FigureRow = {
			code: 'online_share',
			value: 40,
			display: '40.0',
			target: 60,
			status: 'missed',
			numerator: 4,
			denominator: 10
		};
		const generated = prefillNarrative({
			unitCode: null,
			periodKind: 'annual',
			period: { start: '2025-12-15', end: '2026-12-14' },
			asOf: '2026-12-14',
			own: { unitCode: '*', indicators: [missed] },
			units: [],
			words
		});
		// The generated section III asks for the causes.
		expect(sectionsWithBlanks(generated)).toEqual(['shortcomings']);
		expect(
			sectionsWithBlanks({
				...generated,
				shortcomings: generated.shortcomings.replace('……', 'đường truyền yếu.'),
				proposals: 'Đề nghị ...'
			})
		).toEqual(['proposals']);
		expect(
			sectionsWithBlanks({ ...generated, shortcomings: 'Nguyên nhân: đường truyền yếu.' })
		).toEqual([]);
	});
});
