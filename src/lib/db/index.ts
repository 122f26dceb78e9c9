import { systemClock } from './clock';
import { AppDatabase } from './database';
import { currentDbName } from './demo-flag';

let instance: AppDatabase | null = null;

/**
 * The app's database (one per page), seeded with the built-in units when first created. In demo
 * mode it is the separate demo database (./demo.ts). Tests make their own AppDatabase on
 * fake-indexeddb.
 */
export function getDb(): AppDatabase {
	instance ??= new AppDatabase(currentDbName(), { seedClock: systemClock });
	return instance;
}

/** The database if this page opened it (leaving demo mode closes it before deleting it). */
export function openedDb(): AppDatabase | null {
	return instance;
}
