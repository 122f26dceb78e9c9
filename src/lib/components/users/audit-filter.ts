/**
 * The filter of an audit log page (/users/audit, /province/audit) in its address: `?group=` (a kind
 * of action, `AUDIT_GROUPS`) and `?actor=` (the account that acted), so a filtered log can be linked
 * to and reloaded. Read with the API's own schema: a value the server would refuse is refused here
 * first (null), and the page says so instead of asking.
 */
import { auditFilterSchema, type AuditFilter } from '$lib/domain/audit';

/** The filter an address holds; null when one of its values is not valid. */
export function filterOf(params: URLSearchParams): AuditFilter | null {
	const raw: Record<string, string> = {};
	for (const key of ['group', 'actor'] as const) {
		const v = params.get(key);
		if (v !== null) raw[key] = v;
	}
	const parsed = auditFilterSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

/** The address's query with `filter` in place of its filter (other parameters kept). */
export function withFilter(params: URLSearchParams, filter: AuditFilter): string {
	const next = new URLSearchParams(params);
	next.delete('group');
	next.delete('actor');
	next.delete('cursor');
	if (filter.group) next.set('group', filter.group);
	if (filter.actor) next.set('actor', filter.actor);
	return next.size > 0 ? `?${next}` : '?';
}

/** The key that tells two filters apart (the page reloads the log when it changes). */
export const filterKey = (f: AuditFilter | null): string =>
	f === null ? '!' : `${f.group ?? ''}|${f.actor ?? ''}`;

/** The address's query with the province's chosen commune ('' : every entry), the filter kept. */
export function withCommune(params: URLSearchParams, communeId: string): string {
	const next = new URLSearchParams(params);
	next.delete('cursor');
	if (communeId) next.set('commune', communeId);
	else next.delete('commune');
	return next.size > 0 ? `?${next}` : '?';
}
