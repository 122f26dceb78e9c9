import type { Unit } from '$lib/domain/schemas';
import { DEFAULT_UNITS } from '$lib/domain/default-units';
import type { AppDatabase } from './database';
import type { Clock } from './clock';

/** Units in display order; archived ones only when asked. */
export async function listUnits(db: AppDatabase, includeArchived = false): Promise<Unit[]> {
	const all = await db.units.orderBy('order').toArray();
	return all.filter((u) => !u.deleted && (includeArchived || !u.archived));
}

/** A fresh device starts with the built-in unit list (the sample commune's units). */
export async function ensureDefaultUnits(db: AppDatabase, clock: Clock): Promise<void> {
	if ((await db.units.count()) > 0) return;
	const now = clock.now();
	const units: Unit[] = DEFAULT_UNITS.map((u, i) => ({ ...u, archived: false, order: i, createdAt: now, updatedAt: now, deleted: false }));
	await db.transaction('rw', db.units, async () => {
		if ((await db.units.count()) === 0) await db.units.bulkAdd(units);
	});
}

