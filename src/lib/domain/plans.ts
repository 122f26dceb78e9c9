/** Annual plans: the caps the reduction targets allow and the commune total (pure). */
import type { IndicatorCode } from './codes';
import { capOf, mergeTargets } from './progress/indicators';
import type { Plan } from './schemas';

export type PlanFigures = Pick<
	Plan,
	'baselineConferences' | 'baselineDocuments' | 'plannedConferences'
>;

export interface PlanCheck {
	/** floor(B x (100 - T) / 100); null without a baseline (empty or 0, as the indicators treat it). */
	conferenceCap: number | null;
	documentCap: number | null;
	/** The planned conferences exceed the conference cap. */
	overCap: boolean;
}

/** The reduction targets the caps use (the engine's: the defaults unless a report passes others). */
export type PlanTargets = Pick<
	Record<IndicatorCode, number | null>,
	'conference_reduction' | 'document_reduction'
>;

/** The caps of a plan's baselines (capOf, the engine's own cap rule) and the over-cap flag. */
export function checkPlan(
	p: PlanFigures,
	targets: PlanTargets = mergeTargets(undefined)
): PlanCheck {
	const conferenceCap = capOf(p.baselineConferences, targets.conference_reduction);
	return {
		conferenceCap,
		documentCap: capOf(p.baselineDocuments, targets.document_reduction),
		overCap:
			conferenceCap !== null &&
			p.plannedConferences !== null &&
			p.plannedConferences > conferenceCap
	};
}

export interface CommuneTotal extends PlanFigures, PlanCheck {
	/** Units whose conference baseline is empty or 0: left out of the conference sums. */
	unitsWithoutBaseline: number;
}

/**
 * The commune's planned conferences: the sum over the units that have a conference baseline (> 0),
 * the units whose baselines make the commune cap; null when none of them has a plan. Used by /plans
 * and by the progress engine's commune row, so both flag the same plan.
 */
export function communePlanned(plans: readonly PlanFigures[]): number | null {
	let planned: number | null = null;
	for (const p of plans) {
		if (p.baselineConferences === null || p.baselineConferences <= 0) continue;
		if (p.plannedConferences !== null) planned = (planned ?? 0) + p.plannedConferences;
	}
	return planned;
}

/**
 * The commune row: sums of the units' baselines (units with an empty or 0 baseline contribute
 * nothing, as in the indicators), the planned conferences of the units that have a baseline, and
 * the caps of the summed baselines.
 */
export function communeTotal(
	plans: readonly PlanFigures[],
	unitCount: number,
	targets: PlanTargets = mergeTargets(undefined)
): CommuneTotal {
	let bc = 0;
	let bd = 0;
	let withBaseline = 0;
	for (const p of plans) {
		if (p.baselineDocuments !== null && p.baselineDocuments > 0) bd += p.baselineDocuments;
		if (p.baselineConferences !== null && p.baselineConferences > 0) {
			withBaseline++;
			bc += p.baselineConferences;
		}
	}
	const figures: PlanFigures = {
		baselineConferences: bc > 0 ? bc : null,
		baselineDocuments: bd > 0 ? bd : null,
		plannedConferences: communePlanned(plans)
	};
	return {
		...figures,
		...checkPlan(figures, targets),
		unitsWithoutBaseline: Math.max(0, unitCount - withBaseline)
	};
}
