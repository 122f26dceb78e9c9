/**
 * The background path of the meeting timer: when a running meeting's start reaches the server
 * (sync push of the meeting with status in_progress), pushes are scheduled at the same thresholds
 * as the device's local notifications (warning, limit, every 30 min of overtime) to the
 * recorder's devices; they are cancelled when the meeting pauses or ends. The schedule is stored
 * through Storage (written in the same transaction as the meeting), so a restart re-arms it. One timer for the earliest unsent push.
 */
import webpush from 'web-push';
import { z } from 'zod';
import { defaultSettings } from '$lib/domain/defaults';
import type { Meeting, Settings } from '$lib/domain/schemas';
import { upcomingThresholds, type Threshold } from '$lib/domain/thresholds';
import '$lib/i18n/all';
import { thresholdNotification } from '$lib/i18n/notification';
import type { Lang } from '$lib/i18n/translate';
import type { PushScheduleChange, PushStorage, PushSubscriptionRow } from '../storage/types';
import type { VapidKeys } from './vapid';
import { httpsDeliver, RefusedEndpointError, type Deliver } from './deliver';

export type { Deliver } from './deliver';

/** Pushes older than this when the server comes back are dropped, not sent late. */
export const STALE_MS = 30 * 60_000;
const MAX_TIMER_MS = 60 * 60_000;
/** Deliveries in flight at once, over every user of every commune. */
export const DELIVERY_CONCURRENCY = 16;
/**
 * Deliveries in flight at once for one commune: a commune whose admin made many accounts with
 * endpoints that never answer holds at most these, so the other communes always have free slots.
 */
export const DELIVERIES_PER_COMMUNE = 8;
/**
 * Deliveries in flight at once for one user: an account whose endpoints never answer (up to the
 * delivery timeout each) holds this many slots, never its whole commune's.
 */
export const DELIVERIES_PER_USER = 2;

/**
 * How long `stop()` lets the deliveries already claimed finish (a shutdown) before it cancels
 * them: well under a process manager's kill timeout (10 s in Docker).
 */
export const STOP_GRACE_MS = 5_000;

/** A job waiting for its turn: `start` runs it, `cancel` settles it without running it. */
interface Waiting {
	start(): Promise<void>;
	cancel(): void;
}

/**
 * Runs jobs at most `limit` at once, at most `perGroup` at once per group (a commune) and at most
 * `perKey` at once per key (a user) within it, taking the groups in turn and, within a group, its
 * keys in turn (one that has just started a job goes to the back). So a commune with many users
 * gets one turn like a commune with one: its long queue never delays another commune's jobs by
 * more than a free slot, and one user's never delays the others of its commune by more either.
 * Once closed, it starts nothing more.
 */
class FairQueue {
	/** Waiting jobs per group, then per key; the Maps' order is the turn order. */
	readonly #waiting = new Map<string, Map<string, Waiting[]>>();
	readonly #inFlight = new Map<string, number>();
	#active = 0;
	#closed = false;

	constructor(
		readonly limit: number,
		readonly perGroup: number,
		readonly perKey: number
	) {}

	/** Runs `job` in its turn; a job closed out before its turn resolves to `cancelled`. */
	run<T>(group: string, key: string, job: () => Promise<T>, cancelled: T): Promise<T> {
		if (this.#closed) return Promise.resolve(cancelled);
		return new Promise<T>((resolve, reject) => {
			const keys = this.#waiting.get(group) ?? new Map<string, Waiting[]>();
			const jobs = keys.get(key) ?? [];
			jobs.push({ start: () => job().then(resolve, reject), cancel: () => resolve(cancelled) });
			keys.set(key, jobs);
			this.#waiting.set(group, keys);
			this.#pump();
		});
	}

	/** Start nothing more: every job still waiting resolves to its `cancelled` value. */
	close(): void {
		this.#closed = true;
		for (const keys of this.#waiting.values())
			for (const jobs of keys.values()) for (const job of jobs) job.cancel();
		this.#waiting.clear();
	}

	#count(id: string): number {
		return this.#inFlight.get(id) ?? 0;
	}

	#add(id: string, by: number): void {
		const n = this.#count(id) + by;
		if (n === 0) this.#inFlight.delete(id);
		else this.#inFlight.set(id, n);
	}

	#next(): { group: string; key: string } | null {
		for (const [group, keys] of this.#waiting) {
			if (this.#count(`g:${group}`) >= this.perGroup) continue;
			for (const key of keys.keys())
				if (this.#count(`k:${group}\u0000${key}`) < this.perKey) return { group, key };
		}
		return null;
	}

	#pump(): void {
		while (this.#active < this.limit) {
			const next = this.#next();
			if (next === null) return;
			const { group, key } = next;
			const keys = this.#waiting.get(group)!;
			const jobs = keys.get(key)!;
			const job = jobs.shift()!;
			// The key to the back of its group's turn order, the group to the back of the groups'
			// (or out, when it has nothing more waiting).
			keys.delete(key);
			if (jobs.length > 0) keys.set(key, jobs);
			this.#waiting.delete(group);
			if (keys.size > 0) this.#waiting.set(group, keys);
			const ids = [`g:${group}`, `k:${group}\u0000${key}`];
			this.#active++;
			for (const id of ids) this.#add(id, 1);
			void job.start().finally(() => {
				this.#active--;
				for (const id of ids) this.#add(id, -1);
				this.#pump();
			});
		}
	}
}

