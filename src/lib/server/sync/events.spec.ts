/** The live event stream: pokes scoped to what the user may read, closed when the session ends. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorBodySchema } from '$lib/domain/sync/protocol';
import { pullAll } from '$factories/pull';
import { meeting, mutation } from '$factories/sync';
import { sseReader } from '$factories/sse';
import { publicUser } from '../auth/users';
import * as api from '../http/handlers';
import { authenticate } from '../http/request-auth';
import { setServerContext } from '../context';
import { addUser, openSeededServer, type TestServer } from '../test-server';
import { GET as routeGetEvents } from '../../../routes/api/sync/events/+server';
import { MAX_STREAMS_PER_USER, openEventStreams, STREAM_RETRY_SECONDS } from './events';
import { COMMUNE_B, seedTwoCommunes } from '$factories/communes';

let s: TestServer;
beforeEach(async () => {
	s = await openSeededServer();
	await addUser(s.ctx, 'vp1', 'staff', 'VP');
	await addUser(s.ctx, 'vp2', 'staff', 'VP');
	await addUser(s.ctx, 'kt1', 'staff', 'KT');
});
afterEach(() => s.close());

type Handler = (ctx: TestServer['ctx'], e: api.ApiEvent) => Promise<Response>;

async function call(
	handler: Handler,
	path: string,
	token: string | null,
	body?: unknown,
	clientAddress = '127.0.0.1'
) {
	const req = new Request(`http://localhost${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const user = await authenticate(s.ctx, req);
	return handler(s.ctx, {
		request: req,
		user: user ? publicUser(user) : null,
		clientAddress,
		params: {}
	});
}

async function login(username: string, password = `${username}-password`): Promise<string> {
	const res = await call(api.postLogin, '/api/auth/login', null, { username, password });
	return ((await res.json()) as { token: string }).token;
}

async function push(token: string, unitCode: string, id: string): Promise<number> {
	const res = await call(api.postPush, '/api/sync/push', token, {
		version: 1,
		deviceId: 'dev-a',
		mutations: [mutation('meeting', meeting({ id, unitCode }))]
	});
	const body = (await res.json()) as { results: { status: string; seq: number }[] };
	expect(body.results[0]!.status).toBe('applied');
	return body.results[0]!.seq;
}

describe('GET /api/sync/events', () => {
	it('is refused without a session', async () => {
		const res = await call(api.getEvents, '/api/sync/events', null);
		expect(res.status).toBe(401);
		expect(errorBodySchema.parse(await res.json()).error.code).toBe('unauthenticated');
	});

	it('streams "changed" with the seq of a write the user may read, and not of another unit', async () => {
		const vp = await login('vp1');
		const kt = await login('kt1');
		const res = await call(api.getEvents, '/api/sync/events', await login('vp2'));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
		expect(res.headers.get('cache-control')).toContain('no-store');
		const events = sseReader(res);
		expect((await events.next())?.event).toBe('ready');

		const ktSeq = await push(kt, 'KT', 'm-kt');
		const vpSeq = await push(vp, 'VP', 'm-vp');
		expect(vpSeq).toBeGreaterThan(ktSeq);
		// The first poke is the VP write: the KT one never reached a VP staff member's stream.
		expect(await events.next()).toEqual({ event: 'changed', data: { seq: vpSeq } });
		await events.cancel();
		expect(openEventStreams(s.ctx)).toBe(0);
	});

	it('never pokes a stream of another commune (the seq counters are per commune)', async () => {
		await seedTwoCommunes(s);
		const bStaff = await login('b-staff');
		const events = sseReader(await call(api.getEvents, '/api/sync/events', bStaff));
		expect((await events.next())?.event).toBe('ready');
		const bNext = Math.max(0, ...(await pullAll(s.storage, COMMUNE_B)).map((r) => r.seq)) + 1;
		// Commune A writes in the same unit code (VP) with a seq that B's next write will not have.
		let aSeq = await push(await login('a-staff'), 'VP', 'm-a-1');
		if (aSeq === bNext) aSeq = await push(await login('a-staff'), 'VP', 'm-a-2');
		expect(aSeq).not.toBe(bNext);
		const bSeq = await push(bStaff, 'VP', 'm-b-live');
		expect(bSeq).toBe(bNext);
		expect(await events.next()).toEqual({ event: 'changed', data: { seq: bSeq } });
		await events.cancel();
	});

	it('closes when the user signs out', async () => {
		const token = await login('vp1');
		const events = sseReader(await call(api.getEvents, '/api/sync/events', token));
		expect((await events.next())?.event).toBe('ready');
		expect((await call(api.postLogout, '/api/auth/logout', token, {})).status).toBe(200);
		expect(await events.next()).toBeNull();
		expect(openEventStreams(s.ctx)).toBe(0);
	});

	it('closes at once when an admin disables the account', async () => {
		const token = await login('vp1');
		const admin = await login('admin', 'admin-password');
		const events = sseReader(await call(api.getEvents, '/api/sync/events', token));
		expect((await events.next())?.event).toBe('ready');
		const vp1 = (await s.ctx.storage.findUserByUsername('vp1'))!;
		const res = await call(
			(ctx, e) => api.patchUser(ctx, { ...e, params: { id: vp1.id } }),
			`/api/users/${vp1.id}`,
			admin,
			{ disabled: true }
		);
		expect(res.status).toBe(200);
		expect(await events.next()).toBeNull();
	});

	it(`keeps at most ${MAX_STREAMS_PER_USER} streams per user: a new one closes the oldest`, async () => {
		const token = await login('vp1');
		const streams = [];
		for (let i = 0; i <= MAX_STREAMS_PER_USER; i++) {
			const events = sseReader(await call(api.getEvents, '/api/sync/events', token));
			expect((await events.next())?.event).toBe('ready');
			streams.push(events);
		}
		expect(await streams[0]!.next()).toBeNull();
		expect(openEventStreams(s.ctx, (await s.ctx.storage.findUserByUsername('vp1'))!.id)).toBe(
			MAX_STREAMS_PER_USER
		);
		for (const e of streams.slice(1)) await e.cancel();
	});

	describe('caps per process and per client address', () => {
		/** A stream of `token` from `address`: its reader once "ready", or the refusal. */
		async function open(token: string, address: string) {
			const res = await call(api.getEvents, '/api/sync/events', token, undefined, address);
			if (res.status !== 200) return { refused: res };
			const events = sseReader(res);
			expect((await events.next())?.event).toBe('ready');
			return { events };
		}
		async function expectRefused(
			attempt: Awaited<ReturnType<typeof open>>,
			message: RegExp
		): Promise<void> {
			const res = attempt.refused!;
			expect(res.status).toBe(429);
			expect(res.headers.get('retry-after')).toBe(String(STREAM_RETRY_SECONDS));
			const body = errorBodySchema.parse(await res.json());
			expect(body.error.code).toBe('too_many_streams');
			expect(body.error.message).toMatch(message);
		}

		it('refuses a stream over the per-address cap with too_many_streams; other addresses still connect', async () => {
			const cap = MAX_STREAMS_PER_USER + 1;
			s.ctx.streamLimits = { perProcess: 100, perCommune: 100, perAddress: cap };
			const [vp1, vp2, kt1] = [await login('vp1'), await login('vp2'), await login('kt1')];
			const office = '203.0.113.7';
			const vp1Streams = [];
			for (let i = 0; i < MAX_STREAMS_PER_USER; i++) vp1Streams.push(await open(vp1, office));
			const vp2Stream = await open(vp2, office);
			expect(openEventStreams(s.ctx)).toBe(cap);
			await expectRefused(await open(kt1, office), /address/);
			// The streams already open are left alone; another address is not affected.
			const elsewhere = await open(kt1, '198.51.100.2');
			expect(elsewhere.events).toBeDefined();
			// A user replacing their own oldest stream (the per-user rule) adds none: it is let in.
			const again = await open(vp1, office);
			expect(again.events).toBeDefined();
			expect(await vp1Streams[0]!.events!.next()).toBeNull();
			expect(openEventStreams(s.ctx)).toBe(cap + 1);
			// One closes: the address may open one again.
			await vp2Stream.events!.cancel();
			const kt1Office = await open(kt1, office);
			expect(kt1Office.events).toBeDefined();
			for (const e of [...vp1Streams.slice(1), again, elsewhere, kt1Office])
				await e.events!.cancel();
		});

		it("refuses a stream over the per-process cap whatever the address, never closing another user's", async () => {
			s.ctx.streamLimits = { perProcess: 2, perCommune: 100, perAddress: 100 };
			const [vp1, vp2, kt1] = [await login('vp1'), await login('vp2'), await login('kt1')];
			const first = await open(vp1, '203.0.113.1');
			const second = await open(vp2, '203.0.113.2');
			await expectRefused(await open(kt1, '203.0.113.3'), /server/);
			expect(openEventStreams(s.ctx)).toBe(2);
			// Still open and poked: the first stream hears its unit's write.
			const seq = await push(vp2, 'VP', 'm-cap');
			expect(await first.events!.next()).toEqual({ event: 'changed', data: { seq } });
			await second.events!.cancel();
			expect((await open(kt1, '203.0.113.3')).events).toBeDefined();
			await first.events!.cancel();
		});

		it('counts an IPv6 client by its /64 (and IPv4-mapped as IPv4): new host parts open no more streams', async () => {
			s.ctx.streamLimits = { perProcess: 100, perCommune: 100, perAddress: 2 };
			const [vp1, vp2, kt1] = [await login('vp1'), await login('vp2'), await login('kt1')];
			const first = await open(vp1, '2001:db8:7:1::1');
			const second = await open(vp2, '2001:db8:7:1:dead:beef:0:2');
			// Any other address of the same /64 is the same client.
			await expectRefused(await open(kt1, '2001:db8:7:1:ffff::9'), /address/);
			// The next /64 is another client.
			const next = await open(kt1, '2001:db8:7:2::1');
			expect(next.events).toBeDefined();
			for (const e of [first, second, next]) await e.events!.cancel();
			// A dual-stack socket's IPv4-mapped address is that IPv4 client.
			const v4 = [await open(vp1, '203.0.113.9'), await open(vp2, '::ffff:203.0.113.9')];
			await expectRefused(await open(kt1, '::ffff:cb00:7109'), /address/);
			for (const e of v4) await e.events!.cancel();
		});

		it("refuses a commune's stream over its per-commune cap; another commune's devices still connect", async () => {
			await seedTwoCommunes(s);
			s.ctx.streamLimits = { perProcess: 100, perCommune: 2, perAddress: 100 };
			const [vp1, vp2, kt1] = [await login('vp1'), await login('vp2'), await login('kt1')];
			const a = [await open(vp1, '203.0.113.1'), await open(vp2, '203.0.113.2')];
			await expectRefused(await open(kt1, '203.0.113.3'), /commune/);
			// Commune B is not starved by A's streams.
			const b = await open(await login('b-staff'), '198.51.100.4');
			expect(b.events).toBeDefined();
			// One of A's closes: A may open one again.
			await a[0]!.events!.cancel();
			const again = await open(kt1, '203.0.113.3');
			expect(again.events).toBeDefined();
			for (const e of [a[1]!, b, again]) await e.events!.cancel();
		});

		it("counts the address TRUST_PROXY gives (the route), not the proxy's", async () => {
			vi.stubEnv('TRUST_PROXY', '1');
			setServerContext(s.ctx);
			s.ctx.streamLimits = { perProcess: 100, perCommune: 100, perAddress: 1 };
			const viaProxy = async (token: string, forwardedFor: string) => {
				const request = new Request('http://localhost/api/sync/events', {
					headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor }
				});
				const user = await authenticate(s.ctx, request);
				return routeGetEvents({
					request,
					url: new URL(request.url),
					params: {},
					locals: { user: user ? publicUser(user) : null },
					// Every request reaches the app from the one proxy.
					getClientAddress: () => '10.0.0.1'
				} as unknown as Parameters<typeof routeGetEvents>[0]);
			};
			try {
				const [vp1, vp2] = [await login('vp1'), await login('vp2')];
				// A client-written entry left of the proxy's is ignored: the client is 203.0.113.5.
				const one = await viaProxy(vp1, '192.0.2.99, 203.0.113.5');
				expect(one.status).toBe(200);
				const two = await viaProxy(vp2, '198.51.100.6');
				expect(two.status).toBe(200);
				const three = await viaProxy(vp2, '192.0.2.1, 203.0.113.5');
				expect(three.status).toBe(429);
				expect(errorBodySchema.parse(await three.json()).error.code).toBe('too_many_streams');
				for (const r of [one, two]) await r.body!.cancel();
			} finally {
				vi.unstubAllEnvs();
			}
		});
	});
});
