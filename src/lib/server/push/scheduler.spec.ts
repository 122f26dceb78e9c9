/**
 * Delivery fairness of the push scheduler (review, "suspected": one account's endpoints that never
 * answer must not hold back everyone's meeting-timer pushes). The push service is a fake `Deliver`
 * whose slow endpoints answer only when the test lets them: no sleeps, no network.
 */
import crypto from 'node:crypto';
import webpush from 'web-push';
import { describe, expect, it, vi } from 'vitest';
import { T0 } from '$factories/sync';
import type { PushStorage, PushSubscriptionRow, ScheduledPush } from '../storage/types';
import type { Deliver } from './deliver';
import {
	DELIVERIES_PER_COMMUNE,
	DELIVERIES_PER_USER,
	DELIVERY_CONCURRENCY,
	PushScheduler,
	scheduledPayload,
	STALE_MS
} from './scheduler';

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:a@b' };

function subscription(userId: string, endpoint: string): PushSubscriptionRow {
	const ua = crypto.createECDH('prime256v1');
	ua.generateKeys();
	return {
		endpoint,
		userId,
		p256dh: ua.getPublicKey().toString('base64url'),
		auth: crypto.randomBytes(16).toString('base64url'),
		lang: 'vi'
	};
}

let pushId = 0;
const due = (userId: string, dueAt: number, communeId = 'default'): ScheduledPush => ({
	id: ++pushId,
	communeId,
	meetingId: `m-${userId}`,
	userId,
	threshold: `t-${pushId}`,
	dueAt,
	payload: scheduledPayload(
		{ id: `m-${userId}`, title: 'Họp' },
		{ key: `t-${pushId}`, kind: 'limit', atElapsedMs: 3_600_000, overtimeMinutes: 0 },
		60,
		5
	)
});

/** A fake store: `queue` holds what the next claim returns. */
function fakeStore(subs: PushSubscriptionRow[]) {
	const queue: ScheduledPush[] = [];
	const store = {
		claimDuePushes: async (now: number) => {
			const out = queue.filter((p) => p.dueAt <= now);
			queue.splice(0, queue.length, ...queue.filter((p) => p.dueAt > now));
			return out;
		},
		pendingPushes: async () => [...queue].sort((a, b) => a.dueAt - b.dueAt),
		pushSubscriptionsOf: async (userId: string) => subs.filter((s) => s.userId === userId),
		deletePushSubscription: async () => true
	} as unknown as PushStorage;
	return { store, queue };
}

/** Endpoints under `https://slow.example/` answer when `release()` is called; others at once. */
function fakeService() {
	const started: string[] = [];
	/** The abort signal each delivery was given, in start order. */
	const signals: (AbortSignal | undefined)[] = [];
	let inFlightSlow = 0;
	let maxInFlightSlow = 0;
	const waiting: (() => void)[] = [];
	const deliver: Deliver = (req) => {
		started.push(req.endpoint);
		signals.push(req.signal);
		if (!req.endpoint.startsWith('https://slow.example/')) return Promise.resolve(201);
		inFlightSlow++;
		maxInFlightSlow = Math.max(maxInFlightSlow, inFlightSlow);
		return new Promise<number>((resolve) =>
			waiting.push(() => {
				inFlightSlow--;
				resolve(201);
			})
		);
	};
	return {
		deliver,
		started,
		signals,
		maxInFlight: () => maxInFlightSlow,
		/** Let every slow delivery started so far answer. */
		release: () => waiting.splice(0).forEach((answer) => answer())
	};
}

/** A scheduler on a fake store and push service, with no timer of its own and no log. */
const schedulerOn = (
	store: PushStorage,
	svc: ReturnType<typeof fakeService>,
	now: () => number = () => T0
) =>
	new PushScheduler({
		store,
		vapid,
		now,
		deliver: svc.deliver,
		setTimer: () => ({ cancel() {} }),
		log: () => {}
	});

