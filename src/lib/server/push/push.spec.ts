import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/sync/protocol';
import { addUser, sessionFor, type TestUser } from '../test-server';
import { openSeededEngine, TEST_ENGINES, type EngineServer } from '../test-engines';
import { hlcAt, meeting, mutation, T0 } from '$factories/sync';
import { push } from '../sync/push';
import { MIGRATIONS } from '../storage/migrations';
import { pushStore, startPush, stopPush } from './service';
import { VAPID_FILE } from './vapid';
import { postSubscribe } from './handlers';
import { makeHttpsDeliver } from './deliver';
import { MAX_SUBSCRIPTIONS_PER_USER } from '../storage/types';
import { lookupTo, resolveTo, TEST_CERT, TEST_KEY } from './test-support';
import type { EndpointPolicy } from './endpoint';
import { PushScheduler as Scheduler, type PushScheduler } from './scheduler';
import type { PushStorage } from '../storage/types';

const MIN = 60_000;

/** RFC 8291 (aes128gcm) decryption, as a browser does it: the test's receiving end. */
function decrypt(body: Buffer, uaPrivate: crypto.ECDH, authSecret: Buffer): string {
	const salt = body.subarray(0, 16);
	const rs = body.readUInt32BE(16);
	const idlen = body[20]!;
	const asPublic = body.subarray(21, 21 + idlen);
	const ciphertext = body.subarray(21 + idlen);
	expect(rs).toBeGreaterThanOrEqual(ciphertext.length);
	const ecdhSecret = uaPrivate.computeSecret(asPublic);
	const keyInfo = Buffer.concat([
		Buffer.from('WebPush: info\0'),
		uaPrivate.getPublicKey(),
		asPublic
	]);
	const ikm = Buffer.from(crypto.hkdfSync('sha256', ecdhSecret, authSecret, keyInfo, 32));
	const cek = Buffer.from(
		crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16)
	);
	const nonce = Buffer.from(
		crypto.hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12)
	);
	const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
	const padded = Buffer.concat([
		decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
		decipher.final()
	]);
	let end = padded.length - 1;
	while (end >= 0 && padded[end] === 0) end--;
	expect(padded[end]).toBe(2); // last-record delimiter
	return padded.subarray(0, end).toString('utf8');
}

interface Received {
	headers: http.IncomingHttpHeaders;
	payload: string;
}

/** A push service (https, push.example.test on 127.0.0.1) for one browser subscription. */
async function fakePushService(status = 201) {
	const ua = crypto.createECDH('prime256v1');
	ua.generateKeys();
	const auth = crypto.randomBytes(16);
	const received: Received[] = [];
	const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({ headers: req.headers, payload: decrypt(Buffer.concat(chunks), ua, auth) });
			res.statusCode = status;
			res.end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as AddressInfo).port;
	return {
		received,
		subscription: {
			endpoint: `https://push.example.test:${port}/push/device-1`,
			keys: { p256dh: ua.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }
		},
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
}

/** The tests' push service lives on loopback: widen the address rule for it (and only here). */
const LOCAL_TEST_POLICY = {
	resolve: resolveTo('127.0.0.1'),
	allowAddress: () => true,
	allowPort: () => true
};

let s: EngineServer;
let staff: TestUser;
let timers: { ms: number }[];
let scheduler: PushScheduler;

async function start() {
	timers = [];
	scheduler = await startPush(s.storage, s.dir, () => s.clock.now, {
		setTimer: (_fn: () => void, ms: number) => {
			timers.push({ ms });
			return { cancel() {} };
		},
		log: () => {},
		deliver: makeHttpsDeliver({
			lookup: lookupTo('127.0.0.1'),
			allowAddress: () => true,
			allowPort: () => true,
			ca: TEST_CERT
		})
	});
}

const send = (mutations: Mutation[]) =>
	push(s.ctx, staff, { version: 1, deviceId: 'dev-a', mutations });

const running = () =>
	meeting({
		id: 'm-run',
		category: 'chuyen_mon',
		status: 'in_progress',
		sittings: [{ start: T0, end: null }],
		title: 'Hội nghị chuyên môn'
	});

