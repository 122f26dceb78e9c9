import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { readSampleFile } from '$factories/sample-commune';
import { localToMs } from '$lib/domain/time';
import { expandEntries } from '$lib/sync/outbox';
import type { Clock } from './clock';
import { AppDatabase } from './database';
import { rebuildAggregates } from './aggregates';
import { importWorker, type FromWorker, type ToWorker } from './import-worker-core';

let n = 0;
const clock: Clock = { now: () => localToMs('2026-11-25', '09:00'), newId: () => `id-${++n}` };
const opened: AppDatabase[] = [];
const name = () => `worker-${Math.random()}`;

/** The worker's handler with its answers collected; the database is fake-indexeddb's. */
function worker(chunkSize?: number) {
	const answers: FromWorker[] = [];
	const handle = importWorker((m) => answers.push(m), {
		clock,
		chunkSize,
		loadTexts: async () => {},
		open: (dbName) => {
			const db = new AppDatabase(dbName, { seedClock: clock });
			opened.push(db);
			return db;
		}
	});
	const finals = () => answers.filter((a) => a.type !== 'progress');
	return { answers, finals, send: (m: ToWorker) => handle(m) };
}

const documentsCsv = (rows: number): string => {
	const lines = ['id,unit_code,number,kind,issued_on,electronic,secret,title'];
	for (let i = 0; i < rows; i++)
		lines.push(`w-${i},VP,${i}/CV,cong_van,2026-03-15,${i % 2},0,Văn bản ${i}`);
	return lines.join('\r\n');
};

afterEach(async () => {
	for (const db of opened.splice(0)) {
		db.close();
		await db.delete();
	}
});

describe('the import worker', () => {
	it('checks files (Blob or text) and answers a summary without the records, writing nothing', async () => {
		const w = worker();
		const dbName = name();
		await w.send({
			type: 'check',
			id: 1,
			dbName,
			lang: 'vi',
			files: [
				{ name: 'units.csv', file: new Blob([readSampleFile('units.csv')]) },
				{ name: 'bad.csv', text: `${documentsCsv(2)}\r\nw-9,VP,9/CV,cong_van,2026-13-40,0,0,Sai` }
			]
		});
		const [checked] = w.finals();
		expect(checked).toMatchObject({ id: 1, type: 'checked' });
		if (checked?.type !== 'checked') throw new Error('not checked');
		expect(checked.plan).toMatchObject({ added: 2, updated: 11, rejected: 1 });
		expect(checked.plan.files.map((f) => Object.keys(f).includes('records'))).toEqual([
			false,
			false
		]);
		expect(checked.plan.files[1]!.rejected[0]).toMatchObject({ line: 4 });
		expect(w.answers.some((a) => a.type === 'progress' && a.id === 1)).toBe(true);
		const db = opened[0]!;
		expect(db.name).toBe(dbName);
		expect(await db.documents.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('writes the checked plan with step outbox entries and true aggregates', async () => {
		const w = worker(250);
		await w.send({
			type: 'check',
			id: 1,
			dbName: name(),
			lang: 'vi',
			files: [{ name: 'd.csv', text: documentsCsv(600) }]
		});
		await w.send({ type: 'commit', id: 2 });
		expect(w.finals()[1]).toEqual({ id: 2, type: 'committed', written: 600 });
		const db = opened[0]!;
		expect(await db.documents.count()).toBe(600);
		// One entry per step of 250 records, one change per record (what the sync sends).
		expect(await db.outbox.count()).toBe(3);
		expect(expandEntries(await db.outbox.toArray())).toHaveLength(600);
		// The middleware ran in the worker's database: the rows equal a recount from the records.
		const rows = await db.aggregates.toArray();
		expect(rows.length).toBeGreaterThan(0);
		await rebuildAggregates(db, true);
		expect(await db.aggregates.toArray()).toEqual(rows);
	});

	it('a stop during the write rolls it back: nothing written, the answer says stopped', async () => {
		const w = worker(100);
		await w.send({
			type: 'check',
			id: 1,
			dbName: name(),
			lang: 'vi',
			files: [{ name: 'd.csv', text: documentsCsv(1000) }]
		});
		const writing = w.send({ type: 'commit', id: 2 });
		// Stop after the second step is written inside the transaction.
		await new Promise<void>((resolve) => {
			const poll = () =>
				w.answers.some((a) => a.id === 2 && a.type === 'progress' && a.done >= 200)
					? resolve()
					: setTimeout(poll, 0);
			poll();
		});
		await w.send({ type: 'stop' });
		await writing;
		expect(w.finals()[1]).toEqual({ id: 2, type: 'stopped' });
		const db = opened[0]!;
		expect(await db.documents.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.aggregates.count()).toBe(0);
		// Nothing left to write after a stop.
		await w.send({ type: 'commit', id: 3 });
		expect(w.finals()[2]).toMatchObject({ id: 3, type: 'failed' });
	});
});
