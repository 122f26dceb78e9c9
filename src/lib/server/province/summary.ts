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
	type CommuneSummary,
	type ProvinceReport,
	type ProvinceSummary,
	type SummaryQuery
} from '$lib/domain/province';
import { partitionRecords } from '$lib/domain/record-check';
import { COMMUNE_SCOPE, reportId, type ReportDraft } from '$lib/domain/report-document/schema';
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
import { toLocalDate } from '$lib/domain/time';
import type { ServerContext } from '../context';
import type { CommuneRow, StoredRecord } from '../storage/types';

/** When a period's reports are due, as MM-DD of the period's year (server settings). */
export interface DueDates {
	'6month': string;
	'9month': string;
	annual: string;
}
/** Decree 09: the 6-month data closes on 14/06, the 9-month on 14/09, the annual on 14/12. */
export const DEFAULT_DUE: DueDates = { '6month': '06-14', '9month': '09-14', annual: '12-14' };

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

/** The default commune was made by a migration without a name: its settings have it. */
const nameOf = (c: CommuneRow, settings: Settings): string =>
	c.name || settings.communeName || c.id;

function byEntity(rows: readonly StoredRecord[]): Map<SyncEntity, Record<string, unknown>[]> {
	const out = new Map<SyncEntity, Record<string, unknown>[]>();
	for (const r of rows) {
		const list = out.get(r.entity) ?? [];
		list.push(r.state.data);
		out.set(r.entity, list);
	}
	return out;
}

/** One commune's engine input for target year `year`, and how many records failed their schema. */
async function communeInput(
	ctx: ServerContext,
	communeId: string,
	settings: Settings,
	year: number
): Promise<{ input: ProgressInput; skipped: number }> {
	const rows = byEntity(await ctx.storage.listRecords(communeId, KINDS));
	let skipped = 0;
	const valid = <T>(entity: Parameters<typeof partitionRecords>[0]): T[] => {
		const { valid: ok, invalid } = partitionRecords(entity, rows.get(entity) ?? []);
		skipped += invalid.length;
		return ok as T[];
	};
	const range = targetYear(year, MODE);
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
	const [report] = partitionRecords<ReportDraft>('report', [row.state.data as ReportDraft]).valid;
	return report && report.status === 'final' && report.issued ? report : null;
}

async function summaryOf(
	ctx: ServerContext,
	c: CommuneRow,
	q: SummaryQuery,
	period: ReturnType<typeof periodOf>,
	asOf: string,
	due: string
): Promise<CommuneSummary> {
	const settings = await storedSettings(ctx, c.id);
	const { input, skipped } = await communeInput(ctx, c.id, settings, q.year);
	const commune = computeReport(input, period, asOf).commune;
	const score = scorecardEntry(commune);
	const report = await finalReport(ctx, c.id, q.kind, q.year);
	return {
		id: c.id,
		name: nameOf(c, settings),
		area: c.area,
		indicators: commune.indicators.map((i) => ({
			code: i.code,
			value: i.value,
			display: i.display,
			target: i.target,
			status: i.status
		})),
		met: score.met,
		applicable: score.applicable,
		skipped,
		report: {
			state: report ? 'sent' : asOf > due ? 'overdue' : 'missing',
			issuedOn: report?.issuedOn ?? null,
			number: report?.number ?? null,
			symbol: report?.symbol ?? null
		}
	};
}

/** Every commune (of `q.area` when given) for the period, worst first. */
export async function provinceSummary(
	ctx: ServerContext,
	q: SummaryQuery,
	dueDates: DueDates = ctx.dueDates ?? DEFAULT_DUE
): Promise<ProvinceSummary> {
	const period = periodOf(q.kind, q.year, 0, MODE);
	const asOf = toLocalDate(ctx.now());
	const dueDate = `${q.year}-${dueDates[q.kind]}`;
	const all = await ctx.storage.listCommunes();
	const areas = [...new Set(all.flatMap((c) => (c.area ? [c.area] : [])))].sort((a, b) =>
		a.localeCompare(b, 'vi')
	);
	const communes: CommuneSummary[] = [];
	// One commune at a time: bounded memory, and other requests get the event loop in between.
	for (const c of all) {
		if (q.area !== undefined && c.area !== q.area) continue;
		communes.push(await summaryOf(ctx, c, q, period, asOf, dueDate));
	}
	communes.sort(compareCommunes);
	return {
		kind: q.kind,
		year: q.year,
		period: { start: period.start, end: period.end },
		asOf,
		dueDate,
		areas,
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
		issuerName: settings.communeName || communeName
	};
}
