/**
 * Attacker review, finding 1: report drafts have a size cap on the server (per mutation, `invalid`
 * with a reason), and a pull page is bounded in bytes as well as rows, so huge records never make
 * a page of hundreds of MB. Records stored before the cap still pull, and still show at the
 * province; an edit of one is what gets refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bigReport, jsonBytes } from '$factories/reports';
import { hlcAt, mutation, T0 } from '$factories/sync';
import { provinceReportSchema } from '$lib/domain/province';
import { LIMITS } from '$lib/domain/schemas';
import { MAX_PULL_PAGE_BYTES, type Change, type Mutation } from '$lib/domain/sync/protocol';
import { provinceReport, provinceSummary } from '../province/summary';
import { DEFAULT_COMMUNE } from '../storage/types';
import { addUser, openSeededServer, type TestServer, type TestUser } from '../test-server';
import { pull } from './pull';
import { push } from './push';

let s: TestServer;
let monitor: TestUser;
let headVP: TestUser;

beforeEach(async () => {
	s = await openSeededServer();
	monitor = await addUser(s.ctx, 'monitor', 'monitor', null);
	headVP = await addUser(s.ctx, 'head-vp', 'unit_head', 'VP');
	const page = await pull(s.ctx, monitor, { version: 1, cursor: 0, limit: 1000 });
	expect(page.changes.some((c) => c.entity === 'report') || page.hasMore).toBe(false);
	unitsCursor = page.cursor;
});
afterEach(() => s.close());

const send = (user: TestUser, mutations: Mutation[]) =>
	push(s.ctx, user, { version: 1, deviceId: 'dev-a', mutations });

/** The seeded server's records (units, settings) come first: the cursor after them. */
let unitsCursor = 0;
const afterUnits = async (): Promise<number> => unitsCursor;

/** Every change after the units, page by page, with each page's size and hasMore. */
async function pullAll(user: TestUser, limit = 1000) {
	const changes: Change[] = [];
	const pages: { count: number; bytes: number; hasMore: boolean; cursor: number }[] = [];
	let cursor = await afterUnits();
	for (let i = 0; i < 100; i++) {
		const page = await pull(s.ctx, user, { version: 1, cursor, limit });
		changes.push(...page.changes);
		pages.push({
			count: page.changes.length,
			bytes: jsonBytes(page),
			hasMore: page.hasMore,
			cursor: page.cursor
		});
		cursor = page.cursor;
		if (!page.hasMore) break;
	}
	return { changes, pages };
}

/** Stores a record as a server before the cap did: straight into storage, no schema. */
async function storeUnchecked(record: Record<string, unknown>, unitCode: string | null) {
	const hlc = hlcAt(T0 - 60_000);
	const clocks = Object.fromEntries(Object.keys(record).map((k) => [k, hlc]));
	await s.ctx.storage.applyMutation(
		DEFAULT_COMMUNE,
		{
			mutationId: `old-${String(record.id)}`,
			entity: 'report',
			recordId: String(record.id),
			userId: monitor.id,
			deviceId: 'dev-old',
			at: T0 - 60_000
		},
		() => ({
			kind: 'write',
			state: { data: record, clocks },
			unitCode,
			hlc,
			deleted: false,
			changed: true,
			history: []
		})
	);
}

