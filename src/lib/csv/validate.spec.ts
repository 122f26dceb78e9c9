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
			onProgress: (done) => {
				if (done === 300) controller.abort(new Error('huỷ'));
			},
			signal: controller.signal
		});
		await expect(run).rejects.toThrow('huỷ');
	});
});

describe('validation speed', () => {
	it('parses and validates 10,000 document rows well under a second', () => {
		const text = documentsCsv(10_000);
		const t0 = performance.now();
		const result = validateRows('documents', parseCsv(text).rows, makeCtx<DocumentRecord>());
		const ms = performance.now() - t0;
		expect(result.records).toHaveLength(9990);
		expect(ms).toBeLessThan(1000);
	});

	it('parses and validates 10,000 meeting rows (5,000 two-sitting meetings) well under a second', () => {
		const text = meetingsCsv(10_000);
		const t0 = performance.now();
		const result = validateRows('meetings', parseCsv(text).rows, makeCtx<Meeting>());
		const ms = performance.now() - t0;
		expect(result.rejected).toEqual([]);
		expect(result.records).toHaveLength(5000);
		expect(ms).toBeLessThan(1000);
	});
});
