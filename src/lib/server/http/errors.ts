/** JSON errors `{ error: { code, message } }` with the HTTP status of each code. */
import type { FieldCode } from '$lib/domain/users';
import type { ErrorBody, ErrorCode } from '$lib/domain/sync/protocol';

export const STATUS_OF: Record<ErrorCode, number> = {
	bad_json: 400,
	invalid_request: 400,
	unsupported_version: 400,
	unauthenticated: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	payload_too_large: 413,
	rate_limited: 429,
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

/** Run a handler; ApiErrors become their JSON error, anything else a 500 without details. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof ApiError) return errorResponse(e.code, e.message, e.headers, e.fields);
		console.error('[api] unexpected error', e);
		return errorResponse('internal', 'Internal server error');
	}
}
