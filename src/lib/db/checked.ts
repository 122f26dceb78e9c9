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

// zod's own evaluation and the building of the app's schemas run in two tasks (a timer between
// them): together they were one long task on the first screen (Lighthouse, docs/PERFORMANCE.md).
export const loadChecker = (): Promise<typeof import('$lib/domain/record-check')> =>
	(checker ??= import('zod')
		.then(() => new Promise((resolve) => setTimeout(resolve, 0)))
		.then(() => import('$lib/domain/record-check')));

export async function partition<T>(
	entity: CheckedEntity,
	rows: readonly T[]
): Promise<Partitioned<T>> {
	// Nothing to check: an empty list never loads the checker (zod and every schema).
	if (rows.length === 0) return { valid: [], invalid: [] };
	return (await loadChecker()).partitionRecords(entity, rows);
}