/**
 * What a scheduled push says, without its language: the texts are written at send time in each
 * device's language (stored with its subscription), from the same messages as the local
 * notification (src/lib/i18n/notification.ts).
 */
const scheduledSchema = z.object({
	meetingId: z.string(),
	title: z.string(),
	threshold: z.string(),
	kind: z.enum(['warning', 'limit', 'overtime']),
	overtimeMinutes: z.number(),
	limitMinutes: z.number(),
	leadMinutes: z.number()
});
type Scheduled = z.infer<typeof scheduledSchema>;

export function scheduledPayload(
	meeting: Pick<Meeting, 'id' | 'title'>,
	t: Threshold,
	limitMinutes: number,
	leadMinutes: number
): string {
	const p: Scheduled = {
		meetingId: meeting.id,
		title: meeting.title,
		threshold: t.key,
		kind: t.kind,
		overtimeMinutes: t.overtimeMinutes,
		limitMinutes,
		leadMinutes
	};
	return JSON.stringify(p);
}

/** The push body a device receives (src/sw/push.ts), in its language. */
export function pushPayload(stored: string, lang: Lang): string | null {
	let json: unknown;
	try {
		json = JSON.parse(stored);
	} catch {
		return null;
	}
	const r = scheduledSchema.safeParse(json);
	if (!r.success) return null;
	const p = r.data;
	const text = thresholdNotification(lang, p, p.title, p.limitMinutes, p.leadMinutes);
	return JSON.stringify({ ...text, meetingId: p.meetingId, kind: p.kind, threshold: p.threshold });
}

/**
 * The schedule change for a meeting as stored after a sync push by `userId`: its thresholds if a
 * sitting runs, otherwise cancel what is pending. Pure: the push handler writes it in the same
 * transaction as the meeting.
 */
export function scheduleFor(
	meeting: Meeting,
	userId: string,
	settings: Settings | null,
	now: number
): PushScheduleChange {
	const s = settings ?? defaultSettings(0);
	const limit = s.limits[meeting.category];
	const running =
		!meeting.deleted &&
		meeting.status === 'in_progress' &&
		meeting.sittings[meeting.sittings.length - 1]?.end === null;
	if (!running || limit === null) return { kind: 'cancel', meetingId: meeting.id };
	const upcoming = upcomingThresholds({
		sittings: meeting.sittings,
		limitMinutes: limit,
		warningLeadMinutes: s.warningLeadMinutes,
		now
	});
	return {
		kind: 'replace',
		meetingId: meeting.id,
		userId,
		items: upcoming.map((u) => ({
			threshold: u.threshold.key,
			dueAt: u.at,
			payload: scheduledPayload(meeting, u.threshold, limit, s.warningLeadMinutes)
		}))
	};
}

export interface SchedulerDeps {
	store: PushStorage;
	vapid: VapidKeys;
	now(): number;
	deliver?: Deliver;
	setTimer?: (fn: () => void, ms: number) => { cancel(): void };
	log?: (msg: string, err?: unknown) => void;
}

const nodeTimer = (fn: () => void, ms: number) => {
	const h = setTimeout(fn, ms);
	h.unref?.();
	return { cancel: () => clearTimeout(h) };
};