/** POSTs `sub` as `user`, with a session of theirs (`token`: a new one) as the Bearer token. */
async function postSub(
	sub: unknown,
	user: TestUser | null = staff,
	policy: EndpointPolicy = LOCAL_TEST_POLICY,
	token?: string
) {
	const bearer = token ?? (user ? (await sessionFor(s.ctx, user.id)).token : null);
	return postSubscribe(
		s.ctx,
		{
			clientAddress: '127.0.0.1',
			request: new Request('http://x/api/push/subscribe', {
				method: 'POST',
				body: JSON.stringify(sub),
				headers: bearer ? { authorization: `Bearer ${bearer}` } : {}
			}),
			user
		},
		policy
	);
}

async function subscribe(sub: unknown) {
	expect((await postSub(sub)).status).toBe(200);
}

describe.each(TEST_ENGINES)(
	'Web Push on $name',
	(engine) => {
		beforeEach(async () => {
			s = await openSeededEngine(engine);
			staff = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
			await start();
		});
		afterEach(async () => {
			await stopPush();
			await s.close();
		});

		describe('VAPID keys', () => {
			it('are made on the first start, kept in the database (no file) and reused on the next', async () => {
				expect(fs.existsSync(path.join(s.dir, VAPID_FILE))).toBe(false);
				expect(Buffer.from(scheduler.publicKey, 'base64url')).toHaveLength(65);
				const first = scheduler.publicKey;
				await stopPush();
				await start();
				expect(scheduler.publicKey).toBe(first);
				// Another process, with its own DATA_DIR, serves the same public key.
				const other = await s.another();
				await stopPush();
				scheduler = await startPush(other.storage, other.dir, () => s.clock.now, {
					setTimer: () => ({ cancel() {} })
				});
				expect(scheduler.publicKey).toBe(first);
			});

			it('the push tables come from a migration', async () => {
				const sql = MIGRATIONS.map((m) => (engine.name === 'SQLite' ? m.sqlite : m.postgres));
				const creates = (table: string) =>
					sql.some((s) => typeof s === 'string' && s.includes(`CREATE TABLE ${table}`));
				expect(creates('push_schedule')).toBe(true);
				expect(creates('vapid_keys')).toBe(true);
				const version = (s.storage as unknown as { schemaVersion: number | Promise<number> })
					.schemaVersion;
				expect(await version).toBe(MIGRATIONS.length);
			});
		});

		describe('web push schedule', () => {
			it('a synced running meeting schedules warning, limit and overtime pushes; the warning arrives encrypted', async () => {
				const svc = await fakePushService();
				try {
					await subscribe(svc.subscription);
					const r = await send([mutation('meeting', running())]);
					expect(r.results[0]!.status).toBe('applied');
					const pending = await pushStore()!.pendingPushes();
					expect(pending.slice(0, 3).map((p) => [p.threshold, (p.dueAt - T0) / MIN])).toEqual([
						['warning', 465],
						['limit', 480],
						['over-30', 510]
					]);
					// One timer for the earliest push, capped at an hour (it re-arms when it fires).
					expect(timers.at(-1)!.ms).toBe(60 * MIN);

					s.clock.now = T0 + 300 * MIN;
					expect(await scheduler.runDue()).toBe(0);
					expect(svc.received).toHaveLength(0);

					s.clock.now = T0 + 465 * MIN;
					expect(await scheduler.runDue()).toBe(1);
					expect(svc.received).toHaveLength(1);
					const got = svc.received[0]!;
					expect(got.headers['content-encoding']).toBe('aes128gcm');
					expect(got.headers.authorization).toMatch(/^vapid t=.+, k=/);
					expect(got.headers.ttl).toBeDefined();
					expect(JSON.parse(got.payload)).toMatchObject({
						title: 'Sắp hết giờ: Hội nghị chuyên môn',
						body: 'Còn 15 phút đến giới hạn 8 giờ.',
						meetingId: 'm-run',
						kind: 'warning'
					});
					// Sent once: running again sends nothing more until the limit.
					expect(await scheduler.runDue()).toBe(0);
					expect((await pushStore()!.pendingPushes())[0]!.threshold).toBe('limit');
				} finally {
					await svc.close();
				}
			});

			it('each device receives the texts in the language it subscribed with (default Vietnamese)', async () => {
				const vi = await fakePushService();
				const en = await fakePushService();
				try {
					await subscribe(vi.subscription);
					await subscribe({ ...en.subscription, lang: 'en' });
					await send([mutation('meeting', running())]);
					s.clock.now = T0 + 490 * MIN;
					// The warning and the limit, to both devices.
					expect(await scheduler.runDue()).toBe(4);
					expect(JSON.parse(vi.received[1]!.payload)).toMatchObject({
						title: 'Đã đến giới hạn: Hội nghị chuyên môn',
						body: 'Cuộc họp đã họp đủ 8 giờ, bằng giới hạn cho phép.',
						actions: [
							{ action: 'open', title: 'Mở' },
							{ action: 'end-sitting', title: 'Kết thúc phiên' }
						]
					});
					expect(JSON.parse(en.received[1]!.payload)).toMatchObject({
						title: 'Limit reached: Hội nghị chuyên môn',
						body: 'The meeting has run 8 h, the allowed limit.',
						actions: [
							{ action: 'open', title: 'Open' },
							{ action: 'end-sitting', title: 'End sitting' }
						],
						meetingId: 'm-run',
						kind: 'limit'
					});
				} finally {
					await vi.close();
					await en.close();
				}
			});

			it('a subscription with a language the app does not have is refused', async () => {
				const svc = await fakePushService();
				try {
					expect((await postSub({ ...svc.subscription, lang: 'fr' })).status).toBe(400);
					expect(await pushStore()!.pushSubscriptionsOf(staff.id)).toEqual([]);
				} finally {
					await svc.close();
				}
			});

			it('the schedule survives a restart and is re-armed from the database', async () => {
				await send([mutation('meeting', running())]);
				await stopPush();
				s.clock.now = T0 + 450 * MIN;
				await start();
				expect((await pushStore()!.pendingPushes()).map((p) => p.threshold)).toContain('limit');
				expect(timers.at(-1)!.ms).toBe(15 * MIN);
			});

			it('ending the sitting or the meeting cancels what is pending', async () => {
				await send([mutation('meeting', running())]);
				expect((await pushStore()!.pendingPushes()).length).toBeGreaterThan(0);
				s.clock.now = T0 + 120 * MIN;
				const ended = {
					...running(),
					status: 'held' as const,
					sittings: [{ start: T0, end: T0 + 120 * MIN }],
					updatedAt: T0 + 120 * MIN
				};
				const r = await send([mutation('meeting', ended, { hlc: hlcAt(T0 + 120 * MIN) })]);
				expect(r.results[0]!.status).toBe('applied');
				expect(await pushStore()!.pendingPushes()).toEqual([]);
			});

			it('a subscription the push service reports gone (410) is dropped; stale pushes are not sent late', async () => {
				const svc = await fakePushService(410);
				try {
					await subscribe(svc.subscription);
					await send([mutation('meeting', running())]);
					s.clock.now = T0 + 470 * MIN;
					expect(await scheduler.runDue()).toBe(0);
					expect(svc.received).toHaveLength(1);
					expect(await pushStore()!.pushSubscriptionsOf(staff.id)).toEqual([]);

					// The server was down for hours: overdue pushes are dropped, not burst out.
					s.clock.now = T0 + 700 * MIN;
					const svc2 = await fakePushService();
					try {
						await subscribe(svc2.subscription);
						expect(await scheduler.runDue()).toBe(1);
						expect(JSON.parse(svc2.received[0]!.payload)).toMatchObject({ threshold: 'over-210' });
					} finally {
						await svc2.close();
					}
				} finally {
					await svc.close();
				}
			});

			it('subscribing needs a signed-in user and a well-formed subscription', async () => {
				const anon = await postSubscribe(s.ctx, {
					clientAddress: '127.0.0.1',
					request: new Request('http://x', { method: 'POST', body: '{}' }),
					user: null
				});
				expect(anon.status).toBe(401);
				const bad = await postSubscribe(s.ctx, {
					clientAddress: '127.0.0.1',
					request: new Request('http://x', {
						method: 'POST',
						body: JSON.stringify({ endpoint: 'not a url', keys: {} })
					}),
					user: staff
				});
				expect(bad.status).toBe(400);
			});

			it('a subscription whose session ended while the request was in flight (a disable, a reset, “end all sessions”) is refused 401 and not saved', async () => {
				const { token } = await sessionFor(s.ctx, staff.id);
				// The request was authenticated (e.user) before its session ended.
				await s.storage.endUserAccess(staff.id);
				const res = await postSub(
					{
						endpoint: 'https://fcm.googleapis.com/fcm/send/in-flight',
						keys: {
							p256dh: Buffer.alloc(65, 4).toString('base64url'),
							auth: Buffer.alloc(16, 1).toString('base64url')
						}
					},
					staff,
					LOCAL_TEST_POLICY,
					token
				);
				expect(res.status).toBe(401);
				expect(await pushStore()!.pushSubscriptionsOf(staff.id)).toEqual([]);
			});
		});

		describe('push subscriptions: only public https push services, never another user’s', () => {
			const ecdh = crypto.createECDH('prime256v1');
			ecdh.generateKeys();
			const keys = {
				p256dh: ecdh.getPublicKey().toString('base64url'),
				auth: crypto.randomBytes(16).toString('base64url')
			};

			/** A plain http listener on loopback: what an attacker would point the server at. */
			async function loopbackListener() {
				const hits: string[] = [];
				const server = http.createServer((req, res) => {
					hits.push(`${req.method} ${req.url}`);
					res.end();
				});
				await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
				const port = (server.address() as AddressInfo).port;
				return { hits, port, close: () => new Promise<void>((r) => server.close(() => r())) };
			}

			it('refuses loopback, private, link-local and non-https endpoints with 400 and stores nothing', async () => {
				const target = await loopbackListener();
				try {
					const publicDns = { resolve: resolveTo('142.250.66.78') };
					for (const endpoint of [
						`http://127.0.0.1:${target.port}/push`,
						`https://127.0.0.1:${target.port}/push`,
						'https://[::1]/push',
						'https://[::ffff:127.0.0.1]/push',
						'https://169.254.169.254/latest',
						'https://[fe80::1]/push',
						'https://localhost/push',
						'http://fcm.googleapis.com/fcm/send/x',
						// Public, but a port other than https's own (review finding 5).
						'https://8.8.8.8:6379/x',
						'https://fcm.googleapis.com:6379/fcm/send/x'
					]) {
						const res = await postSub({ endpoint, keys }, staff, publicDns);
						expect(res.status, endpoint).toBe(400);
						expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
							'invalid_request'
						);
					}
					// A public-looking name that resolves inside the network (IPv6 unique-local, private IPv4).
					for (const inside of ['fd00::7', '192.168.1.20', '::ffff:10.0.0.1']) {
						const res = await postSub({ endpoint: 'https://push.evil.example/x', keys }, staff, {
							resolve: resolveTo(inside)
						});
						expect(res.status, inside).toBe(400);
					}
					// Keys web-push could not encrypt with (a P-256 point is 65 bytes, the secret 16).
					const badKeys = await postSub(
						{
							endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def',
							keys: { p256dh: 'BAAA', auth: 'x' }
						},
						staff,
						publicDns
					);
					expect(badKeys.status).toBe(400);
					expect(await pushStore()!.pushSubscriptionsOf(staff.id)).toEqual([]);
					// A real push service's endpoint is accepted.
					const ok = await postSub(
						{ endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def', keys },
						staff,
						publicDns
					);
					expect(ok.status).toBe(200);
					// With or without https's own port written out.
					for (const endpoint of ['https://8.8.8.8:443/x', 'https://8.8.8.8/y'])
						expect((await postSub({ endpoint, keys }, staff, publicDns)).status, endpoint).toBe(
							200
						);
					expect(target.hits).toEqual([]);
				} finally {
					await target.close();
				}
			});

			it('an endpoint held by another user is refused (409) and stays with its owner', async () => {
				const other = await addUser(s.ctx, 'staff-other', 'staff', 'VP');
				const endpoint = 'https://push.example.test/push/shared-device';
				expect((await postSub({ endpoint, keys })).status).toBe(200);
				const res = await postSub(
					{ endpoint, keys: { ...keys, auth: crypto.randomBytes(16).toString('base64url') } },
					other
				);
				expect(res.status).toBe(409);
				expect(((await res.json()) as { error: { code: string } }).error.code).toBe('conflict');
				expect(await pushStore()!.pushSubscriptionsOf(other.id)).toEqual([]);
				expect(await pushStore()!.pushSubscriptionsOf(staff.id)).toEqual([
					{ endpoint, userId: staff.id, ...keys, lang: 'vi' }
				]);
				// The owner may renew its own keys.
				const renewed = { ...keys, auth: crypto.randomBytes(16).toString('base64url') };
				expect((await postSub({ endpoint, keys: renewed })).status).toBe(200);
				expect(await pushStore()!.pushSubscriptionsOf(staff.id)).toEqual([
					{ endpoint, userId: staff.id, ...renewed, lang: 'vi' }
				]);
			});

			it(`one user keeps at most ${MAX_SUBSCRIPTIONS_PER_USER} devices, the newest`, async () => {
				for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_USER + 5; i++) {
					s.clock.now = T0 + i * MIN;
					await subscribe({ endpoint: `https://push.example.test/push/d${i}`, keys });
				}
				const kept = (await pushStore()!.pushSubscriptionsOf(staff.id))
					.map((r) => Number(r.endpoint.split('/d')[1]))
					.sort((a, b) => a - b);
				expect(kept).toHaveLength(MAX_SUBSCRIPTIONS_PER_USER);
				expect(kept[0]).toBe(5);
			});

			it('a stored loopback subscription (from before these rules) is never contacted and is dropped', async () => {
				const target = await loopbackListener();
				try {
					await stopPush();
					// The production delivery: no test overrides.
					scheduler = await startPush(s.storage, s.dir, () => s.clock.now, {
						setTimer: () => ({ cancel() {} }),
						log: () => {}
					});
					await s.storage.createSession({
						tokenHash: 'loopback',
						userId: staff.id,
						createdAt: T0,
						expiresAt: T0 + 86_400_000
					});
					await pushStore()!.savePushSubscription(
						{
							endpoint: `http://127.0.0.1:${target.port}/push`,
							userId: staff.id,
							...keys,
							lang: 'vi'
						},
						T0,
						'loopback'
					);
					await send([mutation('meeting', running())]);
					s.clock.now = T0 + 465 * MIN;
					expect(await scheduler.runDue()).toBe(0);
					expect(target.hits).toEqual([]);
					expect(await pushStore()!.pushSubscriptionsOf(staff.id)).toEqual([]);
				} finally {
					await target.close();
				}
			});
		});
	},
	30_000
);

describe('the scheduler when its database is away', () => {
	it('a failed run is logged, never an unhandled rejection; a stopped scheduler neither claims nor re-arms', async () => {
		const calls: string[] = [];
		const away = () => Promise.reject(new Error('database away'));
		const store = {
			claimDuePushes: () => (calls.push('claim'), away()),
			pendingPushes: () => (calls.push('pending'), away())
		} as unknown as PushStorage;
		const logged: string[] = [];
		const scheduler = new Scheduler({
			store,
			vapid: { publicKey: 'k', privateKey: 'p', subject: 'mailto:a@b' },
			now: () => T0,
			setTimer: () => ({ cancel() {} }),
			log: (msg) => void logged.push(msg)
		});
		await expect(scheduler.runDue()).resolves.toBe(0);
		expect(logged).toEqual(['sending due pushes failed', 'arming failed']);
		await scheduler.stop();
		calls.length = 0;
		// A claim marks pushes sent: a stopped scheduler that claimed would lose them.
		await expect(scheduler.runDue()).resolves.toBe(0);
		expect(calls).toEqual([]);
	});
});
