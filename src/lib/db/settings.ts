import type { Settings } from '$lib/domain/schemas';
import { defaultSettings } from '$lib/domain/defaults';
import type { AppDatabase } from './database';

export async function getSettings(db: AppDatabase, now: number): Promise<Settings> {
	return (await db.settings.get('settings')) ?? defaultSettings(now);
}
