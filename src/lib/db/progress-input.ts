/**
 * Loads the progress engine's input for a date range from Dexie, by index: meetings by `date`,
 * documents by `issuedOn`, procedure and incoming-document months by `month`, plans by `year`.
 * Tombstones are left out,
 * and so are records that fail their schema (older data, a restored backup): they are returned as
 * `skipped` so the report says it left them out, and never reach the engine. Read-only; the zod
 * checker is loaded before the read transaction (./checked).
 */
import type { PeriodMode } from '$lib/domain/codes';
import { monthClosingDay, targetYear, targetYearOfDate, type Period } from '$lib/domain/periods';
import type { ProgressInput } from '$lib/domain/progress';
import type { Settings } from '$lib/domain/schemas';
import type { AppDatabase } from './database';
import { getSettings } from './settings';
import { loadChecker, type InvalidRecord } from './checked';

type Checker = Awaited<ReturnType<typeof loadChecker>>;

/** Local dates 'YYYY-MM-DD', both inclusive. */
export interface DateRange {
	start: string;
	end: string;
}

const live = <T extends { deleted: boolean }>(rows: T[]): T[] => rows.filter((r) => !r.deleted);

/** The engine's input and the records left out of it because they fail their schema. */
export type CheckedInput = ProgressInput & { skipped: InvalidRecord[] };

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
): Promise<CheckedInput> {
	const raw = await readInput(db, range, settings);
	// After the reads: awaiting anything but IndexedDB earlier would lose liveQuery's observation.
	return checkInput(raw, await loadChecker());
}

/** Records that fail their schema leave the input and are listed as skipped. */
function checkInput(raw: ProgressInput, checker: Checker): CheckedInput {
	const skipped: InvalidRecord[] = [];
	const check = <T>(
		entity: Parameters<Checker['partitionRecords']>[0],
		rows: readonly T[]
	): T[] => {
		const { valid, invalid } = checker.partitionRecords(entity, rows);
		skipped.push(...invalid);
		return valid;
	};
	return {
		...raw,
		units: check('unit', raw.units),
		plans: check('plan', raw.plans),
		meetings: check('meeting', raw.meetings),
		documents: check('document', raw.documents),
		procedures: check('procedure', raw.procedures),
		incoming: check('incoming', raw.incoming),
		skipped
	};
}

async function readInput(
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
	/** Records of the year left out of every figure because they fail their schema. */
	skipped: InvalidRecord[];
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
	const read = await db.transaction('r', tables, async () => {
		const settings = await getSettings(db, now);
		const mode = settings.periodMode;
		const period = targetYear(year ?? targetYearOfDate(today, mode), mode);
		const raw = await readInput(db, period, settings);
		return { raw, settings, year: period };
	});
	// Checked after the transaction and the reads (see loadProgressInput).
	const { skipped, ...input } = checkInput(read.raw, await loadChecker());
	return { input, skipped, settings: read.settings, year: read.year };
}
