/** Procedure month writes: one row per unit and month; digital and digitized never above total. */
import { procedureId, procedureMonthSchema, type ProcedureMonth } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

export type ProcedureInput = Omit<ProcedureMonth, 'id' | 'createdAt' | 'updatedAt' | 'deleted'>;

export async function saveProcedureMonth(
	db: AppDatabase,
	input: ProcedureInput,
	clock: Clock
): Promise<Validated<ProcedureMonth>> {
	const id = procedureId(input.unitCode, input.month);
	const existing = await db.procedures.get(id);
	const now = clock.now();
	const parsed = procedureMonthSchema.safeParse({
		...input,
		id,
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		deleted: false
	});
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	await writeRecords(db, 'procedure', [parsed.data], clock);
	return { ok: true, value: parsed.data };
}
