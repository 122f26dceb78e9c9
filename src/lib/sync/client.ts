/**
 * The app's only HTTP client for /api/auth, /api/sync and /api/users (admin account management).
 * Every call reports the device clock before and after the request with the server's time, so the
 * caller can detect a wrong device clock.
 * Errors are typed: `offline` (no answer), `http` with the server's status and code.
 */
import type { FieldCode, UserUpdate } from '$lib/domain/users';
import { auditPageReadSchema, type AuditFilter, type AuditPageRead } from '$lib/domain/audit';
import {
	communeAnswerSchema,
	communesAnswerSchema,
	provinceReportAnswerSchema,
	type ProvinceUserUpdate,
	provinceSummarySchema,
	dueDateAnswerBodySchema,
	type Commune,
	type DueDateAnswer,
	type NewCommune,
	type ProvincePeriodKind,
	type ProvinceReport,
	type ProvinceSummary,
	type SummaryQuery
} from '$lib/domain/province';
import {
	adminUserSchema,
	errorBodySchema,
	loginResponseSchema,
	PROTOCOL_VERSION,
	knownChanges,
	publicUserSchema,
	pullWireSchema,
	pushResponseSchema,
	type AdminUser,
	type LoginResponse,
	type Mutation,
	type PublicUser,
	type PullResponse,
	type PushResponse,
	type Role
} from '$lib/domain/sync/protocol';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * How long a request may go unanswered before it counts as a network failure (`offline`, code
 * `timeout`): a dead mobile connection gives no error and no answer, and a sync waiting on it would
 * hold the tab's run, the Web Lock and "Đồng bộ ngay" until the app is reloaded. Sign-in: 30 s.
 * Push: 60 s plus the body at 2 KB/s (a slow 2G upload; a full 448 KB batch gets about 4.5 min).
 * Pull: 120 s. Other calls: 30 s. Once the answer has begun, the deadline starts again with each
 * part of its body that arrives, so a slow but moving download (a 4 MiB pull page at 2 KB/s takes
 * over half an hour) is never cut off, and one that stops is. A timed-out push is resent with the
 * same mutation ids, applied once.
 */
export const LOGIN_TIMEOUT_MS = 30_000;
export const CALL_TIMEOUT_MS = 30_000;
export const PULL_TIMEOUT_MS = 120_000;
export const PUSH_BASE_TIMEOUT_MS = 60_000;
/** Upload floor assumed for a push: bytes per millisecond (2 KB/s). */
const PUSH_BYTES_PER_MS = 2;

export function pushTimeoutMs(bodyBytes: number): number {
	return PUSH_BASE_TIMEOUT_MS + Math.ceil(bodyBytes / PUSH_BYTES_PER_MS);
}

export class SyncError extends Error {
	constructor(
		/** `offline`: no answer at all; `http`: an error status; `bad_response`: not our protocol. */
		readonly kind: 'offline' | 'http' | 'bad_response',
		readonly status: number,
		readonly code: string,
		message: string,
		readonly retryAfterSeconds: number | null = null,
		/** Field name -> field code (domain/users.ts) when the server named the fields. */
		readonly fields: Partial<Record<string, FieldCode>> = {}
	) {
		super(message);
	}
	get unauthenticated(): boolean {
		return this.status === 401;
	}
}

export interface Timed<T> {
	body: T;
	/** Device clock when the request left and when the answer arrived. */
	sentAt: number;
	receivedAt: number;
}

/** The account lists: a commune's (its admin) or the province accounts (the province admin). */
export type AccountsApi = '/api/users' | '/api/province/users';

/** A log filter as query parameters (`group`, `actor`; none when not set). */
const auditParams = (filter: AuditFilter): URLSearchParams => {
	const params = new URLSearchParams();
	if (filter.group) params.set('group', filter.group);
	if (filter.actor) params.set('actor', filter.actor);
	return params;
};

