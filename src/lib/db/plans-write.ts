/** Plan writes: one plan per unit and target year, validated before anything is written. */
import { planId, planSchema, type Plan } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { buildRecord, writeIfValid } from './record';

export type PlanInput = Omit<Plan, 'id' | 'createdAt' | 'updatedAt' | 'deleted'>;

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
		buildRecord(planSchema, { ...input, id }, existing, clock.now()),
		clock
	);
}
