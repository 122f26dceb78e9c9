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
