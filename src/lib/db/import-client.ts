/**
 * The page's side of the import worker (./import.worker.ts): the files go to the worker, which
 * parses, checks and writes them; the page gets the progress, the plan's summary and the result,
 * and keeps the main thread free for the screen. One worker per screen, started on the first file.
 */
import type { Lang } from '$lib/i18n/translate';
import { currentDbName } from './demo-flag';
import type { Answer, FromWorker, PlanSummary, ToWorker } from './import-worker-core';

export type { FileSummary, PlanSummary } from './import-worker-core';

type Progress = (done: number, total: number) => void;

/** A file to import: one the user chose, or a text the app holds (the demo loader's sample). */
export type ImportSource = File | { name: string; text: string };

/** How a stopped write ended: rolled back, or already committed when the stop arrived. */
export type WriteOutcome = { stopped: true } | { stopped: false; written: number };

export class ImportWorkerClient {
	#worker: Worker | null = null;
	#waiting: ((m: Answer) => void) | null = null;
	#onProgress: Progress | null = null;
	/** The id of the question waiting for its answer (older answers are dropped). */
	#id = 0;

	#start(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
			type: 'module',
			name: 'import'
		});
		worker.onmessage = (e: MessageEvent<FromWorker>) => {
			const m = e.data;
			if (m.id !== this.#id) return;
			if (m.type === 'progress') this.#onProgress?.(m.done, m.total);
			else this.#settle(m);
		};
		worker.onerror = (e) => {
			e.preventDefault();
			this.#settle({ type: 'failed', message: e.message || 'worker error' });
			this.close();
		};
		this.#worker = worker;
		return worker;
	}

	#settle(m: Answer): void {
		const waiting = this.#waiting;
		this.#waiting = null;
		this.#onProgress = null;
		waiting?.(m);
	}

	#ask(
		message: (id: number) => Exclude<ToWorker, { type: 'stop' }>,
		onProgress: Progress
	): Promise<Answer> {
		const worker = this.#start();
		// A newer question replaces the one waiting (its answer is no longer wanted).
		this.#settle({ type: 'stopped' });
		const id = ++this.#id;
		return new Promise((resolve) => {
			this.#waiting = resolve;
			this.#onProgress = onProgress;
			worker.postMessage(message(id));
		});
	}

	/**
	 * Parses and checks the files against the stored data of the app's database (or `dbName`: the
	 * demo loader fills the demo database before the device switches to it); writes nothing.
	 */
	async check(
		files: readonly ImportSource[],
		lang: Lang,
		onProgress: Progress,
		dbName: string = currentDbName()
	): Promise<PlanSummary> {
		const m = await this.#ask(
			(id) => ({
				type: 'check',
				id,
				dbName,
				lang,
				files: files.map((f) =>
					f instanceof Blob ? { name: f.name, file: f } : { name: f.name, text: f.text }
				)
			}),
			onProgress
		);
		if (m.type === 'checked') return m.plan;
		if (m.type === 'stopped') throw new DOMException('stopped', 'AbortError');
		throw new Error(m.type === 'failed' ? m.message : `unexpected ${m.type}`);
	}

	/** Writes the checked plan in one transaction (all or nothing); resolves when it is on disk. */
	async write(onProgress: Progress): Promise<WriteOutcome> {
		const m = await this.#ask((id) => ({ type: 'commit', id }), onProgress);
		if (m.type === 'committed') return { stopped: false, written: m.written };
		if (m.type === 'stopped') return { stopped: true };
		throw new Error(m.type === 'failed' ? m.message : `unexpected ${m.type}`);
	}

	/**
	 * Stops what the worker does. A write is rolled back and `write()` then resolves `stopped` (or
	 * with the count, when it was already committed); a check simply ends.
	 */
	stop(): void {
		this.#worker?.postMessage({ type: 'stop' } satisfies ToWorker);
	}

	/** Ends the worker (the screen is left); a write still running is rolled back with it. */
	close(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#settle({ type: 'stopped' });
	}
}
