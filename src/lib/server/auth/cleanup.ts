/**
 * Housekeeping on a timer: expired sessions, login attempts older than the longest limit window,
 * expired login-device cookies, and audit entries older than AUDIT_RETENTION_DAYS (two years). Runs at start and then every `everyMs`; timers and the clock
 * are injected so tests drive it.
 */
import { AUDIT_RETENTION_DAYS } from '$lib/domain/audit';
import type { ServerContext } from '../context';
import { LOGIN_WINDOW_MS } from './login';

export const CLEANUP_EVERY_MS = 10 * 60 * 1000;

export interface CleanupReport {
	sessions: number;
	attempts: number;
	devices: number;
	audit: number;
}

const DAY_MS = 86_400_000;

export async function cleanup(ctx: ServerContext): Promise<CleanupReport> {
	const now = ctx.now();
	return {
		sessions: await ctx.storage.deleteExpiredSessions(now),
		attempts: await ctx.storage.deleteLoginAttemptsBefore(now - LOGIN_WINDOW_MS),
		devices: await ctx.storage.deleteExpiredLoginDevices(now),
		audit: await ctx.storage.pruneAudit(now - AUDIT_RETENTION_DAYS * DAY_MS)
	};
}

export interface Timers {
	setInterval(fn: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

const nodeTimers: Timers = {
	setInterval: (fn, ms) => {
		const h = setInterval(fn, ms);
		h.unref?.();
		return h;
	},
	clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>)
};

/** Start the timer (and run once now); returns a stop function. Errors are logged, never thrown. */
export function startCleanup(
	ctx: ServerContext,
	everyMs = CLEANUP_EVERY_MS,
	timers: Timers = nodeTimers
): { stop(): void; done: Promise<unknown> } {
	let last: Promise<unknown> = Promise.resolve();
	const run = () => {
		last = cleanup(ctx).catch((e: unknown) => console.error('[cleanup] failed', e));
	};
	run();
	const first = last;
	const handle = timers.setInterval(run, everyMs);
	return { stop: () => timers.clearInterval(handle), done: first };
}
