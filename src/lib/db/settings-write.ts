import { settingsSchema, type Settings } from '$lib/domain/schemas';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { getSettings } from './settings';
import { writeRecords } from './write';

export async function saveSettings(
	db: AppDatabase,
	patch: Partial<Omit<Settings, 'id'>>,
	clock: Clock
): Promise<Validated<Settings>> {
	const current = await getSettings(db, clock.now());
	const parsed = settingsSchema.safeParse({
		...current,
		...patch,
		id: 'settings',
		updatedAt: clock.now()
	});
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	await writeRecords(db, 'settings', [parsed.data], clock);
	return { ok: true, value: parsed.data };
}
