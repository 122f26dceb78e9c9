/**
 * The two monthly registers (administrative procedures, incoming documents) described once: their
 * figures, reads, write and shares. MonthRegister.svelte draws either from its description.
 */
import type { AppDatabase } from '$lib/db/database';
import type { Clock } from '$lib/db/clock';
import type { InvalidRecord } from '$lib/db/checked';
import { getIncomingMonth, listIncomingYearChecked } from '$lib/db/incoming';
import { saveIncomingMonth } from '$lib/db/incoming-write';
import { getProcedureMonth, listProcedureYearChecked } from '$lib/db/procedures';
import { saveProcedureMonth } from '$lib/db/procedures-write';
import type { FieldErrors, Validated } from '$lib/domain/issues';
import {
	incomingId,
	incomingMonthSchema,
	procedureId,
	procedureMonthSchema
} from '$lib/domain/schemas';
import { buildRecord } from '$lib/db/record';
import { electronicShare, sumIncoming } from '$lib/domain/incoming';
import { procedureShares, sumProcedures } from '$lib/domain/procedures';

/** A stored month of either register: its key parts and its counts. */
export type MonthRow = { id: string; unitCode: string; month: string } & Record<string, unknown>;
export type Counts = Record<string, number>;

export interface MonthRegisterKind {
	/** i18n key prefix (`proc.title`, `inc.saved`…) and element id prefix. */
	prefix: 'proc' | 'inc';
	/** The counts entered each month, in form and table order. */
	fields: readonly string[];
	get(db: AppDatabase, unitCode: string, month: string): Promise<MonthRow | undefined>;
	listYear(
		db: AppDatabase,
		unitCode: string,
		year: number
	): Promise<{ months: MonthRow[]; invalid: InvalidRecord[] }>;
	save(
		db: AppDatabase,
		key: { unitCode: string; month: string },
		counts: Counts,
		clock: Clock
	): Promise<Validated<MonthRow>>;
	/** The check a save makes, without writing: field -> message key. */
	check(key: { unitCode: string; month: string }, counts: Counts): FieldErrors;
	/** The sums of a year's months (ratios of sums, never averages of ratios). */
	sum(rows: Counts[]): Counts;
	/** A field's share of the month's whole, as a percent text, or null when it has none. */
	share(field: string, counts: Counts): string | null;
}

const errorsOf = (r: Validated<unknown>): FieldErrors => (r.ok ? {} : r.errors);

const procShares = (c: Counts) =>
	procedureShares({ total: c.total ?? 0, digital: c.digital ?? 0, digitized: c.digitized ?? 0 });

export const PROCEDURES: MonthRegisterKind = {
	prefix: 'proc',
	fields: ['total', 'digital', 'digitized'],
	get: getProcedureMonth,
	listYear: listProcedureYearChecked,
	save: (db, key, input, clock) =>
		saveProcedureMonth(
			db,
			{
				...key,
				total: input.total ?? Number.NaN,
				digital: input.digital ?? Number.NaN,
				digitized: input.digitized ?? Number.NaN
			},
			clock
		),
	check: (key, input) =>
		errorsOf(
			buildRecord(
				procedureMonthSchema,
				{
					...key,
					id: procedureId(key.unitCode, key.month),
					total: input.total ?? Number.NaN,
					digital: input.digital ?? Number.NaN,
					digitized: input.digitized ?? Number.NaN
				},
				undefined,
				0
			)
		),
	sum: (rows) =>
		sumProcedures(
			rows.map((r) => ({
				total: r.total ?? 0,
				digital: r.digital ?? 0,
				digitized: r.digitized ?? 0
			}))
		),
	share: (field, c) => (field === 'digital' || field === 'digitized' ? procShares(c)[field] : null)
};

export const INCOMING: MonthRegisterKind = {
	prefix: 'inc',
	fields: ['received', 'electronic'],
	get: getIncomingMonth,
	listYear: listIncomingYearChecked,
	save: (db, key, input, clock) =>
		saveIncomingMonth(
			db,
			{
				...key,
				received: input.received ?? Number.NaN,
				electronic: input.electronic ?? Number.NaN
			},
			clock
		),
	check: (key, input) =>
		errorsOf(
			buildRecord(
				incomingMonthSchema,
				{
					...key,
					id: incomingId(key.unitCode, key.month),
					received: input.received ?? Number.NaN,
					electronic: input.electronic ?? Number.NaN
				},
				undefined,
				0
			)
		),
	sum: (rows) =>
		sumIncoming(rows.map((r) => ({ received: r.received ?? 0, electronic: r.electronic ?? 0 }))),
	share: (field, c) =>
		field === 'electronic'
			? electronicShare({ received: c.received ?? 0, electronic: c.electronic ?? 0 })
			: null
};