describe('the report size cap on the server', () => {
	it('applies the biggest realistic report and refuses an oversize one, per mutation', async () => {
		const big = bigReport();
		const over = bigReport({ year: 2027, units: LIMITS.reportUnits });
		const attack = {
			...bigReport({ year: 2028, units: 0, narrative: 0, overLimit: 0 }),
			issued: { ...bigReport({ units: 0 }).issued!, unitNames: { x: 'A'.repeat(450_560) } }
		};
		const small = bigReport({ year: 2029, units: 3, narrative: 100, overLimit: 0 });
		const res = await send(monitor, [
			mutation('report', big),
			mutation('report', over),
			mutation('report', attack),
			mutation('report', small)
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual([
			'applied',
			'invalid',
			'invalid',
			'applied'
		]);
		expect(res.results[1]!.reason).toBe('(record): err.reportTooLarge');
		expect(res.results[2]!.reason).toContain('issued.unitNames.x: err.reportTooLarge');
		// Nothing of the refused ones was stored.
		const ids = (await pullAll(monitor)).changes.map((c) => c.recordId);
		expect(ids.sort()).toEqual(['*:annual:2026', '*:annual:2029']);
		// A unit head's report of the unit is held to the same cap.
		const unit = await send(headVP, [
			mutation('report', bigReport({ unitCode: 'VP', units: LIMITS.reportUnits }))
		]);
		expect(unit.results[0]).toMatchObject({ status: 'rejected', code: 'invalid' });
	});

	it('still pulls and shows a report stored over the cap before it; an edit of it is refused, a reopen goes', async () => {
		const old = { ...bigReport({ units: LIMITS.reportUnits + 40 }), periodKind: 'annual' };
		expect(jsonBytes(old)).toBeGreaterThan(LIMITS.reportBytes);
		await storeUnchecked(old, null);

		const { changes } = await pullAll(monitor);
		expect(changes).toHaveLength(1);
		expect(changes[0]!.record).toEqual(old);
		// Everyone reads the commune's report: a staff device gets it too.
		const staff = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
		expect((await pullAll(staff)).changes.map((c) => c.recordId)).toEqual(['*:annual:2026']);

		// The province still counts it as sent and opens it (the client parses the answer).
		s.clock.now = Date.parse('2026-12-25T05:00:00Z');
		const summary = await provinceSummary(s.ctx, { kind: 'annual', year: 2026 });
		expect(summary.communes.find((c) => c.id === DEFAULT_COMMUNE)?.report.state).toBe('sent');
		const opened = await provinceReport(s.ctx, DEFAULT_COMMUNE, { kind: 'annual', year: 2026 });
		expect(provinceReportSchema.parse(opened).issued.units).toHaveLength(LIMITS.reportUnits + 40);

		// An edit that keeps it over the cap is refused; taking it back to a draft (its figures
		// dropped) brings it under the cap and is applied.
		const edit = await send(monitor, [
			mutation(
				'report',
				{ ...old, signerName: 'Trần Văn Bình', updatedAt: T0 + 1 },
				{ fields: ['signerName', 'updatedAt'] }
			)
		]);
		expect(edit.results[0]).toMatchObject({
			status: 'rejected',
			code: 'invalid',
			reason: expect.stringContaining('issued.units: err.reportTooLarge') as string
		});
		const reopen = await send(monitor, [
			mutation(
				'report',
				{ ...old, status: 'draft', issued: null, updatedAt: T0 + 2 },
				{ fields: ['status', 'issued', 'updatedAt'], hlc: hlcAt(T0 + 2) }
			)
		]);
		expect(reopen.results[0]!.status).toBe('applied');
	});
});

describe('a pull page bounded in bytes', () => {
	it('stops at the byte bound with hasMore; the next pages go on exactly (nothing lost or twice)', async () => {
		// 14 reports of ~370 KB (each within the cap): about 5 MB, over one page's bound.
		const reports = Array.from({ length: 14 }, (_, i) => bigReport({ year: 2040 + i }));
		for (const r of reports) {
			const res = await send(monitor, [mutation('report', r)]);
			expect(res.results[0]!.status).toBe('applied');
		}
		const { changes, pages } = await pullAll(monitor);
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages[0]!.hasMore).toBe(true);
		// The first page ended on bytes, not on the row limit (1000).
		expect(pages[0]!.count).toBeLessThan(reports.length);
		for (const p of pages) {
			expect(p.count).toBeGreaterThan(0);
			// The page's records fit the bound; the envelope and seq fields add a little.
			expect(p.bytes).toBeLessThan(MAX_PULL_PAGE_BYTES + 64 * 1024);
		}
		expect(pages.at(-1)!.hasMore).toBe(false);
		expect(changes.map((c) => c.recordId)).toEqual(reports.map((r) => r.id));
		const seqs = changes.map((c) => c.seq);
		expect(new Set(seqs).size).toBe(seqs.length);
		expect(pages.at(-1)!.cursor).toBe(Math.max(...seqs));
		expect(changes.map((c) => c.record)).toEqual(
			reports.map((r) => JSON.parse(JSON.stringify(r)) as unknown)
		);
	});

	it('sends a record larger than the bound alone, then the rest', async () => {
		const huge = {
			...bigReport({ units: 0, narrative: 0 }),
			deployment: 'ệ'.repeat(Math.ceil(MAX_PULL_PAGE_BYTES / 3) + 10)
		};
		await storeUnchecked(huge, null);
		const after = bigReport({ year: 2030, units: 3, narrative: 10, overLimit: 0 });
		expect((await send(monitor, [mutation('report', after)])).results[0]!.status).toBe('applied');

		const first = await pull(s.ctx, monitor, {
			version: 1,
			cursor: await afterUnits(),
			limit: 1000
		});
		expect(first.changes.map((c) => c.recordId)).toEqual([huge.id]);
		expect(first.hasMore).toBe(true);
		const second = await pull(s.ctx, monitor, { version: 1, cursor: first.cursor, limit: 1000 });
		expect(second.changes.map((c) => c.recordId)).toEqual([after.id]);
		expect(second.hasMore).toBe(false);
	});
});
