/**
 * The day a stored record is filed under, so the server can read one period's records with an
 * index instead of every record of a commune (the province view, issue 14). It is read from the
 * record's raw data, whatever its schema says: a meeting's `date`, a document's `issuedOn`, a
 * monthly figure's `month` (`YYYY-MM`), a plan's `year` (`YYYY`). Anything else, or a value of
 * another shape, gives null: such a record is read for every period (a null never hides a record).
 *
 * Keys compare as plain strings (byte order): `YYYY` < `YYYY-MM` < `YYYY-MM-DD` of the same year
 * and month, so a window [from, to] of such strings holds every record dated inside it.
 * The migration step `records-day` (server/storage/migrations.ts) fills the key of older rows with
 * the same rules in SQL, on both engines.
 */
import type { SyncEntity } from './sync/protocol';

const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^[0-9]{4}$/;

const match = (value: unknown, shape: RegExp): string | null =>
	typeof value === 'string' && shape.test(value) ? value : null;

export function recordDay(entity: SyncEntity, data: Record<string, unknown>): string | null {
	switch (entity) {
		case 'meeting':
			return match(data.date, DATE);
		case 'document':
			return match(data.issuedOn, DATE);
		case 'procedure':
		case 'incoming':
			return match(data.month, MONTH);
		case 'plan':
			return typeof data.year === 'number' ? match(String(data.year), YEAR) : null;
		default:
			return null;
	}
}

/** A window of record days: `from` and `to` included, compared as strings. */
export interface DayWindow {
	from: string;
	to: string;
}

const shiftMonth = (month: string, by: number): string => {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const index = y * 12 + (m - 1) + by;
	return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * The window that holds every record a period from `start` to `end` (YYYY-MM-DD) may count, with a
 * month of margin on both sides (a monthly figure counts on its month's closing day, which may lie
 * in the month after or before its own; a plan counts by its year). The caller still filters the
 * rows exactly: the window only keeps the rest of the years out.
 */
export function periodWindow(start: string, end: string): DayWindow {
	return { from: shiftMonth(start.slice(0, 7), -1), to: `${shiftMonth(end.slice(0, 7), 1)}-99` };
}
