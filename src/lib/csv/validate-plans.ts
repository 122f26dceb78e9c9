/** plans.csv: `unit_code,year,baseline_conferences,baseline_documents,planned_conferences`. */
import { type Plan, planId, planSchema } from '../domain/schemas';
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
import { parseCount } from './values';

const COLUMNS = {
	id: 'unit_code',
	unitCode: 'unit_code',
	year: 'year',
	baselineConferences: 'baseline_conferences',
	baselineDocuments: 'baseline_documents',
	plannedConferences: 'planned_conferences'
};

export function plansSession(ctx: ValidateContext<Plan>): ValidationSession<Plan> {
	return keyedSession<Plan>({
		schema: planSchema,
		columns: COLUMNS,
		describeKey: (key) => say('csv.key.plan', { key: key }),
		build(row, _index, errors) {
			const code = unitCode(errors, row, 'unit_code', ctx.knownUnitCodes);
			const year = errors.take('year', parseCount(cell(row, 'year')), 0);
			const optional = (column: string): number | null =>
				errors.take(column, parseCount(cell(row, column), true), null);
			const id = planId(code, year);
			return {
				key: id,
				candidate: {
					id,
					unitCode: code,
					year,
					baselineConferences: optional('baseline_conferences'),
					baselineDocuments: optional('baseline_documents'),
					plannedConferences: optional('planned_conferences'),
					// plans.csv has no column for it (import-export.md): an import keeps the stored months.
					baselineMonths: ctx.existing?.(id)?.baselineMonths ?? 12,
					...stamps(ctx, id)
				}
			};
		}
	});
}

export const validatePlans = (
	rows: readonly CsvRow[],
	ctx: ValidateContext<Plan>
): ValidationResult<Plan> => runSession(plansSession(ctx), rows);
