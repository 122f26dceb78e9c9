/** Unsaved forms, kept on the device so a reload or an app update never loses what was typed. */
import type { AppDatabase } from './database';

export async function loadDraft<T>(db: AppDatabase, key: string): Promise<T | undefined> {
	const d = await db.drafts.get(key);
	return d?.value as T | undefined;
}

export async function saveDraft(
	db: AppDatabase,
	key: string,
	value: unknown,
	now: number
): Promise<void> {
	await db.drafts.put({ key, value: JSON.parse(JSON.stringify(value)) as unknown, updatedAt: now });
}

export async function clearDraft(db: AppDatabase, key: string): Promise<void> {
	await db.drafts.delete(key);
}
