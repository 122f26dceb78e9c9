import { describe, expect, it } from 'vitest';
import type { DocumentRecord, Meeting } from '../domain/schemas';
import { parseCsv } from './parse';
import { makeCtx } from './test-support';
import { validateInChunks, validateRows } from './validate';

function documentsCsv(n: number): string {
	const lines = ['id,unit_code,number,kind,issued_on,electronic,secret,title'];
	for (let i = 0; i < n; i++) {
		const bad = i % 1000 === 999; // every thousandth row has an impossible date
		lines.push(
			`d${i},VP,${i}/CV,cong_van,${bad ? '2026-02-30' : '2026-03-15'},1,0,"Văn bản, số ${i}"`
		);
	}
	return lines.join('\r\n');
}

function meetingsCsv(n: number): string {
	const lines = ['id,unit_code,title,category,format,paperless,status,start,end,attendees'];
	for (let i = 0; i < n; i++) {
		const day = 1 + (i % 28);
		lines.push(
			`m${Math.floor(i / 2)},KT,Họp,hop,truc_tiep,0,held,2026-03-${day} ${7 + (i % 2) * 3}:00,2026-03-${day} ${8 + (i % 2) * 3}:00,`
		);
	}
	return lines.join('\n');
}

describe('validateInChunks', () => {
	it('gives the same result as synchronous validation', async () => {
		const rows = parseCsv(documentsCsv(2500)).rows;
		const sync = validateRows('documents', rows, makeCtx<DocumentRecord>());
		const chunked = await validateInChunks('documents', rows, makeCtx<DocumentRecord>(), {
			chunkSize: 300
		});
		expect(chunked).toEqual(sync);
		expect(sync.records).toHaveLength(2498);
		expect(sync.rejected.map((r) => r.line)).toEqual([1001, 2001]);
	});

	it('reports progress after every chunk and yields between chunks', async () => {
		const rows = parseCsv(documentsCsv(1050)).rows;
		const progress: [number, number][] = [];
		let yields = 0;
		await validateInChunks('documents', rows, makeCtx<DocumentRecord>(), {
			chunkSize: 500,
			timer: () => 0, // no time passes: chunks end at chunkSize only
			onProgress: (done, total) => progress.push([done, total]),
			yieldToLoop: async () => {
				yields++;
			}
		});
		expect(progress).toEqual([
			[500, 1050],
			[1000, 1050],
			[1050, 1050]
		]);
		expect(yields).toBe(2);
	});

	it('ends a chunk once it has used its time budget, with the same result', async () => {
		const rows = parseCsv(documentsCsv(1000)).rows;
		let t = 0;
		const done: number[] = [];
		const chunked = await validateInChunks('documents', rows, makeCtx<DocumentRecord>(), {
			chunkSize: 500,
			budgetMs: 10,
			timer: () => (t += 4), // every read of the clock: 4 ms later
			onProgress: (d) => done.push(d),
			yieldToLoop: async () => {}
		});
		// Read at the start, then every 16 rows: after 48 rows 12 ms have passed (>= 10).
		expect(done.slice(0, 3)).toEqual([48, 96, 144]);
		expect(done.at(-1)).toBe(1000);
		expect(chunked).toEqual(validateRows('documents', rows, makeCtx<DocumentRecord>()));
	});

	it('lets other tasks run between chunks with the default yield', async () => {
		const rows = parseCsv(documentsCsv(2000)).rows;
		let ticks = 0;
		const timer = setInterval(() => ticks++, 0);
		await validateInChunks('documents', rows, makeCtx<DocumentRecord>(), { chunkSize: 100 });
		clearInterval(timer);
		expect(ticks).toBeGreaterThan(0);
	});

	it('stops when aborted', async () => {
		const rows = parseCsv(documentsCsv(1000)).rows;
		const controller = new AbortController();
		const run = validateInChunks('documents', rows, makeCtx<DocumentRecord>(), {
			chunkSize: 100,
			timer: () => 0,
			onProgress: (done) => {
				if (done === 300) controller.abort(new Error('huỷ'));
			},
			signal: controller.signal
		});
		await expect(run).rejects.toThrow('huỷ');
	});
});

// No timed assertions here (timing depends on the machine): these check the 10,000-row behaviour.
describe('10,000-row files', () => {
	it('validates all 10,000 document rows in chunks, reports progress up to the total and yields', async () => {
		const rows = parseCsv(documentsCsv(10_000)).rows;
		expect(rows).toHaveLength(10_000);
		const progress: number[] = [];
		let yields = 0;
		const result = await validateInChunks('documents', rows, makeCtx<DocumentRecord>(), {
			onProgress: (done, total) => {
				expect(total).toBe(10_000);
				progress.push(done);
			},
			yieldToLoop: async () => {
				yields++;
			}
		});
		expect(result.records).toHaveLength(9990);
		expect(result.rejected).toHaveLength(10);
		expect(progress.at(-1)).toBe(10_000);
		expect(yields).toBeGreaterThanOrEqual(1);
	});

	it('validates 10,000 meeting rows (5,000 two-sitting meetings) in chunks, yielding to the event loop', async () => {
		const rows = parseCsv(meetingsCsv(10_000)).rows;
		const progress: number[] = [];
		let yields = 0;
		const result = await validateInChunks('meetings', rows, makeCtx<Meeting>(), {
			onProgress: (done) => progress.push(done),
			yieldToLoop: async () => {
				yields++;
			}
		});
		expect(result.rejected).toEqual([]);
		expect(result.records).toHaveLength(5000);
		expect(result.records.every((m) => m.sittings.length === 2)).toBe(true);
		expect(progress.at(-1)).toBe(10_000);
		expect(yields).toBeGreaterThanOrEqual(1);
	});
});
