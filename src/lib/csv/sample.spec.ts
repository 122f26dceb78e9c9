/** The whole sample commune (tests/fixtures/sample-commune, version 2) imports cleanly. */
import { describe, expect, it } from 'vitest';
import type {
	DocumentRecord,
	IncomingMonth,
	Meeting,
	Plan,
	ProcedureMonth,
	Unit
} from '../domain/schemas';
import { readSampleFile } from '$factories/sample-commune';
import { detectKind } from './detect';
import { parseCsv } from './parse';
import { makeCtx } from './test-support';
import { validateRows } from './validate';

const read = (name: string): string => readSampleFile(`${name}.csv`);

/** Counts taken straight from the files with plain string handling (none of them quote fields). */
function rawLines(name: string): string[][] {
	return read(name)
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.slice(1)
		.filter((l) => l.trim() !== '')
		.map((l) => l.split(','));
}

describe('sample commune', () => {
	const units = parseCsv(read('units'));
	const unitResult = validateRows('units', units.rows, makeCtx<Unit>());
	const ctx = { knownUnitCodes: new Set(unitResult.records.map((u) => u.code)) };

	it('recognises every file kind from its header', () => {
		for (const kind of [
			'units',
			'plans',
			'meetings',
			'documents',
			'procedures',
			'incoming'
		] as const) {
			expect(detectKind(parseCsv(read(kind)).headers)).toBe(kind);
		}
	});

	it('imports 11 units with no rejected row', () => {
		expect(unitResult.rejected).toEqual([]);
		expect(unitResult.records).toHaveLength(11);
		expect(unitResult.records).toHaveLength(rawLines('units').length);
		expect(unitResult.records.filter((u) => u.kind === 'hamlet')).toHaveLength(6);
	});

	it('imports 11 plans, the one with empty cells as nulls', () => {
		const r = validateRows('plans', parseCsv(read('plans')).rows, makeCtx<Plan>(ctx));
		expect(r.rejected).toEqual([]);
		expect(r.records).toHaveLength(11);
		expect(r.records.find((p) => p.unitCode === 'THON06')).toMatchObject({
			baselineConferences: null,
			baselineDocuments: null,
			plannedConferences: null
		});
	});

	it('imports one meeting per distinct id, with every row as a sitting', () => {
		const lines = rawLines('meetings');
		const ids = new Set(lines.map((l) => l[0]));
		const r = validateRows('meetings', parseCsv(read('meetings')).rows, makeCtx<Meeting>(ctx));
		expect(r.rejected).toEqual([]);
		expect(r.records).toHaveLength(ids.size);
		expect(r.records.reduce((n, m) => n + m.sittings.length, 0)).toBe(lines.length);
		const planned = lines.filter((l) => l[6] === 'planned').map((l) => l[0]);
		for (const id of planned) expect(r.records.find((m) => m.id === id)?.status).toBe('planned');
		// The role column (v2): tham_du where the file says so, chu_tri where it is empty.
		const attended = new Set(lines.filter((l) => l[10] === 'tham_du').map((l) => l[0]));
		expect(attended.size).toBeGreaterThan(0);
		for (const m of r.records) expect(m.role).toBe(attended.has(m.id) ? 'tham_du' : 'chu_tri');
	});

	it('imports 637 documents', () => {
		const r = validateRows(
			'documents',
			parseCsv(read('documents')).rows,
			makeCtx<DocumentRecord>(ctx)
		);
		expect(r.rejected).toEqual([]);
		expect(r.records).toHaveLength(637);
		expect(r.records).toHaveLength(rawLines('documents').length);
	});

	it('imports 60 procedure months', () => {
		const r = validateRows(
			'procedures',
			parseCsv(read('procedures')).rows,
			makeCtx<ProcedureMonth>(ctx)
		);
		expect(r.rejected).toEqual([]);
		expect(r.records).toHaveLength(60);
		expect(r.records).toHaveLength(rawLines('procedures').length);
	});

	it('imports every incoming-documents month', () => {
		const r = validateRows(
			'incoming',
			parseCsv(read('incoming')).rows,
			makeCtx<IncomingMonth>(ctx)
		);
		expect(r.rejected).toEqual([]);
		expect(r.records.length).toBeGreaterThan(0);
		expect(r.records).toHaveLength(rawLines('incoming').length);
	});
});
