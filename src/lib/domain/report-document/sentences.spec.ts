import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import { buildReportDocument, type DocumentFigures } from './document';
import { newReportDraft } from './draft';
import type { FigureRow } from './findings';
import { findingSentence, gapPoints, type DocumentWords } from './sentences';

const words: DocumentWords = {
	indicator: (c) =>
		c === 'incoming_electronic_share' ? 'Tỷ lệ văn bản đến được xử lý trên môi trường điện tử' : c,
	status: (s) =>
		s === 'missed' ? 'Không đạt' : s === 'at_risk' ? 'Có nguy cơ không đạt' : String(s),
	unit: (c) => c
};

/** A ratio as the engine gives it: the exact value, its one-decimal display (half away from zero). */
const ratio = (
	num: number,
	den: number,
	target: number,
	status: FigureRow['status']
): FigureRow => {
	const value = (num * 100) / den;
	return {
		code: 'incoming_electronic_share',
		value,
		display: (Math.round(value * 10) / 10).toFixed(1),
		target,
		status,
		numerator: num,
		denominator: den
	};
};

describe('a ratio just under its target (the review: 3421/3602 and 265/279 against 95%)', () => {
	it('the sentence shows the table’s figure and a gap that is not 0,0', () => {
		const row = ratio(3421, 3602, 95, 'missed');
		expect(row.display).toBe('95.0'); // the spec's one decimal: what report.csv keeps
		expect(findingSentence({ row, status: 'missed' }, words)).toBe(
			'Tỷ lệ văn bản đến được xử lý trên môi trường điện tử đạt 94,97% (3.421/3.602), thấp hơn chỉ tiêu (từ 95% trở lên) 0,03 điểm phần trăm; không đạt.'
		);
	});

	it('the unit report’s 265/279: 94,98% and 0,02 points', () => {
		const row = ratio(265, 279, 95, 'missed');
		const text = findingSentence({ row, status: 'missed' }, words);
		expect(text).toContain(
			'đạt 94,98% (265/279), thấp hơn chỉ tiêu (từ 95% trở lên) 0,02 điểm phần trăm'
		);
		expect(text).not.toContain('95,0%');
		expect(text).not.toContain('0,0 điểm');
	});

	it('figure and gap add up to the target at the figure’s precision', () => {
		for (const [num, den] of [
			[3421, 3602],
			[265, 279],
			[3817, 4020],
			[45, 100],
			[4506, 10000],
			[1, 3]
		] as const) {
			const row = ratio(num, den, 95, 'missed');
			const gap = gapPoints(row);
			expect(gap, `${num}/${den}`).not.toBeNull();
			expect(Number(gap)).toBeGreaterThan(0);
			const sentence = findingSentence({ row, status: 'missed' }, words);
			const [, shown, points] = /đạt ([\d,]+)% .* ([\d,]+) điểm phần trăm/.exec(sentence) ?? [];
			const sum = Number(shown!.replace(',', '.')) + Number(points!.replace(',', '.'));
			expect(sum, sentence).toBeCloseTo(95, 6);
		}
	});

	it('one decimal as a rule (40,0% and 20,0 points)', () => {
		const row = { ...ratio(4, 10, 60, 'missed'), code: 'online_share' };
		expect(findingSentence({ row, status: 'missed' }, words)).toBe(
			'online_share đạt 40,0% (4/10), thấp hơn chỉ tiêu (từ 60% trở lên) 20,0 điểm phần trăm; không đạt.'
		);
	});

	it('the commune table and the sentences under it carry the same figure', () => {
		const row = ratio(3421, 3602, 95, 'missed');
		const period = periodOf('annual', 2026, 0, 'decree09');
		const figures: DocumentFigures = {
			period,
			asOf: '2026-12-20',
			units: [],
			commune: { unitCode: '*', indicators: [row] },
			overLimit: []
		};
		const draft = newReportDraft({
			unitCode: null,
			periodKind: 'annual',
			period,
			asOf: '2026-12-20',
			year: 2026,
			issuedOn: '2026-12-20',
			province: '',
			unitHeadTitle: '',
			own: figures.commune,
			units: [],
			words,
			now: 1
		});
		const doc = buildReportDocument({ draft, figures, communeName: 'Thiên Tân', words });
		const results = doc.sections.find((s) => s.id === 'results')!;
		expect(results.table?.rows[0]?.[3]).toBe('94,97% (3.421/3.602)');
		expect(results.after?.[0]).toContain('đạt 94,97% (3.421/3.602)');
		// Section III names the shortcoming with a count the figures hold, no second percentage.
		const shortcomings = doc.sections.find((s) => s.id === 'shortcomings')!;
		expect(shortcomings.paragraphs).toContain(
			'- Việc tiếp nhận, xử lý văn bản đến trên môi trường điện tử chưa đầy đủ: trong kỳ có 181/3.602 văn bản đến chưa xử lý trên môi trường điện tử; không đạt chỉ tiêu (từ 95% trở lên).'
		);
		expect(JSON.stringify(doc)).not.toContain('95,0%');
	});
});

