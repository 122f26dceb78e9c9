/** Incoming-document month writes: one row per unit and month; electronic never above received. */
import { incomingId, incomingMonthSchema, type IncomingMonth } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { buildRecord, writeIfValid } from './record';

export type IncomingInput = Omit<IncomingMonth, 'id' | 'createdAt' | 'updatedAt' | 'deleted'>;

export async function saveIncomingMonth(
	db: AppDatabase,
	input: IncomingInput,
	clock: Clock
): Promise<Validated<IncomingMonth>> {
	const id = incomingId(input.unitCode, input.month);
	const existing = await db.incoming.get(id);
	const built = buildRecord(incomingMonthSchema, { ...input, id }, existing, clock.now());
	return writeIfValid(db, 'incoming', built, clock);
}
