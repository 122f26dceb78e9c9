/**
 * How dates, periods and numbers are written in an administrative document (Decree 30/2020/NĐ-CP,
 * Appendix I; periods of Decree 09/2019/NĐ-CP). Pure string functions.
 */
import type { Period } from '../periods';

const parts = (localDate: string): [number, number, number] =>
	localDate.split('-').map(Number) as [number, number, number];

/**
 * The date of the place-and-date line: days 1-9 and the months 1 and 2 get a leading zero
 * ("ngày 05 tháng 02 năm 2026", "ngày 15 tháng 6 năm 2026").
 */
export function decree30Date(localDate: string): string {
	const [y, m, d] = parts(localDate);
	const day = d < 10 ? `0${d}` : String(d);
	const month = m <= 2 ? `0${m}` : String(m);
	return `ngày ${day} tháng ${month} năm ${y}`;
}

/** The kinds of commune-level unit (since 07/2025): its name says which; xã unless it says otherwise. */
export type CommuneLevel = 'xã' | 'phường' | 'đặc khu';

/**
 * 'Phường Đông Kinh' -> 'phường', 'Đặc khu Vân Đồn' -> 'đặc khu', 'Xã Thiên Tân' or 'Thiên Tân' ->
 * 'xã': the document names its issuer by it ("UBND phường Đông Kinh", "PHƯỜNG ĐÔNG KINH" in the
 * masthead; province review r20, 1: a phường's report read "XÃ PHƯỜNG ĐÔNG KINH").
 */
export function communeLevel(communeName = ''): CommuneLevel {
	const name = communeName.trim().toLocaleLowerCase('vi');
	return name.startsWith('phường ') ? 'phường' : name.startsWith('đặc khu ') ? 'đặc khu' : 'xã';
}

/** 'Xã Thiên Tân', 'Phường Đông Kinh' or 'Thiên Tân' -> the name without its kind (the place of the date line). */
export function placeName(communeName: string): string {
	return communeName.trim().replace(/^(xã|phường|đặc khu)\s+/iu, '');
}

/** 'Thiên Tân, ngày 05 tháng 12 năm 2026'. */
export function placeDateLine(communeName: string, localDate: string): string {
	return `${placeName(communeName) || '……'}, ${decree30Date(localDate)}`;
}

/**
 * A date inside the text: d/M/yyyy ('14/6/2026', '5/2/2026'), as report-format.md writes them
 * ("từ ngày 15/12/2025 đến ngày 14/6/2026") and as the Decision is cited ("ngày 31/3/2026",
 * DECISION_534), so one document has one form (clerk review r11 #7: "ngày 15/04/2026" beside
 * "ngày 31/3/2026" in one sentence). Only the place-and-date line under the motto pads day and
 * month (Decree 30: `placeDateLine`). The screens around the document keep dd/MM/yyyy.
 */
export function textDate(localDate: string): string {
	const [y, m, d] = parts(localDate);
	return `${d}/${m}/${y}`;
}

export type ReportPeriodKind = '6month' | '9month' | 'annual';
export const REPORT_PERIOD_KINDS: readonly ReportPeriodKind[] = ['6month', '9month', 'annual'];

/** "6 tháng đầu năm 2026", "9 tháng năm 2026", "năm 2026". */
export function periodWords(kind: ReportPeriodKind, year: number): string {
	switch (kind) {
		case '6month':
			return `6 tháng đầu năm ${year}`;
		case '9month':
			return `9 tháng năm ${year}`;
		case 'annual':
			return `năm ${year}`;
	}
}

/** "từ ngày 15/12/2025 đến ngày 14/06/2026". */
export function periodSpan(period: Pick<Period, 'start' | 'end'>): string {
	return `từ ngày ${textDate(period.start)} đến ngày ${textDate(period.end)}`;
}

/**
 * The dates a report's figures actually cover: the period's start to min(asOf, period end)
 * (indicators.md: records count up to min(D, period end)). A report made before its period has
 * closed covers less than the period, and its text must say so.
 */
export function countedWindow(
	period: Pick<Period, 'start' | 'end'>,
	asOf: string
): Pick<Period, 'start' | 'end'> {
	return { start: period.start, end: asOf < period.end ? asOf : period.end };
}

/** Whether the figures stop before the period's end (the period has not closed at asOf). */
export const endsEarly = (period: Pick<Period, 'end'>, asOf: string): boolean => asOf < period.end;

/**
 * The annual report's period is over: the year's counts are final, so there is no pace, risk or
 * projection to speak of (a 6-month report still projects the year's reductions).
 */
export const yearClosed = (
	kind: ReportPeriodKind,
	figures: { period: Pick<Period, 'end'>; asOf: string }
): boolean => kind === 'annual' && !endsEarly(figures.period, figures.asOf);

/**
 * A duration as the screens write it: '8 giờ 35 phút', '8 giờ' (never '8 giờ 0 phút'), '45 phút'
 * (clerk review 16: the report wrote '515 phút, quy định 480 phút' where Tiến độ said '8 giờ 35 phút').
 */
