/**
 * Report drafts on the device: a record kind of the registry (`report`), so every write goes
 * through the one write path with its outbox entry and syncs like any other record.
 */
import { z } from 'zod';
import {
	refusesFinalBeforeTargets,
	refusesIssuedBefore,
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
 * Validates and stores a report draft (stamping updatedAt); refuses an invalid one, and a final
 * report issued before its figures' date (`refusesIssuedBefore`) and a final report of a year
 * before Decision 534's targets (`refusesFinalBeforeTargets`): the server's rules too.
 */
export async function saveReport(
	db: AppDatabase,
	draft: ReportDraft,
	clock: Clock
): Promise<ReportDraft> {
	const value = reportDraftSchema.parse({ ...draft, updatedAt: clock.now() });
	const stored = (await db.reports.get(value.id)) ?? null;
	if (refusesIssuedBefore(value, stored))
		throw new z.ZodError([
			{ code: 'custom', path: ['issuedOn'], message: 'err.issuedBeforeAsOf', input: value.issuedOn }
		]);
	if (refusesFinalBeforeTargets(value, stored))
		throw new z.ZodError([
			{ code: 'custom', path: ['status'], message: 'err.finalBeforeTargets', input: value.status }
		]);
	await writeRecords(db, 'report', [value], clock);
	return value;
}
