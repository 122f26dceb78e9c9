/**
 * Runs `fn` once the browser has painted the current frame: work that the first screen does not
 * need (workbox-window, the meeting-run watcher) starts after the user sees it.
 */
export function afterFirstPaint(fn: () => void): void {
	if (typeof requestAnimationFrame !== 'function') {
		setTimeout(fn, 0);
		return;
	}
	requestAnimationFrame(() => setTimeout(fn, 0));
}

let holds = 0;
let waiting: (() => void)[] = [];

/**
 * A screen whose first view needs reads after the paint (the meetings list) holds the background
 * work of `whenIdle` until they are on screen: call the returned function then (and on leaving;
 * calling it again does nothing). Without a hold, background work starts after the first paint.
 */
export function holdFirstScreen(): () => void {
	holds += 1;
	let released = false;
	return () => {
		if (released) return;
		released = true;
		holds -= 1;
		if (holds > 0) return;
		const run = waiting;
		waiting = [];
		for (const fn of run) fn();
	};
}

/**
 * Runs `fn` after the first paint, once the screen's held reads are shown (at most `timeout` ms
 * later), when the browser is idle: for work no screen waits on (the sync client, the meeting-run
 * watcher, the service worker's registration and precache download). On a slow link and a slow
 * CPU it would otherwise compete with the modules and reads the first screen still needs, and
 * each job runs in a task of its own.
 */
export function whenIdle(fn: () => void, timeout = 3000): void {
	afterFirstPaint(() => {
		let started = false;
		const start = () => {
			if (started) return;
			started = true;
			if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
			else setTimeout(fn, 0);
		};
		if (holds === 0) return start();
		waiting.push(start);
		setTimeout(start, timeout);
	});
}

/**
 * Resolves in a new task, so what follows runs after the browser had a chance to handle input and
 * paint: between the steps of background start-up (a module's evaluation, opening the database,
 * the first query), each of which alone is short, but which would add up to one long task.
 * `scheduler.yield()` where the browser has it (it keeps the task's priority), else a timer.
 */
export function yieldToMain(): Promise<void> {
	const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
	if (typeof s?.yield === 'function') return s.yield();
	return new Promise((resolve) => setTimeout(resolve, 0));
}
