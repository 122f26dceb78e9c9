/**
 * The province's view (Sở Nội vụ) on the wire: every commune's commune-level indicators for one
 * Decree-09 reporting period, worst first, and whether its final report was sent. Shared by the
 * server (src/lib/server/province) and the /province screen. A province account never pulls a
 * commune's raw records: this summary and the issued reports are all it reads.
 */
import { z } from 'zod';
import { INDICATORS, STATUSES } from './codes';
import { displayNameSchema, PROVINCE_ROLES, passwordSchema, usernameSchema } from './users';
import { plainText } from './plain-text';
import { escapeFormula } from './csv-formula';
import { dayNumber, toLocalDate, toLocalTime } from './time';
import { periodOf } from './periods';
import { SIGNING_FORMS, storedIssuedFiguresSchema } from './report-document/schema';
import { isCalendarDate } from './schemas';

/** The reports the province tracks (Decree 09: 6-month, 9-month and annual). */
export const PROVINCE_PERIOD_KINDS = ['6month', '9month', 'annual'] as const;
export type ProvincePeriodKind = (typeof PROVINCE_PERIOD_KINDS)[number];

/** Commune ids: lowercase letters, digits and `-` (they appear in URLs and CSV files). */
export const COMMUNE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

export const summaryQuerySchema = z.object({
	kind: z.enum(PROVINCE_PERIOD_KINDS),
	year: z.coerce.number().int().min(2000).max(2100),
	/** Only the communes of this district-level area. */
	area: z.string().trim().min(1).max(200).optional(),
	/** `1`: only the communes with no area set ("Chưa xếp khu vực"); `area` is then ignored. */
	noArea: z.literal('1').optional()
});
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

const indicatorSchema = z.object({
	code: z.string(),
	value: z.number().nullable(),
	display: z.string(),
	target: z.number().nullable(),
	status: z.enum(STATUSES).nullable(),
	/** A ratio's counts (the honest percentage beside a status). */
	numerator: z.number().optional(),
	denominator: z.number().optional(),
	/**
	 * A reduction's previous year, cap, count so far and projected count for the whole year: shown
	 * beside the percentage so the status never looks contradictory (indicators.md).
	 */
	baseline: z.number().optional(),
	cap: z.number().optional(),
	count: z.number().optional(),
	projected: z.number().optional()
});
export type ProvinceIndicator = z.infer<typeof indicatorSchema>;

/**
 * `sent`: a final report for the period; `missing`: none yet, and no due date passed (or none is
 * set); `overdue`: none and the due date set has passed; `not_required`: the period ended before
 * the commune started on the server.
 */
export const REPORT_STATES = ['sent', 'missing', 'overdue', 'not_required'] as const;

/**
 * What a sent report itself holds, beside the live figures: its data window, the commune's
 * indicators as issued, and how it stands against the period compared. A report whose data period
 * is not the Decree-09 period (`otherPeriod`: the commune reports in calendar mode) or whose
 * figures stop before its period's end (`partial`) still counts as sent, flagged on the card,
 * in the counter and in the exports (docs/ARCHITECTURE.md).
 */
export const issuedSummarySchema = z.object({
	asOf: z.string(),
	period: z.object({ start: z.string(), end: z.string() }),
	otherPeriod: z.boolean(),
	partial: z.boolean(),
	indicators: z.array(indicatorSchema),
	met: z.number().int(),
	applicable: z.number().int(),
	/** Indicators whose live value or status differs from the issued one. */
	changed: z.array(z.string())
});
export type IssuedSummary = z.infer<typeof issuedSummarySchema>;

