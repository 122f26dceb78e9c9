/** incoming.csv (v2): `unit_code,month,received,electronic`; electronic <= received. */
import { type IncomingMonth, incomingId, incomingMonthSchema } from '../domain/schemas';
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
import { parseCount, parseMonth } from './values';

const COLUMNS = {
	id: 'unit_code',
	unitCode: 'unit_code',
	month: 'month',
	received: 'received',
	electronic: 'electronic'
};

export function incomingSession(
	ctx: ValidateContext<IncomingMonth>
): ValidationSession<IncomingMonth> {
	return keyedSession<IncomingMonth>({
		schema: incomingMonthSchema,
		columns: COLUMNS,
		describeKey: (key) => `Số liệu văn bản đến của đơn vị và tháng "${key}"`,
		build(row, _index, errors) {
			const code = unitCode(errors, row, 'unit_code', ctx.knownUnitCodes);
			const month = errors.take('month', parseMonth(cell(row, 'month')), '');
			const count = (column: string): number =>
				errors.take(column, parseCount(cell(row, column)), 0);
			const id = incomingId(code, month);
			return {
				key: id,
				candidate: {
					id,
					unitCode: code,
					month,
					received: count('received'),
					electronic: count('electronic'),
					...stamps(ctx, id)
				}
			};
		}
	});
}

export const validateIncoming = (
	rows: readonly CsvRow[],
	ctx: ValidateContext<IncomingMonth>
): ValidationResult<IncomingMonth> => runSession(incomingSession(ctx), rows);
