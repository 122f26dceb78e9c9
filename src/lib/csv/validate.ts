/**
 * One entry point per import kind, synchronous or in chunks that yield to the event loop so the
 * UI stays responsive on large files.
 */
import type { RecordOfTable } from '../domain/entities';
import { ENTITY_OF_KIND, type ImportKind } from './columns';
import { genericSession } from './generic';
import type { CsvRow } from './parse';
import {
	runSession,
	type ValidateContext,
	type ValidationResult,
	type ValidationSession
} from './validate-common';
import { documentsSession } from './validate-documents';
import { meetingsSession } from './validate-meetings';
import { plansSession } from './validate-plans';
import { proceduresSession } from './validate-procedures';
import { unitsSession } from './validate-units';

/** The record type of each CSV file kind. */
export type KindRecord = { [K in ImportKind]: RecordOfTable<K> };

/** Kinds with their own import rules; any other kind is read from its descriptor's columns. */
const SESSIONS: {
	[K in ImportKind]?: (ctx: ValidateContext<KindRecord[K]>) => ValidationSession<KindRecord[K]>;
} = {
	units: unitsSession,
	plans: plansSession,
	meetings: meetingsSession,
	documents: documentsSession,
	procedures: proceduresSession
};

export const sessionFor = <K extends ImportKind>(
	kind: K,
	ctx: ValidateContext<KindRecord[K]>
): ValidationSession<KindRecord[K]> =>
	SESSIONS[kind]?.(ctx) ?? genericSession(ENTITY_OF_KIND(kind), ctx);

export const validateRows = <K extends ImportKind>(
	kind: K,
	rows: readonly CsvRow[],
	ctx: ValidateContext<KindRecord[K]>
): ValidationResult<KindRecord[K]> => runSession(sessionFor(kind, ctx), rows);

export interface ChunkOptions {
	/** Rows between two yields (default 500). */
	chunkSize?: number;
	/** Called after every chunk with the rows done so far and the row count. */
	onProgress?: (done: number, total: number) => void;
	/** How to give the event loop a turn (default: a macrotask via setTimeout 0). */
	yieldToLoop?: () => Promise<void>;
	/** Stops between chunks; the promise then rejects with the signal's reason. */
	signal?: AbortSignal;
	/**
	 * A chunk also ends once it has run this long (ms, default 10), so no chunk holds the main
	 * thread long on a slow phone whatever the rows.
	 */
	budgetMs?: number;
	/** Milliseconds since an arbitrary start (default performance.now). */
	timer?: () => number;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Feeds rows to a session in chunks (at most `chunkSize` rows and about `budgetMs` of work),
 * yielding to the event loop between chunks.
 */
export async function runInChunks<T>(
	session: ValidationSession<T>,
	rows: readonly CsvRow[],
	options: ChunkOptions = {}
): Promise<ValidationResult<T>> {
	const size = Math.max(1, Math.floor(options.chunkSize ?? 500));
	const pause = options.yieldToLoop ?? macrotask;
	const budget = options.budgetMs ?? 10;
	const timer = options.timer ?? (() => performance.now());
	for (let from = 0; from < rows.length;) {
		options.signal?.throwIfAborted();
		const end = Math.min(rows.length, from + size);
		const started = timer();
		let to = from;
		while (to < end) {
			session.add(rows[to] as CsvRow, to);
			to++;
			// The clock is read every 16 rows: cheap, and a row is far below a millisecond.
			if ((to & 15) === 0 && timer() - started >= budget) break;
		}
		from = to;
		options.onProgress?.(to, rows.length);
		if (to < rows.length) await pause();
	}
	options.signal?.throwIfAborted();
	return session.finish();
}

export const validateInChunks = <K extends ImportKind>(
	kind: K,
	rows: readonly CsvRow[],
	ctx: ValidateContext<KindRecord[K]>,
	options: ChunkOptions = {}
): Promise<ValidationResult<KindRecord[K]>> => runInChunks(sessionFor(kind, ctx), rows, options);
