/** The sample commune's expected report.csv files, reproduced row by row. */
import { describe, expect, it } from 'vitest';
import { periodOf, type PeriodKind } from '../periods';
import { DEFAULT_TEST_LIMITS } from '$factories/records';
import { loadSampleCommune, readSampleFile } from '$factories/sample-commune';
import { computeReport } from './report';
import { reportCsv } from './report-csv';
import type { ProgressInput } from './types';

const EXPECTED = [
	'6month-2026-asof-2026-06-20.csv',
	'annual-2026-asof-2026-09-30.csv',
	'annual-2026-asof-2026-12-20.csv'
];

const sample = loadSampleCommune();
const input: ProgressInput = { ...sample, limits: DEFAULT_TEST_LIMITS, periodMode: 'decree09' };

/** '6month-2026-asof-2026-06-20.csv' -> the period and as-of date it names. */
function parseName(name: string): { kind: PeriodKind; year: number; asOf: string } {
	const m = /^(6month|9month|annual)-(\d{4})-asof-(\d{4}-\d{2}-\d{2})\.csv$/.exec(name);
	if (m === null) throw new Error(`unexpected file name ${name}`);
	return { kind: m[1] as PeriodKind, year: Number(m[2]), asOf: m[3]! };
}

const lines = (csv: string): string[] =>
	csv
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.filter((l) => l !== '');

describe.each(EXPECTED)('the sample commune report %s', (name) => {
	const { kind, year, asOf } = parseName(name);
	const expected = lines(readSampleFile(`expected/${name}`));
	const actual = lines(reportCsv(computeReport(input, periodOf(kind, year, 0, 'decree09'), asOf)));

	it('has the same header and number of rows', () => {
		expect(actual[0]).toBe(expected[0]);
		expect(actual).toHaveLength(expected.length);
	});

	it.each(
		expected
			.slice(1)
			.map(
				(row, i) =>
					[row.split(',').slice(0, 1).concat(row.split(',').slice(4, 5)).join(' '), i + 1] as const
			)
	)('reproduces the row of %s', (_label, index) => {
		expect(actual[index]).toBe(expected[index]);
	});

	it('is byte for byte the expected file apart from BOM and line endings', () => {
		expect(reportCsv(computeReport(input, periodOf(kind, year, 0, 'decree09'), asOf))).toBe(
			readSampleFile(`expected/${name}`)
		);
	});
});