export const communeSummarySchema = z.object({
	id: z.string(),
	name: z.string(),
	area: z.string().nullable(),
	indicators: z.array(indicatorSchema),
	/** Targets met or on track, of those that apply (a target and data). */
	met: z.number().int(),
	applicable: z.number().int(),
	/** Records left out because they fail their schema. */
	skipped: z.number().int(),
	/**
	 * When the commune's data last arrived at the server (epoch ms: the last change a device pushed
	 * that the server accepted; the server's own seeding writes do not count); null when none ever
	 * did.
	 */
	lastDataAt: z.number().int().nullable(),
	/** Whole days from that arrival's date to today (Asia/Ho_Chi_Minh); null when none ever did. */
	dataAgeDays: z.number().int().nullable(),
	report: z.object({
		state: z.enum(REPORT_STATES),
		/** The final report's date, number and symbol (when sent). */
		issuedOn: z.string().nullable(),
		number: z.number().int().nullable(),
		symbol: z.string().nullable(),
		/**
		 * When the server received the report as final (its last `report.finalized` entry, epoch
		 * ms); null when not sent or sent before round twenty, which logged no such entry.
		 */
		receivedAt: z.number().int().nullable(),
		/**
		 * Days the report was sent after the due date (0: on time): from the later of its date of
		 * issue and the day of `receivedAt` (a date of issue typed earlier does not make a late
		 * report on time: province review r20, 2); null when not sent or no due date.
		 */
		lateDays: z.number().int().nullable(),
		/** The sent report's own figures (null when not sent). */
		issued: issuedSummarySchema.nullable()
	})
});
export type CommuneSummary = z.infer<typeof communeSummarySchema>;

/**
 * Who set a period's due date on /province and when: `by` the account's username, `name` its
 * display name (absent when it has none, or from an older server: then the screen names the role,
 * never the username; province review r21, 5).
 */
const dueSetSchema = z.object({
	at: z.number().int(),
	by: z.string(),
	name: z.string().optional()
});

export const provinceSummarySchema = z.object({
	kind: z.enum(PROVINCE_PERIOD_KINDS),
	year: z.number().int(),
	period: z.object({ start: z.string(), end: z.string() }),
	/** The as-of date of the figures (today, or the period's end once it is over). */
	asOf: z.string(),
	/**
	 * When the communes' reports are due: the date the province admin set on /province for this
	 * period, else the server settings' (`REPORT_DUE_*`); null when neither is set: then no report
	 * is called late or overdue.
	 */
	dueDate: z.string().nullable(),
	/**
	 * Where `dueDate` comes from: `province` (set on /province: `dueSet` says by whom and when),
	 * `server` (the server settings' default), null (none). Absent from an older server: then a
	 * due date is the server settings'.
	 */
	dueSource: z.enum(['province', 'server']).nullable().optional(),
	dueSet: dueSetSchema.nullable().optional(),
	/** The server settings' due date for this period (what applies when none is set here). */
	serverDueDate: z.string().nullable().optional(),
	/** Every area set on a commune, for the filter. */
	areas: z.array(z.string()),
	/** Whether some commune has no area (the filter then offers "Chưa xếp khu vực"). */
	unassigned: z.boolean(),
	/** Worst first. */
	communes: z.array(communeSummarySchema)
});
export type ProvinceSummary = z.infer<typeof provinceSummarySchema>;

/** A commune's final report as the province opens it: the issued figures and the text. */
export const provinceReportSchema = z.object({
	communeId: z.string(),
	communeName: z.string(),
	kind: z.enum(PROVINCE_PERIOD_KINDS),
	year: z.number().int(),
	issuedOn: z.string(),
	number: z.number().int().nullable(),
	symbol: z.string(),
	signerName: z.string(),
	/** As stored (a report issued before the write caps still opens). */
	issued: storedIssuedFiguresSchema,
	/**
	 * What the commune wrote in the final report, so the province makes the same Word file the
	 * commune issued ($lib/components/report/docx-file.ts over buildReportDocument).
	 */
	text: z.object({
		signingForm: z.enum(SIGNING_FORMS),
		signerTitle: z.string(),
		recipients: z.array(z.string()),
		deployment: z.string(),
		shortcomings: z.string(),
		directions: z.string(),
		proposals: z.string()
	}),
	/** The commune's name as its own documents carry it (its settings; the commune's name else). */
	issuerName: z.string(),
	/**
	 * The commune's implementation plan (its settings), which the opening cites as the commune's
	 * own Word file does; null when the server is older than the field.
	 */
	plan: z.object({ number: z.string(), date: z.string().nullable() }).nullable().default(null)
});
export type ProvinceReport = z.infer<typeof provinceReportSchema>;
/** The answer of GET /api/province/reports/{communeId}. */
export const provinceReportAnswerSchema = z.object({ report: provinceReportSchema });

