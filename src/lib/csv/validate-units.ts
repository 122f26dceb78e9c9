/** units.csv: `code,name,kind`. Code upper-cased; order = position of the row in the file. */
import { type Unit, unitSchema } from '../domain/schemas';
import type { CsvRow } from './parse';
import {
	cell,
	keyedSession,
	runSession,
	stamps,
	type ValidateContext,
	type ValidationResult,
	type ValidationSession
} from './validate-common';
import { codeOfCell } from './labels';
import { say } from './messages';

const COLUMNS = { code: 'code', name: 'name', kind: 'kind' };

export function unitsSession(ctx: ValidateContext<Unit>): ValidationSession<Unit> {
	return keyedSession<Unit>({
		schema: unitSchema,
		columns: COLUMNS,
		describeKey: (code) => say('csv.key.unit', { key: code }),
		build(row, index) {
			const code = cell(row, 'code').trim().toUpperCase();
			const existing = ctx.existing?.(code);
			return {
				key: code,
				candidate: {
					code,
					name: cell(row, 'name'),
					kind: codeOfCell('unitKind', cell(row, 'kind')),
					archived: existing?.archived ?? false,
					order: index,
					...stamps(ctx, code)
				}
			};
		}
	});
}

export const validateUnits = (
	rows: readonly CsvRow[],
	ctx: ValidateContext<Unit>
): ValidationResult<Unit> => runSession(unitsSession(ctx), rows);
