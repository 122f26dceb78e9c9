/**
 * The change feed of several app processes on one PostgreSQL database: a write's poke is
 * published with `NOTIFY` after its commit, and every process `LISTEN`s on one dedicated
 * connection, so a device streaming from process B hears a write made through process A
 * (docs/sync-protocol.md, "Live changes").
 *
 * - The channel is named after the database and schema (two installs on one cluster, or the
 *   tests' schemas, never hear each other).
 * - A payload is small: the event itself (commune id, seq, unit codes; or a user id) and the
 *   sending process's id. A poke with many unit codes is split into several notifications (the
 *   server refuses a payload over 8000 bytes).
 * - The publishing process hands the event to its own listeners at once (and ignores its own
 *   notification when it comes back), so a process whose listening connection is down still
 *   pokes its own streams.
 * - The listening connection reconnects on error, backing off 0.5 s to 30 s. Notifications sent
 *   while it was down are lost: after a reconnect the feed emits `{ type: 'reconnected' }`, and
 *   the event streams close (the devices reconnect and pull once on `ready`).
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeFeed, FeedEvent } from './events';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; stay well below. */
export const MAX_PAYLOAD_BYTES = 7_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/** On the wire: `o` the sending process, `e` the event. */
interface Wire {
	o: string;
	e: FeedEvent;
}

export interface PgChangeFeedOptions {
	/** Process id carried in each notification (tests give names); random by default. */
	origin?: string;
	/** Connections used to publish (default 2). */
	poolSize?: number;
}

/** The channel for this database and schema: a fixed prefix and a hash (a valid identifier). */
async function channelOf(client: pg.Client): Promise<string> {
	const { rows } = await client.query<{ db: string; schema: string | null }>(
		'SELECT current_database() AS db, current_schema() AS schema'
	);
	const hash = createHash('sha256')
		.update(`${rows[0]!.db}\u0000${rows[0]!.schema ?? ''}`)
		.digest('hex');
	return `so_hop_534_feed_${hash.slice(0, 24)}`;
}

/** Split a poke so each notification stays under MAX_PAYLOAD_BYTES. */
export function wirePayloads(origin: string, event: FeedEvent): string[] {
	const whole = JSON.stringify({ o: origin, e: event } satisfies Wire);
	if (Buffer.byteLength(whole) <= MAX_PAYLOAD_BYTES || event.type !== 'changes') return [whole];
	const out: string[] = [];
	let part: (string | null)[] = [];
	const encode = (units: (string | null)[]) =>
		JSON.stringify({ o: origin, e: { ...event, unitCodes: units } } satisfies Wire);
	for (const u of event.unitCodes) {
		if (part.length > 0 && Buffer.byteLength(encode([...part, u])) > MAX_PAYLOAD_BYTES) {
			out.push(encode(part));
			part = [];
		}
		part.push(u);
	}
	if (part.length > 0) out.push(encode(part));
	return out;
}

function parseWire(payload: string | undefined): Wire | null {
	if (!payload) return null;
	try {
		const w = JSON.parse(payload) as Partial<Wire>;
		const e = w.e as Partial<FeedEvent> | undefined;
		if (typeof w.o !== 'string' || !e) return null;
		if (
			e.type === 'changes' &&
			typeof e.communeId === 'string' &&
			typeof e.seq === 'number' &&
			Array.isArray(e.unitCodes) &&
			e.unitCodes.every((u) => u === null || typeof u === 'string')
		)
			return {
				o: w.o,
				e: { type: 'changes', communeId: e.communeId, seq: e.seq, unitCodes: e.unitCodes }
			};
		if (e.type === 'sessions' && typeof e.userId === 'string')
			return { o: w.o, e: { type: 'sessions', userId: e.userId } };
	} catch {
		// Not ours: ignored.
	}
	return null;
}

export class PgChangeFeed implements ChangeFeed {
	readonly origin: string;
	readonly #connectionString: string;
	readonly #pool: pg.Pool;
	readonly #listeners = new Set<(event: FeedEvent) => void>();
	#channel: string | null = null;
	#client: pg.Client | null = null;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#delay = RETRY_MIN_MS;
	#closed = false;
	/** Resolves when the listening connection is (again) listening. */
	#listening: Promise<void>;
	#markListening: () => void = () => {};

