import type { Unit } from '$lib/domain/schemas';
import { DEFAULT_UNITS } from '$lib/domain/default-units';
import type { AppDatabase } from './database';

/** Units in display order; archived ones only when asked. */
export async function listUnits(db: AppDatabase, includeArchived = false): Promise<Unit[]> {
	const all = await db.units.orderBy('order').toArray();
	return all.filter((u) => !u.deleted && (includeArchived || !u.archived));
}

/** The built-in unit list (the sample commune's units) as records made at `now`. */
export function defaultUnitRecords(now: number): Unit[] {
	return DEFAULT_UNITS.map((u, i) => ({
		...u,
		archived: false,
		order: i,
		createdAt: now,
		updatedAt: now,
		deleted: false
	}));
}

/**
 * Whether any live (non-deleted) meeting, document, procedure or incoming month or plan names this
 * unit.
 * A unit with records may only be archived, never deleted.
 */
export async function unitHasRecords(db: AppDatabase, code: string): Promise<boolean> {
	const live = (r: { deleted: boolean }) => !r.deleted;
	const [m, d, p, i, pl] = await Promise.all([
		db.meetings
			.where('[unitCode+date]')
			.between([code, ''], [code, '\uffff'], true, true)
			.filter(live)
			.first(),
		db.documents
			.where('[unitCode+issuedOn]')
			.between([code, ''], [code, '\uffff'], true, true)
			.filter(live)
			.first(),
		db.procedures
			.where('[unitCode+month]')
			.between([code, ''], [code, '\uffff'], true, true)
			.filter(live)
			.first(),
		db.incoming
			.where('[unitCode+month]')
			.between([code, ''], [code, '\uffff'], true, true)
			.filter(live)
			.first(),
		db.plans
			.where('[unitCode+year]')
			.between([code, -Infinity], [code, Infinity], true, true)
			.filter(live)
			.first()
	]);
	return !!(m ?? d ?? p ?? i ?? pl);
}

/** The codes of units that have records (one pass per table; for the units screen). */
export async function unitCodesWithRecords(db: AppDatabase): Promise<Set<string>> {
	const out = new Set<string>();
	const add = (r: { unitCode: string; deleted: boolean }) => {
		if (!r.deleted) out.add(r.unitCode);
	};
	await db.meetings.each(add);
	await db.documents.each(add);
	await db.procedures.each(add);
	await db.incoming.each(add);
	await db.plans.each(add);
	return out;
}
