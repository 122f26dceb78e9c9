/** Everything server code needs from the outside world, injected so tests control time and storage. */
import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_MAX_SKEW_MS } from '$lib/domain/sync/hlc';
import { HashLimiter } from './auth/hash-limit';
import { DEFAULT_SCRYPT, type ScryptParams } from './auth/password';
import {
	dueDatesOf,
	serverSettings,
	streamLimitsOf,
	writeBytesLimitOf,
	writeLimitOf
} from './settings';
import type { Storage } from './storage/types';
import { LocalChangeFeed, type ChangeFeed } from './sync/events';

export interface ServerContext {
	storage: Storage;
	now(): number;
	newId(): string;
	scrypt: ScryptParams;
	maxSkewMs: number;
	/** Caps concurrent password hashes in this process. */
	hashes: HashLimiter;
	/** Per-account write budget for sync pushes (429 when spent); null: no limit. */
	writeLimit: { burst: number; perMinute: number } | null;
	/** Per-account byte budget for sync pushes (request body bytes; 429 when spent); null: none. */
	writeBytesLimit: { burst: number; perMinute: number } | null;
	/** When the communes' reports are due at the province (MM-DD per period kind). */
	dueDates: ReturnType<typeof dueDatesOf>;
	/** Caps on open live event streams in this process: in all, and per client address. */
	streamLimits: ReturnType<typeof streamLimitsOf>;
	/** Pokes for the live event streams (in-process on SQLite; LISTEN/NOTIFY on PostgreSQL). */
	feed: ChangeFeed;
}

export function makeContext(
	storage: Storage,
	overrides: Partial<Omit<ServerContext, 'storage'>> = {}
): ServerContext {
	return {
		storage,
		now: () => Date.now(),
		newId: () => uuidv7(),
		scrypt: DEFAULT_SCRYPT,
		maxSkewMs: DEFAULT_MAX_SKEW_MS,
		hashes: new HashLimiter(),
		writeLimit: writeLimitOf(serverSettings({})),
		writeBytesLimit: writeBytesLimitOf(serverSettings({})),
		dueDates: dueDatesOf(serverSettings({})),
		streamLimits: streamLimitsOf(serverSettings({})),
		feed: new LocalChangeFeed(),
		...overrides
	};
}

let current: ServerContext | null = null;

export function setServerContext(ctx: ServerContext): void {
	current = ctx;
}

/** The process-wide context set up by hooks.server.ts. */
export function serverContext(): ServerContext {
	if (!current) throw new Error('server context not initialised (hooks.server.ts init)');
	return current;
}
