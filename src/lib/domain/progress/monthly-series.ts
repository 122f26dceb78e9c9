/** Month-by-month conferences of a target year against the pace its cap allows (for charts). */
import type { PeriodMode } from '../codes';
import { isConference, isOnlineFormat, isOrganised } from '../codes';
import { periodOf, reportMonthOfDate, targetYear } from '../periods';
import { daysInclusive } from '../time';
import { effectiveBaselines } from './baseline';
import { capOf, mergeTargets } from './indicators';
import { closingDayLookup, halfIn } from './tally';
import { countsRaw, halfKeyOfDate, halfRange } from './aggregates';
import { plansForYear, reportedUnitCodes } from './units';
import { COMMUNE, type ProgressInput } from './types';

export interface MonthPoint {
	/** Report month 1-12 of the target year, with its local dates. */
	month: number;
	start: string;
	end: string;
	/** Held organised conferences dated in the month up to asOf; null for months that start after asOf. */
	conferences: number | null;
	online: number | null;
	/** Held conferences from the start of the year to the end of this month (or asOf). */
	cumulative: number | null;
	/** The same, counting only units with a conference baseline (what the cap is held against). */
	cumulativeAgainstCap: number | null;
	/** cap * elapsedDays / yearDays at the month's end: the most the cap allows so far; null without a cap. */
	pace: number | null;
}

interface Bucket {
	conferences: number[];
	online: number[];
}

/**
 * Series of target year `year` for one unit or the commune ('*'), as of local date `asOf`.
 * One pass over each record array.
 */
export function monthlySeries(
	input: ProgressInput,
	year: number,
	mode: PeriodMode,
	unitCode: string,
	asOf: string
): MonthPoint[] {
	const y = targetYear(year, mode);
	const end = asOf < y.end ? asOf : y.end;
	const inYear = (d: string): boolean => d >= y.start && d <= end;
	const withRecords = new Set<string>();
	const buckets = new Map<string, Bucket>();
	const monthCache = new Map<string, number>();
	const monthOf = (date: string): number => {
		let month = monthCache.get(date);
		if (month === undefined) {
			month = reportMonthOfDate(date, mode).month;
			monthCache.set(date, month);
		}
		return month;
	};

	const bucketOf = (unitCode: string): Bucket => {
		let b = buckets.get(unitCode);
		if (b === undefined) {
			b = { conferences: new Array<number>(13).fill(0), online: new Array<number>(13).fill(0) };
			buckets.set(unitCode, b);
		}
		return b;
	};
	const agg = input.aggregates;
	// With aggregates, the raw arrays only stand for the halves listed as raw (see ./aggregates).
	const raw = (date: string): boolean =>
		agg === undefined || countsRaw(agg, halfKeyOfDate(date), end);

	for (const m of input.meetings) {
		if (m.deleted || !inYear(m.date) || !raw(m.date)) continue;
		withRecords.add(m.unitCode);
		if (m.status !== 'held' || !isConference(m.category) || !isOrganised(m)) continue;
		const b = bucketOf(m.unitCode);
		const month = monthOf(m.date);
		b.conferences[month] = (b.conferences[month] ?? 0) + 1;
		if (isOnlineFormat(m.format)) b.online[month] = (b.online[month] ?? 0) + 1;
	}
	for (const d of input.documents)
		if (!d.deleted && inYear(d.issuedOn) && raw(d.issuedOn)) withRecords.add(d.unitCode);
	const closingDay = closingDayLookup(mode);
	if (agg === undefined) {
		for (const p of input.procedures)
			if (!p.deleted && inYear(closingDay(p.month))) withRecords.add(p.unitCode);
		for (const i of input.incoming)
			if (!i.deleted && inYear(closingDay(i.month))) withRecords.add(i.unitCode);
	} else {
		for (const row of agg.rows) {
			for (const half of ['a', 'b'] as const) {
				const c = row[half];
				const key = `${row.month}-${half}`;
				if (c.records === 0 || countsRaw(agg, key, end)) continue;
				const range = halfRange(row.month, half);
				if (!halfIn(range, y.start, end, key)) continue;
				withRecords.add(row.unitCode);
				if (c.conferences === 0) continue;
				const b = bucketOf(row.unitCode);
				const month = monthOf(range.start);
				b.conferences[month] = (b.conferences[month] ?? 0) + c.conferences;
				b.online[month] = (b.online[month] ?? 0) + c.online;
			}
			if (row.m.records > 0 && inYear(closingDay(row.month))) withRecords.add(row.unitCode);
		}
	}

	const codes = unitCode === COMMUNE ? reportedUnitCodes(input.units, withRecords) : [unitCode];
	const plans = plansForYear(input.plans, year);
	const target = mergeTargets(input.targets).conference_reduction;
	let baseline = 0;
	const capped = new Set<string>();
	for (const code of codes) {
		const plan = plans.get(code);
		// The cap the indicator holds: against the annualised baseline (a part-year unit).
		const b = plan === undefined ? null : effectiveBaselines(plan).baselineConferences;
		if (b !== null && b > 0) {
			baseline += b;
			capped.add(code);
		}
	}
	const cap = capOf(capped.size > 0 ? baseline : null, target);
	const yearDays = daysInclusive(y.start, y.end);

	const points: MonthPoint[] = [];
	let cumulative = 0;
	let againstCap = 0;
	for (let month = 1; month <= 12; month++) {
		const p = periodOf('month', year, month, mode);
		let conferences = 0;
		let online = 0;
		for (const code of codes) {
			const b = buckets.get(code);
			const c = b?.conferences[month] ?? 0;
			conferences += c;
			online += b?.online[month] ?? 0;
			if (capped.has(code)) againstCap += c;
		}
		cumulative += conferences;
		const started = p.start <= asOf;
		points.push({
			month,
			start: p.start,
			end: p.end,
			conferences: started ? conferences : null,
			online: started ? online : null,
			cumulative: started ? cumulative : null,
			cumulativeAgainstCap: started && cap !== null ? againstCap : null,
			pace: cap === null ? null : (cap * daysInclusive(y.start, p.end)) / yearDays
		});
	}
	return points;
}
