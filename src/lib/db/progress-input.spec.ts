import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import { loadProgressInput, loadYearInput } from './progress-input';
import { defaultSettings } from '$lib/domain/defaults';
import { periodOf } from '$lib/domain/periods';
import { computeReport, reportCsv } from '$lib/domain/progress';
import {
	FIXED_MS,
	makeDocument,
	makeMeeting,
	makePlan,
	makeProcedure,
	makeUnit
} from '$factories/records';
import { loadSampleCommune, readSampleFile } from '$factories/sample-commune';

let db: AppDatabase;
const settings = defaultSettings(FIXED_MS);
const calendar = { ...settings, periodMode: 'calendar' as const };
const ids = <T extends { id: string }>(rows: readonly T[]): string[] =>
	rows.map((r) => r.id).sort();

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('loadProgressInput at the Decree-09 edges of target year 2026', () => {
	const year2026 = periodOf('annual', 2026, 0, 'decree09');

	beforeEach(async () => {
		await db.meetings.bulkAdd([
			makeMeeting({ id: 'm-1214', on: '2025-12-14' }),
			makeMeeting({ id: 'm-1215', on: '2025-12-15' }),
			makeMeeting({ id: 'm-2026-1214', on: '2026-12-14' }),
			makeMeeting({ id: 'm-2026-1215', on: '2026-12-15' })
		]);
		await db.documents.bulkAdd([
			makeDocument({ id: 'd-1214', issuedOn: '2025-12-14' }),
			makeDocument({ id: 'd-1215', issuedOn: '2025-12-15' }),
			makeDocument({ id: 'd-2026-1214', issuedOn: '2026-12-14' }),
			makeDocument({ id: 'd-2026-1215', issuedOn: '2026-12-15' })
		]);
		await db.procedures.bulkAdd([
			makeProcedure({ month: '2025-12' }),
			makeProcedure({ month: '2026-01' }),
			makeProcedure({ month: '2026-12' }),
			makeProcedure({ month: '2027-01' })
		]);
		await db.plans.bulkAdd([
			makePlan({ year: 2025 }),
			makePlan({ year: 2026 }),
			makePlan({ year: 2027 })
		]);
	});

	it('takes records dated 15/12/2025 to 14/12/2026 and nothing either side', async () => {
		const input = await loadProgressInput(db, year2026, settings);
		expect(ids(input.meetings)).toEqual(['m-1215', 'm-2026-1214']);
		expect(ids(input.documents)).toEqual(['d-1215', 'd-2026-1214']);
	});

	it('takes procedure months by closing day: 2026-01..2026-12, not 2025-12', async () => {
		const input = await loadProgressInput(db, year2026, settings);
		expect(input.procedures.map((p) => p.month).sort()).toEqual(['2026-01', '2026-12']);
	});

	it('takes the plans of the target years the range touches', async () => {
		const input = await loadProgressInput(db, year2026, settings);
		expect(input.plans.map((p) => p.year)).toEqual([2026]);
		const across = await loadProgressInput(
			db,
			{ start: '2025-12-15', end: '2026-12-15' },
			settings
		);
		expect(across.plans.map((p) => p.year).sort()).toEqual([2026, 2027]);
	});

	it('in calendar mode takes 01/01..31/12 and procedure months closing on their last day', async () => {
		const y = periodOf('annual', 2026, 0, 'calendar');
		const input = await loadProgressInput(db, y, calendar);
		expect(ids(input.meetings)).toEqual(['m-2026-1214', 'm-2026-1215']);
		expect(input.procedures.map((p) => p.month).sort()).toEqual(['2026-01', '2026-12']);
		expect(input.periodMode).toBe('calendar');
	});

	it('a 6-month range ends on 14/06 and the month 2026-06 closes inside it', async () => {
		await db.meetings.bulkAdd([
			makeMeeting({ id: 'm-0614', on: '2026-06-14' }),
			makeMeeting({ id: 'm-0615', on: '2026-06-15' })
		]);
		await db.procedures.bulkAdd([
			makeProcedure({ month: '2026-06' }),
			makeProcedure({ month: '2026-07' })
		]);
		const half = periodOf('6month', 2026, 0, 'decree09');
		const input = await loadProgressInput(db, half, settings);
		expect(ids(input.meetings)).toEqual(['m-0614', 'm-1215']);
		expect(input.procedures.map((p) => p.month).sort()).toEqual(['2026-01', '2026-06']);
	});
});

describe('records that fail their schema never reach the figures', () => {
	it('leaves them out of the engine input and lists them as skipped; the report still computes', async () => {
		await db.units.bulkAdd([makeUnit({ code: 'VP' })]);
		const kept = makeMeeting({ id: 'kept', on: '2026-03-02' });
		await db.meetings.bulkAdd([
			kept,
			// Straight into IndexedDB, as older data or a restored backup could hold them.
			{ ...kept, id: 'bad-date', date: '2026-03-05' },
			{ ...kept, id: 'far', sittings: [{ start: kept.sittings[0]!.start, end: 9e15 }] }
		]);
		await db.procedures.bulkAdd([
			makeProcedure({ unitCode: 'VP', month: '2026-03' }),
			{ ...makeProcedure({ unitCode: 'VP', month: '2026-04' }), digital: 10_000 }
		]);
		const year = await loadYearInput(db, 2026, '2026-05-10', FIXED_MS);
		expect(ids(year.input.meetings)).toEqual(['kept']);
		expect(year.input.procedures.map((p) => p.month)).toEqual(['2026-03']);
		expect(year.skipped.map((r) => [r.entity, r.key, r.reason]).sort()).toEqual([
			['meeting', 'bad-date', 'err.dateMismatch'],
			['meeting', 'far', 'err.instantRange'],
			['procedure', 'VP:2026-04', 'err.digitalAboveTotal']
		]);
		expect(() => computeReport(year.input, year.year, '2026-05-10')).not.toThrow();
		expect('skipped' in year.input).toBe(false);
	});
});

