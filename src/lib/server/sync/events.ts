/**
 * Live pokes for online devices: `GET /api/sync/events` keeps a Server-Sent Events stream open and
 * says "changed, seq N" when a record the user may read was written, so the device pulls at once
 * instead of waiting for its timer (docs/sync-protocol.md, "Live changes").
 *
 * The poke source is pluggable (`ChangeFeed`): SQLite (one process) uses the in-process
 * `LocalChangeFeed`; on PostgreSQL, where several processes may serve one database, `PgChangeFeed`
 * (pg-feed.ts) publishes and listens through NOTIFY/LISTEN.
 * A stream carries no record data: the device pulls as usual, with the usual read checks.
 */
import type { PublicUser } from '$lib/domain/sync/protocol';
import { can } from '../auth/permissions';
import { resolveSession } from '../auth/session';
import { publicUser } from '../auth/users';
import type { ServerContext } from '../context';
import { addressLimitKey } from '../http/client-address';

export type FeedEvent =
	/** Records of these units (null: commune-wide) of one commune were written; `seq` is the
	 * newest sequence of that commune. Only that commune's streams hear it. */
	| { type: 'changes'; communeId: string; seq: number; unitCodes: readonly (string | null)[] }
	/** A user's sessions, role, unit or account state changed: their streams check their session. */
	| { type: 'sessions'; userId: string }
	/** The feed was not listening for a while (PostgreSQL reconnect): pokes may have been missed,
	 * so every stream closes (devices reconnect and pull once on `ready`). Never published. */
	| { type: 'reconnected' };

export interface ChangeFeed {
	publish(event: FeedEvent): void;
	/** Returns the function that stops listening. */
	subscribe(listener: (event: FeedEvent) => void): () => void;
}

/** One process: listeners in memory, called after the write committed. */
export class LocalChangeFeed implements ChangeFeed {
	readonly #listeners = new Set<(event: FeedEvent) => void>();
	publish(event: FeedEvent): void {
		for (const l of [...this.#listeners]) {
			try {
				l(event);
			} catch (err) {
				console.error('[events] listener failed', err);
			}
		}
	}
	subscribe(listener: (event: FeedEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}
}

/** Open streams per user; opening one more closes that user's oldest. */
export const MAX_STREAMS_PER_USER = 4;
/** Seconds a device refused for a cap is asked to wait (its timer keeps syncing meanwhile). */
export const STREAM_RETRY_SECONDS = 60;
/** A comment line this often keeps proxies from closing an idle stream; the session is re-checked. */
export const HEARTBEAT_MS = 25_000;

interface Stream {
	userId: string;
	/** The user's commune: one commune's streams count against its own cap too. */
	communeId: string;
	/** The client address it was opened from (TRUST_PROXY applied) as a limit key: an IPv6
	 * client by its /64 (`addressLimitKey`, http/client-address.ts). */
	address: string;
	close(): void;
}

const open = new WeakMap<ServerContext, Stream[]>();

/** Close every stream (the server is shutting down; devices reconnect and pull). */
export function closeEventStreams(ctx: ServerContext): void {
	for (const s of [...(open.get(ctx) ?? [])]) s.close();
}

/** How many streams are open (tests, health). */
export const openEventStreams = (ctx: ServerContext, userId?: string): number =>
	(open.get(ctx) ?? []).filter((s) => userId === undefined || s.userId === userId).length;

/**
 * Whether one more stream for this user of this commune from this address fits the process's caps
 * (`ctx.streamLimits`: in all, per commune, per address): null if it does, else the cap it would
 * pass. The per-commune cap keeps one commune (a province server holds many) from taking every
 * stream of the process: its accounts cannot starve the other communes' devices. The user's own oldest stream,
 * which a new one replaces at MAX_STREAMS_PER_USER, does not count. Other users' streams are never
 * closed for a newcomer: the newcomer is refused.
 */
export function streamCapReached(
	ctx: ServerContext,
	userId: string,
	communeId: string,
	address: string
): 'process' | 'commune' | 'address' | null {
	const streams = open.get(ctx) ?? [];
	const place = addressLimitKey(address);
	const mine = streams.filter((s) => s.userId === userId);
	const replaced = new Set(mine.slice(0, Math.max(0, mine.length - MAX_STREAMS_PER_USER + 1)));
	const kept = streams.filter((s) => !replaced.has(s));
	if (kept.length >= ctx.streamLimits.perProcess) return 'process';
	if (kept.filter((s) => s.communeId === communeId).length >= ctx.streamLimits.perCommune)
		return 'commune';
	if (kept.filter((s) => s.address === place).length >= ctx.streamLimits.perAddress)
		return 'address';
	return null;
}

const encoder = new TextEncoder();
const frame = (event: string, data: unknown): Uint8Array =>
	encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * The event stream of a signed-in user. `token` is the session the stream re-checks when told the
 * user's sessions changed (sign-out, disabled, password reset, role or unit changed) and at every
 * heartbeat: a session that ended closes the stream at once.
 */
export function eventStream(
	ctx: ServerContext,
	user: PublicUser,
	token: string,
	address: string
): ReadableStream {
	let actor: PublicUser = user;
	let stop = () => {};
	return new ReadableStream<Uint8Array>({
		start(controller) {
			let closed = false;
			const streams = open.get(ctx) ?? [];
			open.set(ctx, streams);
			const self: Stream = {
				userId: user.id,
				communeId: user.communeId ?? '',
				address: addressLimitKey(address),
				close() {
					if (closed) return;
					closed = true;
					stop();
					try {
						controller.close();
					} catch {
						/* already cancelled by the client */
					}
				}
			};
			const send = (bytes: Uint8Array) => {
				if (closed) return;
				try {
					controller.enqueue(bytes);
				} catch {
					self.close();
				}
			};
			const recheck = async () => {
				const row = await resolveSession(ctx, token);
				if (!row) self.close();
				else actor = publicUser(row);
			};
			const unsubscribe = ctx.feed.subscribe((e) => {
				if (e.type === 'changes') {
					if (e.communeId === actor.communeId && e.unitCodes.some((u) => can(actor, 'read', u)))
						send(frame('changed', { seq: e.seq }));
				} else if (e.type === 'reconnected') self.close();
				else if (e.userId === actor.id) void recheck();
			});
			const heartbeat = setInterval(() => {
				send(encoder.encode(': ping\n\n'));
				void recheck();
			}, HEARTBEAT_MS);
			heartbeat.unref?.();
			stop = () => {
				unsubscribe();
				clearInterval(heartbeat);
				const i = streams.indexOf(self);
				if (i >= 0) streams.splice(i, 1);
			};
			const mine = streams.filter((s) => s.userId === user.id);
			for (const s of mine.slice(0, Math.max(0, mine.length - MAX_STREAMS_PER_USER + 1))) s.close();
			streams.push(self);
			// The reconnection delay for EventSource clients, then "ready": the device pulls once
			// (it may have missed pokes while it was not connected).
			send(encoder.encode('retry: 5000\n\n'));
			send(frame('ready', {}));
		},
		cancel() {
			stop();
		}
	});
}
