/**
 * The loading side of an audit log page (/users/audit, /province/audit): its entries, page after
 * page, the loading and failure state, and the server's "change your password first" refusal. A
 * newer `open` drops the answer of an older one (the province admin picked another commune).
 */
import type { AuditEntry, AuditPageRead } from '$lib/domain/audit';
import type { MessageKey } from '$lib/i18n/messages';
import { SyncError } from '$lib/sync/client';
import { loadSession } from '$lib/sync/session';

/** One page of a log: `cursor` is the `next` of the page before (none: the newest). */
export type FetchAuditPage = (token: string, cursor: string | undefined) => Promise<AuditPageRead>;

export class AuditPager {
	entries = $state<AuditEntry[] | null>(null);
	next = $state<string | null>(null);
	/** Entries of the pages shown that this app cannot read (a newer server's actions). */
	unreadable = $state(0);
	loading = $state(false);
	error = $state<MessageKey | null>(null);
	/** The server refused the log until this account changes its password. */
	passwordRefused = $state(false);
	#fetch: FetchAuditPage | null = null;
	#request = 0;

	constructor(
		/** Said when the server answers 403: this account may not read the log. */
		private readonly refused: MessageKey,
		/** Said when it answers 404 (a commune that does not exist), if it can. */
		private readonly notFound: MessageKey = 'audit.loadError'
	) {}

	/** The first page from `fetch`, in place of what is shown. */
	open(fetch: FetchAuditPage): Promise<void> {
		this.#fetch = fetch;
		this.entries = null;
		this.unreadable = 0;
		return this.#load(false);
	}

	/** The page after the last one shown. */
	more(): Promise<void> {
		return this.#load(true);
	}

	/** Again, after a failure: the page that failed. */
	retry(): Promise<void> {
		return this.#load(this.entries !== null && this.next !== null);
	}

	async #load(more: boolean): Promise<void> {
		const fetch = this.#fetch;
		if (!fetch) return;
		const token = loadSession()?.token;
		if (!token) {
			this.error = 'users.expired';
			return;
		}
		const mine = ++this.#request;
		this.loading = true;
		this.error = null;
		try {
			const page = await fetch(token, more ? (this.next ?? undefined) : undefined);
			if (mine !== this.#request) return;
			this.entries = more ? [...(this.entries ?? []), ...page.entries] : page.entries;
			this.unreadable = (more ? this.unreadable : 0) + page.unreadable;
			this.next = page.next;
		} catch (err) {
			if (mine === this.#request) this.error = this.#failure(err);
		} finally {
			if (mine === this.#request) this.loading = false;
		}
	}

	#failure(err: unknown): MessageKey | null {
		if (!(err instanceof SyncError)) return 'audit.loadError';
		if (err.kind === 'offline') return 'users.err.offline';
		if (err.status === 401) return 'users.expired';
		if (err.status === 403 && err.code === 'password_change_required') {
			this.passwordRefused = true;
			return null;
		}
		if (err.status === 403) return this.refused;
		if (err.status === 404) return this.notFound;
		if (err.status === 400) return 'audit.badFilter';
		return 'audit.loadError';
	}
}