export const communeSchema = z.object({
	id: z.string(),
	/** As stored: '' for the `default` commune an old migration made, until the province names it. */
	name: z.string(),
	area: z.string().nullable(),
	parentName: z.string().nullable(),
	createdAt: z.number().int(),
	/**
	 * The name to show (GET /api/province/communes): `name`, or for a commune without one of its
	 * own the name in its settings, else UNNAMED_COMMUNE. Absent from an older server.
	 */
	label: z.string().optional()
});
export type Commune = z.infer<typeof communeSchema>;
/** The answer of POST /api/province/communes. */
export const communeAnswerSchema = z.object({ commune: communeSchema });
/** The answer of GET /api/province/communes. */
export const communesAnswerSchema = z.object({ communes: z.array(communeSchema) });

const optionalText = plainText(z.string().trim().max(200, 'too_long'), 'format')
	.transform((v) => (v === '' ? null : v))
	.nullable()
	.default(null);

/**
 * A commune's name as the province lists it: "Xã …", "Phường …" or "Đặc khu …" (the kinds of
 * commune-level unit), so every list and export writes names one way (province review 7).
 */
export const COMMUNE_NAME_PATTERN = /^(Xã|Phường|Đặc khu) \S/u;
const communeNameSchema = plainText(
	z.string({ error: 'required' }).trim().normalize('NFC').min(1, 'required').max(200, 'too_long'),
	'format'
	// After the control-character check, so a name with one is refused as `format`.
).refine((v) => COMMUNE_NAME_PATTERN.test(v), 'prefix');

/**
 * What the province reads for a commune with no name of its own (the `default` commune of a
 * single-commune install, made by a migration) whose settings name none either: never its id.
 */
export const UNNAMED_COMMUNE = 'Xã (chưa đặt tên)';

/** Whether a commune's stored name is no name: empty, or only its id (province review r21, 4). */
export const isUnnamed = (c: { id: string; name: string }): boolean =>
	c.name.trim() === '' || c.name === c.id;

/**
 * The province admin creates a commune and its first admin (POST /api/province/communes). Flat, so
 * every refused field has its own name and code (`adminUsername: taken`).
 */
export const newCommuneSchema = z.object({
	id: z
		.string({ error: 'required' })
		.trim()
		.toLowerCase()
		.min(1, 'required')
		.regex(COMMUNE_ID_PATTERN, 'format'),
	name: communeNameSchema,
	area: optionalText,
	parentName: optionalText,
	adminUsername: usernameSchema,
	adminPassword: passwordSchema,
	adminDisplayName: displayNameSchema
});
export type NewCommune = z.input<typeof newCommuneSchema>;

/**
 * The province admin's change of a commune (PATCH /api/province/communes/{id}): its name, its area
 * (empty or null: none). Its id, creation date and accounts never change here.
 */
export const communeUpdateSchema = z
	.object({
		name: communeNameSchema.optional(),
		area: plainText(z.string().trim().max(200, 'too_long'), 'format')
			.transform((v) => (v === '' ? null : v))
			.nullable()
			.optional()
	})
	.refine((u) => u.name !== undefined || u.area !== undefined, {
		message: 'required',
		path: ['name']
	});
export type CommuneUpdate = z.output<typeof communeUpdateSchema>;

/** A province account (POST /api/province/users), made by the province admin. */
export const newProvinceUserSchema = z.object({
	username: usernameSchema,
	password: passwordSchema,
	displayName: displayNameSchema,
	role: z.enum(PROVINCE_ROLES, { error: 'required' })
});

/** The province admin's change to a province account: its role, or the disabled flag. */
export const provinceUserUpdateSchema = z
	.object({
		role: z.enum(PROVINCE_ROLES, { error: 'required' }).optional(),
		disabled: z.boolean().optional()
	})
	.refine((u) => Object.keys(u).length > 0, { message: 'required', path: ['role'] });
export type ProvinceUserUpdate = z.output<typeof provinceUserUpdateSchema>;

/** The latest a due date may fall after its period's data close (a year and a day). */
export const DUE_MAX_DAYS = 366;

