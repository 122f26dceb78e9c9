/**
 * One zod schema per entity: the single source of truth for forms, import, Dexie and the server.
 * Every record carries createdAt, updatedAt (epoch ms, UTC) and a `deleted` tombstone for sync.
 */
import { z } from 'zod';
import {
	DOCUMENT_KINDS,
	DEFAULT_MEETING_ROLE,
	MEETING_CATEGORIES,
	MEETING_FORMATS,
	MEETING_ROLES,
	MEETING_STATUSES,
	PERIOD_MODES,
	UNIT_KINDS
} from './codes';
import { plainText } from './plain-text';
import { localToMs, toLocalDate } from './time';

/** Error messages are message keys (see src/lib/i18n); the UI shows them in the user's language. */

/**
 * Caps on a record's meaning and size (docs/sync-protocol.md). They hold everywhere the schemas
 * are used: the device's forms, CSV import, backup restore and the server's push.
 */
export const LIMITS = {
	/** Instants (sittings, agenda spans) lie in [2000-01-01, 2100-01-01) local time (UTC+7). */
	minInstant: localToMs('2000-01-01'),
	maxInstant: localToMs('2100-01-01'),
	/** Local dates and months: years 2000..2099. */
	minYear: 2000,
	maxYear: 2099,
	sittings: 31,
	agendaItems: 100,
	/** Times one agenda item can become current. */
	spansPerItem: 100,
	/** Counts (attendees, minutes, dossiers, documents). */
	count: 1_000_000_000,
	/** UTF-8 bytes of a record's JSON. */
	recordBytes: 64 * 1024,
	/**
	 * UTF-8 bytes of a report draft's JSON: its own cap, since a final report carries the figures
	 * of every unit. Measured (report-document/schema.spec.ts): a commune of 150 units with every
	 * indicator, 200 over-limit conferences, 30 recipients and all four narrative sections full
	 * (20,000 characters of Vietnamese each) is about 370 KB; 100 units about 300 KB. Below the push
	 * body limit (448 KiB), so a report that passes always fits one request.
	 */
	reportBytes: 384 * 1024,
	/** Units in a final report's figures (and codes in a commune indicator's excluded units). */
	reportUnits: 300,
	/** Unit names kept with a final report (every unit the commune has had, archived ones too). */
	reportUnitNames: 1000,
	/** Over-limit conferences listed in a final report. */
	reportOverLimit: 2000,
	/** The commune's implementation plans kept in its settings (one a year). */
	communePlans: 100
} as const;

/** The number the ASCII digits s[from, from + length) spell, or -1 if one is not a digit. */
function digitsAt(s: string, from: number, length: number): number {
	let n = 0;
	for (let i = from; i < from + length; i++) {
		const c = s.charCodeAt(i) - 48;
		if (!(c >= 0 && c <= 9)) return -1;
		n = n * 10 + c;
	}
	return n;
}

// The date rules read the digits in place when the text has the date's shape (every valid date),
// else as they always did (split and Number): the same numbers, without the arrays.
function inYearRange(s: string): boolean {
	let y = digitsAt(s, 0, 4);
	if (y < 0) y = Number(s.slice(0, 4));
	return y >= LIMITS.minYear && y <= LIMITS.maxYear;
}
export function isCalendarDate(s: string): boolean {
	let y = -1;
	let m = -1;
	let d = -1;
	if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
		y = digitsAt(s, 0, 4);
		m = digitsAt(s, 5, 2);
		d = digitsAt(s, 8, 2);
	}
	if (y < 0 || m < 0 || d < 0) [y, m, d] = s.split('-').map(Number) as [number, number, number];
	const dt = new Date(Date.UTC(y, m - 1, d));
	return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
/**
 * A document's number and symbol as Decree 30 writes them: the number (digits), a slash, the
 * symbol (letters, digits, '-', '.', '/'): '45/KH-UBND', '05/KH-BCĐ'. No spaces, no "Số".
 */
const PLAN_NUMBER = /^\d{1,6}\/[\p{L}\p{N}][\p{L}\p{M}\p{N}./-]{0,30}$/u;
const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A record's id: 1..64 characters of plain text (no control character: plain-text.ts). */
export const idSchema = plainText(z.string().min(1, 'err.id').max(64, 'err.id'), 'err.id');
export const localDateSchema = z
	.string()
	.regex(LOCAL_DATE, 'err.date')
	.refine(isCalendarDate, 'err.date')
	.refine(inYearRange, 'err.dateRange');
