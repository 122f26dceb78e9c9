import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRECACHE_CONCURRENCY, precacheInParallel, type PrecacheSource } from './precache-parallel';

const BASE = 'https://xa.example/';

interface File {
	cacheKey: string;
	request: Request;
	settled: boolean;
	settle: (error?: Error) => void;
}

/** Workbox's controller as precacheInParallel sees it: each file settles when the test says. */
function fakeController(files: [url: string, cacheKey: string][]) {
	const started: File[] = [];
	let inFlight = 0;
	let most = 0;
	const source = {
		getURLsToCacheKeys: () => new Map(files),
		getIntegrityForCacheKey: (key: string) => (key.endsWith('a.js') ? 'sha384-abc' : undefined),
		strategy: {
			handleAll({ params, request }: { params: { cacheKey: string }; request: Request }) {
				inFlight++;
				most = Math.max(most, inFlight);
				const done = new Promise<void>((resolve, reject) => {
					const file: File = {
						cacheKey: params.cacheKey,
						request,
						settled: false,
						settle: (error) => {
							file.settled = true;
							inFlight--;
							if (error) reject(error);
							else resolve();
						}
					};
					started.push(file);
				});
				return [done.then(() => new Response('x')), done];
			}
		}
	} as unknown as PrecacheSource;
	return { source, started, most: () => most };
}

const files = (n: number): [string, string][] =>
	Array.from({ length: n }, (_, i) => [`${BASE}_app/c${i}.js`, `${BASE}_app/c${i}.js`]);

const event = {} as ExtendableEvent;

/** Let the workers run until each waits on a file again. */
const turn = () => new Promise((r) => setTimeout(r, 0));

describe('precacheInParallel (the service worker install)', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('keeps four files in flight and fetches each once, with the request Workbox would make', async () => {
		const list: [string, string][] = [
			[`${BASE}index.html`, `${BASE}index.html?__WB_REVISION__=r1`],
			[`${BASE}_app/a.js`, `${BASE}_app/a.js`],
			...files(18)
		];
		const f = fakeController(list);
		const done = precacheInParallel(f.source, event);
		// Each turn, every file in flight arrives and the workers start the next ones.
		for (let i = 0; i < list.length; i++) {
			await turn();
			for (const s of f.started.filter((s) => !s.settled)) s.settle();
		}
		await done;
		expect(f.most()).toBe(PRECACHE_CONCURRENCY);
		expect(f.started.map((s) => s.request.url).sort()).toEqual(list.map(([u]) => u).sort());
		const html = f.started.find((s) => s.request.url.endsWith('index.html'))!;
		// A revisioned file skips the HTTP cache and is stored under its revisioned key.
		expect(html.cacheKey).toBe(`${BASE}index.html?__WB_REVISION__=r1`);
		expect(html.request.cache).toBe('reload');
		const a = f.started.find((s) => s.request.url.endsWith('a.js'))!;
		expect(a.request.cache).toBe('default');
		expect(a.request.integrity).toBe('sha384-abc');
		expect(a.request.credentials).toBe('same-origin');
	});

	it('fails with the first failure and starts no file after it', async () => {
		const f = fakeController(files(20));
		const done = precacheInParallel(f.source, event);
		await turn();
		expect(f.started).toHaveLength(PRECACHE_CONCURRENCY);
		f.started[2]!.settle(new Error('bad-precaching-response'));
		await expect(done).rejects.toThrow('bad-precaching-response');
		for (const s of f.started.filter((s) => !s.settled)) s.settle();
		await turn();
		// The three still in flight end; nothing new starts.
		expect(f.started).toHaveLength(PRECACHE_CONCURRENCY);
	});

	it('an empty list installs at once', async () => {
		await expect(precacheInParallel(fakeController([]).source, event)).resolves.toBe(undefined);
	});

	it('asks Workbox’s strategy for what Workbox’s own install asks, once per URL', async () => {
		// Workbox's modules read the worker's globals when loaded.
		vi.stubGlobal('self', globalThis);
		vi.stubGlobal('location', new URL(`${BASE}sw.js`));
		const { PrecacheController } = await import('workbox-precaching');
		const manifest = [
			{ url: 'index.html', revision: 'r1' },
			{ url: '_app/a.js', revision: null, integrity: 'sha384-abc' },
			{ url: '_app/b.js', revision: null },
			{ url: '_app/c.js', revision: null },
			// Listed twice (an asset matched by two patterns): Workbox fetches it once.
			{ url: '_app/c.js', revision: null }
		];
		const asked = async (install: (c: InstanceType<typeof PrecacheController>) => unknown) => {
			const controller = new PrecacheController();
			controller.addToCacheList(manifest);
			const calls: string[] = [];
			controller.strategy.handleAll = (options) => {
				const { request, params } = options as unknown as {
					request: Request;
					params: { cacheKey: string };
				};
				calls.push(
					[
						request.url,
						params.cacheKey,
						request.cache,
						request.integrity,
						request.credentials,
						request.method
					].join(' ')
				);
				return [Promise.resolve(new Response('x')), Promise.resolve()];
			};
			await install(controller);
			return calls.sort();
		};
		const waitUntil = { waitUntil: () => {} } as unknown as ExtendableEvent;
		const workbox = await asked((c) => c.install(waitUntil));
		const ours = await asked((c) => precacheInParallel(c, waitUntil));
		expect(workbox).toHaveLength(4);
		expect(ours).toEqual(workbox);
	});
});
