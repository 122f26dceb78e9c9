/**
 * The province's view, computed on the server over each commune's stored records with the same
 * pure engine the device runs ($lib/domain/progress): the commune-level indicators of one
 * Decree-09 period, worst first, and whether each commune's final report was sent. A province
 * account never pulls a commune's raw records; it gets these figures and the issued reports.
 */
import { defaultSettings } from '$lib/domain/defaults';
import { monthClosingDay, periodOf, targetYear } from '$lib/domain/periods';
import { computeReport, scorecardEntry, type ProgressInput } from '$lib/domain/progress';
import {
	compareCommunes,
	isUnnamed,
	UNNAMED_COMMUNE,
	type CommuneSummary,
	type DueDateAnswer,
	type ProvincePeriodKind,
	type IssuedSummary,
	type ProvinceIndicator,
	type ProvinceReport,
	type ProvinceSummary,
	type SummaryQuery
} from '$lib/domain/province';
import { periodWindow } from '$lib/domain/record-day';
import { partitionRecords } from '$lib/domain/record-check';
import {
	COMMUNE_SCOPE,
	reportId,
	storedReportSchema,
	type ReportDraft
} from '$lib/domain/report-document/schema';
import { endsEarly } from '$lib/domain/report-document/words';
import type {
	DocumentRecord,
	IncomingMonth,
	Meeting,
	Plan,
	ProcedureMonth,
	Settings,
	Unit
} from '$lib/domain/schemas';
import { settingsSchema } from '$lib/domain/schemas';
import type { SyncEntity } from '$lib/domain/sync/protocol';
import { addDays, dayNumber, toLocalDate } from '$lib/domain/time';
import type { ServerContext } from '../context';
import type { CommuneRow, ReportDueRow, StoredRecord } from '../storage/types';

/**
 * When a period's reports are due by default, as MM-DD (server settings `REPORT_DUE_*`; a date the
 * province admin sets on /province for a kind and year comes first: `dueAnswer`); null: none. A
 * day before the period's data close falls in the next year (an annual report due on 10/01 is due
 * on 10/01 of the year after).
 */
export interface DueDates {
	'6month': string | null;
	'9month': string | null;
	annual: string | null;
}
/**
 * **Decision (province review 5):** no due date unless the province sets one. Decree 09/2019 fixes
 * the data-close days (14/06, 14/09, 14/12), not a deadline for a commune's report (each reporting
 * regime sets it); a due date equal to the data close made nearly every report "late".
 */
export const DEFAULT_DUE: DueDates = { '6month': null, '9month': null, annual: null };

/** The period's due date, 'YYYY-MM-DD', or null when none is set. */
export function dueDateOf(monthDay: string | null, year: number, periodEnd: string): string | null {
	if (monthDay === null) return null;
	const same = `${year}-${monthDay}`;
	return same < periodEnd ? `${year + 1}-${monthDay}` : same;
}

/**
 * A period's due date as /province reads it, from `set` (the row stored for the kind and year, or
 * null): the one set there, else the server settings', else none; with where it comes from.
 */
export function dueAnswer(
	kind: ProvincePeriodKind,
	year: number,
	set: ReportDueRow | null,
	dueDates: DueDates
): DueDateAnswer {
	const serverDueDate = dueDateOf(dueDates[kind], year, periodOf(kind, year, 0, 'decree09').end);
	return {
		kind,
		year,
		dueDate: set?.dueDate ?? serverDueDate,
		dueSource: set ? 'province' : serverDueDate !== null ? 'server' : null,
		dueSet: set ? { at: set.setAt, by: set.setBy } : null,
		serverDueDate
	};
}

/** The due date's setter named by their display name, when their account has one. */
export async function withSetterName(
	ctx: ServerContext,
	due: DueDateAnswer
): Promise<DueDateAnswer> {
	if (!due.dueSet) return due;
	const name = (await ctx.storage.findUserByUsername(due.dueSet.by))?.displayName.trim();
	return name ? { ...due, dueSet: { ...due.dueSet, name } } : due;
}

/** The province compares communes over the same Decree-09 period, whatever a commune's screen mode. */
const MODE = 'decree09' as const;
const KINDS: readonly SyncEntity[] = [
	'unit',
	'plan',
	'meeting',
	'document',
	'procedure',
	'incoming'
];

/** The commune's stored settings (defaults when it has none or they fail their schema). */
async function storedSettings(ctx: ServerContext, communeId: string): Promise<Settings> {
	const row = await ctx.storage.findRecord(communeId, 'settings', 'settings');
	const parsed = settingsSchema.safeParse(row?.state.data);
	return parsed.success ? parsed.data : defaultSettings(0);
}

