/** The register of incoming documents (văn bản đến), by unit and month: reads (no zod here). */
import { incomingId, type IncomingMonth } from '$lib/domain/schemas';
import type { AppDatabase } from './database';

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
	const rows = await db.incoming
		.where('[unitCode+month]')
		.between([unitCode, `${year}-01`], [unitCode, `${year}-12`], true, true)
		.filter((r) => !r.deleted)
		.toArray();
	return rows.sort((a, b) => a.month.localeCompare(b.month));
}
