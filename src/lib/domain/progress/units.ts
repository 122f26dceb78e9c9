/** Which units a report lists, in which order, with which plan. */
import type { Plan, Unit } from '../schemas';

/** Unit.order, then code. */
export const byReportOrder = (a: Unit, b: Unit): number =>
	a.order - b.order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Codes of the units to report, in report order: every unit that is not archived or has records
 * in range; then record-holding codes that match no unit (so no record is ever silently lost), by code.
 */
export function reportedUnitCodes(
	units: readonly Unit[],
	withRecords: ReadonlySet<string>
): string[] {
	const live = units.filter((u) => !u.deleted);
	const known = new Set(live.map((u) => u.code));
	const listed = live
		.filter((u) => !u.archived || withRecords.has(u.code))
		.sort(byReportOrder)
		.map((u) => u.code);
	const orphans = [...withRecords].filter((c) => !known.has(c)).sort();
	return [...listed, ...orphans];
}

/** The live plan of each unit for a target year (the most recently updated if several). */
export function plansForYear(plans: readonly Plan[], year: number): Map<string, Plan> {
	const map = new Map<string, Plan>();
	for (const p of plans) {
		if (p.deleted || p.year !== year) continue;
		const prev = map.get(p.unitCode);
		if (prev === undefined || p.updatedAt > prev.updatedAt) map.set(p.unitCode, p);
	}
	return map;
}