describe('a report whose figures stop before the period’s end (the review: annual, as of 30/9)', () => {
	const period = periodOf('annual', 2026, 0, 'decree09');
	const held: FigureRow = {
		code: 'conferences_held',
		value: 49,
		display: '49',
		target: null,
		status: null,
		count: 49
	};
	const build = (asOf: string) => {
		const figures: DocumentFigures = {
			period,
			asOf,
			units: [],
			commune: { unitCode: '*', indicators: [held] },
			overLimit: []
		};
		const draft = newReportDraft({
			unitCode: null,
			periodKind: 'annual',
			period,
			asOf,
			year: 2026,
			issuedOn: asOf,
			province: '',
			unitHeadTitle: '',
			own: figures.commune,
			units: [],
			words,
			now: 1
		});
		return { draft, doc: buildReportDocument({ draft, figures, communeName: 'Thiên Tân', words }) };
	};

	it('states the window counted, in section I and under the title', () => {
		const { draft, doc } = build('2026-09-30');
		expect(draft.deployment).toContain(
			'Từ ngày 15/12/2025 đến ngày 30/9/2026 (kỳ báo cáo chưa kết thúc), các cơ quan, đơn vị đã chủ trì tổ chức 49 hội nghị'
		);
		expect(draft.deployment).not.toContain('14/12/2026');
		expect(doc.periodLine).toBe('(Số liệu từ ngày 15/12/2025 đến ngày 30/9/2026)');
		expect(JSON.stringify(doc)).not.toContain('14/12/2026');
	});

	it('a report made after the period closed states the whole period', () => {
		const { draft, doc } = build('2026-12-20');
		expect(draft.deployment).toContain(
			'Trong kỳ báo cáo (từ ngày 15/12/2025 đến ngày 14/12/2026), các cơ quan, đơn vị đã chủ trì tổ chức 49 hội nghị'
		);
		expect(doc.periodLine).toBe('(Số liệu từ ngày 15/12/2025 đến ngày 14/12/2026)');
	});
});

describe('the annex line', () => {
	const period = periodOf('6month', 2026, 0, 'decree09');
	const figures: DocumentFigures = {
		period,
		asOf: '2026-06-20',
		units: [{ unitCode: 'VHXH', indicators: [] }],
		commune: { unitCode: '*', indicators: [] },
		overLimit: []
	};
	const draft = newReportDraft({
		unitCode: null,
		periodKind: '6month',
		period,
		asOf: '2026-06-20',
		year: 2026,
		issuedOn: '2026-06-20',
		province: '',
		unitHeadTitle: '',
		own: figures.commune,
		units: figures.units,
		words,
		now: 1
	});
	const attached = (communeName: string) => {
		const doc = buildReportDocument({ draft, figures, communeName, words });
		return [doc.annex?.attached, doc.scorecard?.attached];
	};

	it('names the commune, or holds the masthead’s placeholder without a stray space (finding 16)', () => {
		for (const line of attached(''))
			expect(line).toBe('(Kèm theo Báo cáo số …/BC-UBND ngày 20/6/2026 của UBND xã ……)');
		for (const line of attached('Xã Thiên Tân'))
			expect(line).toBe('(Kèm theo Báo cáo số …/BC-UBND ngày 20/6/2026 của UBND xã Thiên Tân)');
	});
});

describe('a 100% target not reached says what keeps it out of reach (clerk review 6)', () => {
	const row = (code: string, num: number, den: number): FigureRow => ({
		code,
		value: (num * 100) / den,
		display: ((num * 100) / den).toFixed(1),
		target: 100,
		status: 'at_risk',
		numerator: num,
		denominator: den
	});
	const name: DocumentWords = { ...words, indicator: (c) => c };

	it('conferences over their limit, in the words of the dashboard', () => {
		expect(
			findingSentence({ row: row('duration_compliance_share', 11, 12), status: 'at_risk' }, name)
		).toBe(
			'duration_compliance_share đến nay đạt 91,7% (11/12), thấp hơn chỉ tiêu (100%) 8,3 điểm phần trăm (1 hội nghị đã vượt thời lượng quy định); có nguy cơ không đạt.'
		);
	});

	it('documents not sent electronically', () => {
		expect(
			findingSentence({ row: row('electronic_share', 250, 253), status: 'at_risk' }, name)
		).toContain('(3 văn bản chưa gửi điện tử); có nguy cơ không đạt.');
	});

	it('a target under 100% gets no such clause', () => {
		expect(
			findingSentence(
				{ row: { ...row('online_share', 5, 10), target: 60 }, status: 'at_risk' },
				name
			)
		).not.toContain('hội nghị không tổ chức trực tuyến');
	});
});
