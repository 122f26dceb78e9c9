import { unitSchema, type Unit } from '$lib/domain/schemas';
import type { Validated } from '$lib/domain/issues';
import type { UnitKind } from '$lib/domain/codes';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';
import { buildRecord, writeIfValid } from './record';
import { unitHasRecords } from './units';

export interface UnitInput {
	code: string;
	name: string;
	kind: UnitKind;
	archived?: boolean;
}

export async function saveUnit(
	db: AppDatabase,
	input: UnitInput,
	clock: Clock,
	isNew: boolean
): Promise<Validated<Unit>> {
	const code = input.code.trim().toUpperCase();
	const existing = await db.units.get(code);
	if (isNew && existing && !existing.deleted)
		return { ok: false, errors: { code: 'err.unitCodeTaken' } };
	const order = existing?.order ?? ((await db.units.orderBy('order').last())?.order ?? -1) + 1;
	const fields = {
		code,
		name: input.name,
		kind: input.kind,
		archived: input.archived ?? existing?.archived ?? false,
		order
	};
	return writeIfValid(db, 'unit', buildRecord(unitSchema, fields, existing, clock.now()), clock);
}

/** Archive or bring back a unit: archived units leave the pickers but keep all their records. */
export async function setUnitArchived(
	db: AppDatabase,
	code: string,
	archived: boolean,
	clock: Clock
): Promise<boolean> {
	const existing = await db.units.get(code);
	if (!existing || existing.deleted || existing.archived === archived) return false;
	await writeRecords(db, 'unit', [{ ...existing, archived, updatedAt: clock.now() }], clock);
	return true;
}

export type DeleteUnitResult = { ok: true } | { ok: false; reason: 'notFound' | 'hasRecords' };

/** Delete (tombstone) a unit that no record names; a unit with records must be archived instead. */
export async function deleteUnit(
	db: AppDatabase,
	code: string,
	clock: Clock
): Promise<DeleteUnitResult> {
	const existing = await db.units.get(code);
	if (!existing || existing.deleted) return { ok: false, reason: 'notFound' };
	if (await unitHasRecords(db, code)) return { ok: false, reason: 'hasRecords' };
	await writeRecords(
		db,
		'unit',
		[{ ...existing, deleted: true, updatedAt: clock.now() }],
		clock,
		'delete'
	);
	return { ok: true };
}
