/**
 * The sync machinery (client, engine, zod protocol schemas) loads after the first screen has
 * rendered: the layout and the status badge reach it only through these wrappers, so it stays out
 * of the first screen's bundle (performance budget: bench/bundle.mjs).
 */
import { whenIdle } from './after-paint';

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
	// Let the first screen render (and show its reads) before the sync code is fetched and parsed.
	whenIdle(() => {
		if (!cancelled) begin();
	});
	return () => {
		cancelled = true;
		stop?.();
	};
}

export async function syncNow(): Promise<void> {
	return (await scheduler()).syncNow();
}

export async function retryRefused(): Promise<void> {
	return (await scheduler()).retryRefused();
}
