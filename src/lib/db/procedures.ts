/** Monthly procedure statistics: reads and the per-month shares (no zod here). */
import type { ProcedureMonth } from '$lib/domain/schemas';
import { procedureId } from '$lib/domain/schemas';
import { formatPercent } from '$lib/domain/progress/rounding';
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

export interface ProcedureShares {
	/** Percent with one decimal (exact rounding), or null when there are no dossiers. */
	digital: string | null;
	digitized: string | null;
}

export function procedureShares(
	p: Pick<ProcedureMonth, 'total' | 'digital' | 'digitized'>
): ProcedureShares {
	if (p.total === 0) return { digital: null, digitized: null };
	return {
		digital: formatPercent(p.digital, p.total),
		digitized: formatPercent(p.digitized, p.total)
	};
}

/** Sums over months (the year's share is the ratio of sums, never an average of ratios). */
export function sumProcedures(
	rows: readonly Pick<ProcedureMonth, 'total' | 'digital' | 'digitized'>[]
) {
	return rows.reduce(
		(acc, r) => ({
			total: acc.total + r.total,
			digital: acc.digital + r.digital,
			digitized: acc.digitized + r.digitized
		}),
		{ total: 0, digital: 0, digitized: 0 }
	);
}
