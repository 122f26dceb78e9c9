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
import { thresholdNotification, type Lang } from '$lib/i18n/translate';
import type { PushScheduleChange, PushStorage, PushSubscriptionRow } from '../storage/types';
import type { VapidKeys } from './vapid';
import { httpsDeliver, RefusedEndpointError, type Deliver } from './deliver';

export type { Deliver } from './deliver';

/** Pushes older than this when the server comes back are dropped, not sent late. */
export const STALE_MS = 30 * 60_000;
const MAX_TIMER_MS = 60 * 60_000;

/**
 * What a scheduled push says, without its language: the texts are written at send time in each
 * device's language (stored with its subscription), from the same messages as the local
 * notification (src/lib/i18n/translate.ts).
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
	#running: Promise<number> | null = null;
	#stopped = false;

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

	/** Send every push that is due (stale ones are dropped); returns how many were sent. */
	runDue(): Promise<number> {
		// Never a rejection nobody handles (callers fire and forget): a database that is away is
		// logged, and the next timer or the minute's re-read tries again.
		this.#running ??= this.#runDue()
			.catch((err: unknown) => {
				this.#d.log('sending due pushes failed', err);
				return 0;
			})
			.finally(async () => {
				this.#running = null;
				// Stopped (shutdown, or a test's storage closing): nothing to arm on a closed store.
				await this.arm().catch((err: unknown) => this.#d.log('arming failed', err));
			});
		return this.#running;
	}

	async #runDue(): Promise<number> {
		const now = this.#d.now();
		let sent = 0;
		// Claimed (marked sent) before sending: with several app processes, each push is sent by one.
		for (const p of await this.#d.store.claimDuePushes(now)) {
			if (now - p.dueAt > STALE_MS) continue;
			for (const sub of await this.#d.store.pushSubscriptionsOf(p.userId)) {
				const payload = pushPayload(p.payload, sub.lang);
				if (payload && (await this.#send(sub, payload))) sent++;
			}
		}
		return sent;
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
			const status = await this.#d.deliver({
				endpoint: details.endpoint,
				method: details.method,
				headers: details.headers as Record<string, string>,
				body: (details.body as Buffer | null) ?? null
			});
			// Gone: the browser dropped this subscription.
			if (status === 404 || status === 410)
				await this.#d.store.deletePushSubscription(sub.endpoint);
			return status >= 200 && status < 300;
		} catch (err) {
			// Stored before the endpoint rules, or its host now resolves inside a private network.
			if (err instanceof RefusedEndpointError)
				await this.#d.store.deletePushSubscription(sub.endpoint);
			this.#d.log('delivery failed', err);
			return false;
		}
	}

	stop(): void {
		this.#stopped = true;
		this.#timer?.cancel();
		this.#timer = null;
	}
}