/** A calendar date 'YYYY-MM-DD' that exists (no 31/02): a due date, also in its audit entry. */
export const calendarDaySchema = z
	.string({ error: 'required' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'format')
	.refine(isCalendarDate, 'format');

/** The year of a period's due date (the update and its audit entry). */
export const dueYearSchema = z
	.number({ error: (iss) => (iss.input === undefined ? 'required' : 'format') })
	.int('format')
	.min(2000, 'format')
	.max(2100, 'format');

/**
 * The province admin sets (or clears: null) the due date of one period's reports (PUT
 * /api/province/due-date). The date is on or after the period's data close (a report cannot be due
 * before its figures close: `before_close`) and at most DUE_MAX_DAYS after it (`too_far`: a typed
 * year wrong by one).
 */
export const dueDateUpdateSchema = z
	.strictObject({
		kind: z.enum(PROVINCE_PERIOD_KINDS, {
			error: (iss) => (iss.input === undefined ? 'required' : 'format')
		}),
		year: dueYearSchema,
		dueDate: calendarDaySchema.nullable()
	})
	.superRefine((v, ctx) => {
		if (v.dueDate === null) return;
		const end = periodOf(v.kind, v.year, 0, 'decree09').end;
		if (v.dueDate < end)
			ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'before_close' });
		else if (dayNumber(v.dueDate) - dayNumber(end) > DUE_MAX_DAYS)
			ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'too_far' });
	});
export type DueDateUpdate = z.output<typeof dueDateUpdateSchema>;

/** The answer of PUT /api/province/due-date: the period's due date as /province now reads it. */
export const dueDateAnswerSchema = z.object({
	kind: z.enum(PROVINCE_PERIOD_KINDS),
	year: z.number().int(),
	dueDate: z.string().nullable(),
	dueSource: z.enum(['province', 'server']).nullable(),
	dueSet: dueSetSchema.nullable(),
	serverDueDate: z.string().nullable()
});
export type DueDateAnswer = z.infer<typeof dueDateAnswerSchema>;
export const dueDateAnswerBodySchema = z.object({ due: dueDateAnswerSchema });

/** A commune's data is stale after this many days without any arriving (province review 9). */
export const STALE_DAYS = 7;

/** Whether the province should be warned about a commune's data: none ever, or none for a week. */
export const isStale = (c: Pick<CommuneSummary, 'dataAgeDays'>): boolean =>
	c.dataAgeDays === null || c.dataAgeDays > STALE_DAYS;

/** What a commune is ranked and headlined by: its sent report's figures, else the live ones. */
export interface Standing {
	met: number;
	applicable: number;
	/** `report`: the figures of the report sent for the period (the official ones); `live`. */
	source: 'report' | 'live';
}

type Rankable = Pick<CommuneSummary, 'met' | 'applicable' | 'name'> & {
	report?: { issued: Pick<IssuedSummary, 'met' | 'applicable'> | null };
};

/**
 * A commune's standing for the period (province review r21, 1): once it sent its report, the
 * report's figures are the official ones, so its headline and its place in the list follow them;
 * the live figures stay beside them for follow-up.
 */
export function standingOf(c: Rankable): Standing {
	const issued = c.report?.issued;
	return issued
		? { met: issued.met, applicable: issued.applicable, source: 'report' }
		: { met: c.met, applicable: c.applicable, source: 'live' };
}

/**
 * Worst first, by each commune's standing (the sent report's figures, else the live ones):
 * communes where nothing can be judged (no data) first, as their own group, since a commune that
 * records nothing is not doing best; then the lower share of targets met first.
 */
export function compareCommunes(x: Rankable, y: Rankable): number {
	const a = standingOf(x);
	const b = standingOf(y);
	if ((a.applicable === 0) !== (b.applicable === 0)) return a.applicable === 0 ? -1 : 1;
	// Exact: a.met/a.applicable vs b.met/b.applicable without division.
	const diff = a.met * b.applicable - b.met * a.applicable;
	if (diff !== 0) return diff;
	if (a.applicable !== b.applicable) return b.applicable - a.applicable;
	return x.name.localeCompare(y.name, 'vi');
}

