/**
 * What the dashboard and the reports read for a target year: the per (unit, month) aggregates
 * (./aggregates.ts) of the year, plus the raw meetings and documents of the half-months an "as of"
 * date cuts (the engine needs those day by day), the units and plans. A few hundred small rows
 * whatever the years of data stored, instead of every record of the year.
 *
 * When the aggregates are stale (a new app version, new meeting limits not yet recounted) the year
 * is read from its records as before (./progress-input.ts: exact, slower) and a rebuild is
 * scheduled; the next load reads the rebuilt rows.
 */
import type { InvalidRecord } from '$lib/domain/record-check';
import type { Meeting, Settings } from '$lib/domain/schemas';
import { monthClosingDay, targetYear, targetYearOfDate, type Period } from '$lib/domain/periods';
import type { ProgressInput } from '$lib/domain/progress';
import {
	cutsHalf,
	halfKeyOfDate,
	halfRange,
	type AggregateRow,
	type Half
} from '$lib/domain/progress/aggregates';
import type { AppDatabase } from './database';
import { getSettings } from './settings';
import { loadChecker } from './checked';
import { AGGREGATES_META_KEY, isFresh, rebuildAggregates } from './aggregates';
import { loadYearInput, type YearInput } from './progress-input';

export interface YearFigures extends YearInput {
	/** Held organised conferences of the year over their limit (records, for the list on screen). */
	overLimit: Meeting[];
	/** Where the counts came from: the aggregates, or the records while the aggregates are rebuilt. */
	source: 'aggregates' | 'records';
}

const rebuilding = new WeakSet<AppDatabase>();

/** Rebuilds stale aggregates outside the caller's (liveQuery) zone, once at a time per database. */
function scheduleRebuild(db: AppDatabase): void {
	if (rebuilding.has(db)) return;
	rebuilding.add(db);
	setTimeout(() => {
		rebuildAggregates(db)
			.catch(() => {
				/* the next load finds them stale again and reads the records */
			})
			.finally(() => rebuilding.delete(db));
	}, 0);
}

const live = <T extends { deleted: boolean }>(rows: T[]): T[] => rows.filter((r) => !r.deleted);

interface Read {
	settings: Settings;
	year: Period;
	fresh: boolean;
	raw?: ProgressInput;
	rows?: AggregateRow[];
	overLimit?: Meeting[];
}

/**
 * The figures of target year `year` (null: the one holding `today`). `asOfs` are the other
 * "as of" dates the screen may compute (a date given in the URL); `today` always counts.
 */
export async function loadYearFigures(
	db: AppDatabase,
	year: number | null,
	today: string,
	now: number,
	asOfs: readonly (string | null)[] = []
): Promise<YearFigures> {
	const tables = [
		db.settings,
		db.syncState,
		db.aggregates,
		db.units,
		db.plans,
		db.meetings,
		db.documents
	];
	const read = await db.transaction('r', tables, async (): Promise<Read> => {
		const settings = await getSettings(db, now);
		const mode = settings.periodMode;
		const period = targetYear(year ?? targetYearOfDate(today, mode), mode);
		const meta = (await db.syncState.get(AGGREGATES_META_KEY))?.value;
		if (!isFresh(meta, settings.limits)) return { settings, year: period, fresh: false };
		// The half-months an as-of date cuts, each read up to the latest such date in it.
		const halves = new Map<string, string>();
		for (const d of [today, ...asOfs])
			if (d !== null && d >= period.start && d <= period.end && cutsHalf(d)) {
				const key = halfKeyOfDate(d);
				const until = halves.get(key);
				if (until === undefined || d > until) halves.set(key, d);
			}
		const ranges = [...halves].map(([k, until]) => ({
			start: halfRange(k.slice(0, 7), k.slice(8) as Half).start,
			end: until
		}));
		const [units, plans, rows, meetings, documents] = await Promise.all([
			db.units.toArray(),
			db.plans.where('year').equals(period.year).toArray(),
			db.aggregates
				.where('month')
				.between(period.start.slice(0, 7), period.end.slice(0, 7), true, true)
				.toArray(),
			Promise.all(
				ranges.map((r) => db.meetings.where('date').between(r.start, r.end, true, true).toArray())
			),
			Promise.all(
				ranges.map((r) =>
					db.documents.where('issuedOn').between(r.start, r.end, true, true).toArray()
				)
			)
		]);
		// Over-limit conferences of the year (each half's row names them all), as records.
		const ids: string[] = [];
		for (const row of rows)
			for (const h of ['a', 'b'] as const) {
				const r = halfRange(row.month, h);
				if (r.start < period.start || r.end > period.end) continue;
				for (const x of row[h].overLimit) ids.push(x.slice(x.indexOf(' ') + 1));
			}
		const over = (await db.meetings.bulkGet(ids)).filter((m): m is Meeting => m !== undefined);
		const raw: ProgressInput = {
			units: live(units),
			plans: live(plans),
			meetings: live(meetings.flat()),
			documents: live(documents.flat()),
			procedures: [],
			incoming: [],
			limits: settings.limits,
			periodMode: mode,
			aggregates: { rows, rawHalves: halves }
		};
		return { settings, year: period, fresh: true, raw, rows, overLimit: over };
	});
	if (!read.fresh || read.raw === undefined) {
		scheduleRebuild(db);
		const y = await loadYearInput(db, read.year.year, today, now);
		return { ...y, overLimit: [...y.input.meetings], source: 'records' };
	}
	// Units and plans are checked here (a few dozen); meetings and documents that fail their
	// schema are named in the rows (checked when written), so the raw half-months need no zod.
	const checker = await loadChecker();
	const input = read.raw;
	const units = checker.partitionRecords('unit', input.units);
	const plans = checker.partitionRecords('plan', input.plans);
	const bad = new Set<string>();
	for (const row of read.rows ?? []) for (const e of row.invalid) bad.add(`${e.entity}|${e.id}`);
	const meetings = input.meetings.filter((m) => !bad.has(`meeting|${m.id}`));
	const documents = input.documents.filter((d) => !bad.has(`document|${d.id}`));
	const skipped: InvalidRecord[] = [...units.invalid, ...plans.invalid];
	// Records left out of the year, by the date they are filed under (as the raw read lists them).
	const byEntity = new Map<string, { date: string; id: string; record: InvalidRecord }[]>();
	const mode = read.settings.periodMode;
	const p = read.year;
	for (const row of read.rows ?? [])
		for (const e of row.invalid) {
			const inYear =
				e.date.length === 7
					? (() => {
							const day = monthClosingDay(e.date, mode);
							return day >= p.start && day <= p.end;
						})()
					: e.date >= p.start && e.date <= p.end;
			if (!inYear) continue;
			const list = byEntity.get(e.entity) ?? byEntity.set(e.entity, []).get(e.entity)!;
			list.push(e);
		}
	const sorted = (entity: string): InvalidRecord[] =>
		(byEntity.get(entity) ?? [])
			.sort((a, b) =>
				a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
			)
			.map((e) => e.record);
	skipped.push(
		...sorted('meeting'),
		...sorted('document'),
		...sorted('procedure'),
		...sorted('incoming')
	);
	const overLimit = read.overLimit ?? [];
	return {
		input: {
			...input,
			units: units.valid,
			plans: plans.valid,
			meetings,
			documents
		},
		skipped,
		settings: read.settings,
		year: read.year,
		overLimit,
		source: 'aggregates'
	};
}
