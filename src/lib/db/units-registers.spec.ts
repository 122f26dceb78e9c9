import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { listUnits, unitCodesWithRecords, unitHasRecords } from './units';
import { deleteUnit, saveUnit, setUnitArchived } from './units-write';
import { saveDocument } from './documents-write';
import { deleteDocument, listDocuments } from './documents';
import { savePlan } from './plans-write';
import { saveProcedureMonth } from './procedures-write';

let db: AppDatabase;
let n = 0;
const clock: Clock = { now: () => 1_780_000_000_000, newId: () => `id-${++n}` };

beforeEach(async () => {
	db = new AppDatabase(`test-${Math.random()}`);
	await saveUnit(db, { code: 'THON07', name: 'Thôn 7', kind: 'hamlet' }, clock, true);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

const doc = () =>
	saveDocument(
		db,
		{
			unitCode: 'THON07',
			number: '1/TB',
			kind: 'thong_bao',
			issuedOn: '2026-03-02',
			electronic: true,
			secret: false,
			title: ''
		},
		clock
	);

describe('unit records', () => {
	it('deletes (tombstones) a unit with no records', async () => {
		expect(await unitHasRecords(db, 'THON07')).toBe(false);
		expect(await deleteUnit(db, 'THON07', clock)).toEqual({ ok: true });
		expect((await db.units.get('THON07'))?.deleted).toBe(true);
		expect(await listUnits(db, true)).toEqual([]);
		expect((await db.outbox.toArray()).map((o) => o.op)).toEqual(['put', 'delete']);
	});

	it.each([
		['a document', doc],
		[
			'a plan',
			() =>
				savePlan(
					db,
					{
						unitCode: 'THON07',
						year: 2026,
						baselineConferences: 3,
						baselineDocuments: null,
						plannedConferences: null
					},
					clock
				)
		],
		[
			'a procedure month',
			() =>
				saveProcedureMonth(
					db,
					{ unitCode: 'THON07', month: '2026-02', total: 1, digital: 1, digitized: 0 },
					clock
				)
		]
	])('refuses to delete a unit that has %s', async (_, make) => {
		expect((await make()).ok).toBe(true);
		expect(await unitHasRecords(db, 'THON07')).toBe(true);
		expect(await unitCodesWithRecords(db)).toEqual(new Set(['THON07']));
		expect(await deleteUnit(db, 'THON07', clock)).toEqual({ ok: false, reason: 'hasRecords' });
		expect((await db.units.get('THON07'))?.deleted).toBe(false);
	});

	it('allows deleting once the unit’s only record is deleted', async () => {
		const r = await doc();
		if (!r.ok) throw new Error('save failed');
		await deleteDocument(db, r.value.id, clock);
		expect(await deleteUnit(db, 'THON07', clock)).toEqual({ ok: true });
	});

	it('archiving hides the unit from pickers but keeps its records; unarchiving brings it back', async () => {
		await doc();
		expect(await setUnitArchived(db, 'THON07', true, clock)).toBe(true);
		expect(await listUnits(db)).toEqual([]);
		expect((await listUnits(db, true)).map((u) => [u.code, u.archived])).toEqual([
			['THON07', true]
		]);
		expect((await listDocuments(db, { unitCode: 'THON07' })).map((d) => d.number)).toEqual([
			'1/TB'
		]);
		expect(await setUnitArchived(db, 'THON07', true, clock)).toBe(false);
		expect(await setUnitArchived(db, 'THON07', false, clock)).toBe(true);
		expect((await listUnits(db)).map((u) => u.code)).toEqual(['THON07']);
	});

	it('renames a unit and keeps its code, kind, order and archived state', async () => {
		await setUnitArchived(db, 'THON07', true, clock);
		const before = await db.units.get('THON07');
		const r = await saveUnit(
			db,
			{ code: 'THON07', name: 'Thôn Bảy', kind: 'hamlet' },
			clock,
			false
		);
		expect(r.ok && r.value).toMatchObject({
			code: 'THON07',
			name: 'Thôn Bảy',
			archived: true,
			order: before?.order
		});
	});
});
