/**
 * Baselines of the reduction indicators (indicators.md, "Reduction indicators"): the previous
 * year's organised conferences and administrative documents, annualised for a unit that existed
 * only part of that year, and the counts the device can suggest from its own records.
 */
import type { Plan } from '../schemas';
import type { Period } from '../periods';
import { tallyByUnit } from './tally';
import type { ProgressInput } from './types';

export const FULL_YEAR_MONTHS = 12;

/**
 * A baseline counted over `months` months of its year, brought to twelve:
 * count * 12 / months rounded half up, in integer arithmetic (BigInt, so nothing rounds early).
 * annualise(5, 6) === 10; annualise(3, 8) === 5 (4.5 rounds up); annualise(n, 12) === n.
 */
export function annualise(count: number, months: number): number {
	if (!Number.isInteger(count) || count < 0) throw new RangeError('annualise: count');
	if (!Number.isInteger(months) || months < 1 || months > FULL_YEAR_MONTHS)
		throw new RangeError('annualise: months');
	const num = BigInt(count) * BigInt(FULL_YEAR_MONTHS);
	const den = BigInt(months);
	// floor(num/den + 1/2) = floor((2*num + den) / (2*den)) for num >= 0.
	return Number((2n * num + den) / (2n * den));
}

/** A baseline as entered (null when not set) annualised; null stays null. */
export const annualised = (baseline: number | null, months: number): number | null =>
	baseline === null ? null : annualise(baseline, months);

type PlanBaselines = Pick<Plan, 'baselineConferences' | 'baselineDocuments'> & {
	baselineMonths?: number | undefined;
};

/**
 * The months of a stored plan. Dexie reads are not parsed, and plans stored or pulled before the
 * field existed have none: those (and any value outside 1..12) mean a full year, so an old
 * record never breaks a screen.
 */
export function monthsOf(p: { baselineMonths?: number | undefined }): number {
	const m = p.baselineMonths;
	return m !== undefined && Number.isInteger(m) && m >= 1 && m <= FULL_YEAR_MONTHS
		? m
		: FULL_YEAR_MONTHS;
}

/** The baselines the indicators use: the plan's as entered, annualised when months < 12. */
export function effectiveBaselines(p: PlanBaselines): {
	baselineConferences: number | null;
	baselineDocuments: number | null;
} {
	const months = monthsOf(p);
	return {
		baselineConferences: annualised(p.baselineConferences, months),
		baselineDocuments: annualised(p.baselineDocuments, months)
	};
}

/** A plan whose baselines were annualised: what the report's note says. */
export interface BaselineNote {
	unitCode: string;
	/** The target year of the plan; the baselines are counts of year - 1. */
	year: number;
	months: number;
	/** As entered and as used; null when that baseline is not set. */
	conferences: { entered: number; used: number } | null;
	documents: { entered: number; used: number } | null;
}

/**
 * The notes of a target year's plans, in the order of `unitOrder` (report order), then by code:
 * one per live plan with months < 12 and at least one baseline set.
 */
export function baselineNotes(
	plans: readonly Plan[],
	year: number,
	unitOrder: readonly string[] = []
): BaselineNote[] {
	const rank = new Map(unitOrder.map((c, i) => [c, i]));
	const pair = (n: number | null, months: number) =>
		n === null ? null : { entered: n, used: annualise(n, months) };
	return plans
		.filter(
			(p) =>
				!p.deleted &&
				p.year === year &&
				monthsOf(p) < FULL_YEAR_MONTHS &&
				(p.baselineConferences !== null || p.baselineDocuments !== null)
		)
		.map((p) => ({
			unitCode: p.unitCode,
			year: p.year,
			months: monthsOf(p),
			conferences: pair(p.baselineConferences, monthsOf(p)),
			documents: pair(p.baselineDocuments, monthsOf(p))
		}))
		.sort(
			(a, b) =>
				(rank.get(a.unitCode) ?? Infinity) - (rank.get(b.unitCode) ?? Infinity) ||
				(a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0)
		);
}

/**
 * The note line of the report (always Vietnamese: the report is an administrative document sent
 * to the province), e.g. "Phòng Văn hóa - Xã hội hoạt động 6 tháng trong năm 2025: số liệu năm
 * trước được quy đổi ra cả năm (số liệu × 12 / 6, làm tròn): hội nghị 5 thành 10; văn bản hành
 * chính 20 thành 40." It never changes report.csv, which has no note rows.
 */
export function baselineNoteText(note: BaselineNote, unitName: string): string {
	const parts: string[] = [];
	if (note.conferences !== null)
		parts.push(`hội nghị ${note.conferences.entered} thành ${note.conferences.used}`);
	if (note.documents !== null)
		parts.push(`văn bản hành chính ${note.documents.entered} thành ${note.documents.used}`);
	return (
		`${unitName} hoạt động ${note.months} tháng trong năm ${note.year - 1}: ` +
		`số liệu năm trước được quy đổi ra cả năm (số liệu × 12 / ${note.months}, làm tròn): ` +
		`${parts.join('; ')}.`
	);
}

/** Counts a unit's records of a year give as its baseline for the next year. */
export interface BaselineSuggestion {
	/** Held conferences the unit organised (role chu_tri) dated in the year. */
	conferences: number;
	/** Administrative documents (every kind but qppl) issued in the year, secret ones included. */
	documents: number;
}

/**
 * The baseline each unit's records on the device suggest for the target year after `year`:
 * the counts the reduction indicators hold against the cap, over the whole of `year`. Units with
 * no record in it are absent (the screen offers nothing rather than a zero nobody counted).
 */
export function suggestBaselines(
	input: Pick<
		ProgressInput,
		'meetings' | 'documents' | 'procedures' | 'incoming' | 'limits' | 'periodMode'
	>,
	year: Pick<Period, 'start' | 'end'>
): Map<string, BaselineSuggestion> {
	const tallies = tallyByUnit(
		{ ...input, procedures: [], incoming: [] },
		{ periodStart: year.start, yearStart: year.start, end: year.end }
	);
	const out = new Map<string, BaselineSuggestion>();
	for (const [code, t] of tallies) {
		if (!t.hasRecords) continue;
		out.set(code, { conferences: t.ytdConferences, documents: t.ytdAdminDocuments });
	}
	return out;
}
