/**
 * Per (unit, month) aggregates of every count the progress engine needs, so a report reads a few
 * hundred small rows instead of every record of the year. Pure: the Dexie side (kept in the same
 * transaction as every write, rebuilt from the records when stale) is $lib/db/aggregates.
 *
 * A row holds one calendar month of one unit, split in two halves: days 1-14 (`a`) and 15-end
 * (`b`). Every period of both period modes starts and ends on a half's edge (Decree-09 months run
 * 15th to 14th, calendar months 1st to last), so a period is a union of whole halves; only the
 * half that holds the "as of" day can be cut, and the engine reads that half's raw records
 * (`rawHalves`). Monthly figures (procedures, incoming documents) count on their month's closing
 * day, a single date, so they are never cut and always come from the row.
 *
 * A record counts exactly as the engine counts it over raw rows (tally.ts): tombstones never,
 * records that fail their schema never (they are listed in `invalid`, the report's "left out"
 * note), meetings by role, status, category, format, paperless and limit.
 */
import {
	isAdministrative,
	isConference,
	isOnlineFormat,
	isOrganised,
	type MeetingCategory
} from '../codes';
import { isWithinLimit } from '../meeting';
import type { DocumentRecord, IncomingMonth, Meeting, ProcedureMonth, Settings } from '../schemas';
import type { InvalidRecord } from '../record-check';

/**
 * Bump when the shape or the meaning of a row changes, or when a schema change alters which stored
 * records pass (validity is decided when a record is written): devices then recount their records.
 */
export const AGGREGATE_VERSION = 1;

/** Counts of the meetings and documents dated in one half-month. */
export interface HalfCounts {
	/** Live, valid meetings (any status, role, category) and documents: the unit has records. */
	records: number;
	/** Held conferences the unit organised (chu_tri). */
	conferences: number;
	/** Held conferences the unit attended (tham_du). */
	attended: number;
	online: number;
	withinLimit: number;
	/** Held organised conferences over their limit: 'YYYY-MM-DD id' (sorted by date, then id). */
	overLimit: string[];
	/** Held organised meetings of every category, and the paperless ones. */
	meetings: number;
	paperless: number;
	/** Non-secret documents, and those sent electronically. */
	documents: number;
	electronic: number;
	/** Administrative documents (secret ones included): the reduction indicator's count. */
	adminDocuments: number;
}

/** Sums of the monthly figures of the month (counted on its closing day). */
export interface MonthSums {
	records: number;
	procTotal: number;
	procDigital: number;
	procDigitized: number;
	incomingReceived: number;
	incomingElectronic: number;
}

/** A record left out because it fails its schema, with the date it is filed under. */
export interface InvalidEntry {
	entity: AggregatedEntity;
	id: string;
	/** Meeting date, document issue date, or 'YYYY-MM' of a monthly figure. */
	date: string;
	record: InvalidRecord;
}

export interface AggregateRow {
	/** `${month}|${unitCode}` */
	id: string;
	month: string;
	unitCode: string;
	a: HalfCounts;
	b: HalfCounts;
	m: MonthSums;
	invalid: InvalidEntry[];
}

export type AggregatedEntity = 'meeting' | 'document' | 'procedure' | 'incoming';
export type Half = 'a' | 'b';

/** Thrown when a window needs days of a half it was not given (a loader bug, never data). */
export class HalfNotLoadedError extends Error {
	constructor(half: string) {
		super(`progress: the window needs days of half ${half} that were not loaded`);
	}
}

/**
 * Whether a window ending on `end` counts half `key` from the raw records (else from its row): a
 * window that covers the whole half takes the row; one that cuts it needs its records up to `end`.
 */
export function countsRaw(agg: AggregateInput, key: string, end: string): boolean {
	const until = agg.rawHalves.get(key);
	if (until === undefined) return false;
	const range = halfRange(key.slice(0, 7), key.slice(8) as Half);
	if (end >= range.end) return false;
	if (end >= range.start && end > until) throw new HalfNotLoadedError(key);
	return true;
}

