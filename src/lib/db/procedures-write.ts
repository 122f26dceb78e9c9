/** Procedure month writes: one row per unit and month; digital and digitized never above total. */
import { procedureId, procedureMonthSchema, type ProcedureMonth } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { buildRecord, writeIfValid } from './record';

export type ProcedureInput = Omit<ProcedureMonth, 'id' | 'createdAt' | 'updatedAt' | 'deleted'>;

export async function saveProcedureMonth(
	db: AppDatabase,
	input: ProcedureInput,
	clock: Clock
): Promise<Validated<ProcedureMonth>> {
	const id = procedureId(input.unitCode, input.month);
	const existing = await db.procedures.get(id);
	const built = buildRecord(procedureMonthSchema, { ...input, id }, existing, clock.now());
	return writeIfValid(db, 'procedure', built, clock);
}
