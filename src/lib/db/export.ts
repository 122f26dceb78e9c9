/**
 * CSV export of one register from the device. Records that fail their schema are left out of the
 * file (one bad record must not stop everybody's export) and returned, so the screen can say which.
 */
import { ENTITY_OF_KIND, type ImportKind } from '$lib/csv/columns';
import { toCsv } from '$lib/csv/export';
import { nameOf } from '$lib/domain/entities';
import type { AppDatabase } from './database';
import { partition, type InvalidRecord } from './checked';
import { readSnapshot } from './snapshot';

export interface CsvExport {
	text: string;
	/** Live records left out because they fail the schema. */
	skipped: InvalidRecord[];
}

export async function exportCsv(db: AppDatabase, kind: ImportKind): Promise<CsvExport> {
	const snapshot = await readSnapshot(db);
	const { valid, invalid } = await partition(
		nameOf(ENTITY_OF_KIND(kind)),
		snapshot[kind] as object[]
	);
	return { text: toCsv(kind, valid as never), skipped: invalid };
}
