/**
 * Durability against a real `node build` (issue 10, "Proof"): devices keep pushing while the
 * server is killed with SIGKILL, three times. After every restart each mutation the server had
 * acknowledged is there (synchronous = FULL: acknowledged means on disk); the devices then resend
 * what was never acknowledged, as a phone does, and in the end every mutation is stored exactly
 * once (one change per mutation id, one record per mutation, a resend answers `duplicate`).
 */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Mutation, PushResponse } from '../../src/lib/domain/sync/protocol';
import { makeDocument } from '../factories/records';
import { OwnServer } from './own-server';
import { freePort } from './sync-support';

const DEVICES = 8;
const PER_REQUEST = 10;
const CRASHES = 3;
/** Acknowledged mutations to wait for in each round before the kill. */
const ACKS_PER_ROUND = 200;

interface Device {
	id: string;
	hlcCounter: number;
	/** Sent (or about to be) and not acknowledged yet. */
	unacked: Mutation[];
}

const hlc = (d: Device) =>
	`${String(Date.now()).padStart(15, '0')}-${(d.hlcCounter++ % 0x10000).toString(16).padStart(4, '0')}-${d.id}`;

function newMutations(d: Device, n: number): Mutation[] {
	return Array.from({ length: n }, () => {
		const record = makeDocument({ id: `crash-${randomUUID()}` });
		return {
			mutationId: randomUUID(),
			entity: 'document',
			recordId: record.id,
			op: 'put',
			record,
			hlc: hlc(d)
		} satisfies Mutation;
	});
}

test('acknowledged pushes survive SIGKILL three times and are stored exactly once', async () => {
	test.setTimeout(90_000);
	// The write budget is off here: this test floods on purpose.
	const server = new OwnServer(await freePort(), { env: { WRITE_PER_MINUTE: '0' } });
	await server.start();
	const token = await server.adminToken();

	const acked = new Map<string, string>(); // mutationId -> recordId
	const statuses = new Map<string, number>();
	const devices: Device[] = Array.from({ length: DEVICES }, (_, i) => ({
		id: `crash-dev-${i}`,
		hlcCounter: 0,
		unacked: []
	}));

	async function send(d: Device, batch: Mutation[]): Promise<boolean> {
		let res: Response;
		try {
			res = await fetch(`${server.url}/api/sync/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
				body: JSON.stringify({ version: 1, deviceId: d.id, mutations: batch })
			});
		} catch {
			return false; // no answer: the server died with this request in flight
		}
		if (res.status !== 200) return false;
		const body = (await res.json()) as PushResponse;
		for (const r of body.results) {
			statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
			expect(r.status, r.reason).not.toBe('rejected');
			const m = batch.find((x) => x.mutationId === r.mutationId)!;
			acked.set(m.mutationId, m.recordId);
		}
		d.unacked = d.unacked.filter((m) => !acked.has(m.mutationId));
		return true;
	}

	/** Each device pushes new batches until a request gets no answer (the server is gone). */
	const pushUntilDown = (d: Device) =>
		(async () => {
			for (;;) {
				const batch = newMutations(d, PER_REQUEST);
				d.unacked.push(...batch);
				if (!(await send(d, batch))) return;
			}
		})();

	/** Everything the server holds now, by record id (pull, all pages). */
	async function pulledIds(): Promise<Map<string, number>> {
		const seen = new Map<string, number>();
		let cursor = 0;
		for (;;) {
			const r = await fetch(`${server.url}/api/sync/pull`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
				body: JSON.stringify({ version: 1, cursor, limit: 1000 })
			});
			const body = (await r.json()) as {
				changes: { recordId: string }[];
				cursor: number;
				hasMore: boolean;
			};
			for (const c of body.changes) seen.set(c.recordId, (seen.get(c.recordId) ?? 0) + 1);
			cursor = body.cursor;
			if (!body.hasMore) return seen;
		}
	}

	try {
		for (let round = 0; round < CRASHES; round++) {
			const target = acked.size + ACKS_PER_ROUND;
			const pushers = devices.map(pushUntilDown);
			await expect.poll(() => acked.size, { timeout: 30_000 }).toBeGreaterThanOrEqual(target);
			// Kill while requests are in flight: the pushers keep sending until they get no answer.
			await server.kill();
			await Promise.all(pushers);
			const inFlight = devices.reduce((n, d) => n + d.unacked.length, 0);
			expect(inFlight).toBeGreaterThan(0);

			await server.start();
			// Every acknowledged mutation survived the kill.
			const held = await pulledIds();
			const missing = [...acked.values()].filter((id) => !held.has(id));
			expect(missing, `round ${round + 1}: acknowledged but lost`).toEqual([]);
			// The phones resend what had no answer; some of it was applied before the kill.
			for (const d of devices) {
				while (d.unacked.length > 0) expect(await send(d, d.unacked.slice(0, 50))).toBe(true);
			}
		}

		// A resend of acknowledged mutations changes nothing.
		const sample = [...acked.keys()].slice(0, 20);
		const before = statuses.get('duplicate') ?? 0;
		const dev = devices[0]!;
		const resend: Mutation[] = sample.map((mutationId) => ({
			mutationId,
			entity: 'document',
			recordId: acked.get(mutationId)!,
			op: 'put',
			record: makeDocument({ id: acked.get(mutationId)! }),
			hlc: hlc(dev)
		}));
		expect(await send(dev, resend)).toBe(true);
		expect((statuses.get('duplicate') ?? 0) - before).toBe(sample.length);

		const held = await pulledIds();
		const ours = [...held].filter(([id]) => id.startsWith('crash-'));
		expect(ours.length).toBe(acked.size);
		expect(ours.every(([, n]) => n === 1)).toBe(true);
	} finally {
		await server.kill();
	}

	// The database itself: one row per applied mutation (`mutations`, keyed by its id), each record
	// (one mutation each) changed once, no more.
	const db = new Database(path.join(server.dataDir, 'so-hop-534.sqlite'), { readonly: true });
	try {
		const doubled = db
			.prepare(
				"SELECT record_id FROM mutations WHERE record_id LIKE 'crash-%' AND changed = 1 GROUP BY record_id HAVING COUNT(*) > 1"
			)
			.all();
		expect(doubled).toEqual([]);
		const changes = db
			.prepare("SELECT COUNT(*) AS n FROM mutations WHERE record_id LIKE 'crash-%' AND changed = 1")
			.get() as { n: number };
		expect(changes.n).toBe(acked.size);
		const applied = db.prepare('SELECT mutation_id FROM mutations').all() as {
			mutation_id: string;
		}[];
		const appliedIds = new Set(applied.map((r) => r.mutation_id));
		expect([...acked.keys()].filter((id) => !appliedIds.has(id))).toEqual([]);
	} finally {
		db.close();
	}
});
