/**
 * Push batches that the server (or a proxy in front of it) will not take: split on 413 and on
 * repeated 5xx down to single mutations; a mutation too large ever is marked on the device and
 * goes again after an edit; nothing is applied twice. Runs against the real server code (SQLite in
 * a temp dir) through an in-process fetch that can put a smaller body limit or a failure in front.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import type { Clock } from '$lib/db/clock';
import { writeRecords } from '$lib/db/write';
import type { AgendaItem } from '$lib/domain/schemas';
import { publicUser } from '$lib/server/auth/users';
import * as api from '$lib/server/http/handlers';
import { authenticate } from '$lib/server/http/request-auth';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { pullAll } from '$factories/pull';
import { documentRecord, fakeUuid, meeting, procedure, T0 } from '$factories/sync';
import { SyncClient, SyncError, type FetchLike } from './client';
import { splitBatches, syncOnce } from './engine';
import { pendingGroups, summarise } from './outbox';
import { MAX_BODY_BYTES } from '$lib/domain/sync/protocol';
import { DEFAULT_COMMUNE } from '../server/storage/types';

let s: TestServer;
let db: AppDatabase;
let ids = 0;
const clock: Clock = { now: () => T0, newId: () => fakeUuid(0xc00000 + ++ids) };

beforeEach(async () => {
	s = await openSeededServer();
	await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
	db = new AppDatabase('split-' + Math.random());
});
afterEach(async () => {
	db.close();
	await db.delete();
	s.close();
});

const enc = new TextEncoder();

interface Gate {
	/** A proxy limit: bodies over it get 413 without reaching the server. */
	maxBytes?: number;
	/** Requests whose body contains this text get 500 without reaching the server. */
	failOn?: string;
	/** The next push is applied, then answered 500 (the answer lost in a crash). */
	failAfterCommit?: boolean;
}

/** fetch into the real handlers, behind a gate; records every push (its mutation count and status). */
function gatedFetch(gate: Gate, log: { count: number; status: number }[]): FetchLike {
	const routes: Record<string, (ctx: TestServer['ctx'], e: api.ApiEvent) => Promise<Response>> = {
		'/api/auth/login': api.postLogin,
		'/api/sync/push': api.postPush,
		'/api/sync/pull': api.postPull
	};
	const error = (status: number, code: string) =>
		new Response(JSON.stringify({ error: { code, message: code } }), {
			status,
			headers: { 'content-type': 'application/json' }
		});
	return async (path, init) => {
		const body = typeof init?.body === 'string' ? init.body : '';
		const count =
			path === '/api/sync/push'
				? (JSON.parse(body) as { mutations: unknown[] }).mutations.length
				: 0;
		const note = (res: Response) => {
			if (path === '/api/sync/push') log.push({ count, status: res.status });
			return res;
		};
		if (path === '/api/sync/push') {
			if (gate.maxBytes !== undefined && enc.encode(body).length > gate.maxBytes)
				return note(error(413, 'payload_too_large'));
			if (gate.failOn && body.includes(gate.failOn)) return note(error(500, 'internal'));
		}
		const req = new Request(`http://localhost${path}`, init);
		const user = await authenticate(s.ctx, req);
		const res = await routes[path]!(s.ctx, {
			request: req,
			user: user ? publicUser(user) : null,
			clientAddress: '127.0.0.1'
		});
		if (path === '/api/sync/push' && gate.failAfterCommit) {
			gate.failAfterCommit = false;
			return note(error(500, 'internal'));
		}
		return note(res);
	};
}

async function device(gate: Gate = {}) {
	const log: { count: number; status: number }[] = [];
	const client = new SyncClient({ fetch: gatedFetch(gate, log), now: () => s.clock.now });
	const login = await client.login('staff-vp', 'staff-vp-password');
	const run = () =>
		syncOnce({ db, client, token: login.body.token, userId: login.body.user.id, now: () => T0 });
	return { run, log };
}

