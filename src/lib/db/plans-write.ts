/** Plan writes: one plan per unit and target year, validated before anything is written. */
import { planId, planSchema, type Plan } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { buildRecord, writeIfValid } from './record';

/** baselineMonths may be left out: the plan keeps its stored months (12 for a new plan). */
export type PlanInput = Omit<
	Plan,
	'id' | 'createdAt' | 'updatedAt' | 'deleted' | 'baselineMonths'
> & {
	baselineMonths?: number;
};

export async function savePlan(
	db: AppDatabase,
	input: PlanInput,
	clock: Clock
): Promise<Validated<Plan>> {
	const id = planId(input.unitCode, input.year);
	const existing = await db.plans.get(id);
	return writeIfValid(
		db,
		'plan',
		buildRecord(
			planSchema,
			{ ...input, baselineMonths: input.baselineMonths ?? existing?.baselineMonths, id },
			existing,
			clock.now()
		),
		clock
	);
}
