/**
 * Report drafts on the device. Reads are plain; every write is validated with the domain schema
 * and goes through the one write path.
 */
import { reportDraftSchema, type ReportDraft } from '$lib/domain/report-document';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { loadDraft, saveDraft } from './drafts';

const key = (id: string): string => `report:${id}`;

export async function getReport(db: AppDatabase, id: string): Promise<ReportDraft | undefined> {
	return loadDraft<ReportDraft>(db, key(id));
}

/** Validates and stores a report draft (stamping updatedAt); refuses an invalid one. */
export async function saveReport(
	db: AppDatabase,
	draft: ReportDraft,
	clock: Clock
): Promise<ReportDraft> {
	const value = reportDraftSchema.parse({ ...draft, updatedAt: clock.now() });
	await saveDraft(db, key(value.id), value, value.updatedAt);
	return value;
}