const TOPIC = 'Thảo luận, cho ý kiến về kế hoạch chuyển đổi số và cải cách hành chính của xã; ';
/** `n` agenda items with titles of the longest allowed length (300 characters, about 400 bytes). */
const agenda = (n: number): AgendaItem[] =>
	Array.from({ length: n }, (_, i) => ({
		id: `a${i}`,
		title: `${i + 1}. ${TOPIC.repeat(5)}`.slice(0, 300),
		kind: 'discussion',
		plannedMinutes: 10,
		spans: []
	}));

/** Meetings with long agendas, documents and procedure months of unit VP. */
async function writeMixed(n: number, agendaItems = 12) {
	await writeRecords(
		db,
		'meeting',
		Array.from({ length: n }, (_, i) => meeting({ id: `m-${i}`, agenda: agenda(agendaItems) })),
		clock
	);
	await writeRecords(
		db,
		'document',
		Array.from({ length: n }, (_, i) => documentRecord({ id: `d-${i}`, number: `${i}/KH-UBND` })),
		clock
	);
	await writeRecords(
		db,
		'procedure',
		Array.from({ length: 12 }, (_, i) =>
			procedure({ month: `2025-${String(i + 1).padStart(2, '0')}` })
		),
		clock
	);
	return 2 * n + 12;
}

async function serverIds(): Promise<string[]> {
	const rows = await pullAll(s.storage, DEFAULT_COMMUNE);
	return rows.filter((r) => r.entity !== 'unit' && r.entity !== 'settings').map((r) => r.id);
}

describe('packing', () => {
	it('packs batches up to the shared body limit and sets apart a record too large alone', async () => {
		await writeMixed(60, 30);
		await writeRecords(db, 'meeting', [meeting({ id: 'm-huge', agenda: agenda(2500) })], clock);
		const groups = await pendingGroups(db, 1000);
		const { batches, tooLarge } = splitBatches(groups, 500);
		expect(tooLarge.map((g) => g.recordId)).toEqual(['m-huge']);
		expect(batches.length).toBeGreaterThan(1);
		for (const b of batches) {
			const body = JSON.stringify({
				version: 1,
				deviceId: 'x'.repeat(64),
				mutations: b.map((g) => g.mutation)
			});
			expect(enc.encode(body).length).toBeLessThanOrEqual(MAX_BODY_BYTES);
		}
		expect(batches.flat().length).toBe(groups.length - 1);
	});

	it('stays below the framework body limit that `node build` applies with no env (512K)', () => {
		expect(MAX_BODY_BYTES).toBeLessThanOrEqual(512 * 1024 - 32 * 1024);
	});
});

