/**
 * Why a write to the device failed, for the forms' message (field review finding 4). Chrome throws
 * `QuotaExceededError` when the origin is over its storage quota; Dexie passes it on as is, or
 * wrapped (an aborted transaction's `inner`, a `cause`, a bulk write's `failures`). Anything else
 * (a closed or broken database, a blocked upgrade) gets an honest generic message with its name.
 * The form keeps what was typed and says the record was NOT saved.
 */
export interface SaveFailure {
	/** `quota`: the device's storage is full (the message points to /settings, which shows usage). */
	kind: 'quota' | 'other';
	/** The error's name (or message), for the user to pass on: "UnknownError", "AbortError" … */
	detail: string;
}

const QUOTA = /quota/i;

function causes(err: unknown, seen = new Set<unknown>()): unknown[] {
	if (err === null || typeof err !== 'object' || seen.has(err)) return [];
	seen.add(err);
	const e = err as { inner?: unknown; cause?: unknown; failures?: unknown };
	const nested = [e.inner, e.cause, ...(Array.isArray(e.failures) ? e.failures : [])];
	return [err, ...nested.flatMap((n) => causes(n, seen))];
}

export function saveFailureOf(err: unknown): SaveFailure {
	const all = causes(err);
	const quota = all.some((e) => {
		const { name, message } = e as { name?: unknown; message?: unknown };
		return (
			(typeof name === 'string' && QUOTA.test(name)) ||
			(typeof message === 'string' && QUOTA.test(message))
		);
	});
	const first = all[0] as { name?: unknown; message?: unknown } | undefined;
	const name = typeof first?.name === 'string' && first.name !== 'Error' ? first.name : '';
	const message = typeof first?.message === 'string' ? first.message : '';
	const detail = (name || message || String(err)).slice(0, 80);
	return { kind: quota ? 'quota' : 'other', detail };
}

/**
 * What failed: a save (the input stays on screen), a delete (the record stays on the device: a
 * delete writes a tombstone and an outbox entry, so a full storage refuses it too), or a live
 * meeting's action (start, end a sitting, mark an item: the meeting stays as it was).
 */
export type FailedWrite = 'save' | 'delete' | 'run';

const KEYS = {
	save: { quota: 'save.failed.quota', other: 'save.failed.other' },
	delete: { quota: 'delete.failed.quota', other: 'delete.failed.other' },
	run: { quota: 'run.failed.quota', other: 'run.failed.other' }
} as const;

/** The message key of a failure (messages/storage.ts) and its values. */
export function saveFailureMessage(
	f: SaveFailure,
	write: FailedWrite = 'save'
): {
	key: (typeof KEYS)[FailedWrite][SaveFailure['kind']];
	values: { detail: string };
} {
	return { key: KEYS[write][f.kind], values: { detail: f.detail } };
}