/** What the engine gets besides the raw rows: the rows, and the halves given as raw records. */
export interface AggregateInput {
	rows: readonly AggregateRow[];
	/**
	 * Halves ('YYYY-MM-a' / 'YYYY-MM-b') whose meetings and documents are in the raw arrays, each
	 * with the last date loaded: a window may end on any day up to it, never after it.
	 */
	rawHalves: ReadonlyMap<string, string>;
}

/** Validity of a record by its schema (record-check's partition, passed in to keep zod lazy). */
export type CheckRecord = (entity: AggregatedEntity, record: unknown) => InvalidRecord | null;

export const emptyHalf = (): HalfCounts => ({
	records: 0,
	conferences: 0,
	attended: 0,
	online: 0,
	withinLimit: 0,
	overLimit: [],
	meetings: 0,
	paperless: 0,
	documents: 0,
	electronic: 0,
	adminDocuments: 0
});

export const emptySums = (): MonthSums => ({
	records: 0,
	procTotal: 0,
	procDigital: 0,
	procDigitized: 0,
	incomingReceived: 0,
	incomingElectronic: 0
});

export const rowId = (month: string, unitCode: string): string => `${month}|${unitCode}`;

export function emptyRow(month: string, unitCode: string): AggregateRow {
	return {
		id: rowId(month, unitCode),
		month,
		unitCode,
		a: emptyHalf(),
		b: emptyHalf(),
		m: emptySums(),
		invalid: []
	};
}

/** The half of a local date 'YYYY-MM-DD'. */
export const halfOfDate = (date: string): Half => (date.slice(8, 10) < '15' ? 'a' : 'b');
/** 'YYYY-MM-a' or 'YYYY-MM-b'. */
export const halfKeyOfDate = (date: string): string => `${date.slice(0, 7)}-${halfOfDate(date)}`;

