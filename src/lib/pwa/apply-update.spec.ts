import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	applyUpdate,
	RESEND_MS,
	SKIP_WAITING,
	SLOW_MS,
	STOP_ASKING_MS,
	type RegistrationLike,
	type UpdateHost
} from './apply-update';

/** An event target that counts its listeners, to see that nothing is left listening. */
class Counting extends EventTarget {
	readonly #count = new Map<string, number>();
	listeners(type: string): number {
		return this.#count.get(type) ?? 0;
	}
	override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
		this.#count.set(args[0], this.listeners(args[0]) + 1);
		super.addEventListener(...args);
	}
	override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
		this.#count.set(args[0], this.listeners(args[0]) - 1);
		super.removeEventListener(...args);
	}
}

/** A service worker: its state changes fire `statechange`; what it was sent is kept. */
class FakeWorker extends Counting {
	readonly sent: unknown[] = [];
	constructor(public state: string) {
		super();
	}
	postMessage(message: unknown): void {
		this.sent.push(message);
	}
	become(state: string): void {
		this.state = state;
		this.dispatchEvent(new Event('statechange'));
	}
}

function setUp(registration: Partial<RegistrationLike> | undefined) {
	const reg = registration && { installing: null, waiting: null, active: null, ...registration };
	const container = new Counting();
	const host = {
		registration: () => reg,
		container,
		reload: vi.fn(),
		nudge: vi.fn(),
		slow: vi.fn()
	} satisfies UpdateHost;
	let reloaded = false;
	void applyUpdate(host).then(() => (reloaded = true));
	return {
		...host,
		reg: reg as { -readonly [K in keyof RegistrationLike]: RegistrationLike[K] },
		/** Whether the promise resolved, once the microtasks have run. */
		resolved: async () => {
			await Promise.resolve();
			return reloaded;
		}
	};
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('applyUpdate ("Tải lại" accepted)', () => {
	it('asks the waiting worker to take over and reloads once the page’s controller changes, once', async () => {
		const next = new FakeWorker('installed');
		const { container, reload, nudge, resolved } = setUp({
			waiting: next,
			active: new FakeWorker('activated')
		});
		expect(next.sent).toEqual([SKIP_WAITING]);
		expect(reload).not.toHaveBeenCalled();

		next.become('activating');
		container.dispatchEvent(new Event('controllerchange'));
		next.become('activated');
		expect(reload).toHaveBeenCalledTimes(1);
		expect(await resolved()).toBe(true);
		expect(nudge).not.toHaveBeenCalled();
		expect(container.listeners('controllerchange')).toBe(0);
		expect(next.listeners('statechange')).toBe(0);
	});

	it('reloads when the new worker is active even without a controller change (a page it does not control)', async () => {
		const next = new FakeWorker('installed');
		const { reload } = setUp({ waiting: next });
		next.become('activating');
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('while the worker still waits (Chromium forgot the first skipWaiting: the old worker started again), asks again and nudges every RESEND_MS, and reloads when it then activates', async () => {
		const next = new FakeWorker('installed');
		const { reload, nudge, container } = setUp({ waiting: next });
		expect(next.sent).toHaveLength(1);
		expect(nudge).not.toHaveBeenCalled();

		// Nothing came: no controllerchange, no statechange.
		await vi.advanceTimersByTimeAsync(RESEND_MS);
		expect(next.sent).toEqual([SKIP_WAITING, SKIP_WAITING]);
		expect(nudge).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(RESEND_MS);
		expect(next.sent).toHaveLength(3);
		expect(nudge).toHaveBeenCalledTimes(2);
		expect(reload).not.toHaveBeenCalled();

		container.dispatchEvent(new Event('controllerchange'));
		expect(reload).toHaveBeenCalledTimes(1);
		// Nothing more once it is reloading.
		await vi.advanceTimersByTimeAsync(RESEND_MS * 3);
		expect(next.sent).toHaveLength(3);
		expect(nudge).toHaveBeenCalledTimes(2);
	});

	it('nothing waiting any more when pressed (it became active before we listened: another tab, a controller change already past): reloads at once', async () => {
		const { reload, nudge, resolved } = setUp({ active: new FakeWorker('activated') });
		expect(reload).toHaveBeenCalledTimes(1);
		expect(await resolved()).toBe(true);
		expect(nudge).not.toHaveBeenCalled();
	});

	it('the waiting worker replaced by a newer deployment’s: the newer one is asked at once, and its activation reloads', async () => {
		const first = new FakeWorker('installed');
		const { reg, reload } = setUp({ waiting: first });
		const newer = new FakeWorker('installed');
		reg.waiting = newer;
		first.become('redundant');
		expect(reload).not.toHaveBeenCalled();
		expect(newer.sent).toEqual([SKIP_WAITING]);

		newer.become('activated');
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('a newer version still installing, nothing waiting: no reload into the old version, no nudge; it is asked once installed', async () => {
		const installing = new FakeWorker('installing');
		const { reg, reload, nudge } = setUp({ installing, active: new FakeWorker('activated') });
		await vi.advanceTimersByTimeAsync(RESEND_MS);
		expect(reload).not.toHaveBeenCalled();
		expect(nudge).not.toHaveBeenCalled();
		expect(installing.sent).toEqual([]);

		reg.installing = null;
		reg.waiting = installing;
		installing.become('installed');
		expect(installing.sent).toEqual([SKIP_WAITING]);
		installing.become('activated');
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('the new version does not take over: no reload (the old version and the banner would come back), "slow" once after SLOW_MS, no more asking after STOP_ASKING_MS, and still a reload when it finally controls the page', async () => {
		const next = new FakeWorker('installed');
		const { reload, slow, nudge, container, resolved } = setUp({ waiting: next });
		await vi.advanceTimersByTimeAsync(SLOW_MS - 1);
		expect(slow).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(slow).toHaveBeenCalledTimes(1);
		expect(reload).not.toHaveBeenCalled();

		await vi.advanceTimersByTimeAsync(STOP_ASKING_MS - SLOW_MS);
		const [sent, nudged] = [next.sent.length, nudge.mock.calls.length];
		expect(nudged).toBe(Math.floor(STOP_ASKING_MS / RESEND_MS));
		await vi.advanceTimersByTimeAsync(RESEND_MS * 5);
		expect([next.sent.length, nudge.mock.calls.length]).toEqual([sent, nudged]);
		expect(slow).toHaveBeenCalledTimes(1);
		expect(reload).not.toHaveBeenCalled();
		expect(await resolved()).toBe(false);

		container.dispatchEvent(new Event('controllerchange'));
		expect(reload).toHaveBeenCalledTimes(1);
	});

	it('the registration not known yet: waits for it instead of reloading, then asks its waiting worker', async () => {
		const next = new FakeWorker('installed');
		let known: RegistrationLike | undefined = undefined;
		const host = {
			registration: () => known,
			container: new EventTarget(),
			reload: vi.fn(),
			nudge: vi.fn(),
			slow: vi.fn()
		};
		void applyUpdate(host);
		expect(host.reload).not.toHaveBeenCalled();
		known = { installing: null, waiting: next, active: null };
		await vi.advanceTimersByTimeAsync(RESEND_MS);
		expect(next.sent).toEqual([SKIP_WAITING]);
		expect(host.reload).not.toHaveBeenCalled();
	});
});
