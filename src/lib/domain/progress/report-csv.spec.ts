import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../codes';
import { periodOf } from '../periods';
import { DEFAULT_TEST_LIMITS, makeMeeting, makeUnit } from '$factories/records';
import { computeReport } from './report';
import { CSV_BOM, REPORT_CSV_HEADER, reportCsv } from './report-csv';

const result = computeReport(
	{
		units: [makeUnit({ code: 'VP', order: 0 }), makeUnit({ code: 'KT', order: 1 })],
		plans: [],
		meetings: [makeMeeting({ unitCode: 'VP', format: 'truc_tuyen', on: '2026-02-01' })],
		documents: [],
		procedures: [],
		incoming: [],
		limits: DEFAULT_TEST_LIMITS,
		periodMode: 'decree09'
	},
	periodOf('6month', 2026, 0, 'decree09'),
	'2026-03-01'
);

describe('reportCsv', () => {
	it('starts with the header and has one row per unit and indicator, then the commune', () => {
		const lines = reportCsv(result).split('\n');
		expect(lines[0]).toBe(REPORT_CSV_HEADER);
		expect(lines).toHaveLength(1 + 3 * INDICATORS.length + 1);
		expect(lines.at(-1)).toBe('');
		expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual([
			...INDICATORS.map(() => 'VP'),
			...INDICATORS.map(() => 'KT'),
			...INDICATORS.map(() => '*')
		]);
	});

	it("carries only the chosen unit's rows for a one-unit report", () => {
		const lines = reportCsv(result, { unitCode: 'KT' }).trimEnd().split('\n');
		expect(lines[0]).toBe(REPORT_CSV_HEADER);
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(INDICATORS.map(() => 'KT'));
	});

	it('writes counts, one-decimal percentages, empty values, targets and statuses', () => {
		const lines = reportCsv(result).split('\n');
		expect(lines).toContain('VP,2025-12-15,2026-06-14,2026-03-01,conferences_held,1,,');
		expect(lines).toContain('VP,2025-12-15,2026-06-14,2026-03-01,online_share,100.0,60,on_track');
		expect(lines).toContain('KT,2025-12-15,2026-06-14,2026-03-01,online_share,,60,no_data');
		expect(lines).toContain('KT,2025-12-15,2026-06-14,2026-03-01,paperless_share,,,');
	});

	it('writes no BOM unless asked, so it matches the sample expected files', () => {
		expect(reportCsv(result).startsWith('unit_code')).toBe(true);
		expect(reportCsv(result, { bom: true }).startsWith(CSV_BOM + 'unit_code')).toBe(true);
		expect(reportCsv(result)).not.toContain('\r');
	});

	it('quotes a unit code a spreadsheet would run as a formula, never a negative value', () => {
		const odd = structuredClone(result);
		odd.units[0]!.unitCode = '-VP';
		odd.units[0]!.indicators[0]!.display = '-12.5';
		const lines = reportCsv(odd).split('\n');
		const first = lines[1]!.split(',');
		expect(first[0]).toBe("'-VP");
		expect(first[5]).toBe('-12.5');
		expect(lines[1 + INDICATORS.length]!.startsWith('KT,')).toBe(true);
	});
});
