/**
 * A rune that holds "now" and refreshes it every `ms` while the component lives. Display only:
 * every figure is computed from stored timestamps and this value, never accumulated per tick.
 */
import type { Clock } from '$lib/db/clock';

export class Ticker {
	#now = $state(0);

	constructor(clock: Pick<Clock, 'now'>, ms = 1000, active: () => boolean = () => true) {
		this.#now = clock.now();
		$effect(() => {
			if (!active()) return;
			this.#now = clock.now();
			const id = setInterval(() => (this.#now = clock.now()), ms);
			const onVisible = () => (this.#now = clock.now());
			document.addEventListener('visibilitychange', onVisible);
			return () => {
				clearInterval(id);
				document.removeEventListener('visibilitychange', onVisible);
			};
		});
	}

	get now(): number {
		return this.#now;
	}
}
