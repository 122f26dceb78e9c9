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
import type { z } from 'zod';
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

type MonthKey = { unitCode: string; month: string };

/** What a kind says of its store; `monthRegister` makes the form's save and check from it. */
interface MonthStore<F extends string, R extends MonthRow> {
	fields: readonly F[];
	schema: z.ZodType<R>;
	idOf(unitCode: string, month: string): string;
	write(db: AppDatabase, input: MonthKey & Record<F, number>, clock: Clock): Promise<Validated<R>>;
}

/**
 * The save and the check of a register from one mapping of the form's counts to a record's input
 * (an empty field is NaN, which the schema refuses with that field's message): the check is the
 * save's own validation, without the write.
 */
function monthRegister<F extends string, R extends MonthRow>(
	store: MonthStore<F, R>,
	rest: Omit<MonthRegisterKind, 'fields' | 'save' | 'check'>
): MonthRegisterKind {
	const inputOf = (key: MonthKey, counts: Counts) => {
		const input = { ...key } as MonthKey & Record<F, number>;
		for (const f of store.fields) (input as Record<string, unknown>)[f] = counts[f] ?? Number.NaN;
		return input;
	};
	return {
		...rest,
		fields: store.fields,
		save: (db, key, counts, clock) => store.write(db, inputOf(key, counts), clock),
		check: (key, counts) => {
			const id = store.idOf(key.unitCode, key.month);
			const built = buildRecord(store.schema, { ...inputOf(key, counts), id }, undefined, 0);
			return built.ok ? {} : built.errors;
		}
	};
}

const procShares = (c: Counts) =>
	procedureShares({ total: c.total ?? 0, digital: c.digital ?? 0, digitized: c.digitized ?? 0 });

export const PROCEDURES: MonthRegisterKind = monthRegister(
	{
		fields: ['total', 'digital', 'digitized'],
		schema: procedureMonthSchema,
		idOf: procedureId,
		write: saveProcedureMonth
	},
	{
		prefix: 'proc',
		get: getProcedureMonth,
		listYear: listProcedureYearChecked,
		sum: (rows) =>
			sumProcedures(
				rows.map((r) => ({
					total: r.total ?? 0,
					digital: r.digital ?? 0,
					digitized: r.digitized ?? 0
				}))
			),
		share: (field, c) =>
			field === 'digital' || field === 'digitized' ? procShares(c)[field] : null
	}
);

export const INCOMING: MonthRegisterKind = monthRegister(
	{
		fields: ['received', 'electronic'],
		schema: incomingMonthSchema,
		idOf: incomingId,
		write: saveIncomingMonth
	},
	{
		prefix: 'inc',
		get: getIncomingMonth,
		listYear: listIncomingYearChecked,
		sum: (rows) =>
			sumIncoming(rows.map((r) => ({ received: r.received ?? 0, electronic: r.electronic ?? 0 }))),
		share: (field, c) =>
			field === 'electronic'
				? electronicShare({ received: c.received ?? 0, electronic: c.electronic ?? 0 })
				: null
	}
);
