/**
 * The sync machinery (client, engine, zod protocol schemas) loads after the first screen has
 * rendered: the layout and the status badge reach it only through these wrappers, so it stays out
 * of the first screen's bundle (performance budget: bench/bundle.mjs).
 */
type Scheduler = typeof import('./sync-scheduler');

let loading: Promise<Scheduler> | null = null;
const scheduler = (): Promise<Scheduler> => (loading ??= import('./sync-scheduler'));

/** Starts syncing once the module has loaded; the returned function stops it (also if still loading). */
export function startSyncLazily(): () => void {
	let stop: (() => void) | null = null;
	let cancelled = false;
	const begin = () =>
		void scheduler().then((m) => {
			if (!cancelled) stop = m.startSync();
		});
	// Let the first screen render before the sync code is fetched and parsed.
	const idle = window.requestIdleCallback?.(begin, { timeout: 2000 });
	const timer = idle === undefined ? window.setTimeout(begin, 300) : undefined;
	return () => {
		cancelled = true;
		if (idle !== undefined) window.cancelIdleCallback(idle);
		if (timer !== undefined) window.clearTimeout(timer);
		stop?.();
	};
}

export async function syncNow(): Promise<void> {
	return (await scheduler()).syncNow();
}

export async function retryRefused(): Promise<void> {
	return (await scheduler()).retryRefused();
}