describe('loadProgressInput leaves tombstones out', () => {
	it('never returns a deleted unit, plan, meeting, document or procedure month', async () => {
		await db.units.bulkAdd([makeUnit({ code: 'VP' }), makeUnit({ code: 'OLD', deleted: true })]);
		await db.plans.bulkAdd([
			makePlan({ unitCode: 'VP' }),
			makePlan({ unitCode: 'KT', deleted: true })
		]);
		await db.meetings.bulkAdd([
			makeMeeting({ id: 'kept', on: '2026-03-02' }),
			makeMeeting({ id: 'gone', on: '2026-03-02', deleted: true })
		]);
		await db.documents.bulkAdd([
			makeDocument({ id: 'kept-d' }),
			makeDocument({ id: 'gone-d', deleted: true })
		]);
		await db.procedures.bulkAdd([
			makeProcedure({ unitCode: 'VP', month: '2026-03' }),
			makeProcedure({ unitCode: 'KT', month: '2026-03', deleted: true })
		]);
		const input = await loadProgressInput(db, periodOf('annual', 2026, 0, 'decree09'), settings);
		expect(input.units.map((u) => u.code)).toEqual(['VP']);
		expect(input.plans.map((p) => p.unitCode)).toEqual(['VP']);
		expect(ids(input.meetings)).toEqual(['kept']);
		expect(ids(input.documents)).toEqual(['kept-d']);
		expect(input.procedures.map((p) => p.unitCode)).toEqual(['VP']);
	});
});

describe('loadYearInput', () => {
	it('uses the stored period mode and the target year that holds today', async () => {
		await db.settings.put({ ...calendar, communeName: 'Xã Thử' });
		await db.meetings.bulkAdd([
			makeMeeting({ id: 'dec', on: '2025-12-20' }),
			makeMeeting({ id: 'jan', on: '2026-01-02' })
		]);
		const loaded = await loadYearInput(db, null, '2026-03-01', FIXED_MS);
		expect(loaded.year).toMatchObject({ start: '2026-01-01', end: '2026-12-31', year: 2026 });
		expect(loaded.settings.communeName).toBe('Xã Thử');
		expect(ids(loaded.input.meetings)).toEqual(['jan']);
	});

	it('in Decree-09 mode 20/12/2025 already belongs to target year 2026', async () => {
		const loaded = await loadYearInput(db, null, '2025-12-20', FIXED_MS);
		expect(loaded.year.year).toBe(2026);
		expect(loaded.year.start).toBe('2025-12-15');
	});

	it('reproduces the sample commune report from what is stored on the device', async () => {
		const sample = loadSampleCommune();
		await db.units.bulkAdd(sample.units);
		await db.plans.bulkAdd(sample.plans);
		await db.meetings.bulkAdd(sample.meetings);
		await db.documents.bulkAdd(sample.documents);
		await db.procedures.bulkAdd(sample.procedures);
		await db.incoming.bulkAdd(sample.incoming);
		const { input } = await loadYearInput(db, 2026, '2026-12-20', FIXED_MS);
		const fromDb = reportCsv(
			computeReport(input, periodOf('annual', 2026, 0, 'decree09'), '2026-12-20')
		);
		const fromArrays = reportCsv(
			computeReport(
				{ ...sample, limits: settings.limits, periodMode: 'decree09' },
				periodOf('annual', 2026, 0, 'decree09'),
				'2026-12-20'
			)
		);
		expect(fromDb).toBe(fromArrays);
		const online = (csv: string): string | undefined =>
			csv.split('\n').find((l) => l.startsWith('*') && l.includes('online_share'));
		expect(online(fromDb)).toBe(online(readSampleFile('expected/annual-2026-asof-2026-12-20.csv')));
		expect(online(fromDb)).toBe('*,2025-12-15,2026-12-14,2026-12-20,online_share,78.0,60,met');
		// The incoming months reach the engine: the whole report is the expected file.
		expect(input.incoming.length).toBeGreaterThan(0);
		expect(fromDb).toBe(readSampleFile('expected/annual-2026-asof-2026-12-20.csv'));
	});
});

describe('loadYearInput under liveQuery', () => {
	it('emits again when a record of the loaded year changes (its explicit transaction is observed)', async () => {
		await db.meetings.add(makeMeeting({ id: 'first', on: '2026-03-02' }));
		const seen: string[][] = [];
		const sub = liveQuery(() => loadYearInput(db, 2026, '2026-03-10', FIXED_MS)).subscribe({
			next: (v) => seen.push(ids(v.input.meetings))
		});
		const until = async (n: number) => {
			for (let i = 0; i < 200 && seen.length < n; i++) await new Promise((r) => setTimeout(r, 5));
		};
		await until(1);
		await db.meetings.add(makeMeeting({ id: 'second', on: '2026-04-02' }));
		await until(2);
		sub.unsubscribe();
		expect(seen).toEqual([['first'], ['first', 'second']]);
	});
});
