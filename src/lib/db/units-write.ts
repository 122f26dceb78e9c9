import { unitSchema, type Unit } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { UnitKind } from '$lib/domain/codes';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

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
