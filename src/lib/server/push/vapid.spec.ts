/**
 * The VAPID key pair lives in the database, so app processes with different DATA_DIRs sign with
 * the same keys; an old DATA_DIR/vapid.json is moved in once. On both engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import { afterEach, describe, expect, it } from 'vitest';
import { T0 } from '$factories/sync';
import { TEST_ENGINES, type EngineServer } from '../test-engines';
import { loadOrCreateVapid, VAPID_FILE } from './vapid';

let s: EngineServer | null = null;
afterEach(async () => {
	await s?.close();
	s = null;
});

describe.each(TEST_ENGINES)(
	'VAPID keys on $name',
	(engine) => {
		it('are made by the first process and read by the others (another DATA_DIR); no file is written', async () => {
			s = await engine.open();
			const first = await loadOrCreateVapid(s.storage, s.dir, T0);
			expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
			const b = await s.another();
			expect(b.dir).not.toBe(s.dir);
			const second = await loadOrCreateVapid(b.storage, b.dir, T0 + 1);
			expect(second).toEqual(first);
			expect(fs.existsSync(path.join(s.dir, VAPID_FILE))).toBe(false);
			expect(fs.existsSync(path.join(b.dir, VAPID_FILE))).toBe(false);
			// And on the next start of the first process.
			expect(await loadOrCreateVapid((await s.another()).storage, s.dir, T0 + 2)).toEqual(first);
		});

		it('processes starting together agree on one pair', async () => {
			s = await engine.open();
			const processes = [s, ...(await Promise.all([1, 2, 3, 4].map(() => s!.another())))];
			const keys = await Promise.all(processes.map((p) => loadOrCreateVapid(p.storage, p.dir, T0)));
			expect(new Set(keys.map((k) => k.publicKey)).size).toBe(1);
			expect(new Set(keys.map((k) => k.privateKey)).size).toBe(1);
		});

		it('an existing vapid.json is moved into the database (subscriptions keep working), then removed', async () => {
			s = await engine.open();
			const old = webpush.generateVAPIDKeys();
			const file = path.join(s.dir, VAPID_FILE);
			fs.writeFileSync(file, JSON.stringify(old), { mode: 0o600 });
			const keys = await loadOrCreateVapid(s.storage, s.dir, T0);
			expect({ publicKey: keys.publicKey, privateKey: keys.privateKey }).toEqual(old);
			expect(fs.existsSync(file)).toBe(false);
			// Another process (no file) signs with the same keys.
			const b = await s.another();
			expect((await loadOrCreateVapid(b.storage, b.dir, T0)).publicKey).toBe(old.publicKey);
		});

		it('a vapid.json that differs from the stored pair does not replace it (and is left alone)', async () => {
			s = await engine.open();
			const stored = await loadOrCreateVapid(s.storage, s.dir, T0);
			const b = await s.another();
			const file = path.join(b.dir, VAPID_FILE);
			fs.writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600 });
			const warn = console.warn;
			const warned: unknown[] = [];
			console.warn = (...args: unknown[]) => void warned.push(args);
			try {
				expect(await loadOrCreateVapid(b.storage, b.dir, T0)).toEqual(stored);
			} finally {
				console.warn = warn;
			}
			expect(warned).toHaveLength(1);
			expect(fs.existsSync(file)).toBe(true);
		});
	},
	30_000
);