	constructor(connectionString: string, options: PgChangeFeedOptions = {}) {
		this.origin = options.origin ?? randomUUID();
		this.#connectionString = connectionString;
		this.#pool = new pg.Pool({ connectionString, max: options.poolSize ?? 2 });
		this.#pool.on('error', (err) => console.error('[feed] idle connection error', err.message));
		this.#listening = this.#nextListening();
	}

	#nextListening(): Promise<void> {
		return new Promise((resolve) => (this.#markListening = resolve));
	}

	/** Connect and LISTEN; rejects when the first connection fails (the server cannot start). */
	async start(): Promise<void> {
		await this.#connect(false);
	}

	/** Resolves once the feed listens (after start, or after a reconnect). Tests wait on it. */
	listening(): Promise<void> {
		return this.#listening;
	}

	async #connect(reconnected: boolean): Promise<void> {
		const client = new pg.Client({
			connectionString: this.#connectionString,
			// Named, so an operator sees (and tests find) each process's listening connection.
			application_name: `so-hop-534 feed ${this.origin}`.slice(0, 63)
		});
		let failed = false;
		let connecting = true;
		const lost = (err?: Error) => {
			if (failed || connecting) return;
			failed = true;
			if (err) console.error('[feed] listening connection lost', err.message);
			if (this.#client === client) this.#client = null;
			client.end().catch(() => {});
			this.#scheduleReconnect();
		};
		client.on('error', lost);
		client.on('end', () => lost());
		client.on('notification', (msg) => {
			if (msg.channel !== this.#channel) return;
			const w = parseWire(msg.payload);
			if (w && w.o !== this.origin) this.#deliver(w.e);
		});
		try {
			await client.connect();
			this.#channel ??= await channelOf(client);
			await client.query(`LISTEN ${client.escapeIdentifier(this.#channel)}`);
		} catch (err) {
			failed = true;
			connecting = false;
			client.removeAllListeners('end');
			await client.end().catch(() => {});
			if (!reconnected) throw err;
			console.error('[feed] reconnect failed', (err as Error).message);
			this.#scheduleReconnect();
			return;
		}
		connecting = false;
		if (this.#closed) {
			failed = true;
			await client.end().catch(() => {});
			return;
		}
		this.#client = client;
		this.#delay = RETRY_MIN_MS;
		this.#markListening();
		// Pokes sent while not listening are lost: the streams start over (devices pull on ready).
		if (reconnected) this.#deliver({ type: 'reconnected' });
	}

	#scheduleReconnect(): void {
		if (this.#closed || this.#retry) return;
		this.#listening = this.#nextListening();
		const delay = this.#delay;
		this.#delay = Math.min(RETRY_MAX_MS, this.#delay * 2);
		this.#retry = setTimeout(() => {
			this.#retry = null;
			void this.#connect(true);
		}, delay);
		this.#retry.unref?.();
	}

	#deliver(event: FeedEvent): void {
		for (const l of [...this.#listeners]) {
			try {
				l(event);
			} catch (err) {
				console.error('[feed] listener failed', err);
			}
		}
	}

	publish(event: FeedEvent): void {
		this.#deliver(event);
		if (this.#closed || event.type === 'reconnected') return;
		void this.#notify(event);
	}

	async #notify(event: FeedEvent): Promise<void> {
		try {
			const channel = this.#channel ?? (await this.#channelFromPool());
			for (const payload of wirePayloads(this.origin, event))
				await this.#pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
		} catch (err) {
			// The write is committed; the other processes' devices pull at their next timer run.
			console.error('[feed] notify failed', (err as Error).message);
		}
	}

	async #channelFromPool(): Promise<string> {
		const client = new pg.Client({ connectionString: this.#connectionString });
		await client.connect();
		try {
			this.#channel ??= await channelOf(client);
			return this.#channel;
		} finally {
			await client.end();
		}
	}

	subscribe(listener: (event: FeedEvent) => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	/** Stop listening and close the connections. */
	async close(): Promise<void> {
		this.#closed = true;
		if (this.#retry) clearTimeout(this.#retry);
		this.#retry = null;
		const client = this.#client;
		this.#client = null;
		if (client) {
			client.removeAllListeners('end');
			await client.end().catch(() => {});
		}
		await this.#pool.end().catch(() => {});
	}
}

/** Start a feed on this database (hooks.server.ts, when DATABASE_URL is set). */
export async function startPgChangeFeed(
	connectionString: string,
	options: PgChangeFeedOptions = {}
): Promise<PgChangeFeed> {
	const feed = new PgChangeFeed(connectionString, options);
	await feed.start();
	return feed;
}
