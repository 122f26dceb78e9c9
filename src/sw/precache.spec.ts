import { describe, expect, it } from 'vitest';
import { PRECACHE_CONCURRENCY, precacheInParallel, type PrecacheSource } from './precache-parallel';

const BASE = 'https://xa.example/sw.js';

/** Workbox's controller as precacheInParallel sees it: each file settles when the test says. */
function fakeController(cacheKeyOf: (url: string) => string | undefined = (u) => u) {
	const started: {
		cacheKey: string;
		request: Request;
		settled: boolean;
		settle: (error?: Error) => void;
	}[] = [];
	let inFlight = 0;
	let most = 0;
	const source = {
		getCacheKeyForURL: cacheKeyOf,
		getIntegrityForCacheKey: (key: string) => (key.endsWith('a.js') ? 'sha384-abc' : undefined),
		strategy: {
			handleAll({ params, request }: { params: { cacheKey: string }; request: Request }) {
				inFlight++;
				most = Math.max(most, inFlight);
				const done = new Promise<void>((resolve, reject) => {
					const file = {
						cacheKey: params.cacheKey,
						request,
						settled: false,
						settle: (error?: Error) => {
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

const event = {} as ExtendableEvent;

/** Let the workers run until they wait on a file again. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('precacheInParallel (the service worker install)', () => {
	it('keeps four files in flight, fetches each once with the request Workbox would make', async () => {
		const manifest = [
			{ url: 'index.html', revision: 'r1' },
			'_app/a.js',
			...Array.from({ length: 18 }, (_, i) => ({ url: `_app/c${i}.js`, revision: null }))
		];
		const f = fakeController((u) => (u.endsWith('index.html') ? `${u}?__WB_REVISION__=r1` : u));
		const done = precacheInParallel(f.source, manifest, event, BASE);
		// Each turn, every file in flight arrives; the workers start the next ones.
		for (let turn = 0; turn < manifest.length; turn++) {
			await settle();
			for (const s of f.started.filter((s) => !s.settled)) s.settle();
		}
		await done;
		expect(f.most()).toBe(PRECACHE_CONCURRENCY);
		expect(f.started.map((s) => s.request.url).sort()).toEqual(
			manifest.map((e) => new URL(typeof e === 'string' ? e : e.url, BASE).href).sort()
		);
		const html = f.started.find((s) => s.request.url.endsWith('index.html'))!;
		// A revisioned file skips the HTTP cache and is stored under its revisioned key.
		expect(html.cacheKey).toBe('https://xa.example/index.html?__WB_REVISION__=r1');
		expect(html.request.cache).toBe('reload');
		const a = f.started.find((s) => s.request.url.endsWith('a.js'))!;
		expect(a.request.cache).toBe('default');
		expect(a.request.integrity).toBe('sha384-abc');
		expect(a.request.credentials).toBe('same-origin');
	});

	it('fails with the first failure and starts no file after it', async () => {
		const manifest = Array.from({ length: 20 }, (_, i) => `_app/c${i}.js`);
		const f = fakeController();
		const done = precacheInParallel(f.source, manifest, event, BASE);
		await settle();
		expect(f.started).toHaveLength(PRECACHE_CONCURRENCY);
		f.started[2]!.settle(new Error('bad-precaching-response'));
		await expect(done).rejects.toThrow('bad-precaching-response');
		for (const s of f.started.filter((_, i) => i !== 2)) s.settle();
		await settle();
		// The five in flight end; nothing new starts.
		expect(f.started).toHaveLength(PRECACHE_CONCURRENCY);
	});

	it('refuses a file that is not in the controller’s list, and an empty list installs at once', async () => {
		const f = fakeController(() => undefined);
		await expect(precacheInParallel(f.source, ['_app/x.js'], event, BASE)).rejects.toThrow(
			'not in the precache list'
		);
		await expect(precacheInParallel(fakeController().source, [], event, BASE)).resolves.toBe(
			undefined
		);
	});
});
