/** Plan writes: one plan per unit and target year, validated before anything is written. */
import { planId, planSchema, type Plan } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

export type PlanInput = Omit<Plan, 'id' | 'createdAt' | 'updatedAt' | 'deleted'>;

export async function savePlan(
	db: AppDatabase,
	input: PlanInput,
	clock: Clock
): Promise<Validated<Plan>> {
	const id = planId(input.unitCode, input.year);
	const existing = await db.plans.get(id);
	const now = clock.now();
	const parsed = planSchema.safeParse({
		...input,
		id,
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		deleted: false
	});
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	await writeRecords(db, 'plan', [parsed.data], clock);
	return { ok: true, value: parsed.data };
}
