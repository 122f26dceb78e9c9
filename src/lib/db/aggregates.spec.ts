/**
 * The aggregates stay true through every write path, and the engine over them gives exactly the
 * engine over the raw records: random writes (form writes, edits that move a record to another
 * unit or month, tombstones, hard deletes, pulls, new meeting limits and period modes), then
 * random periods and "as of" dates.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import { writeBatch, writeRecords } from './write';
import { importFiles } from './import';
import { createBackup, restoreBackup } from './backup';
import { parseBackup, type Backup } from '$lib/csv/backup';
import { readSampleFile } from '$factories/sample-commune';
import { applyPull } from '$lib/sync/apply-pull';
import { loadYearInput } from './progress-input';
import { loadYearFigures } from './progress-year';
import { AGGREGATES_META_KEY, aggregateChecker, rebuildAggregates } from './aggregates';
import type { Clock } from './clock';
import {
	DOCUMENT_KINDS,
	MEETING_CATEGORIES,
	MEETING_FORMATS,
	MEETING_ROLES,
	PERIOD_MODES,
	type PeriodMode
} from '$lib/domain/codes';
import { periodOf, type Period, type PeriodKind } from '$lib/domain/periods';
import { addDays } from '$lib/domain/time';
import { defaultSettings } from '$lib/domain/defaults';
import { COMMUNE, computeReport, monthlySeries, reportCsv } from '$lib/domain/progress';
import { buildRows, HalfNotLoadedError, type AggregateRow } from '$lib/domain/progress/aggregates';
import type { Settings } from '$lib/domain/schemas';
import {
	FIXED_MS,
	makeDocument,
	makeIncoming,
	makeMeeting,
	makePlan,
	makeProcedure,
	makeUnit
} from '$factories/records';

const CODES = ['U0', 'U1', 'U2'] as const;
const FIRST = '2025-11-20';
const dateArb = fc.integer({ min: 0, max: 420 }).map((d) => addDays(FIRST, d));
const unitArb = fc.constantFrom(...CODES, 'GONE');
const MONTHS = ['2025-11', '2025-12', '2027-01'].concat(
	Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
);
const monthArb = fc.constantFrom(...MONTHS);

const meetingArb = fc.record({
	kind: fc.constant('meeting' as const),
	id: fc.integer({ min: 0, max: 7 }).map((i) => `m${i}`),
	unitCode: unitArb,
	category: fc.constantFrom(...MEETING_CATEGORIES),
	format: fc.constantFrom(...MEETING_FORMATS),
	role: fc.constantFrom(...MEETING_ROLES),
	paperless: fc.boolean(),
	status: fc.constantFrom('held', 'held', 'planned', 'cancelled' as const),
	on: dateArb,
	minutes: fc.integer({ min: 30, max: 800 }),
	bad: fc.constantFrom(false, false, false, false, true)
});
const documentArb = fc.record({
	kind: fc.constant('document' as const),
	id: fc.integer({ min: 0, max: 7 }).map((i) => `d${i}`),
	unitCode: unitArb,
	docKind: fc.constantFrom(...DOCUMENT_KINDS),
	issuedOn: dateArb,
	electronic: fc.boolean(),
	secret: fc.boolean(),
	bad: fc.constantFrom(false, false, false, false, true)
});
const monthlyArb = fc.record({
	kind: fc.constantFrom('procedure' as const, 'incoming' as const),
	unitCode: unitArb,
	month: monthArb,
	total: fc.integer({ min: 0, max: 50 }),
	part: fc.integer({ min: 0, max: 50 })
});
const dropArb = fc.record({
	kind: fc.constantFrom('tombstone' as const, 'hardDelete' as const),
	entity: fc.constantFrom('meeting' as const, 'document' as const),
	id: fc.integer({ min: 0, max: 7 })
});
const pullArb = fc.record({ kind: fc.constant('pull' as const), of: meetingArb });
const settingsArb = fc.record({
	kind: fc.constant('settings' as const),
	quanTriet: fc.constantFrom(60, 120, 240),
	mode: fc.constantFrom(...PERIOD_MODES)
});
/**
 * An import's write (writeBatch with step outbox entries, as commitImport): steps of 1-3 records,
 * two in flight, the aggregates counted in memory and written once. `unique` keeps the last of
 * each key (what prepareImport passes); otherwise a key named twice goes one step at a time.
 */
