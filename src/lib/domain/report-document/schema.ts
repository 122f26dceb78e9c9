/**
 * The report draft: a record of its own, one per scope (the commune or a unit) and reporting
 * period. It holds what the drafter writes (number, date, signer, recipients, narrative sections)
 * and, once marked final, the figures the report was issued with, so a later edit of a meeting
 * never changes a report already sent.
 */
import { z } from 'zod';
import { STATUSES } from '../codes';
import { plainText } from '../plain-text';
import { checkRecordSize, LIMITS, localDateSchema, recordMeta } from '../schemas';
import { REPORT_PERIOD_KINDS, type ReportPeriodKind } from './words';
import { FIRST_TARGET_YEAR } from '../selection';

/** The commune's scope; a unit's report has the unit's code. */
export const COMMUNE_SCOPE = '*';

export const SIGNING_FORMS = ['tm', 'kt'] as const;
/** `tm`: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH; `kt`: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH. */

export const NARRATIVE_SECTIONS = [
	'deployment',
	'shortcomings',
	'directions',
	'proposals'
] as const;
/** I. Tình hình triển khai; III. Tồn tại, hạn chế; IV. Phương hướng; V. Đề xuất, kiến nghị. */
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

export const reportId = (scope: string, kind: ReportPeriodKind, year: number): string =>
	`${scope}:${kind}:${year}`;

const text = (max: number) => z.string().max(max, 'err.tooLong');

/** The issue of a report over its size cap or over a bound of its issued figures. */
const TOO_LARGE = 'err.reportTooLarge';

/**
 * The report's schemas in two strengths. `bounded` (every write: the device's form, restore and
 * the server's push): the issued figures' arrays, names and strings have bounds and the whole
 * record a size cap (LIMITS.reportBytes). Unbounded (`stored*`): the same rules without those
 * caps, for reading what was stored before them (the province's view of a final report), so a
 * record written then is still shown; an edit of it is what gets refused.
 */
function reportSchemas(bounded: boolean) {
	const str = (max: number) => (bounded ? z.string().max(max, TOO_LARGE) : z.string());
	const list = <T extends z.ZodType>(item: T, max: number) =>
		bounded ? z.array(item).max(max, TOO_LARGE) : z.array(item);
	const unitCode = str(20);

	const indicator = z.object({
		code: str(64),
		value: z.number().nullable(),
		display: str(40),
		target: z.number().nullable(),
		status: z.enum(STATUSES).nullable(),
		numerator: z.number().optional(),
		denominator: z.number().optional(),
		count: z.number().optional(),
		baseline: z.number().optional(),
		cap: z.number().optional(),
		projected: z.number().optional(),
		excludedUnits: list(unitCode, LIMITS.reportUnits).optional()
	});

	const progress = z.object({
		unitCode,
		indicators: list(indicator, 50)
	});

	const overLimit = z.object({
		date: localDateSchema,
		unitCode,
		title: str(300),
		minutes: z.number().int().nonnegative(),
		limit: z.number().int().nonnegative()
	});

	const names = z.record(unitCode, str(200));
	const figures = z.object({
		asOf: localDateSchema,
		period: z.object({
			kind: str(20),
			year: z.number().int(),
			index: z.number().int(),
			start: localDateSchema,
			end: localDateSchema
		}),
		units: list(progress, LIMITS.reportUnits),
		commune: progress,
		/** Unit names as they were when issued (code -> name; archived units too). */
		unitNames: bounded
			? names.refine((r) => Object.keys(r).length <= LIMITS.reportUnitNames, TOO_LARGE)
			: names,
		/** Held conferences of the period over their duration limit. */
		overLimit: list(overLimit, LIMITS.reportOverLimit),
		/**
		 * The commune's implementation plan the opening cited when the report was issued (its
		 * settings then, never one dated after the report); null: none entered. Added after the
		 * first final reports: those lack it and cite no plan ("Kế hoạch của UBND xã"), as when they
		 * were issued; a later entry of the plan in the settings never changes a sent report.
		 */
		plan: z
			.object({ number: str(40), date: localDateSchema.nullable() })
			.nullable()
			.optional()
	});

	const draft = z
		.object({
			/** `<scope>:<period kind>:<year>`, e.g. `*:6month:2026` or `VHXH:annual:2026`. */
			id: plainText(z.string().min(1).max(64), 'err.id'),
			scope: plainText(z.string().min(1).max(20), 'err.unitCode'),
			/** null for the commune's report (commune-wide: admin and monitor write it). */
			unitCode: plainText(z.string().min(1).max(20), 'err.unitCode').nullable(),
			periodKind: z.enum(REPORT_PERIOD_KINDS as [ReportPeriodKind, ...ReportPeriodKind[]]),
			year: z.number().int().min(2000).max(2100),
			/** The document number given by the office (null until numbered). */
			number: z.number().int().min(1).max(99999).nullable(),
			/** 'BC-UBND', or the unit's symbol 'BC-VHXH'. */
			symbol: text(40).min(1, 'err.required'),
			issuedOn: localDateSchema,
			signingForm: z.enum(SIGNING_FORMS),
			/** The signer's title line for a unit ('TRƯỞNG PHÒNG'); empty for the commune's report. */
			signerTitle: text(100),
			signerName: text(100),
			recipients: z.array(text(200)).max(30),
			deployment: text(20_000),
			shortcomings: text(20_000),
			directions: text(20_000),
			proposals: text(20_000),
			/**
			 * Per narrative section, what the clerk's text was written over (clerk review r11 #2):
			 * null, the section is the generated text and follows the figures and the plan (its field
			 * holds the text as last saved, for readers that know no better); a string, the clerk
			 * edited the section and this is the generated text as it was then (a notice shows when
			 * the generated text now differs); absent, a draft stored before these fields: every
			 * section is the clerk's, its starting point unknown. A final report's sections are its
			 * fields as issued (`draft.ts` `materialised`).
			 */
			deploymentBase: text(20_000).nullable().optional(),
			shortcomingsBase: text(20_000).nullable().optional(),
			directionsBase: text(20_000).nullable().optional(),
			proposalsBase: text(20_000).nullable().optional(),
			status: z.enum(['draft', 'final']),
			issued: figures.nullable(),
			...recordMeta
		})
		.refine((r) => r.id === reportId(r.scope, r.periodKind, r.year), {
			message: 'err.reportId',
			path: ['id']
		})
		.refine((r) => r.scope === (r.unitCode ?? COMMUNE_SCOPE), {
			message: 'err.reportScope',
			path: ['scope']
		})
		.refine((r) => r.status === 'draft' || r.issued !== null, {
			message: 'err.reportIssued',
			path: ['issued']
		})
		.superRefine((r, ctx) => {
			if (bounded) checkRecordSize(r, ctx, LIMITS.reportBytes, TOO_LARGE);
		});
	return { overLimit, figures, draft };
}

