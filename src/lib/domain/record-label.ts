/**
 * A record as a user names it (pure): the sync panel says "Báo cáo năm 2026 của toàn xã" or
 * "Thủ tục tháng 5/2026 của Thôn 4", never an internal id like `*:annual:2026` or a UUID. The
 * screen puts the words (i18n); this says which parts there are, from the record when the device
 * has it, else from the composed id (procedures, incoming, plans, reports).
 */
import { entityOf, titleOf } from './entities';

export type RecordLabel =
	/** Its own title (meeting title, document number, unit name). */
	| { kind: 'title'; text: string }
	/** A periodic report; unitCode null for the whole commune's. */
	| { kind: 'report'; unitCode: string | null; periodKind: string; year: number }
	/** One unit's month row (procedures, incoming documents); month `YYYY-MM`. */
	| { kind: 'month'; unitCode: string; year: number; month: number }
	/** One unit's year row (plans). */
	| { kind: 'year'; unitCode: string; year: number }
	/** The commune's settings. */
	| { kind: 'settings' }
	/** Nothing readable is known (a record no longer on the device). */
	| { kind: 'unknown' };

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => {
	const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
	return Number.isInteger(n) ? n : null;
};

export function recordLabel(
	entity: string,
	record: Record<string, unknown> | undefined,
	recordId: string
): RecordLabel {
	const d = entityOf(entity);
	if (d.singleton) return { kind: 'settings' };
	// Composed ids: the record's fields first, the id's parts when the record is gone.
	const parts = d.idFields ? recordId.split(':') : [];
	const part = (field: string): unknown =>
		record?.[field] ?? parts[d.idFields?.indexOf(field) ?? -1] ?? undefined;
	if (entity === 'report') {
		const scope = str(record?.scope) ?? parts[0] ?? null;
		const year = int(part('year'));
		const periodKind = str(part('periodKind'));
		if (year !== null && periodKind !== null)
			return { kind: 'report', unitCode: scope === '*' ? null : scope, periodKind, year };
		return { kind: 'unknown' };
	}
	if (d.idFields?.includes('month')) {
		const unitCode = str(part('unitCode'));
		const m = /^(\d{4})-(\d{2})$/.exec(str(part('month')) ?? '');
		if (unitCode !== null && m) return { kind: 'month', unitCode, year: +m[1]!, month: +m[2]! };
		return { kind: 'unknown' };
	}
	if (d.idFields?.includes('year')) {
		const unitCode = str(part('unitCode'));
		const year = int(part('year'));
		if (unitCode !== null && year !== null) return { kind: 'year', unitCode, year };
		return { kind: 'unknown' };
	}
	// A title, never the key unless the key is what people call it (a unit's code).
	const title = titleOf(d, record, '');
	if (title !== '') return { kind: 'title', text: title };
	return d.key === 'code' ? { kind: 'title', text: recordId } : { kind: 'unknown' };
}
