/**
 * A cap on concurrent password hashes (scrypt holds ~32 MiB and a libuv thread for ~50 ms each), so a
 * flood of sign-ins queues instead of exhausting memory and the thread pool. Per process: it limits a
 * resource, it is not state to share. A full queue refuses at once (the caller answers 429).
 */
/** How long a caller refused for a full queue is told to wait (`Retry-After`). */
export const BUSY_RETRY_SECONDS = 5;

export class HashBusyError extends Error {
	constructor() {
		super('too many password checks in progress');
	}
}

export class HashLimiter {
	#running = 0;
	readonly #waiting: (() => void)[] = [];

	constructor(
		readonly maxConcurrent = 2,
		readonly maxQueued = 32
	) {}

	get running(): number {
		return this.#running;
	}

	async run<T>(fn: () => Promise<T>): Promise<T> {
		if (this.#running >= this.maxConcurrent) {
			if (this.#waiting.length >= this.maxQueued) throw new HashBusyError();
			await new Promise<void>((resolve) => this.#waiting.push(resolve));
		} else this.#running++;
		try {
			return await fn();
		} finally {
			const next = this.#waiting.shift();
			// Hand the slot straight to the next waiter; otherwise free it.
			if (next) next();
			else this.#running--;
		}
	}
}
