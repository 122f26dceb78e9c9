/** Pull: the records changed after a server sequence cursor that the caller may read, paged. */
import { PROTOCOL_VERSION, type PullRequest, type PullResponse } from '$lib/domain/sync/protocol';
import { can, readScope, type CommuneActor } from '../auth/permissions';
import type { ServerContext } from '../context';

export async function pull(
	ctx: ServerContext,
	user: CommuneActor,
	request: PullRequest
): Promise<PullResponse> {
	const rows = await ctx.storage.pullChanges(
		user.communeId,
		request.cursor,
		request.limit + 1,
		readScope(user)
	);
	const hasMore = rows.length > request.limit;
	const page = rows.slice(0, request.limit);
	const changes = page
		.filter((r) => can(user, 'read', r.unitCode))
		.map((r) => ({
			seq: r.seq,
			entity: r.entity,
			recordId: r.id,
			record: { ...r.state.data },
			clocks: { ...r.state.clocks },
			deleted: r.deleted
		}));
	const last = page.at(-1);
	return {
		version: PROTOCOL_VERSION,
		changes,
		cursor: last ? last.seq : request.cursor,
		hasMore,
		serverTime: ctx.now()
	};
}
