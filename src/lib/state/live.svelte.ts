/**
 * The one bridge from Dexie liveQuery to Svelte 5 runes. Components never subscribe to liveQuery
 * themselves: they create a Live in their script and read `.current`, `.isLoading`, `.error`.
 * `deps` is read synchronously inside the effect, so the query re-runs when those runes change.
 * Dexie itself is loaded after the first paint, so a screen's first paint does not wait for it.
 */
import { afterFirstPaint, yieldToMain } from './after-paint';

let dexie: Promise<typeof import('dexie')> | null = null;
// Dexie's module evaluation and the first query (which opens the database) run in separate tasks:
// together they were one long task right after the first paint (Lighthouse, docs/PERFORMANCE.md).
export const loadDexie = (): Promise<typeof import('dexie')> =>
	(dexie ??= new Promise<void>((resolve) => afterFirstPaint(resolve))
		.then(() => import('dexie'))
		.then(async (m) => {
			await yieldToMain();
			return m;
		}));

export class Live<T, D = undefined> {
	// Raw: query results are snapshots, replaced whole on every change; deep proxies would only
	// slow reads of large arrays (the progress engine was ~10x slower over proxied records).
	#current = $state.raw<T | undefined>(undefined);
	#isLoading = $state(true);
	#error = $state<unknown>(null);

	constructor(query: (deps: D) => Promise<T> | T, deps: () => D = () => undefined as D) {
		$effect(() => {
			const d = deps();
			this.#isLoading = true;
			let sub: { unsubscribe(): void } | null = null;
			let stopped = false;
			void loadDexie().then(({ liveQuery }) => {
				if (stopped) return;
				sub = liveQuery(() => query(d)).subscribe({
					next: (value) => {
						this.#current = value;
						this.#isLoading = false;
						this.#error = null;
					},
					error: (err: unknown) => {
						this.#error = err;
						this.#isLoading = false;
					}
				});
			});
			return () => {
				stopped = true;
				sub?.unsubscribe();
			};
		});
	}

	get current(): T | undefined {
		return this.#current;
	}
	get isLoading(): boolean {
		return this.#isLoading;
	}
	get error(): unknown {
		return this.#error;
	}
}
