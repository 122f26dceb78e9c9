/**
 * The demo-mode flag and the database names, without Dexie: the layout's banner and getDb read
 * them on the first screen (first-screen budget: tests/e2e/first-screen.spec.ts). Entering and
 * leaving demo mode is in ./demo.ts.
 */
export const REAL_DB_NAME = 'so-hop-534';
export const DEMO_DB_NAME = 'so-hop-534-demo';
export const DEMO_FLAG_KEY = 'so-hop-534.demo';
/** What the last load put in the demo database (shown once on /settings after the reload). */
export const DEMO_RESULT_KEY = 'so-hop-534.demo-loaded';

/** True while this device is in demo mode. */
export function isDemo(): boolean {
	try {
		return typeof localStorage !== 'undefined' && localStorage.getItem(DEMO_FLAG_KEY) === '1';
	} catch {
		return false;
	}
}

/** The database name the app opens now. */
export function currentDbName(): string {
	return isDemo() ? DEMO_DB_NAME : REAL_DB_NAME;
}
