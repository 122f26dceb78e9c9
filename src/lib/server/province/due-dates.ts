/**
 * Report due dates: the province admin sets one per period kind and year on /province (stored,
 * `Storage.setReportDue`, logged in the same transaction); where none is set, the server settings'
 * `REPORT_DUE_*` day is the default, and with neither no report is called late or overdue.
 */
import type { DueDateAnswer, DueDateUpdate } from '$lib/domain/province';
import { auditEntry, type AuditActor } from '../audit/entries';
import { canProvince } from '../auth/permissions';
import type { Refusal } from '../auth/users';
import type { ServerContext } from '../context';
import { DEFAULT_DUE, dueAnswer, withSetterName } from './summary';

export type SetDueOutcome = { ok: true; due: DueDateAnswer } | Refusal;

/**
 * The province admin sets (or clears, `dueDate: null`) a period's due date. The entry is made
 * from the row the storage's transaction reads, and none when nothing changes. Answers the
 * period's due date as /province reads it, from the row that transaction left.
 */
export async function setDueDate(
	ctx: ServerContext,
	actor: AuditActor,
	input: DueDateUpdate
): Promise<SetDueOutcome> {
	if (!canProvince(actor, 'province.manage')) return { ok: false, code: 'forbidden' };
	const { kind, year, dueDate } = input;
	const set = await ctx.storage.setReportDue(
		kind,
		year,
		dueDate === null ? null : { dueDate, setAt: ctx.now(), setBy: actor.username },
		(before) => [
			auditEntry(
				ctx,
				actor,
				null,
				'report_due.changed',
				{ id: `${kind}:${year}`, name: null },
				{ kind, year, from: before?.dueDate ?? null, to: dueDate }
			)
		]
	);
	return {
		ok: true,
		due: await withSetterName(ctx, dueAnswer(kind, year, set, ctx.dueDates ?? DEFAULT_DUE))
	};
}
