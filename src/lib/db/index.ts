import { systemClock } from './clock';
import { AppDatabase } from './database';

let instance: AppDatabase | null = null;

/**
 * The app's database (one per page), seeded with the built-in units when first created. Tests make
 * their own AppDatabase on fake-indexeddb.
 */
export function getDb(): AppDatabase {
	instance ??= new AppDatabase(undefined, { seedClock: systemClock });
	return instance;
}
