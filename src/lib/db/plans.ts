/** Annual plans: reads (no zod here); the caps and the commune total are in $lib/domain/plans. */
import type { Plan } from '$lib/domain/schemas';
import type { AppDatabase } from './database';

/** The live plans of a target year. */
export async function listPlans(db: AppDatabase, year: number): Promise<Plan[]> {
	return db.plans
		.where('year')
		.equals(year)
		.filter((p) => !p.deleted)
		.toArray();
}
