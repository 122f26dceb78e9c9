/**
 * Demo mode: the sample commune lives in its own IndexedDB database, never in the one that syncs.
 * The flag is a per-device preference read once when the page opens (getDb picks the database by
 * it); entering or leaving reloads the page so no screen keeps a handle on the other database.
 * The sync scheduler never runs while the flag is set.
 */
import Dexie from 'dexie';
import type { Lang } from '$lib/i18n/translate';
import type { Clock } from './clock';
import { AppDatabase } from './database';

export { DEMO_DB_NAME, DEMO_RESULT_KEY, isDemo } from './demo-flag';
import { DEMO_DB_NAME, DEMO_FLAG_KEY, DEMO_RESULT_KEY } from './demo-flag';

/**
 * Fill a fresh demo database with the sample files and switch the device to demo mode. The real
 * database is not opened. Returns the import's counts; the caller reloads the page.
 *
 * The files go through the import worker, the path of /import (`commitImport`, steps of 1,000,
 * the aggregates): parse, check and write never hold the page's main thread. `clock` stamps the
 * built-in units the new database starts with.
 */
export async function enterDemo(
	files: { name: string; text: string }[],
	clock: Clock,
	lang: Lang = 'vi'
): Promise<{ added: number; updated: number }> {
	await Dexie.delete(DEMO_DB_NAME);
	const db = new AppDatabase(DEMO_DB_NAME, { seedClock: clock });
	const { ImportWorkerClient } = await import('./import-client');
	const worker = new ImportWorkerClient();
	try {
		// Created here (with its built-in units) before the worker opens it.
		await db.open();
		const idle = () => {};
		const plan = await worker.check(files, lang, idle, DEMO_DB_NAME);
		const written = await worker.write(idle);
		if (written.stopped) throw new Error('stopped');
		// The sample is never to be sent: no outbox entries, so nothing shows as "unsent" either.
		await db.outbox.clear();
		localStorage.setItem(DEMO_FLAG_KEY, '1');
		return { added: plan.added, updated: plan.updated };
	} finally {
		worker.close();
		db.close();
	}
}

/** Leave demo mode: the demo database is deleted; the real one was never touched. */
export async function leaveDemo(openDemoDb: AppDatabase | null): Promise<void> {
	openDemoDb?.close();
	localStorage.removeItem(DEMO_FLAG_KEY);
	sessionStorage.removeItem(DEMO_RESULT_KEY);
	await Dexie.delete(DEMO_DB_NAME);
}
