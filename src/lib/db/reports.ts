/**
 * Report drafts on the device: a record kind of the registry (`report`), so every write goes
 * through the one write path with its outbox entry and syncs like any other record.
 */
import { z } from 'zod';
import {
	reportWriteRefusal,
	reportDraftSchema,
	type ReportDraft
} from '$lib/domain/report-document';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

export async function getReport(db: AppDatabase, id: string): Promise<ReportDraft | undefined> {
	const r = await db.reports.get(id);
	return r === undefined || r.deleted ? undefined : r;
}

/**
 * Validates and stores a report draft (stamping updatedAt); refuses an invalid one, and a write the
 * report rules refuse (`reportWriteRefusal`: a final report issued before its figures' date, or of
 * a year before Decision 534's targets), as the server does.
 */
export async function saveReport(
	db: AppDatabase,
	draft: ReportDraft,
	clock: Clock
): Promise<ReportDraft> {
	const value = reportDraftSchema.parse({ ...draft, updatedAt: clock.now() });
	const stored = (await db.reports.get(value.id)) ?? null;
	const refusal = reportWriteRefusal(value, stored);
	if (refusal)
		throw new z.ZodError([
			{ code: 'custom', path: [refusal.path], message: refusal.message, input: value[refusal.path] }
		]);
	await writeRecords(db, 'report', [value], clock);
	return value;
}