describe('splitting a push the server will not take', () => {
	it('on 413 splits in halves until each request fits; every record arrives once', async () => {
		const total = await writeMixed(40);
		const d = await device({ maxBytes: 24 * 1024 });
		const report = await d.run();
		expect(report.pushed).toBe(total);
		expect(report.rejected).toBe(0);
		expect((await summarise(db)).pendingRecords).toBe(0);
		const stored = await serverIds();
		expect(stored).toHaveLength(total);
		expect(new Set(stored).size).toBe(total);
		expect(d.log[0]).toEqual({ count: total, status: 413 });
		// Halves: a rejected request of n is followed by one of ceil(n/2).
		expect(d.log[1]!.count).toBe(Math.ceil(total / 2));
		expect(d.log.filter((x) => x.status === 200).length).toBeGreaterThan(1);
	});

	it('a single mutation rejected with 413 is marked too_large, the rest drain, an edit sends it again', async () => {
		await writeMixed(10);
		const big = meeting({ id: 'm-big', title: 'Họp lớn', agenda: agenda(200) });
		await writeRecords(db, 'meeting', [big], clock);
		const d = await device({ maxBytes: 40 * 1024 });
		const first = await d.run();
		expect(first.rejected).toBe(1);
		const sum = await summarise(db);
		expect(sum.pendingRecords).toBe(0);
		expect(sum.rejected).toMatchObject([
			{
				recordId: 'm-big',
				code: 'too_large',
				label: { kind: 'title', text: 'Họp lớn' },
				reason: expect.stringMatching(/^\d+ KB$/)
			}
		]);
		expect(await db.meetings.get('m-big')).toBeDefined();
		expect(await serverIds()).not.toContain('m-big');

		// Nothing new: the marked record is not resent on every run.
		const pushesBefore = d.log.length;
		await d.run();
		expect(d.log.length).toBe(pushesBefore);

		// The user shortens the agenda: the new change goes, with the earlier one, and clears the mark.
		await writeRecords(db, 'meeting', [{ ...big, agenda: agenda(20), updatedAt: T0 + 1 }], clock);
		const second = await d.run();
		expect(second.pushed).toBe(2);
		const after = await summarise(db);
		expect(after.rejected).toEqual([]);
		expect(after.pendingRecords).toBe(0);
		const rows = await pullAll(s.storage, DEFAULT_COMMUNE);
		const stored = rows.filter((r) => r.id === 'm-big');
		expect(stored).toHaveLength(1);
		expect((stored[0]!.state.data as { agenda: unknown[] }).agenda).toHaveLength(20);
	});

	it('a record over the shared limit is marked too_large on the device without a request', async () => {
		await writeRecords(db, 'meeting', [meeting({ id: 'm-huge', agenda: agenda(2500) })], clock);
		await writeRecords(db, 'document', [documentRecord({ id: 'd-ok' })], clock);
		const d = await device();
		const report = await d.run();
		expect(report).toMatchObject({ pushed: 1, rejected: 1 });
		expect(d.log.map((x) => x.count)).toEqual([1]);
		expect((await summarise(db)).rejected).toMatchObject([
			{ recordId: 'm-huge', code: 'too_large', reason: expect.stringMatching(/KB > 448 KB$/) }
		]);
	});

	it('on repeated 5xx splits down to the mutation the server fails on; it stays pending, the rest go', async () => {
		const total = await writeMixed(20);
		const d = await device({ failOn: '"m-7"' });
		const err = await d.run().then(
			() => null,
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(SyncError);
		expect((err as SyncError).status).toBe(500);
		const stored = await serverIds();
		expect(stored).toHaveLength(total - 1);
		expect(stored).not.toContain('m-7');
		const sum = await summarise(db);
		expect(sum.pendingRecords).toBe(1); // not rejected: a 5xx is no verdict on the record
		expect(sum.rejected).toEqual([]);
		// Each failing request was tried twice before it was split; the last one held m-7 alone.
		const failed = d.log.filter((x) => x.status === 500);
		expect(failed.at(-1)!.count).toBe(1);
		expect(failed.at(-2)!.count).toBe(1);

		// The server is mended: the next run sends it, once.
		const mended = await device();
		const report = await mended.run();
		expect(report.pushed).toBe(1);
		expect(await serverIds()).toHaveLength(total);
	});

	it('a 5xx after the server committed is retried under the same ids: nothing is applied twice', async () => {
		const total = await writeMixed(5);
		const d = await device({ failAfterCommit: true });
		const report = await d.run();
		expect(report.pushed).toBe(total);
		expect(d.log.map((x) => x.status)).toEqual([500, 200]);
		const stored = await serverIds();
		expect(new Set(stored).size).toBe(stored.length);
		expect(stored).toHaveLength(total);
	});

	it('a server failing on everything stops the run after a bounded number of requests', async () => {
		await writeMixed(100);
		const d = await device({ failOn: '"mutations"' });
		await expect(d.run()).rejects.toBeInstanceOf(SyncError);
		expect(d.log.length).toBeLessThanOrEqual(25);
		expect((await summarise(db)).pendingRecords).toBe(212);
	});
});
