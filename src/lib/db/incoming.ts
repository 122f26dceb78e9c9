/** The register of incoming documents (văn bản đến), by unit and month: reads (no zod here). */
import { incomingId, type IncomingMonth } from '$lib/domain/schemas';
import type { AppDatabase } from './database';
import { partition, type InvalidRecord } from './checked';

export async function getIncomingMonth(
	db: AppDatabase,
	unitCode: string,
	month: string
): Promise<IncomingMonth | undefined> {
	const r = await db.incoming.get(incomingId(unitCode, month));
	return r && !r.deleted ? r : undefined;
}

/** A unit's months of one year (YYYY-01..YYYY-12), in month order. */
export async function listIncomingYear(
	db: AppDatabase,
	unitCode: string,
	year: number
): Promise<IncomingMonth[]> {
	return (await listIncomingYearChecked(db, unitCode, year)).months;
}

/** listIncomingYear, and the months left out because they fail the schema. */
export async function listIncomingYearChecked(
	db: AppDatabase,
	unitCode: string,
	year: number
): Promise<{ months: IncomingMonth[]; invalid: InvalidRecord[] }> {
	const rows = await db.incoming
		.where('[unitCode+month]')
		.between([unitCode, `${year}-01`], [unitCode, `${year}-12`], true, true)
		.filter((r) => !r.deleted)
		.toArray();
	const { valid, invalid } = await partition('incoming', rows);
	return { months: valid.sort((a, b) => a.month.localeCompare(b.month)), invalid };
}
