/**
 * One pass over each record array: per-unit counts for a period and for the target year to date.
 * Records are picked by their local date strings (Meeting.date, DocumentRecord.issuedOn, a
 * procedure or incoming-documents month's closing day) compared as strings; tombstoned records
 * never count. Meeting indicators count only meetings the unit organises (role `chu_tri`); held
 * conferences it attends (`tham_du`) are counted apart.
 */
import {
	isAdministrative,
	isConference,
	isOnlineFormat,
	isOrganised,
	type PeriodMode
} from '../codes';
import { isWithinLimit } from '../meeting';
import { monthClosingDay } from '../periods';
import {
	countsRaw,
	halfKeyOfDate,
	halfRange,
	HalfNotLoadedError,
	type AggregateInput,
	type Half
} from './aggregates';
import type { ProgressInput } from './types';

/** Counts of one unit (or sums of several). */
export interface Tally {
	/** Held conferences the unit organised (chu_tri) dated in P. */
	conferences: number;
	/** Held conferences the unit attended (tham_du) dated in P. */
	attended: number;
	online: number;
	withinLimit: number;
	overLimitIds: string[];
	/** Held organised meetings of every category dated in P. */
	meetings: number;
	paperless: number;
	/** Non-secret documents issued in P, and those sent electronically. */
	documents: number;
	electronic: number;
	procTotal: number;
	procDigital: number;
	procDigitized: number;
	/** Incoming documents over the months in P: received, and handled electronically. */
	incomingReceived: number;
	incomingElectronic: number;
	/** Target year to date: held organised conferences and administrative documents issued. */
	ytdConferences: number;
	ytdAdminDocuments: number;
	/** Any live record dated from the start of the target year to the window's end. */
	hasRecords: boolean;
}

/** Local dates, inclusive: P's start, the target year's start, and min(D, end of P). */
export interface TallyWindow {
	periodStart: string;
	yearStart: string;
	end: string;
}

export const emptyTally = (): Tally => ({
	conferences: 0,
	attended: 0,
	online: 0,
	withinLimit: 0,
	overLimitIds: [],
	meetings: 0,
	paperless: 0,
	documents: 0,
	electronic: 0,
	procTotal: 0,
	procDigital: 0,
	procDigitized: 0,
	incomingReceived: 0,
	incomingElectronic: 0,
	ytdConferences: 0,
	ytdAdminDocuments: 0,
	hasRecords: false
});

/** Sums of several tallies (the commune figure is built from summed counts, never averages). */
export function addTally(into: Tally, t: Tally): Tally {
	into.conferences += t.conferences;
	into.attended += t.attended;
	into.online += t.online;
	into.withinLimit += t.withinLimit;
	into.overLimitIds.push(...t.overLimitIds);
	into.meetings += t.meetings;
	into.paperless += t.paperless;
	into.documents += t.documents;
	into.electronic += t.electronic;
	into.procTotal += t.procTotal;
	into.procDigital += t.procDigital;
	into.procDigitized += t.procDigitized;
	into.incomingReceived += t.incomingReceived;
	into.incomingElectronic += t.incomingElectronic;
	into.ytdConferences += t.ytdConferences;
	into.ytdAdminDocuments += t.ytdAdminDocuments;
	into.hasRecords ||= t.hasRecords;
	return into;
}

/** Closing days of procedure and incoming-documents months, computed once per distinct month. */
export function closingDayLookup(mode: PeriodMode): (month: string) => string {
	const cache = new Map<string, string>();
	return (month) => {
		let day = cache.get(month);
		if (day === undefined) {
			day = monthClosingDay(month, mode);
			cache.set(month, day);
		}
		return day;
	};
}