const cell = (v: string | number | null): string => {
	if (v === null) return '';
	if (typeof v === 'number') return String(v);
	const text = escapeFormula(v);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The reduction indicators: their cap and projected count stand beside the percentage. */
export const REDUCTION_CODES: readonly string[] = ['conference_reduction', 'document_reduction'];

/** Live indicator columns: value, status, target, and a reduction's cap and projected count. */
const liveColumns = (code: string): string[] =>
	REDUCTION_CODES.includes(code)
		? [code, `${code}_status`, `${code}_target`, `${code}_cap`, `${code}_projected`]
		: [code, `${code}_status`, `${code}_target`];

/** A projected count with one decimal at most, as report.csv writes numbers. */
const projected = (n: number | undefined): string | null =>
	n === undefined ? null : String(Math.round(n * 10) / 10);

/** An instant as ISO 8601 in Asia/Ho_Chi_Minh: '2026-12-01T09:30+07:00'. */
export const localIso = (ms: number): string => `${toLocalDate(ms)}T${toLocalTime(ms)}+07:00`;

const bool = (b: boolean | undefined): string | null => (b === undefined ? null : b ? '1' : '0');

/**
 * The summary as CSV (UTF-8, with a BOM for Excel, CRLF): one row per commune in the screen's
 * order. Column names are codes, like report.csv, so a spreadsheet can be built on them. Two sets
 * of figures, never mixed: `<code>…` are the live figures as of `as_of` over
 * `period_start..period_end`; every `report_…` column (number, date, data window, `report_<code>`)
 * is the sent report's own, empty when none was sent. `report_changed` lists the indicators whose
 * live figures differ from the report's (space-separated codes). `last_data_at` is when the
 * commune's data last arrived (ISO 8601 with the +07:00 offset; empty when none ever did) and
 * `data_age_days` the whole days since. `ranked_by` (last) says which figures put the row in its
 * place: `report` (the report sent, the official ones) or `live` (none sent).
 */
export function provinceCsv(s: ProvinceSummary): string {
	const header = [
		'commune_id',
		'commune_name',
		'area',
		'period',
		'year',
		'period_start',
		'period_end',
		'due_date',
		'as_of',
		'last_data_at',
		'data_age_days',
		'met',
		'applicable',
		'report_state',
		'report_late_days',
		'report_issued_on',
		'report_number',
		'report_symbol',
		'report_period_start',
		'report_period_end',
		'report_as_of',
		'report_other_period',
		'report_partial',
		'report_met',
		'report_applicable',
		'report_changed',
		...INDICATORS.flatMap(liveColumns),
		...INDICATORS.flatMap((code) => [`report_${code}`, `report_${code}_status`]),
		'ranked_by'
	];
	const rows = s.communes.map((c) => {
		const byCode = new Map(c.indicators.map((i) => [i.code, i]));
		const issued = c.report.issued;
		const issuedByCode = new Map((issued?.indicators ?? []).map((i) => [i.code, i]));
		return [
			c.id,
			c.name,
			c.area,
			s.kind,
			s.year,
			s.period.start,
			s.period.end,
			s.dueDate,
			s.asOf,
			c.lastDataAt === null ? null : localIso(c.lastDataAt),
			c.dataAgeDays,
			c.met,
			c.applicable,
			c.report.state,
			c.report.lateDays,
			c.report.issuedOn,
			c.report.number,
			c.report.symbol,
			issued?.period.start ?? null,
			issued?.period.end ?? null,
			issued?.asOf ?? null,
			bool(issued?.otherPeriod),
			bool(issued?.partial),
			issued?.met ?? null,
			issued?.applicable ?? null,
			issued ? issued.changed.join(' ') : null,
			...INDICATORS.flatMap((code) => {
				const i = byCode.get(code);
				const base = [i?.display ?? '', i?.status ?? '', i?.target ?? null];
				return REDUCTION_CODES.includes(code)
					? [...base, i?.cap ?? null, projected(i?.projected)]
					: base;
			}),
			...INDICATORS.flatMap((code) => {
				const i = issuedByCode.get(code);
				return issued ? [i?.display ?? '', i?.status ?? ''] : [null, null];
			}),
			standingOf(c).source
		];
	});
	return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