export const monthSchema = z
	.string()
	.regex(MONTH, 'err.month')
	.refine(inYearRange, 'err.dateRange');
export const unitCodeSchema = z
	.string()
	.trim()
	.min(1, 'err.unitCode')
	.max(20, 'err.unitCode')
	.regex(/^[A-Z0-9_-]+$/, 'err.unitCode');
const count = z
	.number({ error: 'err.number' })
	.int('err.integer')
	.min(0, 'err.nonNegative')
	.max(LIMITS.count, 'err.tooLarge');
/** Record stamps (device clock): never negative, never past the plausible range. */
const stampMs = z.number().int().nonnegative().max(LIMITS.maxInstant, 'err.instantRange');
/** An instant of the meeting itself (sitting, agenda span). */
const instantMs = z
	.number({ error: 'err.number' })
	.int('err.integer')
	.min(LIMITS.minInstant, 'err.instantRange')
	.max(LIMITS.maxInstant, 'err.instantRange');

/** UTF-8 size of a record's JSON, for the record size cap. */
export function recordBytes(record: unknown): number {
	return new TextEncoder().encode(JSON.stringify(record)).length;
}

/**
 * An upper bound of the UTF-8 bytes of `JSON.stringify(value)`, without building the text: a
 * string takes at most 6 bytes per UTF-16 code unit (an escape `\uXXXX`; unescaped, a unit is at
 * most 3 bytes of UTF-8) plus its quotes, a number, `true`, `false` or `null` at most 25
 * characters. Counting stops once over `limit`. Anything JSON.stringify could render otherwise (a
 * `toJSON`, a class instance, a bigint) gives Infinity: the caller then measures the real text.
 */
export function jsonBytesAtMost(value: unknown, limit: number): number {
	let total = 0;
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const v = stack.pop();
		if (typeof v === 'string') total += 6 * v.length + 2;
		else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined)
			total += 25;
		else if (Array.isArray(v)) {
			total += 2 + v.length;
			for (const item of v) stack.push(item);
		} else if (typeof v === 'object') {
			const proto = Object.getPrototypeOf(v) as unknown;
			if (proto !== Object.prototype && proto !== null) return Infinity;
			if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return Infinity;
			total += 2;
			for (const key of Object.keys(v)) {
				total += 6 * key.length + 4;
				stack.push((v as Record<string, unknown>)[key]);
			}
		} else return Infinity;
		if (total > limit) return total;
	}
	return total;
}

/**
 * Adds `message` (on the whole record) when the UTF-8 size of the value's JSON is over `limit`.
 * For a superRefine of a record schema (meetings: LIMITS.recordBytes; reports: LIMITS.reportBytes).
 */
export function checkRecordSize(
	value: unknown,
	ctx: z.RefinementCtx,
	limit: number,
	message: string
): void {
	// Nearly every record is far below the cap: the bound decides without a second
	// JSON.stringify of the record (the server stringifies it once more to store it).
	if (jsonBytesAtMost(value, limit) <= limit) return;
	const json = JSON.stringify(value);
	// A UTF-16 code unit takes at most 3 UTF-8 bytes: most records need no encoding to decide.
	const bytes = json.length * 3 <= limit ? 0 : new TextEncoder().encode(json).length;
	if (bytes > limit) ctx.addIssue({ code: 'custom', message, path: [] });
}

const sizeCheck = (value: unknown, ctx: z.RefinementCtx): void =>
	checkRecordSize(value, ctx, LIMITS.recordBytes, 'err.recordTooLarge');

export const recordMeta = {
	createdAt: stampMs,
	updatedAt: stampMs,
	deleted: z.boolean()
};

export const unitSchema = z.object({
	code: unitCodeSchema,
	name: z.string().trim().min(1, 'err.required').max(200, 'err.tooLong'),
	kind: z.enum(UNIT_KINDS, { error: 'err.unitKind' }),
	archived: z.boolean(),
	/** Display and report order (the order of units.csv, then creation order). */
	order: z.number().int(),
	...recordMeta
});
export type Unit = z.infer<typeof unitSchema>;

