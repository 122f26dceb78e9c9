/** Pages of the audit log for `GET /api/audit` and `GET /api/province/audit`: newest first. */
import { AUDIT_GROUPS, type AuditEntry, type AuditGroup, type AuditPage } from '$lib/domain/audit';
import type { ServerContext } from '../context';
import type { AuditRow } from '../storage/types';

const out = (r: AuditRow): AuditEntry => ({
	id: String(r.id),
	at: r.at,
	communeId: r.communeId,
	actorId: r.actorId,
	actorUsername: r.actorUsername,
	action: r.action,
	targetId: r.targetId,
	targetName: r.targetName,
	detail: r.detail as Record<string, unknown>
});

/**
 * One page: `communeId` a commune's entries, null the province's own, undefined all. `cursor` is
 * the `next` of the page before (the id of its last, oldest entry). `group` and `actor` narrow the
 * page within that scope only: a commune admin naming another commune's account reads nothing of
 * it (the scope is the session's, `actor` only one more condition).
 */
export async function auditPage(
	ctx: ServerContext,
	communeId: string | null | undefined,
	query: { cursor?: string; limit: number; group?: AuditGroup; actor?: string }
): Promise<AuditPage> {
	const rows = await ctx.storage.listAudit({
		communeId,
		...(query.group !== undefined ? { actions: AUDIT_GROUPS[query.group] } : {}),
		...(query.actor !== undefined ? { actorId: query.actor } : {}),
		before: query.cursor === undefined ? undefined : Number(query.cursor),
		limit: query.limit + 1
	});
	const page = rows.slice(0, query.limit);
	return {
		entries: page.map(out),
		next: rows.length > query.limit ? String(page.at(-1)!.id) : null
	};
}
