import { unitSchema, type Unit } from '$lib/domain/schemas';
import { DEFAULT_UNITS } from '$lib/domain/default-units';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { UnitKind } from '$lib/domain/codes';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

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

export interface UnitInput {
	code: string;
	name: string;
	kind: UnitKind;
	archived?: boolean;
}

export async function saveUnit(db: AppDatabase, input: UnitInput, clock: Clock, isNew: boolean): Promise<Validated<Unit>> {
	const code = input.code.trim().toUpperCase();
	const existing = await db.units.get(code);
	if (isNew && existing && !existing.deleted) return { ok: false, errors: { code: 'err.unitCodeTaken' } };
	const now = clock.now();
	const order = existing?.order ?? ((await db.units.orderBy('order').last())?.order ?? -1) + 1;
	const parsed = unitSchema.safeParse({
		code,
		name: input.name,
		kind: input.kind,
		archived: input.archived ?? existing?.archived ?? false,
		order,
		createdAt: existing?.createdAt ?? now,
		updatedAt: now,
		deleted: false
	});
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	await writeRecords(db, 'unit', [parsed.data], clock);
	return { ok: true, value: parsed.data };
}
