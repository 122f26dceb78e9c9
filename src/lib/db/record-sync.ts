/**
 * Whether this device still holds changes of one record that the server has not taken (clerk
 * review 15: a record received by sync said "Đã lưu trên máy" with another device's time, and no
 * record said whether it had reached the server). Read from the outbox: the record's own entries
 * (the [entity+recordId] index) and the import steps that carry it.
 */
import { OUTBOX_STEP, stepRecordIds, type AppDatabase, type Entity } from './database';

/** `sent`: nothing of it waits on this device; `pending`: waits to be sent; `rejected`: refused. */
export type RecordSyncState = 'sent' | 'pending' | 'rejected';

export async function recordSyncState(
	db: AppDatabase,
	entity: Entity,
	recordId: string
): Promise<RecordSyncState> {
	const own = await db.outbox.where('[entity+recordId]').equals([entity, recordId]).toArray();
	if (own.some((e) => e.rejected)) return 'rejected';
	if (own.length > 0) return 'pending';
	const steps = await db.outbox.where('[entity+recordId]').equals([entity, OUTBOX_STEP]).toArray();
	return steps.some((s) => stepRecordIds(s)?.includes(recordId)) ? 'pending' : 'sent';
}
