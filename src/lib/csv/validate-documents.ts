/** documents.csv: `id,unit_code,number,kind,issued_on,electronic,secret,title`; empty id -> newId(). */
import { type DocumentRecord, documentSchema } from '../domain/schemas';
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
import { codeOfCell } from './labels';
import { say } from './messages';
import { parseBool, parseLocalDate } from './values';

const COLUMNS = {
	id: 'id',
	unitCode: 'unit_code',
	number: 'number',
	kind: 'kind',
	issuedOn: 'issued_on',
	electronic: 'electronic',
	secret: 'secret',
	title: 'title'
};

export function documentsSession(
	ctx: ValidateContext<DocumentRecord>
): ValidationSession<DocumentRecord> {
	return keyedSession<DocumentRecord>({
		schema: documentSchema,
		columns: COLUMNS,
		describeKey: (id) => say('csv.key.document', { key: id }),
		build(row, _index, errors) {
			const code = unitCode(errors, row, 'unit_code', ctx.knownUnitCodes);
			const issuedOn = errors.take('issued_on', parseLocalDate(cell(row, 'issued_on')), '');
			const electronic = errors.take('electronic', parseBool(cell(row, 'electronic')), false);
			const secret = errors.take('secret', parseBool(cell(row, 'secret')), false);
			const given = cell(row, 'id').trim();
			// Only rows that passed the cell checks take a new id, so ids follow accepted rows.
			const id = given !== '' ? given : errors.any ? '' : ctx.newId();
			return {
				key: id,
				candidate: {
					id,
					unitCode: code,
					number: cell(row, 'number'),
					kind: codeOfCell('docKind', cell(row, 'kind')),
					issuedOn,
					electronic,
					secret,
					title: cell(row, 'title'),
					...stamps(ctx, id)
				}
			};
		}
	});
}

export const validateDocuments = (
	rows: readonly CsvRow[],
	ctx: ValidateContext<DocumentRecord>
): ValidationResult<DocumentRecord> => runSession(documentsSession(ctx), rows);
