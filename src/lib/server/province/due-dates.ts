/**
 * Report due dates: the province admin sets one per period kind and year on /province (stored,
 * `Storage.setReportDue`, logged in the same transaction); where none is set, the server settings'
 * `REPORT_DUE_*` day is the default, and with neither no report is called late or overdue.
 */
import { dueDateUpdateSchema, type DueDateAnswer, type DueDateUpdate } from '$lib/domain/province';
import { auditEntry, type AuditActor } from '../audit/entries';
import { canProvince } from '../auth/permissions';
import type { Refusal } from '../auth/users';
import type { ServerContext } from '../context';
import { readJson } from '../http/body';
import { handle, json } from '../http/errors';
import { fail, parseFields, type ApiEvent } from '../http/handlers';
import { requireProvince } from './handlers';
import { dueOf } from './summary';

export type SetDueOutcome = { ok: true; due: DueDateAnswer } | Refusal;

/**
 * The province admin sets (or clears, `dueDate: null`) a period's due date. The entry is made
 * from the row the storage's transaction reads, and none when nothing changes.
 */
export async function setDueDate(
	ctx: ServerContext,
	actor: AuditActor,
	input: DueDateUpdate
): Promise<SetDueOutcome> {
	if (!canProvince(actor, 'province.manage')) return { ok: false, code: 'forbidden' };
	const { kind, year, dueDate } = input;
	await ctx.storage.setReportDue(
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
	return { ok: true, due: await dueOf(ctx, kind, year) };
}

/**
 * `PUT /api/province/due-date` {kind, year, dueDate: 'YYYY-MM-DD' | null}: the province admin only
 * (403 `forbidden` for every other account); 400 `invalid_request` with field codes (`dueDate`:
 * `format`, `before_close`, `too_far`). Answers the period's due date as /province now reads it.
 */
export const putDueDate = (ctx: ServerContext, e: ApiEvent): Promise<Response> =>
	handle(async () => {
		const actor = requireProvince(e.user, 'province.manage');
		const input = parseFields(dueDateUpdateSchema, await readJson(e.request));
		const outcome = await setDueDate(ctx, actor, input);
		if (!outcome.ok) fail(outcome);
		return json({ due: outcome.due });
	});
