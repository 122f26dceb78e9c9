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

/** How long after the last keystroke a form's draft is written. */
const DRAFT_DELAY_MS = 250;

/**
 * A form's draft writer: `keep` writes the value once typing pauses (also after the form has
 * gone, so a tap away loses no keystroke), `forget` removes the draft (saved or discarded). A
 * draft that cannot be written (storage full) is no reason to stop typing: the form's save says it.
 */
export function draftKeeper(db: AppDatabase, key: string, now: () => number) {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return {
		keep(value: unknown): void {
			clearTimeout(timer);
			timer = setTimeout(
				() => void saveDraft(db, key, value, now()).catch(() => {}),
				DRAFT_DELAY_MS
			);
		},
		async forget(): Promise<void> {
			clearTimeout(timer);
			await clearDraft(db, key).catch(() => {});
		}
	};
}