/**
 * The default commune was made by a migration without a name: its settings have it, else it is
 * "Xã (chưa đặt tên)", never its id 'default' (province review r21, 4).
 */
const nameOf = (c: CommuneRow, settings: Settings): string =>
	isUnnamed(c) ? settings.communeName.trim() || UNNAMED_COMMUNE : c.name;

/** A commune's name to show (its settings read only when it has none of its own). */
export async function communeLabel(ctx: ServerContext, c: CommuneRow): Promise<string> {
	return isUnnamed(c) ? nameOf(c, await storedSettings(ctx, c.id)) : c.name;
}

function byEntity(rows: readonly StoredRecord[]): Map<SyncEntity, Record<string, unknown>[]> {
	const out = new Map<SyncEntity, Record<string, unknown>[]>();
	for (const r of rows) {
		const list = out.get(r.entity) ?? [];
		list.push(r.state.data);
		out.set(r.entity, list);
	}
	return out;
}

/**
 * One commune's engine input for target year `year`, and how many of the records read for it
 * (those filed in the year's window, and undated ones) failed their schema.
 */
async function communeInput(
	ctx: ServerContext,
	communeId: string,
	settings: Settings,
	year: number
): Promise<{ input: ProgressInput; skipped: number }> {
	const range = targetYear(year, MODE);
	// Only the target year's rows (and undated ones), found by index: a commune keeps ten years.
	// The filters below stay exact; the window only keeps the other years out of the read.
	const rows = byEntity(
		await ctx.storage.listRecords(communeId, KINDS, periodWindow(range.start, range.end))
	);
	let skipped = 0;
	const valid = <T>(entity: Parameters<typeof partitionRecords>[0]): T[] => {
		const { valid: ok, invalid } = partitionRecords(entity, rows.get(entity) ?? []);
		skipped += invalid.length;
		return ok as T[];
	};
	const inRange = (d: string) => d >= range.start && d <= range.end;
	const inMonths = <T extends { month: string }>(list: T[]) =>
		list.filter((p) => inRange(monthClosingDay(p.month, MODE)));
	return {
		input: {
			units: valid<Unit>('unit'),
			plans: valid<Plan>('plan').filter((p) => p.year === year),
			meetings: valid<Meeting>('meeting').filter((m) => inRange(m.date)),
			documents: valid<DocumentRecord>('document').filter((d) => inRange(d.issuedOn)),
			procedures: inMonths(valid<ProcedureMonth>('procedure')),
			incoming: inMonths(valid<IncomingMonth>('incoming')),
			limits: settings.limits,
			periodMode: MODE
		},
		skipped
	};
}

async function finalReport(
	ctx: ServerContext,
	communeId: string,
	kind: SummaryQuery['kind'],
	year: number
): Promise<ReportDraft | null> {
	const row = await ctx.storage.findRecord(
		communeId,
		'report',
		reportId(COMMUNE_SCOPE, kind, year)
	);
	if (!row || row.deleted) return null;
	// Read with the rules of a stored report, without the size caps of a write: a final report
	// stored before them still counts as sent and opens.
	const parsed = storedReportSchema.safeParse(row.state.data);
	const report = parsed.success ? parsed.data : null;
	return report && report.status === 'final' && report.issued ? report : null;
}

/**
 * When the server received the report as it is now final: the time of its newest
 * `report.finalized` entry (written in the transaction that made it final or changed what it
 * issued); null for a report made final before those entries were written (round twenty).
 */
async function finalizedAt(
	ctx: ServerContext,
	communeId: string,
	id: string
): Promise<number | null> {
	const [newest] = await ctx.storage.listAudit({
		communeId,
		actions: ['report.finalized'],
		targetId: id,
		limit: 1
	});
	return newest?.at ?? null;
}

/** The fields the province shows of an indicator (a reduction's cap and projection included). */
const OPTIONAL = [
	'numerator',
	'denominator',
	'baseline',
	'cap',
	'count',
	'projected'
] as const satisfies readonly (keyof ProvinceIndicator)[];
function provinceIndicator(i: ProvinceIndicator): ProvinceIndicator {
	const out: ProvinceIndicator = {
		code: i.code,
		value: i.value,
		display: i.display,
		target: i.target,
		status: i.status
	};
	for (const k of OPTIONAL) if (i[k] !== undefined) out[k] = i[k];
	return out;
}

