/**
 * Reporting periods (indicator spec, indicators.md "Time"): Decree 09/2019 art. 12 cut-offs by
 * default, calendar periods when the commune chooses them. Dates are local 'YYYY-MM-DD' strings,
 * both ends inclusive, so records are filtered by plain string comparison.
 */
import type { PeriodMode } from './codes';

export type PeriodKind = 'month' | 'quarter' | '6month' | '9month' | 'annual';
export const PERIOD_KINDS: readonly PeriodKind[] = [
	'month',
	'quarter',
	'6month',
	'9month',
	'annual'
];

export interface Period {
	kind: PeriodKind;
	/** The target year the period belongs to. */
	year: number;
	/** Month 1-12, quarter 1-4, else 0. */
	index: number;
	/** Local dates, both inclusive. */
	start: string;
	end: string;
}

/** Decree-09 reports close on the 14th; the next period opens on the 15th. */
const CLOSING_DAY = 14;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(localDate: string): [number, number, number] {
	const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
	return [y, m, d];
}

/** First day of a Decree-09 period whose first month is `firstMonth`: the 15th of the month before. */
function decreeStart(year: number, firstMonth: number): string {
	return firstMonth === 1
		? ymd(year - 1, 12, CLOSING_DAY + 1)
		: ymd(year, firstMonth - 1, CLOSING_DAY + 1);
}

/** Last day of a Decree-09 period: the 14th of its last month. */
function decreeEnd(year: number, lastMonth: number): string {
	return ymd(year, lastMonth, CLOSING_DAY);
}

function calendarStart(year: number, firstMonth: number): string {
	return ymd(year, firstMonth, 1);
}

function calendarEnd(year: number, lastMonth: number): string {
	return ymd(year, lastMonth, daysInMonth(year, lastMonth));
}

/** Months [first, last] of the target year that a period spans. */
function monthSpan(kind: PeriodKind, index: number): [number, number] {
	switch (kind) {
		case 'month':
			if (!Number.isInteger(index) || index < 1 || index > 12)
				throw new RangeError(`month ${index}`);
			return [index, index];
		case 'quarter':
			if (!Number.isInteger(index) || index < 1 || index > 4)
				throw new RangeError(`quarter ${index}`);
			return [index * 3 - 2, index * 3];
		case '6month':
			return [1, 6];
		case '9month':
			return [1, 9];
		case 'annual':
			return [1, 12];
	}
}

/** The period of a kind in target year `year`; `index` is the month or quarter, ignored otherwise. */
export function periodOf(kind: PeriodKind, year: number, index: number, mode: PeriodMode): Period {
	const [first, last] = monthSpan(kind, index);
	const isCalendar = mode === 'calendar';
	return {
		kind,
		year,
		index: kind === 'month' || kind === 'quarter' ? index : 0,
		start: isCalendar ? calendarStart(year, first) : decreeStart(year, first),
		end: isCalendar ? calendarEnd(year, last) : decreeEnd(year, last)
	};
}

/** The annual period (target year) Y: 15/12/(Y-1)..14/12/Y, or 01/01..31/12 in calendar mode. */
export function targetYear(year: number, mode: PeriodMode): Period {
	return periodOf('annual', year, 0, mode);
}

/** The target year a local date belongs to: in Decree-09 mode 15/12/Y already belongs to Y+1. */
export function targetYearOfDate(localDate: string, mode: PeriodMode): number {
	const [y, m, d] = parseDate(localDate);
	return mode === 'decree09' && m === 12 && d > CLOSING_DAY ? y + 1 : y;
}

/** The report month (1-12, with its target year) that holds a local date. */
export function reportMonthOfDate(
	localDate: string,
	mode: PeriodMode
): { year: number; month: number } {
	const [y, m, d] = parseDate(localDate);
	if (mode === 'calendar' || d <= CLOSING_DAY) return { year: y, month: m };
	return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
}

/** Closing day of a monthly figure 'YYYY-MM': the 14th (Decree 09) or the month's last day. */
export function monthClosingDay(month: string, mode: PeriodMode): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return ymd(y, m, mode === 'calendar' ? daysInMonth(y, m) : CLOSING_DAY);
}

/**
 * The period of a kind for "today". Month and quarter periods contain the date. The 6- and
 * 9-month reports are cumulative from the start of the target year, so after they close (e.g. a
 * 6-month report asked for on 30/09) this is still that target year's report, which has ended.
 */
export function periodContaining(kind: PeriodKind, localDate: string, mode: PeriodMode): Period {
	const { year, month } = reportMonthOfDate(localDate, mode);
	if (kind === 'month') return periodOf(kind, year, month, mode);
	if (kind === 'quarter') return periodOf(kind, year, Math.ceil(month / 3), mode);
	return periodOf(kind, year, 0, mode);
}
