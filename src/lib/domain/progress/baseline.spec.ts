import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import { planSchema, type Plan } from '../schemas';
import { makeDocument, makeMeeting, makePlan, makeUnit } from '$factories/records';
import { indicatorOf as ind, makeProgressInput as input } from '$factories/progress';
import {
	annualise,
	baselineNotes,
	baselineNoteText,
	effectiveBaselines,
	suggestBaselines
} from './baseline';
import { computeReport } from './report';
import { reportCsv } from './report-csv';

const YEAR_2025 = periodOf('annual', 2025, 0, 'decree09'); // 2024-12-15..2025-12-14
const YEAR_2026 = periodOf('annual', 2026, 0, 'decree09');

describe('annualise: count * 12 / months, rounded half up', () => {
	it.each([
		[5, 6, 10],
		[7, 5, 17], // 16.8
		[3, 8, 5], // 4.5 rounds up
		[1, 8, 2], // 1.5 rounds up
		[5, 9, 7], // 6.67
		[4, 7, 7], // 6.857
		[10, 11, 11], // 10.909
		[0, 3, 0],
		[13, 12, 13]
	])('annualise(%i, %i) = %i', (count, months, expected) => {
		expect(annualise(count, months)).toBe(expected);
	});

	it('stays exact for counts where a float product would round wrongly', () => {
		// 2^53 - 1 over 6 months: the float product 2^53*2 is not exact, BigInt is.
		expect(annualise(Number.MAX_SAFE_INTEGER, 12)).toBe(Number.MAX_SAFE_INTEGER);
		expect(annualise(1_000_000_001, 8)).toBe(1_500_000_002); // 1500000001.5 up
	});

	it('refuses months outside 1..12 and negative or fractional counts', () => {
		expect(() => annualise(5, 0)).toThrow(RangeError);
		expect(() => annualise(5, 13)).toThrow(RangeError);
		expect(() => annualise(-1, 6)).toThrow(RangeError);
		expect(() => annualise(1.5, 6)).toThrow(RangeError);
	});
});

describe('the plan record', () => {
	it('parses a record saved before months existed as a full year', () => {
		const { baselineMonths, ...old } = makePlan({ baselineConferences: 8 });
		expect(baselineMonths).toBe(12);
		expect(planSchema.parse(old).baselineMonths).toBe(12);
	});

	it('refuses months outside 1..12 with a message key', () => {
		for (const m of [0, 13, 6.5]) {
			const r = planSchema.safeParse({ ...makePlan(), baselineMonths: m });
			expect(r.success).toBe(false);
		}
		expect(
			planSchema.safeParse({ ...makePlan(), baselineMonths: 13 }).error?.issues[0]?.message
		).toBe('err.baselineMonths');
	});

	it('effective baselines annualise both counts and keep empty ones empty', () => {
		expect(
			effectiveBaselines(
				makePlan({ baselineConferences: 5, baselineDocuments: null, baselineMonths: 6 })
			)
		).toEqual({ baselineConferences: 10, baselineDocuments: null });
	});
});

describe('the engine holds a part-year unit against its annualised baseline', () => {
	it('uses count * 12 / months for the cap and the reduction, and the summed commune baseline', () => {
		const plans = [
			makePlan({
				unitCode: 'VHXH',
				baselineConferences: 5,
				baselineDocuments: 20,
				baselineMonths: 6
			}),
			makePlan({ unitCode: 'VP', baselineConferences: 12, baselineDocuments: 40 })
		];
		const units = [makeUnit({ code: 'VP', order: 0 }), makeUnit({ code: 'VHXH', order: 1 })];
		const meetings = Array.from({ length: 9 }, () =>
			makeMeeting({ unitCode: 'VHXH', on: '2026-03-02' })
		);
		const r = computeReport(input({ units, plans, meetings }), YEAR_2026, '2026-12-20');
		expect(ind(r, 'VHXH', 'conference_reduction')).toMatchObject({
			baseline: 10,
			cap: 9,
			count: 9,
			display: '10.0',
			status: 'met'
		});
		expect(ind(r, 'VHXH', 'document_reduction')).toMatchObject({ baseline: 40, cap: 34 });
		expect(ind(r, '*', 'conference_reduction')).toMatchObject({ baseline: 22, cap: 19 });
	});

	it('reads a stored plan without months (saved or pulled before they existed) as a full year', () => {
		const { baselineMonths: _, ...stored } = makePlan({ baselineConferences: 7 });
		const bad = makePlan({ unitCode: 'KT', baselineConferences: 7, baselineMonths: 0 });
		const units = [makeUnit({ code: 'VP', order: 0 }), makeUnit({ code: 'KT', order: 1 })];
		const plans = [stored as Plan, bad];
		const r = computeReport(input({ units, plans }), YEAR_2026, '2026-12-20');
		expect(ind(r, 'VP', 'conference_reduction')).toMatchObject({ baseline: 7, cap: 6 });
		expect(ind(r, 'KT', 'conference_reduction')).toMatchObject({ baseline: 7, cap: 6 });
		expect(baselineNotes(plans, 2026)).toEqual([]);
	});

	it('leaves a full-year plan exactly as before', () => {
		const plans = [makePlan({ baselineConferences: 7, baselineMonths: 12 })];
		const r = computeReport(input({ plans }), YEAR_2026, '2026-12-20');
		expect(ind(r, 'VP', 'conference_reduction')).toMatchObject({ baseline: 7, cap: 6 });
	});
});