/**
 * A sent report beside the live figures: its data window against the period compared, whether its
 * figures stop before its period ends, and which indicators now read otherwise (value or status).
 */
function issuedSummary(
	report: ReportDraft & { issued: NonNullable<ReportDraft['issued']> },
	period: { start: string; end: string },
	live: readonly ProvinceIndicator[]
): IssuedSummary {
	const { issued } = report;
	const indicators = issued.commune.indicators.map(provinceIndicator);
	const score = scorecardEntry({
		unitCode: issued.commune.unitCode,
		indicators: indicators as Parameters<typeof scorecardEntry>[0]['indicators']
	});
	const byCode = new Map(indicators.map((i) => [i.code, i]));
	const changed = live
		.filter((l) => {
			// An indicator the report lacks (a report of an older version) has nothing to differ from.
			const i = byCode.get(l.code);
			return i !== undefined && (i.display !== l.display || i.status !== l.status);
		})
		.map((l) => l.code);
	return {
		asOf: issued.asOf,
		period: { start: issued.period.start, end: issued.period.end },
		otherPeriod: issued.period.start !== period.start || issued.period.end !== period.end,
		partial: endsEarly(issued.period, issued.asOf),
		indicators,
		met: score.met,
		applicable: score.applicable,
		changed
	};
}

/**
 * When a commune started on this server, for the reports it owes. A commune the province admin
 * created has its creation time. The `default` commune was made by a migration with no date
 * (createdAt 0): it started when its first account was made (the first start of the install; no
 * record reaches the server without an account), never "before every period" (province review 8).
 * A commune with neither owes nothing yet (now).
 */
async function startedAt(ctx: ServerContext, c: CommuneRow): Promise<number> {
	if (c.createdAt > 0) return c.createdAt;
	const accounts = await ctx.storage.listUsers(c.id);
	return accounts.length > 0 ? Math.min(...accounts.map((u) => u.createdAt)) : ctx.now();
}

async function summaryOf(
	ctx: ServerContext,
	c: CommuneRow,
	q: SummaryQuery,
	period: ReturnType<typeof periodOf>,
	asOf: string,
	due: string | null
): Promise<CommuneSummary> {
	const settings = await storedSettings(ctx, c.id);
	const { input, skipped } = await communeInput(ctx, c.id, settings, q.year);
	const commune = computeReport(input, period, asOf).commune;
	const score = scorecardEntry(commune);
	const report = await finalReport(ctx, c.id, q.kind, q.year);
	const receivedAt = report ? await finalizedAt(ctx, c.id, report.id) : null;
	// The later of its date of issue and the day it reached the server: a date typed earlier does
	// not make a late report on time (province review r20, 2).
	const receivedOn = receivedAt === null ? '' : toLocalDate(receivedAt);
	const sentOn = report && (receivedOn > report.issuedOn ? receivedOn : report.issuedOn);
	// A report of another period (calendar mode: to 30/06, not 14/06) cannot be issued before its
	// own end: its due date moves by as many days as its period ends later (province review r20, 8:
	// every calendar report read "Gửi muộn").
	const shift = report?.issued
		? Math.max(0, dayNumber(report.issued.period.end) - dayNumber(period.end))
		: 0;
	const dueForIt = due === null ? null : addDays(due, shift);
	const indicators = commune.indicators.map(provinceIndicator);
	// A commune created after the period ended owes no report for it.
	const bornAfter = toLocalDate(await startedAt(ctx, c)) > period.end;
	const state = report
		? 'sent'
		: bornAfter
			? 'not_required'
			: due !== null && asOf > due
				? 'overdue'
				: 'missing';
	return {
		id: c.id,
		name: nameOf(c, settings),
		area: c.area,
		indicators,
		met: score.met,
		applicable: score.applicable,
		skipped,
		// Filled per request by provinceSummary (not part of the cached figures).
		lastDataAt: null,
		dataAgeDays: null,
		report: {
			state,
			issuedOn: report?.issuedOn ?? null,
			number: report?.number ?? null,
			symbol: report?.symbol ?? null,
			receivedAt,
			// No due date set: nothing is late.
			lateDays:
				sentOn && dueForIt !== null ? Math.max(0, dayNumber(sentOn) - dayNumber(dueForIt)) : null,
			issued: report?.issued
				? issuedSummary({ ...report, issued: report.issued }, period, indicators)
				: null
		}
	};
}

/**
 * Figures already computed, per storage (a process's cache, never the truth: several processes
 * each keep their own). An entry holds while its stamp does: the commune's change counter (any
 * record of the commune written, changed or deleted raises it, settings and reports included), its
 * name and area, the "as of" day and the due date. The counter is read before the records, so an
 * entry is never older than its stamp says.
 */
