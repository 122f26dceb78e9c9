import { describe, expect, it } from 'vitest';
import { figureMoves } from './moved';
import { prefillNarrative, type PrefillInput } from './prefill';
import type { FigureRow, FigureScope } from './findings';

const words = {
	indicator: (c: string) => c,
	status: (s: string | null) => (s === 'missed' ? 'Không đạt' : (s ?? '')),
	unit: (c: string) => c
};
const online = (n: number, d: number): FigureRow => ({
	code: 'online_share',
	value: (n / d) * 100,
	display: ((n / d) * 100).toFixed(1),
	target: 60,
	status: n * 100 >= 60 * d ? 'met' : 'missed',
	numerator: n,
	denominator: d
});
const held = (n: number): FigureRow => ({
	code: 'conferences_held',
	value: n,
	display: String(n),
	target: null,
	status: null,
	count: n
});
const text = (own: FigureScope, asOf = '2026-12-14'): ReturnType<typeof prefillNarrative> =>
	prefillNarrative({
		unitCode: null,
		periodKind: 'annual',
		period: { start: '2025-12-15', end: '2026-12-14' },
		asOf,
		own,
		units: [],
		words
	} satisfies PrefillInput);
const scope = (...indicators: FigureRow[]): FigureScope => ({ unitCode: '*', indicators });

describe('the figures that moved in a generated section (clerk review r11, 7)', () => {
	it('names each moved figure of section I with the words around it', () => {
		const a = text(scope(held(10), online(4, 10)));
		const b = text(scope(held(12), online(5, 12)));
		expect(figureMoves(a.deployment, b.deployment)).toEqual({
			moves: ['đã chủ trì tổ chức 10 → 12 hội nghị', 'trong đó 4 → 5 hội nghị tổ chức'],
			more: false
		});
	});

	it('names a shortcoming’s count in section III, and the dates counted when the figures’ date moved', () => {
		const a = text(scope(held(10), online(4, 10)), '2026-11-30');
		const b = text(scope(held(11), online(4, 11)), '2026-12-10');
		expect(figureMoves(a.shortcomings, b.shortcomings).moves).toEqual([
			'trong kỳ có 6/10 → 7/11 hội nghị không tổ chức trực tuyến'
		]);
		expect(figureMoves(a.deployment, b.deployment).moves[0]).toContain('30/11/2026 → 10/12/2026');
	});

	it('names a reduction’s count and how far over its ceiling, each in its own words', () => {
		const docs = (count: number): FigureRow => ({
			code: 'document_reduction',
			value: 10,
			display: '10.0',
			target: 15,
			status: 'missed',
			count,
			baseline: 725,
			cap: 616
		});
		const a = text(scope(held(10), docs(622)));
		const b = text(scope(held(10), docs(630)));
		expect(figureMoves(a.shortcomings, b.shortcomings).moves).toEqual([
			'cả năm đã ban hành 622 → 630 văn bản',
			'vượt 6 → 14 văn bản'
		]);
	});

	it('names what a bracketed figure qualifies: a unit’s count of targets off track', () => {
		const before = '- Các đơn vị chưa đạt chỉ tiêu: Thôn 1 (2 chỉ tiêu), Thôn 6 (1 chỉ tiêu).';
		const now = '- Các đơn vị chưa đạt chỉ tiêu: Thôn 1 (3 chỉ tiêu), Thôn 6 (1 chỉ tiêu).';
		expect(figureMoves(before, now).moves).toEqual(['Thôn 1 (2 → 3 chỉ tiêu)']);
	});

	it('names nothing when a line is reworded (a target newly missed), and nothing when no figure moved', () => {
		const a = text(scope(held(10), online(8, 10)));
		const b = text(scope(held(10), online(4, 10)));
		expect(figureMoves(a.shortcomings, b.shortcomings)).toEqual({ moves: [], more: false });
		expect(figureMoves('Văn bản A.', 'Văn bản B.')).toEqual({ moves: [], more: false });
	});

	it('stays short: at most three, each once, and says when more moved', () => {
		const before = ['- có 1 hội nghị.', '- có 2 văn bản.', '- có 3 hồ sơ.', '- có 4 thôn.'].join(
			'\n'
		);
		const now = ['- có 5 hội nghị.', '- có 6 văn bản.', '- có 7 hồ sơ.', '- có 8 thôn.'].join('\n');
		expect(figureMoves(before, now)).toEqual({
			moves: ['có 1 → 5 hội nghị', 'có 2 → 6 văn bản', 'có 3 → 7 hồ sơ'],
			more: true
		});
		expect(figureMoves('có 1 hội nghị.\ncó 1 hội nghị.', 'có 2 hội nghị.\ncó 2 hội nghị.')).toEqual(
			{
				moves: ['có 1 → 2 hội nghị'],
				more: false
			}
		);
	});

	it('never cuts a decimal at its comma: "62,5%" is one figure of its clause', () => {
		// A ratio's line as sentences.ts writes it: every percentage has a decimal comma.
		const line = (pct: string, n: number, d: number, gap: string) =>
			`Tỷ lệ hồ sơ trực tuyến đạt ${pct}% (${n}/${d}), thấp hơn chỉ tiêu (từ 80% trở lên) ${gap} điểm phần trăm; Không đạt.`;
		expect(figureMoves(line('62,5', 5, 8, '17,5'), line('70,0', 7, 10, '10,0')).moves).toEqual([
			'hồ sơ trực tuyến đạt 62,5% → 70,0%',
			'trực tuyến đạt 70,0% (5/8 → 7/10)',
			'17,5 → 10,0 điểm phần trăm'
		]);
		expect(
			figureMoves(
				'Tỷ lệ đạt 12,5% trên tổng 20 hội nghị.',
				'Tỷ lệ đạt 12,5% trên tổng 24 hội nghị.'
			).moves
		).toEqual(['lệ đạt 12,5% trên tổng 20 → 24 hội nghị']);
	});

	it('pairs the lines of one wording even when a line was added between them', () => {
		const before = 'Mở đầu.\n- đã tổ chức 10 hội nghị.\nKết.';
		const now = 'Mở đầu.\n- Thôn 6 chưa cập nhật số liệu.\n- đã tổ chức 12 hội nghị.\nKết.';
		expect(figureMoves(before, now).moves).toEqual(['đã tổ chức 10 → 12 hội nghị']);
	});
});
