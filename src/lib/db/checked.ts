/**
 * Readers that render, count or export records split them with the entity's schema first
 * ($lib/domain/record-check): a record that fails it is left out and reported, never shown raw.
 * The checker (zod) is loaded on first use, so the read modules stay zod-free on the first screen.
 * Call it after the reads of a liveQuery or outside a transaction: awaiting the first load inside
 * an IndexedDB transaction would let the transaction close.
 */
import type { CheckedEntity, InvalidRecord, Partitioned } from '$lib/domain/record-check';

export type { InvalidRecord, Partitioned };

let checker: Promise<typeof import('$lib/domain/record-check')> | undefined;

export const loadChecker = (): Promise<typeof import('$lib/domain/record-check')> =>
	(checker ??= import('$lib/domain/record-check'));

export async function partition<T>(
	entity: CheckedEntity,
	rows: readonly T[]
): Promise<Partitioned<T>> {
	return (await loadChecker()).partitionRecords(entity, rows);
}