const computed = new WeakMap<object, Map<string, { stamp: string; summary: CommuneSummary }>>();
/** A bound on what one process keeps (65 communes x a few periods is far below it). */
const CACHE_ENTRIES = 20_000;

function cacheOf(ctx: ServerContext) {
	let cache = computed.get(ctx.storage);
	if (!cache) computed.set(ctx.storage, (cache = new Map()));
	if (cache.size > CACHE_ENTRIES) cache.clear();
	return cache;
}

/** Every commune (of `q.area` when given) for the period, worst first. */
export async function provinceSummary(
	ctx: ServerContext,
	q: SummaryQuery,
	dueDates: DueDates = ctx.dueDates ?? DEFAULT_DUE
): Promise<ProvinceSummary> {
	const period = periodOf(q.kind, q.year, 0, MODE);
	const asOf = toLocalDate(ctx.now());
	// Read on each request (one indexed read): no process keeps it, so every process sees a change
	// at once.
	const due = await withSetterName(
		ctx,
		dueAnswer(q.kind, q.year, await ctx.storage.findReportDue(q.kind, q.year), dueDates)
	);
	const { dueDate } = due;
	const all = await ctx.storage.listCommunes();
	const areas = [...new Set(all.flatMap((c) => (c.area ? [c.area] : [])))].sort((a, b) =>
		a.localeCompare(b, 'vi')
	);
	const communes: CommuneSummary[] = [];
	const seqs = await ctx.storage.communeSeqs();
	// When each commune's data last arrived: one seek per commune, read on every request (cheap,
	// and never older than the figures, which are read after it).
	const arrivals = await ctx.storage.lastArrivals();
	const today = dayNumber(asOf);
	const freshness = (id: string) => {
		const at = arrivals.get(id) ?? null;
		return {
			lastDataAt: at,
			dataAgeDays: at === null ? null : Math.max(0, today - dayNumber(toLocalDate(at)))
		};
	};
	const cache = cacheOf(ctx);
	// One commune at a time: bounded memory, and other requests get the event loop in between.
	for (const c of all) {
		if (q.noArea !== undefined ? c.area !== null : q.area !== undefined && c.area !== q.area)
			continue;
		const key = JSON.stringify([c.id, q.kind, q.year]);
		const stamp = JSON.stringify([seqs.get(c.id) ?? null, c.name, c.area, asOf, dueDate]);
		const hit = cache.get(key);
		if (hit?.stamp === stamp) {
			communes.push({ ...hit.summary, ...freshness(c.id) });
			continue;
		}
		const summary = await summaryOf(ctx, c, q, period, asOf, dueDate);
		cache.set(key, { stamp, summary });
		communes.push({ ...summary, ...freshness(c.id) });
	}
	communes.sort(compareCommunes);
	return {
		kind: q.kind,
		year: q.year,
		period: { start: period.start, end: period.end },
		asOf,
		dueDate,
		dueSource: due.dueSource,
		dueSet: due.dueSet,
		serverDueDate: due.serverDueDate,
		areas,
		unassigned: all.some((c) => c.area === null),
		communes
	};
}

/** A commune's final report for the period (its issued figures), or null when none was sent. */
export async function provinceReport(
	ctx: ServerContext,
	communeId: string,
	q: Pick<SummaryQuery, 'kind' | 'year'>
): Promise<ProvinceReport | null> {
	const commune = await ctx.storage.findCommune(communeId);
	if (!commune) return null;
	const report = await finalReport(ctx, communeId, q.kind, q.year);
	if (!report?.issued) return null;
	const settings = await storedSettings(ctx, communeId);
	const communeName = nameOf(commune, settings);
	return {
		communeId,
		communeName,
		kind: q.kind,
		year: q.year,
		issuedOn: report.issuedOn,
		number: report.number,
		symbol: report.symbol,
		signerName: report.signerName,
		issued: report.issued,
		text: {
			signingForm: report.signingForm,
			signerTitle: report.signerTitle,
			recipients: report.recipients,
			deployment: report.deployment,
			shortcomings: report.shortcomings,
			directions: report.directions,
			proposals: report.proposals
		},
		issuerName: settings.communeName || communeName,
		// The plan the report cited when issued (its snapshot), not today's settings: a plan entered
		// or changed later never changes a sent report's opening. Absent in older reports: none.
		plan: report.issued.plan ?? null
	};
}