const bounded = reportSchemas(true);
const stored = reportSchemas(false);

export const overLimitSchema = bounded.overLimit;
export type OverLimitConference = z.infer<typeof overLimitSchema>;

/** The figures a final report was issued with (the engine's result at that moment). */
export const issuedFiguresSchema = bounded.figures;
export type IssuedFigures = z.infer<typeof issuedFiguresSchema>;
/** The same figures as stored, without the bounds of a write (reads of older records). */
export const storedIssuedFiguresSchema = stored.figures;

/** A report draft as a write must be: the registry's schema (forms, restore, the server's push). */
export const reportDraftSchema = bounded.draft;
export type ReportDraft = z.infer<typeof reportDraftSchema>;
/** A report draft as read: the same rules without the size caps (records stored before them). */
export const storedReportSchema = stored.draft;

/**
 * A final report dated before the date its figures run to (signed on the 18th with figures to the
 * 20th). Refused where a report is written (the form, the device store `saveReport`, the server per
 * mutation: `issuedOn: err.issuedBeforeAsOf`), not by the schema: a final report stored before this
 * rule stays readable everywhere (pull, /province, exports) and may still be turned back into a
 * draft; only a write that makes such a report final again, or changes its dates, is refused. A
 * draft may be so; the form warns.
 */
export function issuedBeforeFigures(r: {
	status: 'draft' | 'final';
	issuedOn: string;
	issued: { asOf: string } | null;
}): boolean {
	return r.status === 'final' && r.issued !== null && r.issuedOn < r.issued.asOf;
}

/**
 * Whether writing `next` over `previous` (null: a new record) breaks the rule above: `next` is a
 * final report issued before its figures' date, and it is not the same early report left as it
 * was (a report stored before the rule keeps its dates through an edit of its text).
 */
export function refusesIssuedBefore(
	next: { status: 'draft' | 'final'; issuedOn: string; issued: { asOf: string } | null },
	previous: { status: 'draft' | 'final'; issuedOn: string; issued: { asOf: string } | null } | null
): boolean {
	if (!issuedBeforeFigures(next)) return false;
	return !(
		previous !== null &&
		issuedBeforeFigures(previous) &&
		previous.issuedOn === next.issuedOn &&
		previous.issued?.asOf === next.issued?.asOf
	);
}

/**
 * Decision 534 (31/3/2026) sets targets from FIRST_TARGET_YEAR: a year before it has no report of
 * its results (/reports says so, `reports.beforeTargets`), so no report of it is final. Refused
 * where a report is written (the form hides "Đánh dấu bản chính thức", the device store
 * `saveReport`, the server per mutation: `status: err.finalBeforeTargets`), not by the schema: a
 * final report of such a year stored before this rule stays readable, its text may be edited and it
 * may go back to a draft; only a write that makes one final is refused.
 */
function refusesFinalBeforeTargets(
	next: { status: 'draft' | 'final'; year: number },
	previous: { status: 'draft' | 'final' } | null
): boolean {
	return next.status === 'final' && next.year < FIRST_TARGET_YEAR && previous?.status !== 'final';
}

/**
 * The first of the write rules above that writing `next` over `previous` (null: a new record)
 * breaks, as a schema issue would name it: the device store throws it as one, the server refuses
 * the mutation `invalid` with the reason `<path>: <message>`. Null: the write may go.
 */
export function reportWriteRefusal(
	next: {
		status: 'draft' | 'final';
		year: number;
		issuedOn: string;
		issued: { asOf: string } | null;
	},
	previous: { status: 'draft' | 'final'; issuedOn: string; issued: { asOf: string } | null } | null
): { path: 'issuedOn' | 'status'; message: string } | null {
	if (refusesIssuedBefore(next, previous))
		return { path: 'issuedOn', message: 'err.issuedBeforeAsOf' };
	if (refusesFinalBeforeTargets(next, previous))
		return { path: 'status', message: 'err.finalBeforeTargets' };
	return null;
}
