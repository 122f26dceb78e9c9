/** procedures.csv: `unit_code,month,total,digital,digitized`; digital, digitized <= total. */
import { type ProcedureMonth, procedureId, procedureMonthSchema } from '../domain/schemas';
import type { CsvRow } from './parse';
import {
	cell,
	keyedSession,
	runSession,
	stamps,
	unitCode,
	type ValidateContext,
	type ValidationResult,
	type ValidationSession
} from './validate-common';
import { say } from './messages';
import { parseCount, parseMonth } from './values';

const COLUMNS = {
	id: 'unit_code',
	unitCode: 'unit_code',
	month: 'month',
	total: 'total',
	digital: 'digital',
	digitized: 'digitized'
};

export function proceduresSession(
	ctx: ValidateContext<ProcedureMonth>
): ValidationSession<ProcedureMonth> {
	return keyedSession<ProcedureMonth>({
		schema: procedureMonthSchema,
		columns: COLUMNS,
		describeKey: (key) => say('csv.key.procedure', { key: key }),
		build(row, _index, errors) {
			const code = unitCode(errors, row, 'unit_code', ctx.knownUnitCodes);
			const month = errors.take('month', parseMonth(cell(row, 'month')), '');
			const count = (column: string): number =>
				errors.take(column, parseCount(cell(row, column)), 0);
			const id = procedureId(code, month);
			return {
				key: id,
				candidate: {
					id,
					unitCode: code,
					month,
					total: count('total'),
					digital: count('digital'),
					digitized: count('digitized'),
					...stamps(ctx, id)
				}
			};
		}
	});
}

export const validateProcedures = (
	rows: readonly CsvRow[],
	ctx: ValidateContext<ProcedureMonth>
): ValidationResult<ProcedureMonth> => runSession(proceduresSession(ctx), rows);
