/**
 * One entry point per import kind, synchronous or in chunks that yield to the event loop so the
 * UI stays responsive on large files.
 */
import type {
	DocumentRecord,
	IncomingMonth,
	Meeting,
	Plan,
	ProcedureMonth,
	Unit
} from '../domain/schemas';
import type { RecordKind } from './columns';
import type { CsvRow } from './parse';
import {
	runSession,
	type ValidateContext,
	type ValidationResult,
	type ValidationSession
} from './validate-common';
import { documentsSession } from './validate-documents';
import { incomingSession } from './validate-incoming';
import { meetingsSession } from './validate-meetings';
import { plansSession } from './validate-plans';
import { proceduresSession } from './validate-procedures';
import { unitsSession } from './validate-units';

export interface KindRecord {
	units: Unit;
	plans: Plan;
	meetings: Meeting;
	documents: DocumentRecord;
	procedures: ProcedureMonth;
	incoming: IncomingMonth;
}

const SESSIONS: {
	[K in RecordKind]: (ctx: ValidateContext<KindRecord[K]>) => ValidationSession<KindRecord[K]>;
} = {
	units: unitsSession,
	plans: plansSession,
	meetings: meetingsSession,
	documents: documentsSession,
	procedures: proceduresSession,
	incoming: incomingSession
};

export const sessionFor = <K extends RecordKind>(
	kind: K,
	ctx: ValidateContext<KindRecord[K]>
): ValidationSession<KindRecord[K]> => SESSIONS[kind](ctx);

export const validateRows = <K extends RecordKind>(
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
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Feeds rows to a session in chunks, yielding to the event loop between chunks. */
export async function runInChunks<T>(
	session: ValidationSession<T>,
	rows: readonly CsvRow[],
	options: ChunkOptions = {}
): Promise<ValidationResult<T>> {
	const size = Math.max(1, Math.floor(options.chunkSize ?? 500));
	const pause = options.yieldToLoop ?? macrotask;
	for (let from = 0; from < rows.length; from += size) {
		options.signal?.throwIfAborted();
		const to = Math.min(rows.length, from + size);
		for (let i = from; i < to; i++) session.add(rows[i] as CsvRow, i);
		options.onProgress?.(to, rows.length);
		if (to < rows.length) await pause();
	}
	options.signal?.throwIfAborted();
	return session.finish();
}

export const validateInChunks = <K extends RecordKind>(
	kind: K,
	rows: readonly CsvRow[],
	ctx: ValidateContext<KindRecord[K]>,
	options: ChunkOptions = {}
): Promise<ValidationResult<KindRecord[K]>> => runInChunks(sessionFor(kind, ctx), rows, options);
