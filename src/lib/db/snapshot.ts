/** Every record of every register, for exports (live records) and backups (with tombstones). */
import type {
	DocumentRecord,
	Meeting,
	Plan,
	ProcedureMonth,
	Settings,
	Unit
} from '$lib/domain/schemas';
import type { AppDatabase } from './database';

export interface Snapshot {
	units: Unit[];
	plans: Plan[];
	meetings: Meeting[];
	documents: DocumentRecord[];
	procedures: ProcedureMonth[];
	settings: Settings | null;
}

const live = <T extends { deleted: boolean }>(rows: T[], withDeleted: boolean): T[] =>
	withDeleted ? rows : rows.filter((r) => !r.deleted);

/** One consistent read (a single read transaction) of all tables. */
export async function readSnapshot(db: AppDatabase, withDeleted = false): Promise<Snapshot> {
	return db.transaction(
		'r',
		[db.units, db.plans, db.meetings, db.documents, db.procedures, db.settings],
		async () => ({
			units: live(await db.units.orderBy('order').toArray(), withDeleted),
			plans: live(await db.plans.toArray(), withDeleted),
			meetings: live(await db.meetings.toArray(), withDeleted),
			documents: live(await db.documents.toArray(), withDeleted),
			procedures: live(await db.procedures.toArray(), withDeleted),
			settings: (await db.settings.get('settings')) ?? null
		})
	);
}
