/**
 * Loads the progress engine's input for a date range from Dexie, by index: meetings by `date`,
 * documents by `issuedOn`, procedure and incoming-document months by `month`, plans by `year`. Tombstones are left out.
 * Read-only and zod-free (the dashboard's bundle stays light).
 */
import type { PeriodMode } from '$lib/domain/codes';
import { monthClosingDay, targetYear, targetYearOfDate, type Period } from '$lib/domain/periods';
import type { ProgressInput } from '$lib/domain/progress';
import type { Settings } from '$lib/domain/schemas';
import type { AppDatabase } from './database';
import { getSettings } from './settings';

/** Local dates 'YYYY-MM-DD', both inclusive. */
export interface DateRange {
	start: string;
	end: string;
}

const live = <T extends { deleted: boolean }>(rows: T[]): T[] => rows.filter((r) => !r.deleted);

/**
 * Everything the engine needs for records dated in `range`: a procedure or incoming month counts
 * when its
 * closing day (the 14th in Decree-09 mode, the month's last day otherwise) lies in the range, so
 * the Decree-09 month 2026-12 (closing 14/12/2026) belongs to a range ending 14/12/2026 and the
 * month 2025-12 (closing 14/12/2025) does not belong to one starting 15/12/2025.
 */
export async function loadProgressInput(
	db: AppDatabase,
	range: DateRange,
	settings: Pick<Settings, 'limits' | 'periodMode'>
): Promise<ProgressInput> {
	const mode: PeriodMode = settings.periodMode;
	const fromYear = targetYearOfDate(range.start, mode);
	const toYear = targetYearOfDate(range.end, mode);
	const inRange = (d: string): boolean => d >= range.start && d <= range.end;
	// Index reads are toArray() (a single getAll); the tombstone filter runs in JS, which is
	// much faster than a Dexie filter() cursor over tens of thousands of rows.
	const fromMonth = range.start.slice(0, 7);
	const toMonth = range.end.slice(0, 7);
	const [units, plans, meetings, documents, procedures, incoming] = await Promise.all([
		db.units.toArray(),
		db.plans.where('year').between(fromYear, toYear, true, true).toArray(),
		db.meetings.where('date').between(range.start, range.end, true, true).toArray(),
		db.documents.where('issuedOn').between(range.start, range.end, true, true).toArray(),
		db.procedures.where('month').between(fromMonth, toMonth, true, true).toArray(),
		db.incoming.where('month').between(fromMonth, toMonth, true, true).toArray()
	]);
	const inMonths = <T extends { month: string; deleted: boolean }>(rows: T[]): T[] =>
		rows.filter((p) => !p.deleted && inRange(monthClosingDay(p.month, mode)));
	return {
		units: live(units),
		plans: live(plans),
		meetings: live(meetings),
		documents: live(documents),
		procedures: inMonths(procedures),
		incoming: inMonths(incoming),
		limits: settings.limits,
		periodMode: mode
	};
}

export interface YearInput {
	input: ProgressInput;
	settings: Settings;
	/** The target year loaded. */
	year: Period;
}

/**
 * A whole target year (Decree-09 15/12/(Y-1)..14/12/Y or calendar) with the device's settings.
 * `year` null means the target year that holds `today`. Every report and series inside that
 * year can be computed from this one load.
 */
export async function loadYearInput(
	db: AppDatabase,
	year: number | null,
	today: string,
	now: number
): Promise<YearInput> {
	// One read-only transaction for the settings and every table the year needs. Being explicit,
	// it also skips Dexie's liveQuery result cache, which would deep-clone every row on each read
	// (liveQuery still observes the ranges read, so the dashboard stays live).
	const tables = [
		db.settings,
		db.units,
		db.plans,
		db.meetings,
		db.documents,
		db.procedures,
		db.incoming
	];
	return db.transaction('r', tables, async () => {
		const settings = await getSettings(db, now);
		const mode = settings.periodMode;
		const period = targetYear(year ?? targetYearOfDate(today, mode), mode);
		const input = await loadProgressInput(db, period, settings);
		return { input, settings, year: period };
	});
}
