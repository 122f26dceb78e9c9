/** Clerk review r11 #2: an edited section keeps the clerk's text; the others follow the figures. */
import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import { buildReportDocument } from './document';
import {
	editSection,
	keepSection,
	materialised,
	newReportDraft,
	regenerateSection,
	sectionState,
	type Narrative
} from './draft';
import type { FigureScope } from './findings';
import { prefillNarrative } from './prefill';
import { reportDraftSchema, storedReportSchema, type ReportDraft } from './schema';
import type { DocumentWords } from './sentences';

const words: DocumentWords = {
	indicator: (c) => c,
	status: (s) => s ?? '',
	unit: (c) => c
};
const period = periodOf('annual', 2026, 0, 'decree09');
const held = (n: number): FigureScope => ({
	unitCode: '*',
	indicators: [
		{ code: 'conferences_held', value: n, display: String(n), target: null, status: null, count: n }
	]
});
const plan45 = { number: '45/KH-UBND', date: '2026-04-15' };
const plan52 = { number: '52/KH-UBND', date: '2026-04-20' };
const generate = (n: number, plan = plan45): Narrative =>
	prefillNarrative({
		unitCode: null,
		periodKind: 'annual',
		period,
		asOf: '2026-12-20',
		own: held(n),
		units: [],
		words,
		plan,
		communeName: 'Thiên Tân'
	});
const fresh = (): ReportDraft =>
	newReportDraft({
		unitCode: null,
		periodKind: 'annual',
		period,
		asOf: '2026-12-20',
		year: 2026,
		issuedOn: '2026-12-20',
		province: 'Lạng Sơn',
		unitHeadTitle: '',
		own: held(48),
		units: [],
		words,
		plan: plan45,
		communeName: 'Thiên Tân',
		now: 1
	});

describe('the narrative sections of a draft', () => {
	it('a section the clerk never edited follows the figures and the plan, after another one is edited', () => {
		const before = generate(48);
		const edited = {
			...fresh(),
			...editSection('shortcomings', 'Nguyên nhân: thiếu thiết bị.', before, fresh())
		};
		const after = generate(50, plan52);
		const shown = materialised(edited, after);
		// Section I (never touched) now cites plan 52 and 50 conferences; section III is hers.
		expect(shown.deployment).toBe(after.deployment);
		expect(shown.deployment).toContain('52/KH-UBND');
		expect(shown.deployment).toContain('50 hội nghị');
		expect(shown.directions).toBe(after.directions);
		expect(shown.shortcomings).toBe('Nguyên nhân: thiếu thiết bị.');
		const doc = buildReportDocument({
			draft: shown,
			figures: { period, asOf: '2026-12-20', units: [], commune: held(50), overLimit: [] },
			communeName: 'Thiên Tân',
			plan: plan52,
			words
		});
		expect(JSON.stringify(doc)).not.toContain('45/KH-UBND');
	});

	it('says an edited section is stale once its generated text changed, and not before', () => {
		const before = generate(48);
		const edited = {
			...fresh(),
			...editSection('deployment', 'Văn bản của tôi.', before, fresh())
		};
		expect(sectionState(edited, 'deployment', before)).toEqual({
			text: 'Văn bản của tôi.',
			edited: true,
			stale: false,
			moves: [],
			moreMoves: false
		});
		expect(sectionState(edited, 'deployment', generate(50)).stale).toBe(true);
		expect(sectionState(edited, 'directions', generate(50))).toEqual({
			text: generate(50).directions,
			edited: false,
			stale: false,
			moves: [],
			moreMoves: false
		});
		// Typing again (a typo fixed) does not answer the notice (code review r11, 3) ...
		const again = { ...edited, ...editSection('deployment', 'Sửa lại.', generate(50), edited) };
		expect(sectionState(again, 'deployment', generate(50))).toMatchObject({
			text: 'Sửa lại.',
			edited: true,
			stale: true
		});
		// ... "Đã kiểm tra, giữ nội dung đã sửa" does: her text stands against today's figures.
		const kept = { ...again, ...keepSection('deployment', generate(50)) };
		expect(sectionState(kept, 'deployment', generate(50))).toEqual({
			text: 'Sửa lại.',
			edited: true,
			stale: false,
			moves: [],
			moreMoves: false
		});
		expect(sectionState(kept, 'deployment', generate(51)).stale).toBe(true);
		expect(reportDraftSchema.safeParse(kept).success).toBe(true);
	});

	it('a stale section names the figures that moved since her edit, in a few words each (clerk review r11, 7)', () => {
		const edited = {
			...fresh(),
			...editSection('deployment', 'Văn bản của tôi.', generate(48), fresh())
		};
		expect(sectionState(edited, 'deployment', generate(50))).toMatchObject({
			stale: true,
			moves: ['đã chủ trì tổ chức 48 → 50 hội nghị'],
			moreMoves: false
		});
		// The plan changed too: its number and date, then the count.
		expect(sectionState(edited, 'deployment', generate(50, plan52)).moves).toEqual([
			'ban hành Kế hoạch số 45/KH-UBND → 52/KH-UBND ngày 15/4/2026 → 20/4/2026',
			'đã chủ trì tổ chức 48 → 50 hội nghị'
		]);
	});

	it('"Lấy lại nội dung soạn sẵn" gives the generated text back, which then follows the figures', () => {
		const edited = {
			...fresh(),
			...editSection('deployment', 'Văn bản của tôi.', generate(48), fresh())
		};
		const back = { ...edited, ...regenerateSection('deployment', generate(50)) };
		expect(sectionState(back, 'deployment', generate(50))).toEqual({
			text: generate(50).deployment,
			edited: false,
			stale: false,
			moves: [],
			moreMoves: false
		});
		expect(materialised(back, generate(49, plan52)).deployment).toBe(
			generate(49, plan52).deployment
		);
		expect(reportDraftSchema.safeParse(back).success).toBe(true);
	});

	it('a final report never changes: its sections are what was issued, whatever the figures now', () => {
		const draft = fresh();
		const issued: ReportDraft = {
			...materialised(draft, generate(48)),
			status: 'final',
			issued: {
				asOf: '2026-12-20',
				period: { ...period },
				units: [],
				commune: { unitCode: '*', indicators: [...held(48).indicators] },
				unitNames: {},
				overLimit: [],
				plan: plan45
			}
		};
		const later = materialised(issued, generate(60, plan52));
		expect(later).toBe(issued);
		expect(later.deployment).toContain('45/KH-UBND');
		expect(sectionState(issued, 'deployment', generate(60)).stale).toBe(false);
	});

	it('a draft stored before the bases keeps every section as typed, with no notice (its start unknown)', () => {
		const {
			deploymentBase: _a,
			shortcomingsBase: _b,
			directionsBase: _c,
			proposalsBase: _d,
			...old
		} = { ...fresh(), deployment: 'Văn bản cũ.' };
		const parsed = storedReportSchema.parse(old);
		expect(reportDraftSchema.safeParse(old).success).toBe(true);
		expect(sectionState(parsed, 'deployment', generate(50))).toEqual({
			text: 'Văn bản cũ.',
			edited: true,
			stale: false,
			moves: [],
			moreMoves: false
		});
		expect(materialised(parsed, generate(50)).directions).toBe(old.directions);
	});
});
