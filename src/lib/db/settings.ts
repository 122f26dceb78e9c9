import { settingsSchema, type Settings } from '$lib/domain/schemas';
import { defaultSettings } from '$lib/domain/defaults';
import { fieldErrors, type Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { writeRecords } from './write';

export async function getSettings(db: AppDatabase, now: number): Promise<Settings> {
	return (await db.settings.get('settings')) ?? defaultSettings(now);
}

export async function saveSettings(
	db: AppDatabase,
	patch: Partial<Omit<Settings, 'id'>>,
	clock: Clock
): Promise<Validated<Settings>> {
	const current = await getSettings(db, clock.now());
	const parsed = settingsSchema.safeParse({ ...current, ...patch, id: 'settings', updatedAt: clock.now() });
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	await writeRecords(db, 'settings', [parsed.data], clock);
	return { ok: true, value: parsed.data };
}
