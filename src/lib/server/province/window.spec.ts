/**
 * The province view reads one target year's records by index (records.day, a window of
 * $lib/domain/record-day) instead of every record of a commune. Its figures must stay exactly
 * those of the engine over all the raw rows: on both engines, ten years of varied records (window
 * edges, monthly figures on both sides of the year, plans of every year, tombstones, records that
 * fail their schema, undated ones) give the same summary read both ways.
 */
import { describe, expect, it, vi } from 'vitest';
import { useCleanups } from '$factories/pg-cluster';
import { fakeUuid, T0 } from '$factories/sync';
import {
	makeDocument,
	makeIncoming,
	makeMeeting,
	makePlan,
	makeProcedure
} from '$factories/records';
import { MEETING_CATEGORIES } from '$lib/domain/codes';
import { DEFAULT_UNITS } from '$lib/domain/default-units';
import { targetYear } from '$lib/domain/periods';
import { partitionRecords } from '$lib/domain/record-check';
import { periodWindow, recordDay } from '$lib/domain/record-day';
import type { ProvinceSummary, SummaryQuery } from '$lib/domain/province';
import type { SyncEntity } from '$lib/domain/sync/protocol';
import { bootstrap } from '../auth/bootstrap';
import { makeContext, type ServerContext } from '../context';
import { DEFAULT_COMMUNE as C, type BatchItem, type Storage } from '../storage/types';
import { TEST_ENGINES } from '../test-engines';
import { provinceSummary } from './summary';

const cleanups = useCleanups();

/** Each engine's fresh storage (test-engines.ts: a temp SQLite, or a schema on the file's cluster). */
const engines: { name: string; open(): Promise<Storage> }[] = TEST_ENGINES.map((e) => ({
	name: e.name,
	async open() {
		const server = await e.open();
		cleanups.push(() => server.close());
		return server.storage;
	}
}));

/** A small deterministic generator (mulberry32): the same records on both engines. */
function random(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
		chance: (p: number) => next() < p
	};
}

const pad = (n: number) => String(n).padStart(2, '0');
const UNITS = DEFAULT_UNITS.map((u) => u.code);
const YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

/** Ten years of one commune's records, with the edge cases the window must keep. */
function records(seed: number): { entity: SyncEntity; data: Record<string, unknown> }[] {
	const r = random(seed);
	const out: { entity: SyncEntity; data: Record<string, unknown> }[] = [];
	let n = 0;
	const id = (p: string) => `${p}-${seed}-${++n}`;
	const dates = (year: number) => [
		`${year - 1}-12-14`,
		`${year - 1}-12-15`,
		`${year}-06-14`,
		`${year}-06-15`,
		`${year}-12-14`,
		`${year}-12-15`,
		`${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`
	];
	for (const year of YEARS) {
		for (const date of [...dates(year), ...dates(year)]) {
			out.push({
				entity: 'meeting',
				data: makeMeeting({
					id: id('m'),
					on: date,
					unitCode: r.pick(UNITS),
					category: r.pick(MEETING_CATEGORIES),
					format: r.pick(['truc_tiep', 'truc_tuyen'] as const),
					role: r.pick(['chu_tri', 'tham_du'] as const),
					paperless: r.chance(0.5),
					minutes: r.int(30, 300),
					deleted: r.chance(0.1)
				}) as unknown as Record<string, unknown>
			});
			out.push({
				entity: 'document',
				data: makeDocument({
					id: id('d'),
					issuedOn: date,
					unitCode: r.pick(UNITS),
					electronic: r.chance(0.7),
					secret: r.chance(0.1)
				}) as unknown as Record<string, unknown>
			});
		}
		for (let m = 1; m <= 12; m++) {
			const unitCode = r.pick(UNITS);
			const total = r.int(0, 50);
			const digital = r.int(0, total);
			out.push({
				entity: 'procedure',
				data: makeProcedure({
					unitCode,
					month: `${year}-${pad(m)}`,
					total,
					digital,
					digitized: r.int(0, digital)
				}) as unknown as Record<string, unknown>
			});
			const received = r.int(0, 40);
			out.push({
				entity: 'incoming',
				data: makeIncoming({
					unitCode,
					month: `${year}-${pad(m)}`,
					received,
					electronic: r.int(0, received)
				}) as unknown as Record<string, unknown>
			});
		}
		for (const unitCode of UNITS.slice(0, 4))
			out.push({
				entity: 'plan',
				data: makePlan({
					unitCode,
					year,
					baselineConferences: r.int(5, 40),
					baselineDocuments: r.int(20, 200),
					plannedConferences: r.int(5, 30)
				}) as unknown as Record<string, unknown>
			});
		// Records that fail their schema: dated in the year, and undated (read for every period).
		out.push({ entity: 'meeting', data: { id: id('bad'), date: `${year}-03-03`, title: 7 } });
		out.push({ entity: 'document', data: { id: id('bad'), issuedOn: 20260303 } });
		out.push({ entity: 'procedure', data: { id: id('bad'), month: `${year}-13`, total: -1 } });
	}
	return out;
}