/** First and last local dates of a half. */
export function halfRange(month: string, half: Half): { start: string; end: string } {
	if (half === 'a') return { start: `${month}-01`, end: `${month}-14` };
	const [y, m] = month.split('-').map(Number) as [number, number];
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return { start: `${month}-15`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** Whether `date` cuts its half (a window ending on it holds only part of the half). */
export function cutsHalf(date: string): boolean {
	return date !== halfRange(date.slice(0, 7), halfOfDate(date)).end;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** What one record adds to one row (one half, or the month's sums). */
export interface Contribution {
	month: string;
	unitCode: string;
	/** 'm' for a monthly figure. */
	half: Half | 'm';
	counts: Partial<Omit<HalfCounts, 'overLimit'>> & Partial<MonthSums>;
	overLimit?: string;
	invalid?: InvalidEntry;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));

/**
 * What a stored record contributes, or null when it counts nowhere (a tombstone, or a record
 * without a date the indexes could find). `limits` are the settings' meeting limits.
 */
export function contributionOf(
	entity: AggregatedEntity,
	record: unknown,
	limits: Settings['limits'],
	check: CheckRecord
): Contribution | null {
	if (record === null || typeof record !== 'object') return null;
	const r = record as Record<string, unknown>;
	if (r.deleted) return null;
	const dated = entity === 'meeting' ? r.date : entity === 'document' ? r.issuedOn : r.month;
	if (
		typeof dated !== 'string' ||
		!(entity === 'meeting' || entity === 'document' ? DATE : MONTH).test(dated)
	)
		return null;
	const month = dated.slice(0, 7);
	const unitCode = text(r.unitCode);
	const half: Half | 'm' = dated.length === 7 ? 'm' : halfOfDate(dated);
	const bad = check(entity, record);
	if (bad !== null)
		return {
			month,
			unitCode,
			half,
			counts: {},
			invalid: { entity, id: text(r.id), date: dated, record: bad }
		};
	switch (entity) {
		case 'meeting': {
			const m = record as Meeting;
			const counts: Contribution['counts'] = { records: 1 };
			const out: Contribution = { month, unitCode, half, counts };
			if (m.status !== 'held') return out;
			const conference = isConference(m.category);
			if (!isOrganised(m)) {
				if (conference) counts.attended = 1;
				return out;
			}
			counts.meetings = 1;
			if (m.paperless) counts.paperless = 1;
			if (!conference) return out;
			counts.conferences = 1;
			if (isOnlineFormat(m.format)) counts.online = 1;
			if (isWithinLimit(m, limits)) counts.withinLimit = 1;
			else out.overLimit = `${m.date} ${m.id}`;
			return out;
		}
		case 'document': {
			const d = record as DocumentRecord;
			const counts: Contribution['counts'] = { records: 1 };
			if (isAdministrative(d.kind)) counts.adminDocuments = 1;
			if (!d.secret) {
				counts.documents = 1;
				if (d.electronic) counts.electronic = 1;
			}
			return { month, unitCode, half, counts };
		}
		case 'procedure': {
			const p = record as ProcedureMonth;
			return {
				month,
				unitCode,
				half,
				counts: {
					records: 1,
					procTotal: p.total,
					procDigital: p.digital,
					procDigitized: p.digitized
				}
			};
		}
		case 'incoming': {
			const i = record as IncomingMonth;
			return {
				month,
				unitCode,
				half,
				counts: { records: 1, incomingReceived: i.received, incomingElectronic: i.electronic }
			};
		}
	}
}

/** Adds (sign 1) or removes (sign -1) a contribution from its row. */
export function applyContribution(row: AggregateRow, c: Contribution, sign: 1 | -1): void {
	if (c.invalid !== undefined) {
		const inv = c.invalid;
		row.invalid = row.invalid.filter((e) => !(e.entity === inv.entity && e.id === inv.id));
		if (sign === 1) row.invalid.push(inv);
		return;
	}
	const target = (c.half === 'm' ? row.m : row[c.half]) as unknown as Record<string, number>;
	for (const [k, v] of Object.entries(c.counts)) target[k] = (target[k] ?? 0) + sign * (v ?? 0);
	if (c.overLimit !== undefined && c.half !== 'm') {
		const half = row[c.half];
		const ids = half.overLimit.filter((x) => x !== c.overLimit);
		if (sign === 1) {
			ids.push(c.overLimit);
			ids.sort();
		}
		half.overLimit = ids;
	}
}

/** A row with nothing in it (it can be dropped). */
export function isEmptyRow(row: AggregateRow): boolean {
	return (
		row.a.records === 0 && row.b.records === 0 && row.m.records === 0 && row.invalid.length === 0
	);
}

/** Rows built from scratch from every stored record (the rebuild, and the tests' reference). */
export function buildRows(
	records: Iterable<{ entity: AggregatedEntity; record: unknown }>,
	limits: Settings['limits'],
	check: CheckRecord
): Map<string, AggregateRow> {
	const rows = new Map<string, AggregateRow>();
	for (const { entity, record } of records) {
		const c = contributionOf(entity, record, limits, check);
		if (c === null) continue;
		const id = rowId(c.month, c.unitCode);
		let row = rows.get(id);
		if (row === undefined) rows.set(id, (row = emptyRow(c.month, c.unitCode)));
		applyContribution(row, c, 1);
	}
	for (const [id, row] of rows) if (isEmptyRow(row)) rows.delete(id);
	return rows;
}

/** The key that changes when a setting that changes a count changes (today: the limits). */
export function countingSettingsKey(limits: Settings['limits']): string {
	const keys = Object.keys(limits).sort() as MeetingCategory[];
	return JSON.stringify(keys.map((k) => [k, limits[k] ?? null]));
}
