import type { z } from 'zod';

/** Field path ('sittings.1.end') -> first message key. Forms show these beside the fields. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.map(String).join('.') || '_';
		out[key] ??= issue.message.startsWith('err.') ? issue.message : 'err.invalid';
	}
	return out;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * The errors a form still shows after an edit: those of `shown` that the check of the current values
 * (`now`) still finds, with its current message. A field that became valid loses its message at once;
 * a field not flagged yet is not flagged before the next save.
 */
export function stillWrong(shown: FieldErrors, now: FieldErrors): FieldErrors {
	const out: FieldErrors = {};
	for (const key of Object.keys(shown)) {
		const message = now[key];
		if (message !== undefined) out[key] = message;
	}
	return out;
}
