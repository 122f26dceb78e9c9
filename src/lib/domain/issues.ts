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
