/** Annual plans: reads (no zod here); the caps and the commune total are in $lib/domain/plans. */
import type { Plan } from '$lib/domain/schemas';
import type { AppDatabase } from './database';
import { partition, type InvalidRecord } from './checked';

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
