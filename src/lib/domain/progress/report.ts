/** computeReport: every unit's indicators and the commune's for a period as of a date. */
import { communePlanned } from '../plans';
import { daysInclusive } from '../time';
import { targetYear, targetYearOfDate, type Period } from '../periods';
import {
	buildIndicators,
	capOf,
	mergeTargets,
	type IndicatorContext,
	type ReductionFigures
} from './indicators';
import { effectiveBaselines } from './baseline';
import { addTally, emptyTally, tallyByUnit, type Tally } from './tally';
import { plansForYear, reportedUnitCodes } from './units';
import { COMMUNE, type ProgressInput, type ReportResult, type UnitProgress } from './types';

const minDate = (a: string, b: string): string => (a < b ? a : b);
const positive = (n: number | null | undefined): n is number => typeof n === 'number' && n > 0;

interface UnitFigures {
	code: string;
	tally: Tally;
	baselineConferences: number | null;
	baselineDocuments: number | null;
	planned: number | null;
}

function progressOf(
	f: UnitFigures,
	conferences: ReductionFigures,
	documents: ReductionFigures,
	ctx: IndicatorContext
): UnitProgress {
	const conferenceCap = capOf(conferences.baseline, ctx.targets.conference_reduction);
	const documentCap = capOf(documents.baseline, ctx.targets.document_reduction);
	return {
		unitCode: f.code,
		indicators: buildIndicators(f.tally, conferences, documents, ctx),
		conferencesLeft: conferenceCap === null ? null : conferenceCap - conferences.count,
		documentsLeft: documentCap === null ? null : documentCap - documents.count,
		conferenceCap,
		documentCap,
		plannedConferences: f.planned,
		planAboveCap: f.planned !== null && conferenceCap !== null && f.planned > conferenceCap,
		overLimitMeetingIds: f.tally.overLimitIds
	};
}

/** The commune: summed counts of all units; reductions only over units with a baseline > 0. */
function communeOf(figures: readonly UnitFigures[], ctx: IndicatorContext): UnitProgress {
	const tally = emptyTally();
	const conferences: ReductionFigures = { baseline: null, count: 0, excludedUnits: [] };
	const documents: ReductionFigures = { baseline: null, count: 0, excludedUnits: [] };
	const excluded = new Set<string>();
	for (const f of figures) {
		addTally(tally, f.tally);
		const pairs: [ReductionFigures, number | null, number][] = [
			[conferences, f.baselineConferences, f.tally.ytdConferences],
			[documents, f.baselineDocuments, f.tally.ytdAdminDocuments]
		];
		for (const [r, baseline, count] of pairs) {
			if (positive(baseline)) {
				r.baseline = (r.baseline ?? 0) + baseline;
				r.count += count;
			} else {
				r.excludedUnits?.push(f.code);
				excluded.add(f.code);
			}
		}
	}
	// The same commune plan as /plans: only units with a conference baseline count.
	const planned = communePlanned(figures.map((f) => ({ ...f, plannedConferences: f.planned })));
	const progress = progressOf(
		{ code: COMMUNE, tally, baselineConferences: null, baselineDocuments: null, planned },
		conferences,
		documents,
		ctx
	);
	progress.excludedFromReduction = figures.map((f) => f.code).filter((c) => excluded.has(c));
	return progress;
}

/**
 * The report of period P as of local date `asOf` (never the machine clock). Pure: one pass over
 * each record array, then per-unit arithmetic.
 */
export function computeReport(input: ProgressInput, period: Period, asOf: string): ReportResult {
	const mode = input.periodMode;
	const year = targetYear(targetYearOfDate(period.end, mode), mode);
	const effectiveEnd = minDate(asOf, period.end);
	const ctx: IndicatorContext = {
		targets: mergeTargets(input.targets),
		periodOver: asOf >= period.end,
		elapsed: daysInclusive(year.start, effectiveEnd),
		yearDays: daysInclusive(year.start, year.end),
		yearFinished: asOf >= year.end && period.end === year.end
	};
	const tallies = tallyByUnit(input, {
		periodStart: period.start,
		yearStart: year.start,
		end: effectiveEnd
	});
	const withRecords = new Set([...tallies].filter(([, t]) => t.hasRecords).map(([c]) => c));
	const plans = plansForYear(input.plans, year.year);

	const figures: UnitFigures[] = reportedUnitCodes(input.units, withRecords).map((code) => {
		const plan = plans.get(code);
		// A unit that existed only part of the baseline year holds its annualised baseline.
		const baselines = plan === undefined ? null : effectiveBaselines(plan);
		return {
			code,
			tally: tallies.get(code) ?? emptyTally(),
			baselineConferences: baselines?.baselineConferences ?? null,
			baselineDocuments: baselines?.baselineDocuments ?? null,
			planned: plan?.plannedConferences ?? null
		};
	});
	const units = figures.map((f) =>
		progressOf(
			f,
			{ baseline: f.baselineConferences, count: f.tally.ytdConferences },
			{ baseline: f.baselineDocuments, count: f.tally.ytdAdminDocuments },
			ctx
		)
	);
	return { period, asOf, effectiveEnd, units, commune: communeOf(figures, ctx) };
}