export interface NewUserInput {
	username: string;
	password: string;
	displayName: string;
	role: Role;
	unitCode: string | null;
}

export interface ClientOptions {
	baseUrl?: string;
	fetch?: FetchLike;
	now?: () => number;
}

export class SyncClient {
	readonly #base: string;
	readonly #fetch: FetchLike;
	readonly #now: () => number;

	constructor(opts: ClientOptions = {}) {
		this.#base = opts.baseUrl ?? '';
		this.#fetch = opts.fetch ?? ((input, init) => fetch(input, init));
		this.#now = opts.now ?? (() => Date.now());
	}

	async #call(
		path: string,
		method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
		token: string | null,
		body?: unknown,
		timeoutMs: number | ((bodyBytes: number) => number) = CALL_TIMEOUT_MS
	): Promise<Timed<unknown>> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (token) headers.authorization = `Bearer ${token}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const text = body === undefined ? undefined : JSON.stringify(body);
		const ms = typeof timeoutMs === 'number' ? timeoutMs : timeoutMs(new Blob([text ?? '']).size);
		// Our own timer rather than AbortSignal.timeout: it also ends a fetch that ignores the signal,
		// and it is set again while the answer's body arrives (`arm`).
		const abort = new AbortController();
		let timer: ReturnType<typeof setTimeout> | undefined;
		let expire: (err: SyncError) => void = () => {};
		const expired = new Promise<never>((_, reject) => (expire = reject));
		expired.catch(() => {});
		const arm = () => {
			clearTimeout(timer);
			timer = setTimeout(() => {
				// Settle first: the fetch's own AbortError must not win the race as a plain `offline`.
				expire(new SyncError('offline', 0, 'timeout', `no answer in ${Math.round(ms / 1000)} s`));
				abort.abort();
			}, ms);
		};
		arm();
		try {
			const sentAt = this.#now();
			let res: Response;
			try {
				res = await Promise.race([
					this.#fetch(this.#base + path, {
						method,
						headers,
						body: text,
						cache: 'no-store',
						credentials: 'same-origin',
						signal: abort.signal
					}),
					expired
				]);
			} catch (err) {
				if (err instanceof SyncError) throw err;
				if (abort.signal.aborted) throw new SyncError('offline', 0, 'timeout', 'no answer in time');
				throw new SyncError(
					'offline',
					0,
					'offline',
					err instanceof Error ? err.message : 'offline'
				);
			}
			const receivedAt = this.#now();
			let json: unknown = null;
			try {
				json = await Promise.race([readJson(res, arm), expired]);
			} catch (err) {
				if (err instanceof SyncError) throw err;
				if (abort.signal.aborted) throw new SyncError('offline', 0, 'timeout', 'no answer in time');
				if (res.ok) throw new SyncError('bad_response', res.status, 'bad_response', 'not JSON');
			}
			return this.#answer(res, json, sentAt, receivedAt);
		} finally {
			clearTimeout(timer);
		}
	}

	#answer(res: Response, json: unknown, sentAt: number, receivedAt: number): Timed<unknown> {
		if (!res.ok) {
			const parsed = errorBodySchema.safeParse(json);
			const retry = Number(res.headers.get('retry-after'));
			throw new SyncError(
				'http',
				res.status,
				parsed.success ? parsed.data.error.code : `http_${res.status}`,
				parsed.success ? parsed.data.error.message : res.statusText,
				Number.isFinite(retry) && retry > 0 ? retry : null,
				parsed.success ? (parsed.data.error.fields ?? {}) : {}
			);
		}
		return { body: json, sentAt, receivedAt };
	}

	#parse<T>(
		schema: { safeParse(x: unknown): { success: boolean; data?: T } },
		r: Timed<unknown>
	): Timed<T> {
		const parsed = schema.safeParse(r.body);
		if (!parsed.success || parsed.data === undefined)
			throw new SyncError('bad_response', 200, 'bad_response', 'unexpected answer');
		return { ...r, body: parsed.data };
	}

	async login(username: string, password: string): Promise<Timed<LoginResponse>> {
		return this.#parse(
			loginResponseSchema,
			await this.#call('/api/auth/login', 'POST', null, { username, password }, LOGIN_TIMEOUT_MS)
		);
	}

	async logout(token: string): Promise<void> {
		await this.#call('/api/auth/logout', 'POST', token, {});
	}

	async me(token: string): Promise<PublicUser> {
		const r = await this.#call('/api/auth/me', 'GET', token);
		const parsed = publicUserSchema.safeParse((r.body as { user?: unknown } | null)?.user);
		if (!parsed.success)
			throw new SyncError('bad_response', 200, 'bad_response', 'unexpected answer');
		return parsed.data;
	}

	#user(r: Timed<unknown>): PublicUser {
		const parsed = publicUserSchema.safeParse((r.body as { user?: unknown } | null)?.user);
		if (!parsed.success)
			throw new SyncError('bad_response', 200, 'bad_response', 'unexpected answer');
		return parsed.data;
	}

	/**
	 * All accounts with lock-outs and live sessions (admin only: 403 `forbidden` otherwise). `base`
	 * is the account list: the commune's (`/api/users`, its admin) or the province accounts
	 * (`/api/province/users`, the province admin); the calls below take it too.
	 */
	async listUsers(token: string, base: AccountsApi = '/api/users'): Promise<AdminUser[]> {
		const r = await this.#call(base, 'GET', token);
		const parsed = adminUserSchema.array().safeParse((r.body as { users?: unknown } | null)?.users);
		if (!parsed.success)
			throw new SyncError('bad_response', 200, 'bad_response', 'unexpected answer');
		return parsed.data;
	}

	/**
	 * Create an account (admin only). Errors: 403 `forbidden`, 409 `conflict` (username taken),
	 * 400 `invalid_request`; both name their fields with codes in `SyncError.fields`.
	 */
	async createUser(
		token: string,
		input: NewUserInput,
		base: AccountsApi = '/api/users'
	): Promise<PublicUser> {
		return this.#user(await this.#call(base, 'POST', token, input));
	}

	/** Change role and unit, or disable / re-enable (disabling ends the account's sessions). */
	async updateUser(
		token: string,
		id: string,
		patch: UserUpdate | ProvinceUserUpdate,
		base: AccountsApi = '/api/users'
	): Promise<PublicUser> {
		return this.#user(await this.#call(`${base}/${encodeURIComponent(id)}`, 'PATCH', token, patch));
	}

	/** Set a new password; the user must change it at the next sign-in. */
	async resetPassword(
		token: string,
		id: string,
		password: string,
		base: AccountsApi = '/api/users'
	): Promise<PublicUser> {
		return this.#user(
			await this.#call(`${base}/${encodeURIComponent(id)}/password`, 'POST', token, {
				password
			})
		);
	}

	async endSessions(token: string, id: string): Promise<number> {
		const r = await this.#call(`/api/users/${encodeURIComponent(id)}/sessions`, 'DELETE', token);
		return Number((r.body as { ended?: unknown } | null)?.ended ?? 0);
	}

	/**
	 * A page of the commune's audit log, newest first (its admin only: 403 otherwise); `cursor`
	 * is the `next` of the page before.
	 */
	/** A page of the commune's admin log, narrowed by `filter` (kind of action, actor). */
	async auditLog(token: string, cursor?: string, filter: AuditFilter = {}): Promise<AuditPageRead> {
		const params = auditParams(filter);
		if (cursor) params.set('cursor', cursor);
		const q = params.size > 0 ? `?${params}` : '';
		const r = await this.#call(`/api/audit${q}`, 'GET', token);
		const parsed = auditPageReadSchema.safeParse(r.body);
		if (!parsed.success)
			throw new SyncError('bad_response', 200, 'bad_response', 'unexpected answer');
		return parsed.data;
	}

	/** Lift the account's sign-in lock-out; false when there was none left to lift. */
	async unlockUser(token: string, id: string): Promise<boolean> {
		const r = await this.#call(`/api/users/${encodeURIComponent(id)}/lockout`, 'DELETE', token);
		return (r.body as { lifted?: unknown } | null)?.lifted !== false;
	}

	/** The signed-in user's own password change. */
	async changePassword(
		token: string,
		currentPassword: string,
		newPassword: string
	): Promise<PublicUser> {
		return this.#user(
			await this.#call('/api/auth/password', 'POST', token, { currentPassword, newPassword })
		);
	}

	async push(token: string, deviceId: string, mutations: Mutation[]): Promise<Timed<PushResponse>> {
		return this.#parse(
			pushResponseSchema,
			await this.#call(
				'/api/sync/push',
				'POST',
				token,
				{ version: PROTOCOL_VERSION, deviceId, mutations },
				pushTimeoutMs
			)
		);
	}

	/** Sở Nội vụ: every commune's figures for a period (province accounts only: 403 otherwise). */
	async provinceSummary(token: string, q: SummaryQuery): Promise<ProvinceSummary> {
		const params = new URLSearchParams({ kind: q.kind, year: String(q.year) });
		if (q.noArea) params.set('noArea', q.noArea);
		else if (q.area) params.set('area', q.area);
		const r = await this.#call(`/api/province/summary?${params}`, 'GET', token);
		return this.#parse(provinceSummarySchema, r).body;
	}

	/** A commune's final report for a period (404 `not_found` when none was sent). */
	async provinceReport(
		token: string,
		communeId: string,
		q: Pick<SummaryQuery, 'kind' | 'year'>
	): Promise<ProvinceReport> {
		const params = new URLSearchParams({ kind: q.kind, year: String(q.year) });
		const r = await this.#call(
			`/api/province/reports/${encodeURIComponent(communeId)}?${params}`,
			'GET',
			token
		);
		return this.#parse(provinceReportAnswerSchema, r).body.report;
	}

	/** Every commune (province accounts only), for the province admin's pickers. */
	async provinceCommunes(token: string): Promise<Commune[]> {
		const r = await this.#call('/api/province/communes', 'GET', token);
		return this.#parse(communesAnswerSchema, r).body.communes;
	}

	/**
	 * The province admin's audit log: one commune's (`communeId`), or with none every entry, the
	 * province accounts' own included; `cursor` is the `next` of the page before.
	 */
	async provinceAuditLog(
		token: string,
		communeId?: string,
		cursor?: string,
		filter: AuditFilter = {}
	): Promise<AuditPageRead> {
		const params = auditParams(filter);
		if (communeId) params.set('commune', communeId);
		if (cursor) params.set('cursor', cursor);
		const q = params.size > 0 ? `?${params}` : '';
		const r = await this.#call(`/api/province/audit${q}`, 'GET', token);
		return this.#parse(auditPageReadSchema, r).body;
	}

	/** The province admin creates a commune and its first admin; refusals name their fields. */
	async createCommune(token: string, input: NewCommune): Promise<Commune> {
		const r = await this.#call('/api/province/communes', 'POST', token, input);
		return this.#parse(communeAnswerSchema, r).body.commune;
	}

	/** The province admin sets (or clears: null) a period's report due date ('YYYY-MM-DD'). */
	async setDueDate(
		token: string,
		input: { kind: ProvincePeriodKind; year: number; dueDate: string | null }
	): Promise<DueDateAnswer> {
		const r = await this.#call('/api/province/due-date', 'PUT', token, input);
		return this.#parse(dueDateAnswerBodySchema, r).body.due;
	}

	/** The province admin's change of a commune's name or area. */
	async updateCommune(
		token: string,
		id: string,
		patch: { name?: string; area?: string | null }
	): Promise<Commune> {
		const r = await this.#call(
			`/api/province/communes/${encodeURIComponent(id)}`,
			'PATCH',
			token,
			patch
		);
		return this.#parse(communeAnswerSchema, r).body.commune;
	}

	/**
	 * Listen to `GET /api/sync/events` (pokes when records the user may read change) until the
	 * stream ends or `signal` aborts. A fetch with the Bearer token, not EventSource, so it
	 * authenticates like every other call. Throws SyncError when the server refuses (401 …).
	 */
	async listen(
		token: string,
		signal: AbortSignal,
		onEvent: (e: StreamEvent) => void,
		onBytes?: () => void
	): Promise<void> {
		let res: Response;
		try {
			res = await this.#fetch(this.#base + '/api/sync/events', {
				method: 'GET',
				headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
				cache: 'no-store',
				credentials: 'same-origin',
				signal
			});
		} catch (err) {
			throw new SyncError('offline', 0, 'offline', err instanceof Error ? err.message : 'offline');
		}
		if (!res.ok || !res.body) {
			const parsed = errorBodySchema.safeParse(await res.json().catch(() => null));
			throw new SyncError(
				'http',
				res.status,
				parsed.success ? parsed.data.error.code : `http_${res.status}`,
				parsed.success ? parsed.data.error.message : res.statusText
			);
		}
		try {
			await readEventStream(res.body, onEvent, onBytes);
		} catch (err) {
			if (signal.aborted) return;
			throw new SyncError('offline', 0, 'offline', err instanceof Error ? err.message : 'offline');
		}
	}

	/**
	 * One pull page. Changes of a record kind this app version does not know are left out
	 * (`skipped` counts them); the page's `cursor` still moves past them.
	 */
	async pull(
		token: string,
		cursor: number,
		limit?: number
	): Promise<Timed<PullResponse & { skipped: number }>> {
		const r = this.#parse(
			pullWireSchema,
			await this.#call(
				'/api/sync/pull',
				'POST',
				token,
				{ version: PROTOCOL_VERSION, cursor, ...(limit ? { limit } : {}) },
				PULL_TIMEOUT_MS
			)
		);
		return { ...r, body: { ...r.body, ...knownChanges(r.body.changes) } };
	}
}

/** One Server-Sent Event: its name and parsed JSON data (null when it had none or not JSON). */
export interface StreamEvent {
	event: string;
	data: unknown;
}

/**
 * Read a Server-Sent Events body: calls `onEvent` for each named event; comment lines (the
 * heartbeat) and `retry:` only call `onBytes`. Resolves when the stream ends.
 */
export async function readEventStream(
	body: ReadableStream<Uint8Array>,
	onEvent: (e: StreamEvent) => void,
	onBytes: () => void = () => {}
): Promise<void> {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return;
		onBytes();
		buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			let event = '';
			let data = '';
			for (const line of block.split('\n')) {
				if (line.startsWith('event:')) event = line.slice(6).trim();
				else if (line.startsWith('data:')) data += line.slice(5).trim();
			}
			if (!event) continue;
			let parsed: unknown = null;
			try {
				parsed = data ? JSON.parse(data) : null;
			} catch {
				/* not JSON: the name is enough */
			}
			onEvent({ event, data: parsed });
		}
	}
}

/** Device clock minus server clock in ms, taking the middle of the request as the server's moment. */
export function clockOffset(
	t: Pick<Timed<unknown>, 'sentAt' | 'receivedAt'>,
	serverTime: number
): number {
	return Math.round((t.sentAt + t.receivedAt) / 2 - serverTime);
}

/**
 * The answer's body as JSON, `progress` called with each part of it that arrives (the request's
 * deadline starts again). A body that is not JSON rejects, as `Response.json()` does.
 */
async function readJson(res: Response, progress: () => void): Promise<unknown> {
	if (!res.body) return res.json();
	const reader = res.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		progress();
		parts.push(value);
		size += value.byteLength;
	}
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const p of parts) {
		bytes.set(p, at);
		at += p.byteLength;
	}
	return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}
