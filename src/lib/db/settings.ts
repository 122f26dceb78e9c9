import type { Settings } from '$lib/domain/schemas';
import { defaultSettings } from '$lib/domain/defaults';
import type { AppDatabase } from './database';

/**
 * The commune's settings, or the defaults before any are stored. A record stored before a field
 * was added reads with that field's default (the plan reference, the plans by year: not entered).
 */
export async function getSettings(db: AppDatabase, now: number): Promise<Settings> {
	const s = await db.settings.get('settings');
	if (s === undefined) return defaultSettings(now);
	return {
		...s,
		planNumber: s.planNumber ?? '',
		planDate: s.planDate ?? null,
		plans: s.plans ?? []
	};
}