async function seed(storage: Storage, seedNo: number): Promise<ServerContext> {
	const ctx = makeContext(storage, {
		now: () => T0,
		newId: (() => {
			let i = 0;
			return () => fakeUuid(++i + 0xb00000);
		})(),
		scrypt: { N: 1024, r: 8, p: 1 }
	});
	await bootstrap(ctx, 'admin-password');
	const all = records(seedNo);
	const items: BatchItem[] = all.map(({ entity, data }, i) => ({
		envelope: {
			mutationId: `w-${i}`,
			entity,
			recordId: String(data.id),
			userId: 'u',
			deviceId: 'd',
			at: T0
		},
		decide: () => ({
			kind: 'write',
			state: { data, clocks: {} },
			unitCode: typeof data.unitCode === 'string' ? data.unitCode : null,
			hlc: 'h',
			deleted: data.deleted === true,
			changed: true,
			history: []
		})
	}));
	for (let i = 0; i < items.length; i += 200) await storage.applyBatch(C, items.slice(i, i + 200));
	return ctx;
}

/** The same context whose storage ignores the window: every record of the commune is read. */
const readingEverything = (ctx: ServerContext): ServerContext => ({
	...ctx,
	storage: new Proxy(ctx.storage, {
		get(target, key) {
			if (key === 'listRecords')
				return (communeId: string, entities: readonly SyncEntity[]) =>
					target.listRecords(communeId, entities);
			const value = Reflect.get(target, key, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	})
});

/** A summary's communes without 'skipped' (which counts the invalid records read). */
const figures = (s: ProvinceSummary) =>
	s.communes.map(({ skipped: _skipped, ...rest }) => {
		void _skipped;
		return rest;
	});

describe.each(engines)('the province view by window on $name', (engine) => {
	it('gives exactly the figures of the engine over every raw row, for every period and year', async () => {
		const storage = await engine.open();
		const ctx = await seed(storage, 534);
		const everything = readingEverything(ctx);
		const queries: SummaryQuery[] = YEARS.flatMap((year) =>
			(['6month', '9month', 'annual'] as const).map((kind) => ({ kind, year }))
		);
		let compared = 0;
		for (const q of queries) {
			const windowed = await provinceSummary(ctx, q);
			const full = await provinceSummary(everything, q);
			expect(figures(windowed)).toEqual(figures(full));
			expect(windowed.communes[0]!.indicators.some((i) => i.value !== null)).toBe(true);
			// Left out: the invalid records filed in the year's window, and the undated ones.
			const range = targetYear(q.year, 'decree09');
			const w = periodWindow(range.start, range.end);
			const read = records(534).filter((x) => {
				const d = recordDay(x.entity, x.data);
				return x.data.deleted !== true && (d === null || (d >= w.from && d <= w.to));
			});
			const invalid = read.filter(
				(x) => partitionRecords(x.entity as 'meeting', [x.data]).invalid.length > 0
			);
			expect(invalid.length).toBeGreaterThan(0);
			expect(windowed.communes[0]!.skipped).toBe(invalid.length);
			expect(full.communes[0]!.skipped).toBe(
				records(534).filter(
					(x) =>
						x.data.deleted !== true &&
						partitionRecords(x.entity as 'meeting', [x.data]).invalid.length > 0
				).length
			);
			compared++;
		}
		expect(compared).toBe(30);
	}, 120_000);

	it('computes a commune again once anything of it changes, and only then', async () => {
		const storage = await engine.open();
		const ctx = await seed(storage, 9);
		const q: SummaryQuery = { kind: 'annual', year: 2025 };
		const first = await provinceSummary(ctx, q);
		const reads = vi.spyOn(storage, 'listRecords');
		// Nothing changed: nothing read again.
		expect(await provinceSummary(ctx, q)).toEqual(first);
		expect(reads).not.toHaveBeenCalled();
		// A held conference of the year, organised by a unit: the figures move.
		await storage.applyBatch(C, [
			{
				envelope: {
					mutationId: 'late',
					entity: 'meeting',
					recordId: 'late',
					userId: 'u',
					deviceId: 'd',
					at: T0
				},
				decide: () => ({
					kind: 'write',
					state: {
						data: makeMeeting({
							id: 'late',
							on: '2025-06-02',
							unitCode: 'VP',
							role: 'chu_tri'
						}) as unknown as Record<string, unknown>,
						clocks: {}
					},
					unitCode: 'VP',
					hlc: 'h',
					deleted: false,
					changed: true,
					history: []
				})
			}
		]);
		const after = await provinceSummary(ctx, q);
		expect(reads).toHaveBeenCalledTimes(1);
		expect(after).not.toEqual(first);
		// The same figures as read fresh (every raw row; 'skipped' counts other years there).
		expect(figures(after)).toEqual(figures(await provinceSummary(readingEverything(ctx), q)));
	}, 120_000);
});
