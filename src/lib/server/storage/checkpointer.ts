/**
 * WAL checkpoints off the request path (issue 13). With `checkpoint: 'background'` the serving
 * connection never checkpoints (`wal_autocheckpoint = 0`): a worker thread with its own connection
 * to the same file copies the write-ahead log back into the database (`PRAGMA
 * wal_checkpoint(PASSIVE)`, which never blocks a writer) every `intervalMs`. A commit then costs the
 * write and the fsync of its own WAL frames only, and the checkpoint's writes and fsyncs run beside
 * the event loop instead of inside every few hundredth push.
 *
 * Durability is unchanged: a commit is durable once its WAL frames are fsynced (`synchronous =
 * FULL` on the serving connection); a checkpoint only moves durable frames into the database file
 * and is crash-safe by SQLite's design (the worker's connection is FULL too, so the WAL is synced
 * before and the database after the copy).
 *
 * A passive checkpoint can fall behind under a steady stream of commits (the log restarts only when
 * a writer finds it fully copied): the reports carry the log's size, and SqliteStorage checkpoints
 * inline again (SQLite's auto-checkpoint) while the log is too long.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one checkpoint run reported (`PRAGMA wal_checkpoint`): frames in the log, frames copied. */
export interface CheckpointReport {
	busy: number;
	log: number;
	checkpointed: number;
}

export interface CheckpointerOptions {
	/** The database file. */
	file: string;
	intervalMs: number;
	/** Called with every report whose figures changed (on the main thread). */
	onReport(report: CheckpointReport): void;
	/** The worker stopped on an error: the caller falls back to inline checkpoints. */
	onError(error: unknown): void;
}

// Plain JavaScript run by the worker (eval: no separate file to bundle); better-sqlite3 is resolved
// by the main thread and passed in.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.lib);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let last = '';
const timer = setInterval(() => {
	const r = checkpoint.get();
	const key = r.busy + ':' + r.log + ':' + r.checkpointed;
	if (key !== last) {
		last = key;
		parentPort.postMessage({ busy: r.busy, log: r.log, checkpointed: r.checkpointed });
	}
}, workerData.intervalMs);
parentPort.on('message', (m) => {
	if (m === 'stop') {
		clearInterval(timer);
		db.close();
		parentPort.close();
	}
});
`;

export interface Checkpointer {
	/** Stop the worker and close its connection; resolves when it has exited. */
	stop(): Promise<void>;
}

export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
	const lib = createRequire(import.meta.url).resolve('better-sqlite3');
	const worker = new Worker(WORKER, {
		eval: true,
		workerData: { lib, file: options.file, intervalMs: options.intervalMs }
	});
	worker.on('message', (r: CheckpointReport) => options.onReport(r));
	worker.on('error', (e) => options.onError(e));
	// Never keeps the process alive on its own (a graceful stop waits for an empty event loop).
	// After the listeners: adding a 'message' listener refs the worker again.
	worker.unref();
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	let stopping = false;
	return {
		stop() {
			if (!stopping) {
				stopping = true;
				worker.postMessage('stop');
			}
			return exited;
		}
	};
}