describe('baselineNotes and the note text', () => {
	const plans = [
		makePlan({ unitCode: 'VP', baselineConferences: 12, baselineDocuments: 40 }),
		makePlan({
			unitCode: 'KT',
			baselineConferences: null,
			baselineDocuments: 7,
			baselineMonths: 5
		}),
		makePlan({
			unitCode: 'VHXH',
			baselineConferences: 5,
			baselineDocuments: 20,
			baselineMonths: 6
		}),
		makePlan({ unitCode: 'TTPVHCC', baselineMonths: 6 }), // nothing to annualise
		makePlan({ unitCode: 'THON01', baselineConferences: 3, baselineMonths: 6, deleted: true }),
		makePlan({ unitCode: 'OLD', year: 2025, baselineConferences: 3, baselineMonths: 6 })
	];

	it('lists only live plans of the year with months < 12 and a baseline, in report order', () => {
		const notes = baselineNotes(plans, 2026, ['VP', 'VHXH', 'KT']);
		expect(notes).toEqual([
			{
				unitCode: 'VHXH',
				year: 2026,
				months: 6,
				conferences: { entered: 5, used: 10 },
				documents: { entered: 20, used: 40 }
			},
			{
				unitCode: 'KT',
				year: 2026,
				months: 5,
				conferences: null,
				documents: { entered: 7, used: 17 }
			}
		]);
	});

	it('says in Vietnamese which unit, how many months of which year, and what became what', () => {
		const [vhxh, kt] = baselineNotes(plans, 2026, ['VHXH', 'KT']);
		expect(baselineNoteText(vhxh!, 'Phòng Văn hóa - Xã hội')).toBe(
			'Phòng Văn hóa - Xã hội hoạt động 6 tháng trong năm 2025: số liệu năm trước được quy đổi ra cả năm (số liệu × 12 / 6, làm tròn): hội nghị 5 thành 10; văn bản hành chính 20 thành 40.'
		);
		expect(baselineNoteText(kt!, 'Phòng Kinh tế')).toBe(
			'Phòng Kinh tế hoạt động 5 tháng trong năm 2025: số liệu năm trước được quy đổi ra cả năm (số liệu × 12 / 5, làm tròn): văn bản hành chính 7 thành 17.'
		);
	});

	it('never adds a row to report.csv', () => {
		const part = [makePlan({ baselineConferences: 6, baselineMonths: 6 })];
		const full = [makePlan({ baselineConferences: 12, baselineMonths: 12 })];
		const csv = (p: typeof part) =>
			reportCsv(computeReport(input({ plans: p }), YEAR_2026, '2026-12-20'));
		expect(csv(part)).toBe(csv(full));
	});
});

describe('suggestBaselines: the previous year counted from the records on the device', () => {
	it('counts held organised conferences and administrative documents of the year only', () => {
		const meetings = [
			makeMeeting({ unitCode: 'VP', on: '2024-12-15' }), // first day of target year 2025
			makeMeeting({ unitCode: 'VP', on: '2025-12-14' }), // last day
			makeMeeting({ unitCode: 'VP', on: '2025-12-15' }), // 2026: out
			makeMeeting({ unitCode: 'VP', on: '2024-12-14' }), // 2024: out
			makeMeeting({ unitCode: 'VP', on: '2025-05-05', role: 'tham_du' }), // attended: out
			makeMeeting({ unitCode: 'VP', on: '2025-05-05', category: 'hop' }), // working meeting: out
			makeMeeting({ unitCode: 'VP', on: '2025-05-05', status: 'cancelled' }), // not held: out
			makeMeeting({ unitCode: 'VP', on: '2025-05-05', deleted: true }), // tombstone: out
			makeMeeting({ unitCode: 'KT', on: '2025-05-05', category: 'thao_luan', format: 'truc_tuyen' })
		];
		const documents = [
			makeDocument({ unitCode: 'VP', issuedOn: '2025-03-01', kind: 'ke_hoach' }),
			makeDocument({ unitCode: 'VP', issuedOn: '2025-03-01', kind: 'qppl' }), // legal: out
			makeDocument({ unitCode: 'VP', issuedOn: '2025-03-01', secret: true, electronic: false }),
			makeDocument({ unitCode: 'VP', issuedOn: '2026-01-01' }) // next year: out
		];
		const s = suggestBaselines(input({ meetings, documents }), YEAR_2025);
		expect(s.get('VP')).toEqual({ conferences: 2, documents: 2 });
		expect(s.get('KT')).toEqual({ conferences: 1, documents: 0 });
		expect(s.has('VHXH')).toBe(false);
	});

	it('follows calendar periods when the commune reports by calendar year', () => {
		const meetings = [
			makeMeeting({ on: '2025-12-20' }), // calendar 2025 (Decree-09 would put it in 2026)
			makeMeeting({ on: '2025-01-01' })
		];
		const cal = periodOf('annual', 2025, 0, 'calendar');
		expect(suggestBaselines(input({ meetings, periodMode: 'calendar' }), cal).get('VP')).toEqual({
			conferences: 2,
			documents: 0
		});
	});
});
