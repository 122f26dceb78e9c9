/**
 * What a spec reads back from the server's store: every record changed after a cursor, through the
 * same paged read the pull endpoint uses (`Storage.pullPage`), page after page until none follows.
 */
import { MAX_PULL_PAGE_BYTES } from '$lib/domain/sync/protocol';
import type { ReadScope, Storage, StoredRecord } from '$lib/server/storage/types';

/**
 * The records of `communeId` changed after `cursor` that `scope` may read, oldest first, however
 * many (pages of `pageSize` records and MAX_PULL_PAGE_BYTES, as the endpoint reads them).
 */
export async function pullAll(
	storage: Pick<Storage, 'pullPage'>,
	communeId: string,
	{
		cursor = 0,
		scope = { all: true },
		pageSize = 1000
	}: { cursor?: number; scope?: ReadScope; pageSize?: number } = {}
): Promise<StoredRecord[]> {
	const out: StoredRecord[] = [];
	for (;;) {
		const page = await storage.pullPage(communeId, cursor, pageSize, scope, MAX_PULL_PAGE_BYTES);
		out.push(...page.records);
		if (!page.hasMore) return out;
		cursor = page.records.at(-1)!.seq;
	}
}