export const sittingSchema = z
	.object({
		start: instantMs,
		/** null while the sitting is running. */
		end: instantMs.nullable()
	})
	.refine((s) => s.end === null || s.end > s.start, {
		message: 'err.endBeforeStart',
		path: ['end']
	});
export type Sitting = z.infer<typeof sittingSchema>;

export const agendaItemSchema = z.object({
	id: idSchema,
	title: z.string().trim().min(1, 'err.required').max(300, 'err.tooLong'),
	kind: z.enum(['presentation', 'discussion']),
	plannedMinutes: count,
	/** Actual intervals during which this item was current. */
	spans: z.array(sittingSchema).max(LIMITS.spansPerItem, 'err.tooManySpans')
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const meetingSchema = z
	.object({
		id: idSchema,
		unitCode: unitCodeSchema,
		title: z.string().trim().min(1, 'err.required').max(300, 'err.tooLong'),
		category: z.enum(MEETING_CATEGORIES, { error: 'err.category' }),
		format: z.enum(MEETING_FORMATS, { error: 'err.format' }),
		/** v2: organised (`chu_tri`) or attended (`tham_du`); absent in older records, so defaulted. */
		role: z.enum(MEETING_ROLES, { error: 'err.role' }).default(DEFAULT_MEETING_ROLE),
		paperless: z.boolean(),
		status: z.enum(MEETING_STATUSES, { error: 'err.status' }),
		sittings: z
			.array(sittingSchema)
			.min(1, 'err.sittingsRequired')
			.max(LIMITS.sittings, 'err.tooManySittings'),
		plannedMinutes: count.nullable(),
		attendees: count.nullable(),
		chair: z.string().trim().max(200, 'err.tooLong'),
		location: z.string().trim().max(200, 'err.tooLong'),
		notes: z.string().max(5000, 'err.tooLong'),
		agenda: z.array(agendaItemSchema).max(LIMITS.agendaItems, 'err.tooManyItems'),
		/** Local date (UTC+7) of the first sitting's start; derived, indexed for period queries. */
		date: localDateSchema,
		...recordMeta
	})
	.superRefine((m, ctx) => {
		for (let i = 1; i < m.sittings.length; i++) {
			const prev = m.sittings[i - 1]!;
			const cur = m.sittings[i]!;
			if (prev.end === null || cur.start < prev.end) {
				ctx.addIssue({
					code: 'custom',
					message: 'err.sittingOverlap',
					path: ['sittings', i, 'start']
				});
			}
		}
		if (m.status === 'held' && m.sittings.some((s) => s.end === null)) {
			ctx.addIssue({ code: 'custom', message: 'err.heldNeedsEnd', path: ['status'] });
		}
		// Derived: the local date of the first sitting (lists group and periods count by it).
		const first = Math.min(...m.sittings.map((s) => s.start));
		if (m.sittings.length > 0 && m.date !== toLocalDate(first)) {
			ctx.addIssue({ code: 'custom', message: 'err.dateMismatch', path: ['date'] });
		}
		sizeCheck(m, ctx);
	});
export type Meeting = z.infer<typeof meetingSchema>;

export const documentSchema = z
	.object({
		id: idSchema,
		unitCode: unitCodeSchema,
		number: z.string().trim().min(1, 'err.required').max(100, 'err.tooLong'),
		kind: z.enum(DOCUMENT_KINDS, { error: 'err.documentKind' }),
		issuedOn: localDateSchema,
		electronic: z.boolean(),
		secret: z.boolean(),
		title: z.string().trim().max(500, 'err.tooLong'),
		...recordMeta
	})
	.superRefine((d, ctx) => {
		// A state-secret document is never sent over the network (spec v2).
		if (d.secret && d.electronic)
			ctx.addIssue({ code: 'custom', message: 'err.secretElectronic', path: ['electronic'] });
	});
export type DocumentRecord = z.infer<typeof documentSchema>;

export const procedureMonthSchema = z
	.object({
		/** `${unitCode}:${month}`: one row per unit and month. */
		id: idSchema,
		unitCode: unitCodeSchema,
		month: monthSchema,
		total: count,
		digital: count,
		digitized: count,
		...recordMeta
	})
	.superRefine((p, ctx) => {
		if (p.digital > p.total)
			ctx.addIssue({ code: 'custom', message: 'err.digitalAboveTotal', path: ['digital'] });
		if (p.digitized > p.total)
			ctx.addIssue({ code: 'custom', message: 'err.digitizedAboveTotal', path: ['digitized'] });
	});
export type ProcedureMonth = z.infer<typeof procedureMonthSchema>;
export const procedureId = (unitCode: string, month: string): string => `${unitCode}:${month}`;

/** Incoming documents (văn bản đến) of one unit and month (v2): received, and handled electronically. */
export const incomingMonthSchema = z
	.object({
		/** `${unitCode}:${month}`: one row per unit and month. */
		id: idSchema,
		unitCode: unitCodeSchema,
		month: monthSchema,
		received: count,
		electronic: count,
		...recordMeta
	})
	.superRefine((p, ctx) => {
		if (p.electronic > p.received)
			ctx.addIssue({
				code: 'custom',
				message: 'err.electronicAboveReceived',
				path: ['electronic']
			});
	});
export type IncomingMonth = z.infer<typeof incomingMonthSchema>;
export const incomingId = (unitCode: string, month: string): string => `${unitCode}:${month}`;

export const planSchema = z.object({
	/** `${unitCode}:${year}`: one plan per unit and target year. */
	id: idSchema,
	unitCode: unitCodeSchema,
	year: z.number().int().min(2000).max(2100),
	baselineConferences: count.nullable(),
	baselineDocuments: count.nullable(),
	plannedConferences: count.nullable(),
	/**
	 * Months of the baseline year the unit existed (a department founded on 1/7 has 6): the
	 * baselines are annualised (count * 12 / months, rounded half up). Older records mean 12.
	 */
	baselineMonths: z
		.number({ error: 'err.number' })
		.int('err.integer')
		.min(1, 'err.baselineMonths')
		.max(12, 'err.baselineMonths')
		.default(12),
	...recordMeta
});
export type Plan = z.infer<typeof planSchema>;
export const planId = (unitCode: string, year: number): string => `${unitCode}:${year}`;

/** A plan's number and symbol as issued ('45/KH-UBND'), '' when not entered. */
export const planNumberSchema = z
	.string()
	.trim()
	.max(40, 'err.tooLong')
	.refine((s) => s === '' || PLAN_NUMBER.test(s), 'err.planNumber');
/** The commune's plan of one year: its number or its date at least. */
export const yearPlanSchema = z
	.object({
		year: z.number().int().min(LIMITS.minYear).max(LIMITS.maxYear),
		number: planNumberSchema,
		date: localDateSchema.nullable()
	})
	.refine((p) => p.number !== '' || p.date !== null, {
		message: 'err.planEmpty',
		path: ['number']
	});
export type YearPlan = z.infer<typeof yearPlanSchema>;

export const settingsSchema = z.object({
	id: z.literal('settings'),
	communeName: z.string().trim().max(200, 'err.tooLong'),
	province: z.string().trim().max(200, 'err.tooLong'),
	periodMode: z.enum(PERIOD_MODES),
	limits: z.object({
		quan_triet: count,
		chuyen_mon: count,
		thao_luan: count,
		hop: count.nullable()
	}),
	warningLeadMinutes: count,
	/**
	 * The commune's plan implementing Decision 534, cited by the report's opening ("Thực hiện Kế
	 * hoạch số 45/KH-UBND ngày 15/04/2026 của UBND xã …"): its number and symbol as issued, '' when
	 * not entered, and its date (null when not entered). Added after the first release: older
	 * records lack both and read as not entered.
	 */
	planNumber: planNumberSchema.default(''),
	planDate: localDateSchema.nullable().default(null),
	/**
	 * The commune's plans, one per year (communes issue one each year): the report of a year cites
	 * that year's plan (`domain/commune-plans.ts`). Added after planNumber and planDate, which now
	 * mirror one of these for older apps (they cite it for every year); a value there that matches
	 * no entry was written by an older app and reads as the plan of its date's year. Older records
	 * lack it and read as none.
	 */
	plans: z
		.array(yearPlanSchema)
		.max(LIMITS.communePlans, 'err.planTooMany')
		.refine((ps) => new Set(ps.map((p) => p.year)).size === ps.length, 'err.planYearTwice')
		.default([]),
	updatedAt: stampMs
});
export type Settings = z.infer<typeof settingsSchema>;