/** Per-unit tallies of everything dated in [yearStart, end]; period counts for [periodStart, end]. */
export function tallyByUnit(
	input: Pick<
		ProgressInput,
		'meetings' | 'documents' | 'procedures' | 'incoming' | 'limits' | 'periodMode' | 'aggregates'
	>,
	w: TallyWindow
): Map<string, Tally> {
	const tallies = new Map<string, Tally>();
	const of = (unitCode: string): Tally => {
		let t = tallies.get(unitCode);
		if (t === undefined) {
			t = emptyTally();
			tallies.set(unitCode, t);
		}
		return t;
	};
	const inYear = (d: string): boolean => d >= w.yearStart && d <= w.end;
	const agg = input.aggregates;
	// With aggregates, the raw arrays only stand for the halves listed as raw.
	const raw = (date: string): boolean =>
		agg === undefined || countsRaw(agg, halfKeyOfDate(date), w.end);

	for (const m of input.meetings) {
		if (m.deleted || !inYear(m.date) || !raw(m.date)) continue;
		const t = of(m.unitCode);
		t.hasRecords = true;
		if (m.status !== 'held') continue;
		const conference = isConference(m.category);
		if (!isOrganised(m)) {
			// Attended: listed and timed, counted only in conferences_attended.
			if (conference && m.date >= w.periodStart) t.attended++;
			continue;
		}
		if (conference) t.ytdConferences++;
		if (m.date < w.periodStart) continue;
		t.meetings++;
		if (m.paperless) t.paperless++;
		if (!conference) continue;
		t.conferences++;
		if (isOnlineFormat(m.format)) t.online++;
		if (isWithinLimit(m, input.limits)) t.withinLimit++;
		else t.overLimitIds.push(agg === undefined ? m.id : `${m.date} ${m.id}`);
	}

	for (const d of input.documents) {
		if (d.deleted || !inYear(d.issuedOn) || !raw(d.issuedOn)) continue;
		const t = of(d.unitCode);
		t.hasRecords = true;
		if (isAdministrative(d.kind)) t.ytdAdminDocuments++;
		if (d.issuedOn < w.periodStart || d.secret) continue;
		t.documents++;
		if (d.electronic) t.electronic++;
	}

	const closingDay = closingDayLookup(input.periodMode);
	if (agg !== undefined) {
		addAggregates(agg, of, w, closingDay);
		// Over-limit conferences in date order, then id (the order of the date index).
		for (const t of tallies.values())
			t.overLimitIds = t.overLimitIds.sort().map((x) => x.slice(x.indexOf(' ') + 1));
		return tallies;
	}
	for (const p of input.procedures) {
		if (p.deleted) continue;
		const day = closingDay(p.month);
		if (!inYear(day)) continue;
		const t = of(p.unitCode);
		t.hasRecords = true;
		if (day < w.periodStart) continue;
		t.procTotal += p.total;
		t.procDigital += p.digital;
		t.procDigitized += p.digitized;
	}

	for (const i of input.incoming) {
		if (i.deleted) continue;
		const day = closingDay(i.month);
		if (!inYear(day)) continue;
		const t = of(i.unitCode);
		t.hasRecords = true;
		if (day < w.periodStart) continue;
		t.incomingReceived += i.received;
		t.incomingElectronic += i.electronic;
	}
	return tallies;
}

/**
 * How a half lies in the window [from, to]: 'out', 'in' (whole) or it throws when the window cuts
 * it (the caller must have given that half as raw records).
 */
export function halfIn(
	range: { start: string; end: string },
	from: string,
	to: string,
	key: string
): boolean {
	if (range.end < from || range.start > to) return false;
	if (range.start >= from && range.end <= to) return true;
	throw new HalfNotLoadedError(key);
}

const HALVES: readonly Half[] = ['a', 'b'];

/** The aggregate rows' counts for the window (halves given as raw records are skipped). */
function addAggregates(
	agg: AggregateInput,
	of: (unitCode: string) => Tally,
	w: TallyWindow,
	closingDay: (month: string) => string
): void {
	for (const row of agg.rows) {
		for (const half of HALVES) {
			const c = row[half];
			if (c.records === 0) continue;
			const key = `${row.month}-${half}`;
			if (countsRaw(agg, key, w.end)) continue;
			const range = halfRange(row.month, half);
			if (!halfIn(range, w.yearStart, w.end, key)) continue;
			const t = of(row.unitCode);
			t.hasRecords = true;
			t.ytdConferences += c.conferences;
			t.ytdAdminDocuments += c.adminDocuments;
			if (!halfIn(range, w.periodStart, w.end, key)) continue;
			t.attended += c.attended;
			t.meetings += c.meetings;
			t.paperless += c.paperless;
			t.conferences += c.conferences;
			t.online += c.online;
			t.withinLimit += c.withinLimit;
			for (const x of c.overLimit) t.overLimitIds.push(x);
			t.documents += c.documents;
			t.electronic += c.electronic;
		}
		const s = row.m;
		if (s.records === 0) continue;
		const day = closingDay(row.month);
		if (day < w.yearStart || day > w.end) continue;
		const t = of(row.unitCode);
		t.hasRecords = true;
		if (day < w.periodStart) continue;
		t.procTotal += s.procTotal;
		t.procDigital += s.procDigital;
		t.procDigitized += s.procDigitized;
		t.incomingReceived += s.incomingReceived;
		t.incomingElectronic += s.incomingElectronic;
	}
}
