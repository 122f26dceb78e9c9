/**
 * Pull: the records changed after a server sequence cursor that the caller may read, paged: at
 * most `limit` records and MAX_PULL_PAGE_BYTES of them (at least one), `hasMore` when more follow.
 */
import {
	MAX_PULL_PAGE_BYTES,
	PROTOCOL_VERSION,
	type PullRequest,
	type PullResponse
} from '$lib/domain/sync/protocol';
import { can, readScope, type CommuneActor } from '../auth/permissions';
import type { ServerContext } from '../context';

export async function pull(
	ctx: ServerContext,
	user: CommuneActor,
	request: PullRequest
): Promise<PullResponse> {
	const page = await ctx.storage.pullPage(
		user.communeId,
		request.cursor,
		request.limit,
		readScope(user),
		MAX_PULL_PAGE_BYTES
	);
	const changes = page.records
		.filter((r) => can(user, 'read', r.unitCode))
		.map((r) => ({
			seq: r.seq,
			entity: r.entity,
			recordId: r.id,
			record: { ...r.state.data },
			clocks: { ...r.state.clocks },
			deleted: r.deleted
		}));
	const last = page.records.at(-1);
	return {
		version: PROTOCOL_VERSION,
		changes,
		cursor: last ? last.seq : request.cursor,
		hasMore: page.hasMore,
		serverTime: ctx.now()
	};
}