export function viDuration(minutes: number): string {
	const total = Math.max(0, Math.round(minutes));
	const h = Math.floor(total / 60);
	const m = total % 60;
	if (h === 0) return `${m} phút`;
	return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`;
}

/** A number as Vietnamese documents write it: decimal comma ("61,5"). */
export function viNumber(display: string): string {
	return display.replace('.', ',');
}

/** A count as Vietnamese documents write it: thousands grouped with a dot ("3.421", "86"). */
export function viInteger(n: number): string {
	const sign = n < 0 ? '-' : '';
	return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** One decimal, rounded half away from zero, with a decimal comma (for gaps in the text). */
export function viOneDecimal(n: number): string {
	const r = Math.sign(n) * Math.round(Math.abs(n) * 10 + 1e-9);
	return viNumber((r / 10).toFixed(1));
}

/** The number of the "Số:" line: below 10 with a leading 0 ('03'); blank until the office numbers it. */
export function documentNumber(n: number | null): string {
	if (n === null) return '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0';
	return n < 10 ? `0${n}` : String(n);
}

/** The decision the report is about, as the plan cites it. */
export const DECISION_534 = 'Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ';
/** The Decision once the opening has cited it in full. */
export const DECISION_534_SHORT = 'Quyết định số 534/QĐ-TTg';

/** The commune's plan implementing the Decision (commune settings): '' and null when not entered. */
export interface CommunePlan {
	/** Number and symbol as issued: '45/KH-UBND'. */
	number: string;
	/** Its date, 'YYYY-MM-DD'. */
	date: string | null;
}

/**
 * The plan a report dated `reportDate` may cite: null when the plan is dated after the report (a
 * plan issued later cannot be what the report was made under, e.g. next year's plan cited by this
 * year's annual report). A plan without a date is cited as entered.
 */
export function planOn(
	plan: CommunePlan | null | undefined,
	reportDate: string
): CommunePlan | null {
	if (plan === null || plan === undefined) return null;
	return plan.date !== null && plan.date > reportDate ? null : plan;
}

/**
 * "số 45/KH-UBND ngày 15/4/2026", either part alone, or '' when the plan is not entered. The date
 * as the document writes it; a screen passes its own form (`formatDate`: "ngày 15/04/2026").
 */
export function planReference(
	plan: CommunePlan | null | undefined,
	dateText: (localDate: string) => string = textDate
): string {
	const number = plan?.number.trim() ?? '';
	const date = plan?.date ?? null;
	return [number === '' ? '' : `số ${number}`, date === null ? '' : `ngày ${dateText(date)}`]
		.filter((w) => w !== '')
		.join(' ');
}

/**
 * The plan the report is made under, as the opening cites it: "Kế hoạch số 45/KH-UBND ngày
 * 15/4/2026 của UBND xã Thiên Tân" (the spec's "Thực hiện Kế hoạch số .../KH-UBND ngày ... của UBND
 * xã ..."); "Kế hoạch của UBND xã", the wording before the plan could be entered, when it is not.
 * The commune is named only beside a plan reference.
 */
export function planCitation(plan: CommunePlan | null | undefined, communeName = ''): string {
	const ref = planReference(plan);
	const level = communeLevel(communeName);
	if (ref === '') return `Kế hoạch của UBND ${level}`;
	const place = placeName(communeName);
	return `Kế hoạch ${ref} của UBND ${level}${place === '' ? '' : ` ${place}`}`;
}

/**
 * The opening's first part, up to the Decision: "Thực hiện Kế hoạch số 45/KH-UBND ngày 15/4/2026
 * của UBND xã Thiên Tân về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ
 * tướng Chính phủ" (the report goes on ", UBND xã báo cáo …"; /settings shows it as it will print).
 */
export const openingCitation = (plan: CommunePlan | null | undefined, communeName = ''): string =>
	`Thực hiện ${planCitation(plan, communeName)} về triển khai thực hiện ${DECISION_534}`;

/** A period kind in Vietnamese words without marks, for file names ('6month' -> '6-thang'). */
export const PERIOD_SLUG: Record<string, string> = {
	month: 'thang',
	quarter: 'quy',
	'6month': '6-thang',
	'9month': '9-thang',
	annual: 'nam'
};

/**
 * The name of a report's Word or Excel file, in Vietnamese words without marks, with its period
 * and the date its figures run to, so two versions never overwrite each other in Downloads
 * (clerk review 20): 'bao-cao-nam-2026-den-20-12-2026', 'bao-cao-6-thang-2026-vhxh-den-20-06-2026'.
 * `lead` names what the file is ('bao-cao', 'so-lieu-hien-tai'). report.csv keeps its own name
 * (external tools read it).
 */
export function reportFileBase(
	lead: string,
	kind: string,
	year: number,
	unitCode: string | null,
	asOf: string
): string {
	const [y, m, d] = parts(asOf);
	const date = `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`;
	const unit = unitCode === null ? '' : `-${unitCode.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
	return `${lead}-${PERIOD_SLUG[kind] ?? kind}-${year}${unit}-den-${date}`;
}
