/**
 * What "Tải lại" does once the user accepted: ask the waiting service worker to take over, and
 * reload once the new version controls the page. Loaded with workbox-window after the first paint
 * (pwa/register.svelte.ts), never with the first screen.
 *
 * Chromium activates a worker that called skipWaiting() only once the old worker has no work: it
 * asks the old worker to stop as soon as it is idle (TriggerIdleTerminationAsap), and activates
 * when it has stopped. An event for the old worker while it stops (a request of the page: the old
 * worker still controls it) starts it again, and the restart forgets "as soon as idle": the new
 * worker then waits until the old one idles out by itself, 30 s after its last event, up to
 * 5 minutes for a page that keeps requesting. The e2e saw exactly that (the old worker stopped and
 * started again in the same millisecond; no `controllerchange`, no `activated` within 30 s). A
 * second skipWaiting() does not ask again (Chromium only queues it behind the first), but a
 * navigation in the app's scope does (its request handler calls ActivateWaitingVersionWhenReady):
 * while a worker still waits, `nudge()` makes one every RESEND_MS, and the waiting worker is asked
 * again (a newer deployment's may have replaced it; other browsers may need it).
 *
 * Whatever happens, the page reloads when the new version controls it or is active, however late;
 * after SLOW_MS the caller says why nothing happened yet. Never a reload while a worker still
 * waits: the page would come back on the old version, with the banner again. Nothing waiting any
 * more (the version became active before we listened: another tab, a controller change already
 * past) reloads at once: the active version is the new one.
 */

/** The parts of a ServiceWorker this uses. */
export interface WorkerLike extends EventTarget {
	readonly state: string;
	postMessage(message: unknown): void;
}

/** The parts of a ServiceWorkerRegistration this uses (its attributes are live). */
export interface RegistrationLike {
	readonly installing: WorkerLike | null;
	readonly waiting: WorkerLike | null;
	readonly active: WorkerLike | null;
}

export interface UpdateHost {
	/** The app's registration; undefined while it is not known yet (asked again at the next try). */
	registration(): RegistrationLike | undefined;
	/** navigator.serviceWorker: fires `controllerchange`. */
	container: EventTarget;
	reload(): void;
	/** A navigation in the service worker's scope that shows nothing (a hidden frame). */
	nudge(): void;
	/** The new version is still not in after SLOW_MS (the wait goes on). */
	slow(): void;
}

/** The message the service worker answers with skipWaiting() (src/sw/precache.ts). */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;
/** How often, while a worker still waits, it is asked again and a navigation nudges Chromium. */
export const RESEND_MS = 3_000;
/** When the user is told that the switch takes longer. */
export const SLOW_MS = 10_000;
/** After this, no more asking nor nudging; the page still reloads when the new version comes. */
export const STOP_ASKING_MS = 120_000;

/** Resolves once it has called reload() (only once). */
export function applyUpdate(host: UpdateHost): Promise<void> {
	return new Promise((resolve) => {
		let done = false;
		const watched = new Set<WorkerLike>();

		const reload = (): void => {
			if (done) return;
			done = true;
			clearInterval(resend);
			clearTimeout(slow);
			clearTimeout(stopAsking);
			host.container.removeEventListener('controllerchange', reload);
			for (const worker of watched) worker.removeEventListener('statechange', onStateChange);
			host.reload();
			resolve();
		};
		const onStateChange = (event: Event): void => {
			const state = (event.target as WorkerLike).state;
			if (state === 'activating' || state === 'activated') reload();
			// Installed (a newer one, now waiting) or redundant (replaced): look again at once.
			else step();
		};
		const watch = (worker: WorkerLike): void => {
			if (watched.has(worker)) return;
			watched.add(worker);
			worker.addEventListener('statechange', onStateChange);
		};

		/** Ask whatever waits; true when a worker waits (after the ask). */
		function step(): boolean {
			if (done) return false;
			const registration = host.registration();
			if (!registration) return false;
			const next = registration.waiting;
			if (next) {
				watch(next);
				next.postMessage(SKIP_WAITING);
				return true;
			}
			// A newer version still installing: it waits next, and is asked then.
			if (registration.installing) {
				watch(registration.installing);
				return false;
			}
			// Nothing waits: the new version is the active one already.
			reload();
			return false;
		}

		host.container.addEventListener('controllerchange', reload);
		const resend = setInterval(() => {
			if (step()) host.nudge();
		}, RESEND_MS);
		const slow = setTimeout(() => host.slow(), SLOW_MS);
		const stopAsking = setTimeout(() => clearInterval(resend), STOP_ASKING_MS);
		step();
	});
}

/**
 * The browser's nudge: a navigation in the worker's scope that shows nothing, in a hidden frame
 * removed once loaded. /api/ is not answered by the worker (src/sw/precache.ts) and no response of
 * ours can be framed (frame-ancestors 'none'): only the request matters.
 */
export function nudgeByFrame(): void {
	const frame = document.createElement('iframe');
	frame.hidden = true;
	frame.tabIndex = -1;
	frame.setAttribute('aria-hidden', 'true');
	frame.src = '/api/health';
	const remove = (): void => frame.remove();
	frame.addEventListener('load', remove);
	setTimeout(remove, 10_000);
	document.body.append(frame);
}
