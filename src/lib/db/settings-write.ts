import { settingsSchema, type Settings, type YearPlan } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import { mirrorOf } from '$lib/domain/commune-plans';
import { toLocalDate } from '$lib/domain/time';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { getSettings } from './settings';
import { writeRecords } from './write';

type Plain = Partial<Omit<Settings, 'id' | 'updatedAt' | 'plans' | 'planNumber' | 'planDate'>>;
/**
 * What a save changes. With `plans`, the older apps' single plan (`planNumber`, `planDate`) is not
 * given: it is derived from the checked list (`mirrorOf`), so it can neither disagree with it nor
 * fail a check of its own. Without `plans`, the old fields may be set as an older app would.
 */
export type SettingsPatch = Plain &
	(
		| { plans: YearPlan[]; planNumber?: never; planDate?: never }
		| { plans?: undefined; planNumber?: string; planDate?: string | null }
	);

export async function saveSettings(
	db: AppDatabase,
	patch: SettingsPatch,
	clock: Clock
): Promise<Validated<Settings>> {
	const current = await getSettings(db, clock.now());
	const derived = patch.plans !== undefined;
	const parsed = settingsSchema.safeParse({
		...current,
		...patch,
		// Replaced below by the mirror of the checked plans.
		...(derived ? { planNumber: '', planDate: null } : {}),
		id: 'settings',
		updatedAt: clock.now()
	});
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	const record = derived
		? { ...parsed.data, ...mirrorOf(parsed.data.plans, toLocalDate(clock.now())) }
		: parsed.data;
	await writeRecords(db, 'settings', [record], clock);
	return { ok: true, value: record };
}
