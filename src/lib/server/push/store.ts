/**
 * Web Push rows in the server's SQLite file (tables of migration 2): device subscriptions per user
 * and the schedule of pushes. A connection of its own on the same WAL database (the Storage class
 * keeps its handle private); parameterised SQL only.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../storage/sqlite';

/** Devices per user that receive pushes (a bound on what one account can store here). */
export const MAX_SUBSCRIPTIONS_PER_USER = 20;

export interface PushSubscriptionRow {
	endpoint: string;
	userId: string;
	p256dh: string;
	auth: string;
}

export interface ScheduledPush {
	id: number;
	meetingId: string;
	userId: string;
	threshold: string;
	dueAt: number;
	payload: string;
}

export class PushStore {
	readonly #db: Database.Database;

	constructor(db: Database.Database) {
		this.#db = db;
	}

	static open(dataDir: string): PushStore {
		const db = new Database(path.join(dataDir, DB_FILE));
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		return new PushStore(db);
	}

	close(): void {
		this.#db.close();
	}

	/**
	 * Save a device's subscription for its user. An endpoint held by another user is never moved
	 * ('taken'): the device must make a new subscription (a new endpoint) instead. A user keeps
	 * at most MAX_SUBSCRIPTIONS_PER_USER devices; the oldest beyond that are dropped.
	 */
	saveSubscription(s: PushSubscriptionRow, now: number): 'saved' | 'taken' {
		return this.#db.transaction((): 'saved' | 'taken' => {
			const owner = this.#db
				.prepare('SELECT user_id FROM push_subscriptions WHERE endpoint = ?')
				.get(s.endpoint) as { user_id: string } | undefined;
			if (owner && owner.user_id !== s.userId) return 'taken';
			this.#db
				.prepare(
					`INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at)
					 VALUES (?, ?, ?, ?, ?)
					 ON CONFLICT(endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
					   created_at = excluded.created_at
					 WHERE push_subscriptions.user_id = excluded.user_id`
				)
				.run(s.endpoint, s.userId, s.p256dh, s.auth, now);
			this.#db
				.prepare(
					`DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint NOT IN (
					   SELECT endpoint FROM push_subscriptions WHERE user_id = ?
					   ORDER BY created_at DESC, endpoint LIMIT ?)`
				)
				.run(s.userId, s.userId, MAX_SUBSCRIPTIONS_PER_USER);
			return 'saved';
		})();
	}

	deleteSubscription(endpoint: string, userId?: string): boolean {
		const r =
			userId === undefined
				? this.#db.prepare('DELETE FROM push_subscriptions WHERE endpoint = ?').run(endpoint)
				: this.#db
						.prepare('DELETE FROM push_subscriptions WHERE endpoint = ? AND user_id = ?')
						.run(endpoint, userId);
		return r.changes > 0;
	}

	subscriptionsOf(userId: string): PushSubscriptionRow[] {
		return (
			this.#db
				.prepare('SELECT endpoint, user_id, p256dh, auth FROM push_subscriptions WHERE user_id = ?')
				.all(userId) as { endpoint: string; user_id: string; p256dh: string; auth: string }[]
		).map((r) => ({ endpoint: r.endpoint, userId: r.user_id, p256dh: r.p256dh, auth: r.auth }));
	}

	/** Replace the unsent schedule of one meeting for one user. */
	replaceSchedule(
		meetingId: string,
		userId: string,
		items: readonly { threshold: string; dueAt: number; payload: string }[]
	): void {
		this.#db.transaction(() => {
			this.#db
				.prepare(
					'DELETE FROM push_schedule WHERE meeting_id = ? AND user_id = ? AND sent_at IS NULL'
				)
				.run(meetingId, userId);
			const insert = this.#db.prepare(
				`INSERT INTO push_schedule (meeting_id, user_id, threshold, due_at, payload)
				 VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT(meeting_id, user_id, threshold) DO NOTHING`
			);
			for (const i of items) insert.run(meetingId, userId, i.threshold, i.dueAt, i.payload);
		})();
	}

	/** Drop every unsent push of a meeting (it ended, paused or was deleted). */
	cancelMeeting(meetingId: string): number {
		return this.#db
			.prepare('DELETE FROM push_schedule WHERE meeting_id = ? AND sent_at IS NULL')
			.run(meetingId).changes;
	}

	pending(): ScheduledPush[] {
		return (
			this.#db
				.prepare(
					`SELECT id, meeting_id, user_id, threshold, due_at, payload FROM push_schedule
					 WHERE sent_at IS NULL ORDER BY due_at, id`
				)
				.all() as {
				id: number;
				meeting_id: string;
				user_id: string;
				threshold: string;
				due_at: number;
				payload: string;
			}[]
		).map((r) => ({
			id: r.id,
			meetingId: r.meeting_id,
			userId: r.user_id,
			threshold: r.threshold,
			dueAt: r.due_at,
			payload: r.payload
		}));
	}

	markSent(id: number, at: number): void {
		this.#db.prepare('UPDATE push_schedule SET sent_at = ? WHERE id = ?').run(at, id);
	}
}
