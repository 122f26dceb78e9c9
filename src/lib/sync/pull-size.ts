/**
 * How many records a pull page asks for (`limit` of POST /api/sync/pull, 1..1000 since protocol
 * version 1), shrunk after a pull that timed out. A pull page has a deadline (client.ts
 * PULL_TIMEOUT_MS, restarted by every part of the body that arrives), so a timeout means the
 * server's answer did not begin in time, or the download stopped: on a weak link a smaller page
 * begins sooner and loses less when it stops. Halved after each timeout (never below
 * MIN_PULL_LIMIT), doubled back after GROW_AFTER_PAGES pages in a row that arrived, up to the
 * device's usual size. Kept in syncState (`pullLimit`), so the next run, a reload and another tab
 * start from it; the clearing at sign-out removes it with the other sync bookkeeping.
 * docs/sync-protocol.md, "Sync client".
 */
export const PULL_LIMIT_KEY = 'pullLimit';
/** The device's usual page (the server's default is 200; the engine asked 500 before this). */
export const DEFAULT_PULL_LIMIT = 500;
export const MIN_PULL_LIMIT = 25;
export const GROW_AFTER_PAGES = 4;

export interface PullSize {
	limit: number;
	/** Pages in a row that arrived at this limit (in the run only; not stored). */
	okPages: number;
}

/** The stored limit, within [MIN_PULL_LIMIT, base]; the base when none (or a bad value) is stored. */
export function startSize(stored: unknown, base: number): PullSize {
	const n = typeof stored === 'number' && Number.isInteger(stored) ? stored : base;
	return { limit: Math.min(base, Math.max(Math.min(MIN_PULL_LIMIT, base), n)), okPages: 0 };
}

/** After a pull timeout: half the page for the next try. */
export function afterTimeout(s: PullSize): PullSize {
	return { limit: Math.max(MIN_PULL_LIMIT, Math.floor(s.limit / 2)), okPages: 0 };
}

/** After a page that arrived: every GROW_AFTER_PAGES in a row, twice the page, up to `base`. */
export function afterPage(s: PullSize, base: number): PullSize {
	if (s.limit >= base) return { limit: s.limit, okPages: 0 };
	const okPages = s.okPages + 1;
	if (okPages < GROW_AFTER_PAGES) return { limit: s.limit, okPages };
	return { limit: Math.min(base, s.limit * 2), okPages: 0 };
}
