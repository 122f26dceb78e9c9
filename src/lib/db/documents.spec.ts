import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import {
	deleteDocument,
	findDuplicateNumbers,
	foldText,
	getDocument,
	listDocuments
} from './documents';
import { saveDocument, type DocumentInput } from './documents-write';
import { localToMs } from '$lib/domain/time';

let db: AppDatabase;
let n = 0;
const clock: Clock = { now: () => localToMs('2026-03-10', '09:00'), newId: () => `doc-${++n}` };

function input(over: Partial<DocumentInput> = {}): DocumentInput {
	return {
		unitCode: 'VP',
		number: '12/KH-UBND',
		kind: 'ke_hoach',
		issuedOn: '2026-03-02',
		electronic: true,
		secret: false,
		title: 'Kế hoạch chuyển đổi số',
		...over
	};
}

async function save(over: Partial<DocumentInput> = {}) {
	const r = await saveDocument(db, input(over), clock);
	if (!r.ok) throw new Error(`save failed: ${JSON.stringify(r.errors)}`);
	return r.value;
}

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('saveDocument', () => {
	it('stores a valid document with trimmed number, timestamps and one outbox entry', async () => {
		const r = await saveDocument(db, input({ number: '  7/QĐ-UBND ' }), clock);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.number).toBe('7/QĐ-UBND');
		expect(r.value.createdAt).toBe(clock.now());
		expect(await getDocument(db, r.value.id)).toEqual(r.value);
		expect((await db.outbox.toArray()).map((o) => [o.entity, o.recordId, o.op])).toEqual([
			['document', r.value.id, 'put']
		]);
	});

	it('writes nothing and reports each bad field for an invalid document', async () => {
		const r = await saveDocument(
			db,
			input({ number: ' ', issuedOn: '2026-02-30', kind: 'thu' as DocumentInput['kind'] }),
			clock
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toMatchObject({
			number: 'err.required',
			issuedOn: 'err.date',
			kind: 'err.documentKind'
		});
		expect(await db.documents.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('updates in place with the same id and keeps createdAt', async () => {
		const first = await save();
		const later: Clock = { ...clock, now: () => clock.now() + 1000 };
		const r = await saveDocument(db, input({ id: first.id, title: 'Đã sửa' }), later);
		expect(r.ok && r.value.createdAt).toBe(first.createdAt);
		expect(await db.documents.count()).toBe(1);
		expect((await getDocument(db, first.id))?.title).toBe('Đã sửa');
	});
});

describe('findDuplicateNumbers', () => {
	it('finds the same number in the same unit and calendar year only, excluding the record being edited', async () => {
		const a = await save({ number: '12/KH-UBND', issuedOn: '2026-01-05' });
		await save({ number: '12/KH-UBND', unitCode: 'KT', issuedOn: '2026-02-01' });
		await save({ number: '12/KH-UBND', issuedOn: '2025-06-01' });
		await save({ number: '13/KH-UBND', issuedOn: '2026-02-01' });

		const dup = await findDuplicateNumbers(db, {
			unitCode: 'VP',
			number: ' 12/KH-UBND',
			year: '2026'
		});
		expect(dup.map((d) => d.id)).toEqual([a.id]);
		expect(
			await findDuplicateNumbers(db, {
				unitCode: 'VP',
				number: '12/KH-UBND',
				year: '2026',
				excludeId: a.id
			})
		).toEqual([]);
		expect(
			await findDuplicateNumbers(db, { unitCode: 'VP', number: '14/KH-UBND', year: '2026' })
		).toEqual([]);
		expect(await findDuplicateNumbers(db, { unitCode: 'VP', number: '', year: '2026' })).toEqual(
			[]
		);
	});

	it('finds the number as retyped from paper: another case, spaces, no accents (clerk review r20, 1)', async () => {
		const a = await save({ number: '168/QĐ-UBND', issuedOn: '2026-12-14' });
		for (const typed of ['168/qđ-ubnd', '168 /QĐ-UBND', ' 168 / QĐ - UBND', '168/QD-UBND'])
			expect(
				(await findDuplicateNumbers(db, { unitCode: 'VP', number: typed, year: '2026' })).map(
					(d) => d.id
				),
				typed
			).toEqual([a.id]);
		expect(
			await findDuplicateNumbers(db, { unitCode: 'VP', number: '169/QĐ-UBND', year: '2026' })
		).toEqual([]);
		expect(
			await findDuplicateNumbers(db, { unitCode: 'VP', number: '16/8QĐ-UBND', year: '2026' })
		).toEqual([]);
	});

	it('ignores deleted documents', async () => {
		const a = await save();
		await deleteDocument(db, a.id, clock);
		expect(
			await findDuplicateNumbers(db, { unitCode: 'VP', number: a.number, year: '2026' })
		).toEqual([]);
	});
});

describe('listDocuments', () => {
	it('filters by unit, kind, electronic and month range, newest first', async () => {
		await save({ number: '1/CV', kind: 'cong_van', issuedOn: '2026-01-31' });
		await save({ number: '2/CV', kind: 'cong_van', issuedOn: '2026-02-01', electronic: false });
		await save({ number: '3/QĐ', kind: 'quyet_dinh', issuedOn: '2026-03-31', unitCode: 'KT' });
		await save({ number: '4/BC', kind: 'bao_cao', issuedOn: '2026-04-01' });

		expect((await listDocuments(db)).map((d) => d.number)).toEqual([
			'4/BC',
			'3/QĐ',
			'2/CV',
			'1/CV'
		]);
		expect((await listDocuments(db, { unitCode: 'KT' })).map((d) => d.number)).toEqual(['3/QĐ']);
		expect((await listDocuments(db, { kind: 'cong_van' })).map((d) => d.number)).toEqual([
			'2/CV',
			'1/CV'
		]);
		expect((await listDocuments(db, { electronic: false })).map((d) => d.number)).toEqual(['2/CV']);
		expect(
			(await listDocuments(db, { fromMonth: '2026-02', toMonth: '2026-03' })).map((d) => d.number)
		).toEqual(['3/QĐ', '2/CV']);
	});

	it('searches number and title ignoring case and Vietnamese accents', async () => {
		await save({ number: '12/KH-UBND', title: 'Kế hoạch chuyển đổi số' });
		await save({ number: '5/TB-UBND', kind: 'thong_bao', title: 'Thông báo lịch họp Đảng ủy' });
		expect((await listDocuments(db, { search: '12/kh' })).map((d) => d.number)).toEqual([
			'12/KH-UBND'
		]);
		expect((await listDocuments(db, { search: 'chuyen doi' })).map((d) => d.number)).toEqual([
			'12/KH-UBND'
		]);
		expect((await listDocuments(db, { search: 'DANG UY' })).map((d) => d.number)).toEqual([
			'5/TB-UBND'
		]);
		expect(await listDocuments(db, { search: 'quyết định' })).toEqual([]);
	});

	it('folds text to lower case without diacritics', () => {
		expect(foldText('  Kế  HOẠCH Đảng ')).toBe('ke hoach dang');
	});
});

describe('deleteDocument', () => {
	it('keeps a tombstone for sync and hides the document', async () => {
		const a = await save();
		expect(await deleteDocument(db, a.id, clock)).toBe(true);
		expect((await db.documents.get(a.id))?.deleted).toBe(true);
		expect(await getDocument(db, a.id)).toBeUndefined();
		expect(await listDocuments(db)).toEqual([]);
		expect((await db.outbox.toArray()).map((o) => o.op)).toEqual(['put', 'delete']);
		expect(await deleteDocument(db, a.id, clock)).toBe(false);
	});
});