const importArb = fc.record({
	kind: fc.constant('import' as const),
	records: fc.array(fc.oneof(meetingArb, documentArb), { minLength: 1, maxLength: 10 }),
	step: fc.integer({ min: 1, max: 3 }),
	unique: fc.boolean()
});
const opArb = fc.oneof(
	{ arbitrary: meetingArb, weight: 4 },
	{ arbitrary: importArb, weight: 2 },
	{ arbitrary: documentArb, weight: 3 },
	{ arbitrary: monthlyArb, weight: 2 },
	{ arbitrary: dropArb, weight: 2 },
	{ arbitrary: pullArb, weight: 1 },
	{ arbitrary: settingsArb, weight: 1 }
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const selectionArb = fc.record({
	kind: fc.constantFrom<PeriodKind>('month', 'quarter', '6month', '9month', 'annual'),
	index: fc.integer({ min: 1, max: 12 }),
	asOf: dateArb,
	today: dateArb
});

function parseOk(text: string): Backup {
	const r = parseBackup(text);
	if (!r.ok) throw new Error('backup did not parse');
	return r.backup;
}

let db: AppDatabase;
let n = 0;
const clock: Clock = { now: () => FIXED_MS + ++n, newId: () => `id-${++n}` };

beforeEach(async () => {
	db = new AppDatabase(`agg-${Math.random()}`);
	await db.units.bulkAdd(CODES.map((code, order) => makeUnit({ code, order })));
	await db.plans.bulkAdd(
		CODES.map((unitCode) =>
			makePlan({ unitCode, year: 2026, baselineConferences: 5, baselineDocuments: 9 })
		)
	);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

function meetingOf(o: Extract<Op, { kind: 'meeting' }>) {
	const m = makeMeeting({
		id: o.id,
		unitCode: o.unitCode,
		category: o.category,
		format: o.format,
		role: o.role,
		paperless: o.paperless,
		status: o.status,
		on: o.on,
		minutes: o.minutes
	});
	return o.bad ? { ...m, status: 'bogus' as never } : m;
}

async function settingsNow(): Promise<Settings> {
	return (await db.settings.get('settings')) ?? defaultSettings(FIXED_MS);
}

function documentOf(o: Extract<Op, { kind: 'document' }>) {
	const d = makeDocument({
		id: o.id,
		unitCode: o.unitCode,
		kind: o.docKind,
		issuedOn: o.issuedOn,
		electronic: o.electronic,
		secret: o.secret
	});
	return o.bad ? { ...d, kind: 'bogus' } : d;
}

async function run(op: Op): Promise<void> {
	switch (op.kind) {
		case 'meeting':
			return writeRecords(db, 'meeting', [meetingOf(op)], clock);
		case 'document':
			return writeRecords(db, 'document', [documentOf(op)], clock);
		case 'import': {
			const last = <T extends { id: string }>(list: T[]) =>
				op.unique ? [...new Map(list.map((r) => [r.id, r])).values()] : list;
			const meetings = last(
				op.records.flatMap((r) => (r.kind === 'meeting' ? [meetingOf(r)] : []))
			);
			const documents = last(
				op.records.flatMap((r) => (r.kind === 'document' ? [documentOf(r)] : []))
			);
			await writeBatch(
				db,
				[
					{ entity: 'meeting', records: meetings },
					{ entity: 'document', records: documents }
				],
				clock,
				{ outbox: 'step', chunkSize: op.step }
			);
			return;
		}
		case 'procedure':
			return writeRecords(
				db,
				'procedure',
				[
					makeProcedure({
						unitCode: op.unitCode,
						month: op.month,
						total: op.total + op.part,
						digital: op.part,
						digitized: op.total
					})
				],
				clock
			);
		case 'incoming':
			return writeRecords(
				db,
				'incoming',
				[
					makeIncoming({
						unitCode: op.unitCode,
						month: op.month,
						received: op.total + op.part,
						electronic: op.part
					})
				],
				clock
			);
		case 'tombstone': {
			const id = `${op.entity[0]}${op.id}`;
			const r = await db.tableOf(op.entity).get(id);
			if (r) await writeRecords(db, op.entity, [{ ...r, deleted: true }], clock, 'delete');
			return;
		}
		case 'hardDelete':
			return db.tableOf(op.entity).delete(`${op.entity[0]}${op.id}`);
		case 'pull': {
			const record = meetingOf(op.of) as unknown as Record<string, unknown>;
			await applyPull(
				db,
				[{ seq: ++n, entity: 'meeting', recordId: op.of.id, record, clocks: {}, deleted: false }],
				{ userId: 'u', cursor: n },
				clock.now()
			);
			return;
		}
		case 'settings': {
			const s = await settingsNow();
			await writeRecords(
				db,
				'settings',
				[
					{
						...s,
						periodMode: op.mode,
						limits: { ...s.limits, quan_triet: op.quanTriet },
						updatedAt: clock.now()
					}
				],
				clock
			);
		}
	}
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Rows compared whatever the order of their invalid lists. */
function normal(rows: Iterable<AggregateRow>): AggregateRow[] {
	return [...rows]
		.map((r) => ({
			...r,
			invalid: [...r.invalid].sort((a, b) => (`${a.entity}${a.id}` < `${b.entity}${b.id}` ? -1 : 1))
		}))
		.sort(byId);
}

/** Stored rows equal the rows rebuilt from every stored record. */
async function expectRowsTrue(): Promise<void> {
	const meta = await db.syncState.get(AGGREGATES_META_KEY);
	expect(meta, 'aggregates fresh after the write paths').toBeDefined();
	const check = await aggregateChecker();
	const all = [
		...(await db.meetings.toArray()).map((record) => ({ entity: 'meeting' as const, record })),
		...(await db.documents.toArray()).map((record) => ({ entity: 'document' as const, record })),
		...(await db.procedures.toArray()).map((record) => ({ entity: 'procedure' as const, record })),
		...(await db.incoming.toArray()).map((record) => ({ entity: 'incoming' as const, record }))
	];
	const rebuilt = buildRows(all, (await settingsNow()).limits, check);
	expect(normal(await db.aggregates.toArray())).toEqual(normal(rebuilt.values()));
}

function periodFor(kind: PeriodKind, index: number, mode: PeriodMode): Period {
	const i = kind === 'month' ? index : kind === 'quarter' ? ((index - 1) % 4) + 1 : 0;
	return periodOf(kind, 2026, i, mode);
}

/** The engine over aggregates equals the engine over the year's raw records. */
type Sel = typeof selectionArb extends fc.Arbitrary<infer T> ? T : never;
async function expectSameFigures(s: Sel) {
	const figures = await loadYearFigures(db, 2026, s.today, FIXED_MS, [s.asOf]);
	expect(figures.source).toBe('aggregates');
	const raw = await loadYearInput(db, 2026, s.today, FIXED_MS);
	const mode = raw.settings.periodMode;
	const period = periodFor(s.kind, s.index, mode);
	for (const asOf of [s.asOf, s.today < period.end ? s.today : period.end]) {
		expect(computeReport(figures.input, period, asOf)).toEqual(
			computeReport(raw.input, period, asOf)
		);
		expect(computeReport(figures.input, raw.year, asOf)).toEqual(
			computeReport(raw.input, raw.year, asOf)
		);
		for (const unit of [COMMUNE, 'U1'])
			expect(monthlySeries(figures.input, 2026, mode, unit, asOf)).toEqual(
				monthlySeries(raw.input, 2026, mode, unit, asOf)
			);
	}
	const key = (r: object) => JSON.stringify(r);
	expect(figures.skipped.map(key).sort()).toEqual(raw.skipped.map(key).sort());
	// Every over-limit conference the report names has its record for the list.
	const ids = computeReport(figures.input, period, s.asOf).commune.overLimitMeetingIds;
	const have = new Set(figures.overLimit.map((m) => m.id));
	expect(ids.filter((id) => !have.has(id))).toEqual([]);
}

describe('aggregates + engine == engine over raw records', () => {
	it('for random writes, moves, deletes, pulls, limits and modes, then random periods and as-of dates', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(opArb, { minLength: 1, maxLength: 25 }),
				fc.array(selectionArb, { minLength: 1, maxLength: 3 }),
				async (ops, selections) => {
					await Promise.all([
						db.meetings.clear(),
						db.documents.clear(),
						db.procedures.clear(),
						db.incoming.clear(),
						db.settings.clear()
					]);
					await rebuildAggregates(db, true);
					for (const op of ops) await run(op);
					await expectRowsTrue();
					for (const s of selections) await expectSameFigures(s);
				}
			),
			{ numRuns: 100 }
		);
	}, 120_000);
});

describe('the sample commune through the importer, read from aggregates', () => {
	const SAMPLE = ['units', 'plans', 'meetings', 'documents', 'procedures', 'incoming'];
	const EXPECTED = [
		['6month', '2026-06-20', '6month-2026-asof-2026-06-20.csv'],
		['annual', '2026-09-30', 'annual-2026-asof-2026-09-30.csv'],
		['annual', '2026-12-20', 'annual-2026-asof-2026-12-20.csv']
	] as const;

	beforeEach(async () => {
		await db.units.clear();
		await db.plans.clear();
		await importFiles(
			db,
			SAMPLE.map((k) => ({ name: `${k}.csv`, text: readSampleFile(`${k}.csv`) })),
			clock
		);
	});

	it('gives every expected report.csv byte for byte', async () => {
		await expectRowsTrue();
		for (const [kind, asOf, file] of EXPECTED) {
			const figures = await loadYearFigures(db, 2026, '2026-12-30', FIXED_MS, [asOf]);
			expect(figures.source).toBe('aggregates');
			// The records of one half-month, not the year's.
			const stored = (await db.meetings.count()) + (await db.documents.count());
			expect(figures.input.meetings.length + figures.input.documents.length).toBeLessThan(
				stored / 10
			);
			const report = computeReport(figures.input, periodOf(kind, 2026, 0, 'decree09'), asOf);
			expect(reportCsv(report)).toBe(readSampleFile(`expected/${file}`));
		}
	});

	it('stays true through a backup restored on another device', async () => {
		const other = new AppDatabase(`agg-other-${Math.random()}`);
		try {
			await restoreBackup(other, parseOk((await createBackup(db, clock)).text), clock);
			const a = await loadYearFigures(db, 2026, '2026-12-20', FIXED_MS);
			const b = await loadYearFigures(other, 2026, '2026-12-20', FIXED_MS);
			expect(b.source).toBe('aggregates');
			const year = periodOf('annual', 2026, 0, 'decree09');
			expect(reportCsv(computeReport(b.input, year, '2026-12-20'))).toBe(
				reportCsv(computeReport(a.input, year, '2026-12-20'))
			);
		} finally {
			other.close();
			await other.delete();
		}
	});

	it('when the stored aggregates are of another version: counts from the records, then rebuilds them', async () => {
		await db.syncState.put({
			key: AGGREGATES_META_KEY,
			value: { version: 0, settingsKey: 'old' }
		});
		await db.aggregates.clear();
		const year = periodOf('annual', 2026, 0, 'decree09');
		const expected = readSampleFile('expected/annual-2026-asof-2026-12-20.csv');
		const first = await loadYearFigures(db, 2026, '2026-12-20', FIXED_MS);
		expect(first.source).toBe('records');
		expect(reportCsv(computeReport(first.input, year, '2026-12-20'))).toBe(expected);
		let again = first;
		for (let i = 0; i < 200 && again.source === 'records'; i++) {
			await new Promise((r) => setTimeout(r, 5));
			again = await loadYearFigures(db, 2026, '2026-12-20', FIXED_MS);
		}
		expect(again.source).toBe('aggregates');
		expect(reportCsv(computeReport(again.input, year, '2026-12-20'))).toBe(expected);
		await expectRowsTrue();
	});

	it('new meeting limits recount the over-limit conferences in the same write', async () => {
		const year = periodOf('annual', 2026, 0, 'decree09');
		const within = (f: Awaited<ReturnType<typeof loadYearFigures>>) =>
			computeReport(f.input, year, '2026-12-20').commune.indicators.find(
				(i) => i.code === 'duration_compliance_share'
			)?.numerator;
		const before = within(await loadYearFigures(db, 2026, '2026-12-20', FIXED_MS));
		const s = await settingsNow();
		const strict = Object.fromEntries(Object.keys(s.limits).map((k) => [k, 1]));
		await writeRecords(db, 'settings', [{ ...s, limits: strict as Settings['limits'] }], clock);
		const after = await loadYearFigures(db, 2026, '2026-12-20', FIXED_MS);
		expect(after.source).toBe('aggregates');
		expect(before).toBeGreaterThan(0);
		expect(within(after)).toBe(0);
		await expectRowsTrue();
	});
});

describe('a window the loader did not prepare for', () => {
	it('throws rather than count a half-month it has only as a whole', async () => {
		await writeRecords(db, 'meeting', [makeMeeting({ unitCode: 'U0', on: '2026-06-18' })], clock);
		const figures = await loadYearFigures(db, 2026, '2026-06-30', FIXED_MS);
		const year = periodOf('annual', 2026, 0, 'decree09');
		expect(computeReport(figures.input, year, '2026-06-30').commune.indicators[0]?.value).toBe(1);
		expect(() => computeReport(figures.input, year, '2026-06-17')).toThrow(HalfNotLoadedError);
	});
});

describe('loadYearFigures under liveQuery', () => {
	it('emits again when a write changes the counts of a whole half-month (the rows are observed)', async () => {
		const held = (f: Awaited<ReturnType<typeof loadYearFigures>>): number | null =>
			computeReport(f.input, periodOf('annual', 2026, 0, 'decree09'), '2026-06-20').commune
				.indicators[0]!.value;
		await writeRecords(db, 'meeting', [makeMeeting({ unitCode: 'U0', on: '2026-03-02' })], clock);
		const seen: (number | null)[] = [];
		const sub = liveQuery(() => loadYearFigures(db, 2026, '2026-06-20', FIXED_MS)).subscribe({
			next: (f) => seen.push(held(f))
		});
		const until = async (n: number) => {
			for (let i = 0; i < 400 && seen.length < n; i++) await new Promise((r) => setTimeout(r, 5));
		};
		await until(1);
		// March is a whole half-month here: only the aggregates change, not a range the load read.
		await writeRecords(db, 'meeting', [makeMeeting({ unitCode: 'U1', on: '2026-03-03' })], clock);
		await until(2);
		sub.unsubscribe();
		expect(seen).toEqual([1, 2]);
	});
});
