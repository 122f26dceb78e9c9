/** report.csv of the import-export spec (import-export.md). */
import { escapeFormula } from '../csv-formula';
import type { ReportResult } from './types';

export const REPORT_CSV_HEADER =
	'unit_code,period_start,period_end,as_of,indicator,value,target,status';
/** Prepend to the file a user downloads so Excel opens Vietnamese text correctly. */
export const CSV_BOM = '\uFEFF';

/** One row per unit and indicator, then the '*' rows; LF line ends, a final newline, no BOM unless asked. */
export function reportCsv(
	result: ReportResult,
	options: { bom?: boolean; unitCode?: string | null } = {}
): string {
	const { period, asOf } = result;
	const lines = [REPORT_CSV_HEADER];
	// A one-unit report carries that unit's rows only; the commune report every unit and '*'.
	const scopes = options.unitCode
		? result.units.filter((u) => u.unitCode === options.unitCode)
		: [...result.units, result.commune];
	for (const unit of scopes) {
		for (const i of unit.indicators) {
			lines.push(
				[
					// The one text cell from a record (a code may start with '-'); value may be negative
					// and stays a number.
					escapeFormula(unit.unitCode),
					period.start,
					period.end,
					asOf,
					i.code,
					i.display,
					i.target === null ? '' : String(i.target),
					i.status ?? ''
				].join(',')
			);
		}
	}
	return (options.bom ? CSV_BOM : '') + lines.join('\n') + '\n';
}
