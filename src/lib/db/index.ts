import { AppDatabase } from './database';

let instance: AppDatabase | null = null;

/** The app's database (one per page). Tests make their own AppDatabase on fake-indexeddb. */
export function getDb(): AppDatabase {
	instance ??= new AppDatabase();
	return instance;
}