describe('push delivery under a slow account', () => {
	it("an account whose endpoints never answer holds a few slots; other users' pushes go out at once, and stale ones are dropped", async () => {
		const slow = Array.from({ length: 20 }, (_, i) =>
			subscription('attacker', `https://slow.example/${i}`)
		);
		const victim = subscription('victim', 'https://fcm.googleapis.com/fcm/send/victim');
		const other = subscription('other', 'https://fcm.googleapis.com/fcm/send/other');
		const { store, queue } = fakeStore([...slow, victim, other]);
		const svc = fakeService();
		const clock = { now: T0 };
		const scheduler = schedulerOn(store, svc, () => clock.now);
		// Five of the attacker's thresholds fall due together with the victim's.
		for (let i = 0; i < 5; i++) queue.push(due('attacker', T0));
		queue.push(due('victim', T0));
		const first = scheduler.runDue();
		await vi.waitFor(() => expect(svc.started).toContain(victim.endpoint));
		expect(svc.maxInFlight()).toBeLessThanOrEqual(DELIVERIES_PER_USER);

		// A push that falls due while the attacker's are still hanging is sent too.
		clock.now = T0 + 60_000;
		queue.push(due('other', clock.now));
		await expect(scheduler.runDue()).resolves.toBe(1);
		expect(svc.started).toContain(other.endpoint);
		expect(svc.maxInFlight()).toBeLessThanOrEqual(DELIVERIES_PER_USER);

		// The attacker's queue is now stale: what has not started is dropped, never sent late.
		clock.now = T0 + STALE_MS + 1;
		svc.release();
		await expect(first).resolves.toBe(1 + DELIVERIES_PER_USER);
		expect(svc.started.filter((e) => e.startsWith('https://slow.example/'))).toHaveLength(
			DELIVERIES_PER_USER
		);
		await scheduler.stop();
	});

	it("a commune whose many accounts' endpoints never answer holds a few slots; another commune's push goes out at once", async () => {
		// The commune admin made many accounts, each with 20 endpoints that hang.
		const accounts = Array.from({ length: 10 }, (_, i) => `a${i}`);
		const slow = accounts.flatMap((u) =>
			Array.from({ length: 20 }, (_, i) => subscription(u, `https://slow.example/${u}/${i}`))
		);
		const victim = subscription('b-user', 'https://fcm.googleapis.com/fcm/send/b-user');
		const neighbour = subscription('a-late', 'https://fcm.googleapis.com/fcm/send/a-late');
		const { store, queue } = fakeStore([...slow, victim, neighbour]);
		const svc = fakeService();
		const scheduler = schedulerOn(store, svc);
		for (const u of accounts) for (let i = 0; i < 3; i++) queue.push(due(u, T0, 'xa-a'));
		queue.push(due('b-user', T0, 'xa-b'));
		const run = scheduler.runDue();
		await vi.waitFor(() => expect(svc.started).toContain(victim.endpoint));
		// Commune A never held more than its share, though its users alone would fill every slot.
		expect(accounts.length * DELIVERIES_PER_USER).toBeGreaterThan(DELIVERY_CONCURRENCY);
		expect(svc.maxInFlight()).toBe(DELIVERIES_PER_COMMUNE);
		expect(DELIVERIES_PER_COMMUNE).toBeLessThan(DELIVERY_CONCURRENCY);
		// Everything answers: every push of both communes went out.
		let done = false;
		void run.then(() => (done = true));
		while (!done) {
			svc.release();
			await new Promise((r) => setImmediate(r));
		}
		await expect(run).resolves.toBe(accounts.length * 3 * 20 + 1);
		await scheduler.stop();
	});

	it('delivers many users of several communes at once, at most DELIVERY_CONCURRENCY together', async () => {
		const users = Array.from({ length: DELIVERY_CONCURRENCY * 2 }, (_, i) => `u${i}`);
		const subs = users.map((u) => subscription(u, `https://slow.example/${u}`));
		const { store, queue } = fakeStore(subs);
		const svc = fakeService();
		const scheduler = schedulerOn(store, svc);
		users.forEach((u, i) => queue.push(due(u, T0, `xa-${i % 3}`)));
		const run = scheduler.runDue();
		await vi.waitFor(() => expect(svc.started).toHaveLength(DELIVERY_CONCURRENCY));
		expect(svc.maxInFlight()).toBe(DELIVERY_CONCURRENCY);
		// Each answer frees a slot for the next user.
		while (svc.started.length < users.length) {
			const before = svc.started.length;
			svc.release();
			await vi.waitFor(() => expect(svc.started.length).toBeGreaterThan(before));
		}
		svc.release();
		await expect(run).resolves.toBe(users.length);
		expect(svc.maxInFlight()).toBe(DELIVERY_CONCURRENCY);
		await scheduler.stop();
	});
});

describe('stopping the scheduler (a shutdown, a test teardown)', () => {
	/** One user with five endpoints that answer only when released: two run, three wait. */
	function hanging() {
		const subs = Array.from({ length: 5 }, (_, i) =>
			subscription('u', `https://slow.example/${i}`)
		);
		const { store, queue } = fakeStore(subs);
		const svc = fakeService();
		const scheduler = schedulerOn(store, svc);
		queue.push(due('u', T0));
		return { scheduler, svc, queue };
	}

	it('after its grace, the waiting deliveries never start and the running ones are aborted; it claims nothing more', async () => {
		const { scheduler, svc, queue } = hanging();
		const run = scheduler.runDue();
		await vi.waitFor(() => expect(svc.started).toHaveLength(DELIVERIES_PER_USER));
		await scheduler.stop(0);
		expect(svc.signals.map((s) => s?.aborted)).toEqual([true, true]);
		// The push service answering late starts nothing more.
		svc.release();
		await new Promise((r) => setImmediate(r));
		expect(svc.started).toHaveLength(DELIVERIES_PER_USER);
		// The fake ignores its signal: the run settles anyway, nothing sent.
		await expect(run).resolves.toBe(0);
		queue.push(due('u', T0));
		await expect(scheduler.runDue()).resolves.toBe(0);
		expect(queue).toHaveLength(1);
	});

	it('within its grace, the claimed deliveries (running and waiting) are sent, and it resolves after the last', async () => {
		const { scheduler, svc } = hanging();
		const run = scheduler.runDue();
		await vi.waitFor(() => expect(svc.started).toHaveLength(DELIVERIES_PER_USER));
		let stopped = false;
		const stopping = scheduler.stop(60_000).then(() => {
			stopped = true;
		});
		while (svc.started.length < 5) {
			const before = svc.started.length;
			svc.release();
			await vi.waitFor(() => expect(svc.started.length).toBeGreaterThan(before));
			expect(stopped).toBe(false);
		}
		svc.release();
		await stopping;
		await expect(run).resolves.toBe(5);
		expect(svc.signals.some((s) => s?.aborted)).toBe(false);
	});
});
