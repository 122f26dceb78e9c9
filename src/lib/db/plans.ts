/** Annual plans: reads and the cap check the targets allow (no zod here). */
import type { Plan } from '$lib/domain/schemas';
import { DEFAULT_TARGETS } from '$lib/domain/codes';
import { reductionCap } from '$lib/domain/progress/status';
import type { AppDatabase } from './database';
import { partition, type InvalidRecord } from './checked';

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

const CONFERENCE_T = DEFAULT_TARGETS.conference_reduction ?? 10;
const DOCUMENT_T = DEFAULT_TARGETS.document_reduction ?? 15;

const capOf = (baseline: number | null, target: number): number | null =>
	baseline === null || baseline <= 0 ? null : reductionCap(baseline, target);

export function checkPlan(p: PlanFigures): PlanCheck {
	const conferenceCap = capOf(p.baselineConferences, CONFERENCE_T);
	return {
		conferenceCap,
		documentCap: capOf(p.baselineDocuments, DOCUMENT_T),
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
 * The commune row: sums of the units' baselines (units with an empty or 0 baseline contribute
 * nothing, as in the indicators), the planned conferences of the units that have a baseline, and
 * the caps of the summed baselines.
 */
export function communeTotal(plans: readonly PlanFigures[], unitCount: number): CommuneTotal {
	let bc = 0;
	let bd = 0;
	let planned = 0;
	let anyPlanned = false;
	let withBaseline = 0;
	for (const p of plans) {
		if (p.baselineDocuments !== null && p.baselineDocuments > 0) bd += p.baselineDocuments;
		if (p.baselineConferences !== null && p.baselineConferences > 0) {
			withBaseline++;
			bc += p.baselineConferences;
			if (p.plannedConferences !== null) {
				planned += p.plannedConferences;
				anyPlanned = true;
			}
		}
	}
	const figures: PlanFigures = {
		baselineConferences: bc > 0 ? bc : null,
		baselineDocuments: bd > 0 ? bd : null,
		plannedConferences: anyPlanned ? planned : null
	};
	return {
		...figures,
		...checkPlan(figures),
		unitsWithoutBaseline: Math.max(0, unitCount - withBaseline)
	};
}

/** The live plans of a target year. */
export async function listPlans(db: AppDatabase, year: number): Promise<Plan[]> {
	return (await listPlansChecked(db, year)).plans;
}

/** The year's live plans that pass the schema, and the ones left out. */
export async function listPlansChecked(
	db: AppDatabase,
	year: number
): Promise<{ plans: Plan[]; invalid: InvalidRecord[] }> {
	const rows = await db.plans
		.where('year')
		.equals(year)
		.filter((p) => !p.deleted)
		.toArray();
	const { valid, invalid } = await partition('plan', rows);
	return { plans: valid, invalid };
}
