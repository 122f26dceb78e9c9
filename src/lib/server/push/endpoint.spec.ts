import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { endpointFormProblem, endpointProblem, isPublicAddress } from './endpoint';
import { makeHttpsDeliver, RefusedEndpointError } from './deliver';
import { lookupTo, resolveTo, TEST_CERT, TEST_KEY } from './test-support';

interface Service {
	port: number;
	hits: string[];
	close(): Promise<void>;
}
const open: Service[] = [];
afterEach(async () => {
	await Promise.all(open.splice(0).map((s) => s.close()));
});

/** An https server on 127.0.0.1 (certificate for push.example.test and other.example.test). */
async function httpsService(
	answer: (res: import('node:http').ServerResponse) => void
): Promise<Service> {
	const hits: string[] = [];
	const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (req, res) => {
		hits.push(`${req.method} ${req.url}`);
		req.resume();
		req.on('end', () => answer(res));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const s: Service = {
		port: (server.address() as AddressInfo).port,
		hits,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			})
	};
	open.push(s);
	return s;
}

const request = (endpoint: string) => ({
	endpoint,
	method: 'POST',
	headers: { ttl: '60', 'content-type': 'application/octet-stream' },
	body: Buffer.from('x')
});

describe('push endpoint addresses', () => {
	it('only public unicast addresses count as public, IPv6 and IPv4-mapped forms included', () => {
		const refused = [
			'127.0.0.1',
			'10.1.2.3',
			'172.16.0.9',
			'192.168.1.1',
			'169.254.169.254',
			'100.64.0.1',
			'0.0.0.0',
			'224.0.0.1',
			'255.255.255.255',
			'::1',
			'::',
			'fe80::1',
			'fc00::1',
			'fd12:3456::1',
			'::ffff:127.0.0.1',
			'::ffff:10.0.0.1',
			'::ffff:7f00:1',
			'64:ff9b::7f00:1',
			'2002:7f00:1::1',
			// IPv4-compatible IPv6 (::/96, deprecated) and the rest outside 2000::/3 (attacker
			// review r19, 3: ipaddr.js calls these 'unicast').
			'::7f00:1',
			'::127.0.0.1',
			'::a00:1',
			'::c0a8:101',
			'100::1',
			'4000::1',
			'not-an-ip'
		];
		for (const a of refused) expect(isPublicAddress(a), a).toBe(false);
		for (const a of ['8.8.8.8', '142.250.66.78', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
			expect(isPublicAddress(a), a).toBe(true);
	});

	it('refuses non-https, credentials, IP literals of private ranges and local names before any look-up', () => {
		const refused = [
			'http://127.0.0.1:8080/push',
			'http://fcm.googleapis.com/fcm/send/abc',
			'ftp://push.example.com/x',
			'https://127.0.0.1/push',
			'https://localhost/push',
			'https://a.localhost/push',
			'https://[::1]/push',
			'https://[::ffff:127.0.0.1]/push',
			'https://[fe80::1]/push',
			'https://[fd00::1]/push',
			'https://[::127.0.0.1]/push',
			'https://[::a00:1]/push',
			'https://[::7f00:1]:443/push',
			'https://10.0.0.1/push',
			'https://169.254.169.254/latest/meta-data',
			'https://user:pass@push.example.com/x',
			'https://intranet/push',
			'https://printer.local/push',
			'not a url'
		];
		for (const e of refused) expect(endpointFormProblem(e), e).not.toBeNull();
		// Review finding 5: a port other than https's own, on a public address or name.
		for (const e of [
			'https://8.8.8.8:6379/x',
			'https://host.example.com:6379/x',
			'https://fcm.googleapis.com:25/fcm/send/abc',
			'https://[2001:4860:4860::8888]:8443/x',
			'https://push.example.com:0/x',
			'https://push.example.com:80/x'
		])
			expect(endpointFormProblem(e), e).toBe('endpoint: only the https port (443) is accepted');
		for (const e of [
			'https://fcm.googleapis.com/fcm/send/abc:def',
			'https://updates.push.services.mozilla.com/wpush/v2/gAAA',
			'https://web.push.apple.com/QAbc',
			'https://8.8.8.8/x',
			'https://8.8.8.8:443/x',
			'https://host.example.com/x',
			'https://host.example.com:443/x',
			'https://[2001:4860:4860::8888]/x'
		])
			expect(endpointFormProblem(e), e).toBeNull();
	});

	it('at subscribe time every resolved address must be public', async () => {
		const to = resolveTo;
		const url = 'https://push.example.com/x';
		expect(await endpointProblem(url, { resolve: to('142.250.66.78') })).toBeNull();
		expect(await endpointProblem(url, { resolve: to('10.0.0.5') })).toMatch(/non-public/);
		expect(await endpointProblem(url, { resolve: to('142.250.66.78', 'fd00::5') })).toMatch(
			/non-public/
		);
		expect(await endpointProblem(url, { resolve: to('::ffff:192.168.0.1') })).toMatch(/non-public/);
		expect(await endpointProblem(url, { resolve: to() })).toMatch(/does not resolve/);
		const failing = async () => {
			throw Object.assign(new Error('nx'), { code: 'ENOTFOUND' });
		};
		expect(await endpointProblem(url, { resolve: failing })).toMatch(/does not resolve/);
	});
});

describe('push delivery', () => {
	it('delivers over https to a host the policy allows (the path the refusals below close)', async () => {
		const svc = await httpsService((res) => {
			res.statusCode = 201;
			res.end();
		});
		const deliver = makeHttpsDeliver({
			lookup: lookupTo('127.0.0.1'),
			allowAddress: () => true,
			allowPort: () => true,
			ca: TEST_CERT
		});
		expect(await deliver(request(`https://push.example.test:${svc.port}/p/1`))).toBe(201);
		expect(svc.hits).toEqual(['POST /p/1']);
	});

	it('never connects when the host resolves to a private address at send time (DNS rebinding)', async () => {
		const svc = await httpsService((res) => res.end());
		for (const address of ['127.0.0.1', '::ffff:127.0.0.1']) {
			// Any port: the address alone refuses here.
			const deliver = makeHttpsDeliver({
				lookup: lookupTo(address),
				allowPort: () => true,
				ca: TEST_CERT
			});
			await expect(
				deliver(request(`https://push.example.test:${svc.port}/p/1`))
			).rejects.toBeInstanceOf(RefusedEndpointError);
		}
		// One public and one private answer: refused too (the socket could pick either).
		const mixed = makeHttpsDeliver({
			lookup: lookupTo('8.8.8.8', '127.0.0.1'),
			allowPort: () => true,
			ca: TEST_CERT
		});
		await expect(mixed(request(`https://push.example.test:${svc.port}/p/1`))).rejects.toThrow(
			RefusedEndpointError
		);
		expect(svc.hits).toEqual([]);
	});

	it('never sends to http or loopback literals, whatever resolves', async () => {
		const deliver = makeHttpsDeliver({
			lookup: lookupTo('8.8.8.8'),
			allowAddress: () => true,
			allowPort: () => true
		});
		for (const e of ['http://127.0.0.1:9/p', 'https://127.0.0.1:9/p', 'https://[::1]:9/p']) {
			await expect(deliver(request(e)), e).rejects.toBeInstanceOf(RefusedEndpointError);
		}
	});

	it('never connects to a port other than 443, even on an allowed address', async () => {
		const svc = await httpsService((res) => res.end());
		const deliver = makeHttpsDeliver({
			lookup: lookupTo('127.0.0.1'),
			allowAddress: () => true,
			ca: TEST_CERT
		});
		await expect(
			deliver(request(`https://push.example.test:${svc.port}/p/1`))
		).rejects.toBeInstanceOf(RefusedEndpointError);
		expect(svc.hits).toEqual([]);
	});

	it('does not follow a redirect: a 3xx is a failed delivery and the target gets nothing', async () => {
		const target = await httpsService((res) => {
			res.statusCode = 201;
			res.end();
		});
		for (const status of [301, 302, 307, 308]) {
			const bouncer = await httpsService((res) => {
				res.statusCode = status;
				res.setHeader('location', `https://other.example.test:${target.port}/internal`);
				res.end();
			});
			const deliver = makeHttpsDeliver({
				lookup: lookupTo('127.0.0.1'),
				allowAddress: () => true,
				allowPort: () => true,
				ca: TEST_CERT
			});
			expect(await deliver(request(`https://push.example.test:${bouncer.port}/p/1`))).toBe(status);
			expect(bouncer.hits).toEqual(['POST /p/1']);
		}
		expect(target.hits).toEqual([]);
	});

	it('an aborted delivery closes its connection at once (the scheduler stopping), not after the timeout', async () => {
		let closed!: () => void;
		const connectionClosed = new Promise<void>((r) => (closed = r));
		// A push service that never answers; it sees the client go away.
		const svc = await httpsService((res) => res.on('close', () => closed()));
		const deliver = makeHttpsDeliver({
			lookup: lookupTo('127.0.0.1'),
			allowAddress: () => true,
			allowPort: () => true,
			ca: TEST_CERT,
			timeoutMs: 600_000
		});
		const abort = new AbortController();
		const sending = deliver({
			...request(`https://push.example.test:${svc.port}/p/1`),
			signal: abort.signal
		});
		await vi.waitFor(() => expect(svc.hits).toEqual(['POST /p/1']));
		abort.abort();
		await expect(sending).rejects.toMatchObject({ name: 'AbortError' });
		await connectionClosed;
	});
});
