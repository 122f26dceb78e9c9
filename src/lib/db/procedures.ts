/** Monthly procedure statistics: reads (no zod here); the shares are in $lib/domain/procedures. */
import type { ProcedureMonth } from '$lib/domain/schemas';
import { procedureId } from '$lib/domain/schemas';
import type { AppDatabase } from './database';

export async function getProcedureMonth(
	db: AppDatabase,
	unitCode: string,
	month: string
): Promise<ProcedureMonth | undefined> {
	const p = await db.procedures.get(procedureId(unitCode, month));
	return p && !p.deleted ? p : undefined;
}

/** A unit's months of one target year (YYYY-01..YYYY-12), in month order. */
export async function listProcedureYear(
	db: AppDatabase,
	unitCode: string,
	year: number
): Promise<ProcedureMonth[]> {
	const rows = await db.procedures
		.where('[unitCode+month]')
		.between([unitCode, `${year}-01`], [unitCode, `${year}-12`], true, true)
		.filter((p) => !p.deleted)
		.toArray();
	return rows.sort((a, b) => a.month.localeCompare(b.month));
}
