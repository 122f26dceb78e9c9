/**
 * The import's module worker (Vite: `new Worker(new URL('./import.worker.ts', import.meta.url),
 * { type: 'module' })` in ./import-client.ts, a chunk of its own that only /import loads; the
 * service worker precaches it with the rest of the client). Parse, check and write: see
 * ./import-worker-core.ts.
 */
import { systemClock } from './clock';
import { importWorker, type FromWorker, type ToWorker } from './import-worker-core';

/** The parts of DedicatedWorkerGlobalScope used here (the project's types are the DOM's). */
const scope = self as unknown as {
	postMessage(message: FromWorker): void;
	onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

/**
 * Records per write step and per outbox entry. Off the main thread a step may hold the thread
 * longer, and fewer steps mean fewer round trips of the one transaction (docs/PERFORMANCE.md).
 */
const WRITE_STEP = 1000;

const handle = importWorker((m) => scope.postMessage(m), {
	clock: systemClock,
	chunkSize: WRITE_STEP
});
scope.onmessage = (event) => void handle(event.data);
