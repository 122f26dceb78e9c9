import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSampleFile } from '$factories/sample-commune';
import { makeDocument, makeUnit } from '$factories/records';
import { localToMs } from '$lib/domain/time';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { commitImport, importFiles, prepareImport, type ImportFileInput } from './import';
import { expandEntries } from '$lib/sync/outbox';

let db: AppDatabase;
let n = 0;
let now = localToMs('2026-11-25', '09:00');
const clock: Clock = { now: () => now, newId: () => `id-${++n}` };

// deliberately out of order
const SAMPLE = ['incoming', 'procedures', 'documents', 'meetings', 'plans', 'units'] as const;
const sampleFiles = (): ImportFileInput[] =>
	SAMPLE.map((k) => ({ name: `${k}.csv`, text: readSampleFile(`${k}.csv`) }));

const tableCounts = async () => ({
	units: await db.units.count(),
	plans: await db.plans.count(),
	meetings: await db.meetings.count(),
	documents: await db.documents.count(),
	procedures: await db.procedures.count(),
	incoming: await db.incoming.count(),
	/** Changes waiting to be sent (a step entry holds one per record). */
	outbox: expandEntries(await db.outbox.toArray()).length
});

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
	now = localToMs('2026-11-25', '09:00');
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('prepareImport + commitImport', () => {
	it('lists the meetings marked held whose date has not come (clerk review 17), and still takes them', async () => {
		const header = 'id,unit_code,title,category,format,paperless,status,start,end,attendees';
		const text = [
			header,
			'a,VP,Đã họp,hop,truc_tiep,0,held,2026-11-24 08:00,2026-11-24 09:00,',
			'b,VP,Gõ nhầm năm,hop,truc_tiep,0,held,2027-11-24 08:00,2027-11-24 09:00,',
			'c,VP,Sắp họp,hop,truc_tiep,0,planned,2026-12-04 08:00,2026-12-04 09:00,',
			'd,VP,Hai phiên,hop,truc_tiep,0,held,2026-11-25 08:00,2026-11-25 08:30,',
			'd,VP,Hai phiên,hop,truc_tiep,0,held,2026-11-26 08:00,2026-11-26 09:00,'
		].join('\n');
		const units = { name: 'units.csv', text: readSampleFile('units.csv') };
		const plan = await prepareImport(db, [units, { name: 'meetings.csv', text }], clock);
		const meetings = plan.files.find((f) => f.kind === 'meetings')!;
		expect(meetings.rejected).toEqual([]);
		// Now is 25/11/2026 09:00: d's second sitting is tomorrow; b is a year ahead.
		expect(meetings.heldAhead).toEqual([
			{ title: 'Hai phiên', date: '2026-11-25' },
			{ title: 'Gõ nhầm năm', date: '2027-11-24' }
		]);
		expect(meetings.records).toHaveLength(4);
		expect(plan.files.find((f) => f.kind === 'units')?.heldAhead).toEqual([]);
	});

	it('reads the sample commune in any file order (units first), writes nothing before the commit', async () => {
		const plan = await prepareImport(db, sampleFiles(), clock);
		expect(plan.files.map((f) => [f.name, f.kind, f.added, f.updated, f.rejected.length])).toEqual([
			['units.csv', 'units', 11, 0, 0],
			['plans.csv', 'plans', 11, 0, 0],
			['meetings.csv', 'meetings', 83, 0, 0],
			['documents.csv', 'documents', 637, 0, 0],
			['procedures.csv', 'procedures', 60, 0, 0],
			['incoming.csv', 'incoming', 60, 0, 0]
		]);
		expect(plan.files.find((f) => f.kind === 'meetings')?.rows).toBe(111);
		expect(await tableCounts()).toEqual({
			units: 0,
			plans: 0,
			meetings: 0,
			documents: 0,
			procedures: 0,
			incoming: 0,
			outbox: 0
		});

		expect(await commitImport(db, plan, clock)).toBe(862);
		expect(await tableCounts()).toEqual({
			units: 11,
			plans: 11,
			meetings: 83,
			documents: 637,
			procedures: 60,
			incoming: 60,
			outbox: 862
		});
		const byEntity = new Map<string, number>();
		// One stored entry per kind here (each file fits in one step of 250 records but documents).
		expect(await db.outbox.count()).toBe(8);
		for (const e of expandEntries(await db.outbox.toArray())) {
			expect(e.op).toBe('put');
			byEntity.set(e.entity, (byEntity.get(e.entity) ?? 0) + 1);
		}
		expect(Object.fromEntries(byEntity)).toEqual({
			unit: 11,
			plan: 11,
			meeting: 83,
			document: 637,
			procedure: 60,
			incoming: 60
		});
		expect(await db.incoming.get('VP:2026-01')).toMatchObject({
			unitCode: 'VP',
			month: '2026-01',
			createdAt: now
		});
		const doc = await db.documents.get('eced8ded-2bfa-4f10-856a-ab1d296cb08c');
		expect(doc).toMatchObject({
			unitCode: 'VP',
			number: '1/TB-UBND',
			createdAt: now,
			updatedAt: now
		});
	});

	it('re-importing the same files updates and never duplicates, keeping createdAt', async () => {
		const first = localToMs('2026-11-25', '09:00');
		await importFiles(db, sampleFiles(), clock);
		now = localToMs('2026-11-26', '10:00');
		const again = await prepareImport(db, sampleFiles(), clock);
		expect(again.added).toBe(0);
		expect(again.updated).toBe(862);
		await commitImport(db, again, clock);
		const counts = await tableCounts();
		expect(counts).toEqual({
			units: 11,
			plans: 11,
			meetings: 83,
			documents: 637,
			procedures: 60,
			incoming: 60,
			outbox: 1724
		});
		const m = await db.meetings.get('dbc496cb-8e81-473e-8bec-d7b03898d190');
		expect(m?.createdAt).toBe(first);
		expect(m?.updatedAt).toBe(now);
	});

	it('counts added versus updated against the stored records (a tombstone comes back as added)', async () => {
		await db.units.bulkPut([makeUnit({ code: 'VP' }), makeUnit({ code: 'KT' })]);
		await db.documents.bulkPut([
			makeDocument({ id: 'd1', unitCode: 'VP' }),
			makeDocument({ id: 'd2', unitCode: 'VP', deleted: true })
		]);
		const text = [
			'id,unit_code,number,kind,issued_on,electronic,secret,title',
			'd1,VP,1/CV,cong_van,2026-03-01,1,0,Một',
			'd2,VP,2/CV,cong_van,2026-03-02,1,0,Hai',
			'd3,KT,3/CV,cong_van,2026-03-03,0,0,Ba'
		].join('\n');
		const plan = await prepareImport(db, [{ name: 'docs.csv', text }], clock);
		expect(plan.files[0]).toMatchObject({ added: 2, updated: 1 });
		await commitImport(db, plan, clock);
		expect(await db.documents.filter((d) => !d.deleted).count()).toBe(3);
	});

	it('lists every rejected row with its line and reason, and writes only the good rows', async () => {
		await db.units.bulkPut([makeUnit({ code: 'VP' })]);
		const procedures = [
			'unit_code;month;total;digital;digitized',
			'VP;2026-01;10;5;5',
			'VP;2026-02;10;11;5',
			'XX;2026-03;10;5;5',
			'VP;2026-04;10;5;5'
		].join('\r\n');
		const documents = [
			'\uFEFFid,unit_code,number,kind,issued_on,electronic,secret,title',
			'a,VP,1/CV,cong_van,30/02/2026,1,0,Sai ngày',
			'b,VP,2/CV,cong_van,15/03/2026,1,0,Đúng'
		].join('\n');
		const plan = await prepareImport(
			db,
			[
				{ name: 'p.csv', text: procedures },
				{ name: 'd.csv', text: documents }
			],
			clock
		);
		const [docs, procs] = plan.files;
		expect(docs?.kind).toBe('documents');
		expect(docs?.rejected.map((r) => r.line)).toEqual([2]);
		expect(docs?.rejected[0]?.reason).toContain('issued_on');
		expect(procs?.rejected.map((r) => r.line)).toEqual([3, 4]);
		expect(procs?.rejected[0]?.reason).toContain('lớn hơn tổng số hồ sơ');
		expect(procs?.rejected[1]?.reason).toContain('không có trong danh sách đơn vị');
		expect(plan.rejected).toBe(3);
		await commitImport(db, plan, clock);
		expect((await db.procedures.toArray()).map((p) => p.id).sort()).toEqual([
			'VP:2026-01',
			'VP:2026-04'
		]);
		expect((await db.documents.toArray()).map((d) => [d.id, d.issuedOn])).toEqual([
			['b', '2026-03-15']
		]);
		expect(expandEntries(await db.outbox.toArray())).toHaveLength(3);
	});

	it('knows the units of the same batch only when their row is valid', async () => {
		const units = 'code,name,kind\nNEW,Đơn vị mới,department\nBAD,Đơn vị sai,other';
		const plans =
			'unit_code,year,baseline_conferences,baseline_documents,planned_conferences\nNEW,2026,1,2,3\nBAD,2026,1,2,3';
		const plan = await prepareImport(
			db,
			[
				{ name: 'plans.csv', text: plans },
				{ name: 'units.csv', text: units }
			],
			clock
		);
		expect(plan.files.map((f) => f.kind)).toEqual(['units', 'plans']);
		expect(plan.files[1]?.records).toHaveLength(1);
		expect(plan.files[1]?.rejected.map((r) => r.line)).toEqual([3]);
	});

	it('marks files it cannot import, without rows', async () => {
		const plan = await prepareImport(
			db,
			[
				{ name: 'x.csv', text: 'a,b\n1,2' },
				{
					name: 'report.csv',
					text: 'unit_code,period_start,period_end,as_of,indicator,value,target,status\n'
				}
			],
			clock
		);
		expect(plan.files.map((f) => [f.name, f.kind, f.problem, f.records.length])).toEqual([
			['x.csv', null, 'unknownKind', 0],
			['report.csv', null, 'reportKind', 0]
		]);
		expect(await commitImport(db, plan, clock)).toBe(0);
	});

	it('reports progress over all files up to the total and yields to the event loop', async () => {
		const progress: number[] = [];
		let yields = 0;
		await prepareImport(db, sampleFiles(), clock, {
			chunkSize: 100,
			onProgress: (done, total) => {
				expect(total).toBe(11 + 11 + 111 + 637 + 60 + 60);
				progress.push(done);
			},
			yieldToLoop: async () => {
				yields++;
			}
		});
		expect(progress.at(-1)).toBe(890);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		expect(yields).toBeGreaterThan(0);
	});

	it('writes nothing at all when the transaction fails part-way', async () => {
		const plan = await prepareImport(db, sampleFiles(), clock);
		const last = plan.files.at(-1);
		if (!last) throw new Error('no files');
		// A record IndexedDB refuses (no key) in the last part aborts the whole transaction.
		last.records = [...last.records, { ...last.records[0], id: undefined } as never];
		await expect(commitImport(db, plan, clock)).rejects.toThrow();
		expect(await tableCounts()).toEqual({
			units: 0,
			plans: 0,
			meetings: 0,
			documents: 0,
			procedures: 0,
			incoming: 0,
			outbox: 0
		});
		// The per-month counts roll back with the rows (they are written once, at the end).
		expect(await db.aggregates.count()).toBe(0);
	});

	it('writes in steps with progress, and a cancel part-way writes nothing', async () => {
		const plan = await prepareImport(db, sampleFiles(), clock);
		const total = plan.added + plan.updated;
		const seen: number[] = [];
		const controller = new AbortController();
		const run = commitImport(db, plan, clock, {
			chunkSize: 50,
			signal: controller.signal,
			onProgress: (done, n) => {
				seen.push(done);
				expect(n).toBe(total);
				// Cancel once a good part is already put in the transaction.
				if (done >= 400) controller.abort();
			}
		});
		await expect(run).rejects.toThrow();
		expect(seen.length).toBeGreaterThan(3);
		expect(await tableCounts()).toEqual({
			units: 0,
			plans: 0,
			meetings: 0,
			documents: 0,
			procedures: 0,
			incoming: 0,
			outbox: 0
		});
		expect(await db.aggregates.count()).toBe(0);
		// Without a cancel the same steps write everything, each record with its outbox entry.
		const steps: number[] = [];
		const n = await commitImport(db, plan, clock, {
			chunkSize: 50,
			onProgress: (done) => steps.push(done)
		});
		expect(n).toBe(total);
		expect(steps.at(-1)).toBe(total);
		expect(steps.length).toBeGreaterThanOrEqual(Math.ceil(total / 50));
		expect((await tableCounts()).outbox).toBe(total);
		expect(await db.aggregates.count()).toBeGreaterThan(0);
	});
});
