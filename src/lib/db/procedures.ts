/** Monthly procedure statistics: reads (no zod here); the shares are in $lib/domain/procedures. */
import type { ProcedureMonth } from '$lib/domain/schemas';
import { procedureId } from '$lib/domain/schemas';
import type { AppDatabase } from './database';
import { partition, type InvalidRecord } from './checked';

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
	return (await listProcedureYearChecked(db, unitCode, year)).months;
}

/** listProcedureYear, and the months left out because they fail the schema. */
export async function listProcedureYearChecked(
	db: AppDatabase,
	unitCode: string,
	year: number
): Promise<{ months: ProcedureMonth[]; invalid: InvalidRecord[] }> {
	const rows = await db.procedures
		.where('[unitCode+month]')
		.between([unitCode, `${year}-01`], [unitCode, `${year}-12`], true, true)
		.filter((p) => !p.deleted)
		.toArray();
	const { valid, invalid } = await partition('procedure', rows);
	return { months: valid.sort((a, b) => a.month.localeCompare(b.month)), invalid };
}
