/** JSON errors `{ error: { code, message } }` with the HTTP status of each code. */
import type { FieldCode } from '$lib/domain/users';
import { BUSY_RETRY_SECONDS, HashBusyError } from '../auth/hash-limit';
import type { ErrorBody, ErrorCode } from '$lib/domain/sync/protocol';

export const STATUS_OF: Record<ErrorCode, number> = {
	bad_json: 400,
	invalid_request: 400,
	unsupported_version: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	method_not_allowed: 405,
	conflict: 409,
	payload_too_large: 413,
	rate_limited: 429,
	too_many_streams: 429,
	password_change_required: 403,
	internal: 500
};

export class ApiError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly headers: Record<string, string> = {},
		/** Field name -> field code (domain/users.ts), for forms. */
		readonly fields?: Record<string, FieldCode>
	) {
		super(message);
	}
	get status(): number {
		return STATUS_OF[this.code];
	}
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			...headers
		}
	});
}

export function errorResponse(
	code: ErrorCode,
	message: string,
	headers: Record<string, string> = {},
	fields?: Record<string, FieldCode>
): Response {
	const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
	return json(body, STATUS_OF[code], headers);
}

/**
 * PostgreSQL's refusal of a text value it cannot store: 22021 (invalid byte sequence, a NUL in a
 * text parameter) and 22P05 (untranslatable character, `\u0000` in jsonb). The edges refuse such
 * text first (plain-text.ts); one that slips through is the caller's bad input, not a 500.
 */
export function isUnstorableText(e: unknown): boolean {
	if (typeof e !== 'object' || e === null || !('code' in e)) return false;
	const code = (e as { code: unknown }).code;
	return code === '22021' || code === '22P05';
}

/**
 * Run a handler; ApiErrors become their JSON error, text PostgreSQL cannot store a 400
 * `invalid_request`, anything else a 500 without details.
 */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof ApiError) return errorResponse(e.code, e.message, e.headers, e.fields);
		// The password hashes' queue is full (a flood of sign-ins): any action that hashes a
		// password (a reset, a new account, one's own change) is told to wait, not a 500 with a
		// stack (attacker review r20, 5; the sign-in answers it itself).
		if (e instanceof HashBusyError)
			return errorResponse('rate_limited', 'The server is busy; try again in a moment', {
				'retry-after': String(BUSY_RETRY_SECONDS)
			});
		if (isUnstorableText(e)) {
			// One line, no stack: an edge check is missing (plain-text.ts), the request was bad.
			console.warn('[api] refused text the database cannot store', (e as { code: string }).code);
			return errorResponse('invalid_request', 'The request holds text that cannot be stored');
		}
		console.error('[api] unexpected error', e);
		return errorResponse('internal', 'Internal server error');
	}
}

/**
 * An /api route called with a method it does not serve: SvelteKit answers a plain-text 405 with
 * an `Allow` header; this gives it the API's error shape and keeps `Allow`. Other answers pass.
 */
export function jsonMethodNotAllowed(response: Response, method: string): Response {
	if (response.status !== 405 || response.headers.get('content-type')?.includes('json'))
		return response;
	const allow = response.headers.get('allow') ?? '';
	return errorResponse(
		'method_not_allowed',
		`${method} is not allowed here${allow ? `; use ${allow}` : ''}`,
		allow ? { allow } : {}
	);
}