export class PushScheduler {
	readonly #d: Required<SchedulerDeps>;
	#timer: { cancel(): void } | null = null;
	/** The claim in progress: the deliveries it queued (they run on, outside it). */
	#claiming: Promise<Promise<boolean>[]> | null = null;
	#stopped = false;
	readonly #deliveries = new FairQueue(
		DELIVERY_CONCURRENCY,
		DELIVERIES_PER_COMMUNE,
		DELIVERIES_PER_USER
	);
	/** Every delivery queued or running, until it settles (what `stop()` waits for). */
	readonly #sends = new Set<Promise<boolean>>();
	/** Aborts the deliveries still running when `stop()`'s grace runs out. */
	readonly #abort = new AbortController();

	constructor(deps: SchedulerDeps) {
		this.#d = {
			deliver: httpsDeliver,
			setTimer: nodeTimer,
			log: (msg, err) => console.error(`[push] ${msg}`, err ?? ''),
			...deps
		};
	}

	get publicKey(): string {
		return this.#d.vapid.publicKey;
	}

	/** Set one timer for the earliest unsent push (call on start: the stored schedule re-arms). */
	async arm(): Promise<void> {
		if (this.#stopped) return;
		const next = (await this.#d.store.pendingPushes())[0];
		this.#timer?.cancel();
		this.#timer = null;
		if (!next || this.#stopped) return;
		const wait = Math.min(Math.max(0, next.dueAt - this.#d.now()), MAX_TIMER_MS);
		this.#timer = this.#d.setTimer(() => void this.runDue(), wait);
	}

	/**
	 * Send every push that is due (stale ones are dropped); resolves to how many this run sent.
	 * The deliveries run in the background queue (DELIVERY_CONCURRENCY at once,
	 * DELIVERIES_PER_COMMUNE per commune and DELIVERIES_PER_USER per user, communes in turn and
	 * users in turn within each): the next timer claims and sends what falls due meanwhile, even
	 * while one account's endpoints hang.
	 */
	runDue(): Promise<number> {
		// Stopped: nothing is claimed (a claimed push is marked sent, so it would be lost).
		if (this.#stopped) return Promise.resolve(0);
		// Never a rejection nobody handles (callers fire and forget): a database that is away is
		// logged, and the next timer or the minute's re-read tries again.
		this.#claiming ??= this.#claimDue()
			.catch((err: unknown) => {
				this.#d.log('sending due pushes failed', err);
				return [];
			})
			.finally(async () => {
				this.#claiming = null;
				// Stopped (shutdown, or a test's storage closing): nothing to arm on a closed store.
				await this.arm().catch((err: unknown) => this.#d.log('arming failed', err));
			});
		return this.#claiming.then(async (sends) => (await Promise.all(sends)).filter(Boolean).length);
	}

	async #claimDue(): Promise<Promise<boolean>[]> {
		const now = this.#d.now();
		const sends: Promise<boolean>[] = [];
		// Claimed (marked sent) before sending: with several app processes, each push is sent by one.
		for (const p of await this.#d.store.claimDuePushes(now)) {
			if (now - p.dueAt > STALE_MS) continue;
			for (const sub of await this.#d.store.pushSubscriptionsOf(p.userId)) {
				const payload = pushPayload(p.payload, sub.lang);
				if (!payload) continue;
				const send = () =>
					// Stale by the time its turn came (behind this user's slow endpoints): dropped.
					this.#d.now() - p.dueAt > STALE_MS ? Promise.resolve(false) : this.#send(sub, payload);
				const queued = this.#deliveries
					.run(p.communeId, p.userId, send, false)
					.catch((err: unknown) => {
						this.#d.log('delivery failed', err);
						return false;
					});
				this.#sends.add(queued);
				void queued.then(() => this.#sends.delete(queued));
				sends.push(queued);
			}
		}
		return sends;
	}

	async #send(sub: PushSubscriptionRow, payload: string): Promise<boolean> {
		try {
			const details = webpush.generateRequestDetails(
				{ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
				payload,
				{
					vapidDetails: this.#d.vapid,
					TTL: 15 * 60,
					urgency: 'high',
					contentEncoding: 'aes128gcm'
				}
			);
			const signal = this.#abort.signal;
			const status = await untilAborted(
				this.#d.deliver({
					endpoint: details.endpoint,
					method: details.method,
					headers: details.headers as Record<string, string>,
					body: (details.body as Buffer | null) ?? null,
					signal
				}),
				signal
			);
			// Gone: the browser dropped this subscription.
			if (status === 404 || status === 410)
				await this.#d.store.deletePushSubscription(sub.endpoint);
			return status >= 200 && status < 300;
		} catch (err) {
			// Cancelled by stop(): not a failure of the push service.
			if (this.#abort.signal.aborted) return false;
			// Stored before the endpoint rules, or its host now resolves inside a private network.
			if (err instanceof RefusedEndpointError)
				await this.#d.store.deletePushSubscription(sub.endpoint);
			this.#d.log('delivery failed', err);
			return false;
		}
	}

	/**
	 * Stop taking work (no timer, no claim: `runDue` resolves to 0) and let the deliveries already
	 * claimed finish for up to `graceMs`; then the ones still waiting never start and the running
	 * ones are aborted (their pushes are marked sent: lost, like a failed delivery). Resolves when
	 * no delivery of this scheduler runs, so the store may be closed after it. A claim still
	 * reading the store when the grace ends queues nothing (the queue is closed).
	 */
	async stop(graceMs = STOP_GRACE_MS): Promise<void> {
		this.#stopped = true;
		this.#timer?.cancel();
		this.#timer = null;
		let grace: ReturnType<typeof setTimeout> | undefined;
		const graceOver = new Promise<'late'>((resolve) => {
			grace = setTimeout(() => resolve('late'), graceMs);
		});
		// The claim in progress adds its deliveries to #sends before it resolves.
		const finished = (this.#claiming ?? Promise.resolve()).then(() => this.#settled());
		try {
			if ((await Promise.race([finished, graceOver])) !== 'late') return;
		} finally {
			clearTimeout(grace);
		}
		this.#deliveries.close();
		this.#abort.abort();
		await this.#settled();
	}

	/** Until every delivery queued or running has settled (those queued meanwhile too). */
	async #settled(): Promise<void> {
		while (this.#sends.size > 0) await Promise.all(this.#sends);
	}
}

/** `work`, or a rejection as soon as `signal` aborts (a delivery that ignores its signal too). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	if (signal.aborted) return Promise.reject(signal.reason as Error);
	return new Promise<T>((resolve, reject) => {
		const abort = () => reject(signal.reason as Error);
		signal.addEventListener('abort', abort, { once: true });
		work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
	});
}
