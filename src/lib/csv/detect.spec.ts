import { describe, expect, it } from 'vitest';
import { HEADERS, IMPORT_KINDS } from './columns';
import { detectKind } from './detect';
import { parseCsv } from './parse';

describe('detectKind', () => {
	it('recognises every format from its spec header', () => {
		for (const kind of [...IMPORT_KINDS, 'report' as const]) {
			expect(detectKind(HEADERS[kind])).toBe(kind);
		}
	});

	it('accepts columns in any order, any case, with unknown extra columns', () => {
		const headers = parseCsv(
			'Title, ISSUED_ON ,note,Kind,unit_code,Number,SECRET,electronic\n'
		).headers;
		expect(detectKind(headers)).toBe('documents');
		expect(detectKind(['KIND', 'extra', 'Name', 'code'])).toBe('units');
	});

	it('treats the id column of meetings and documents, and the meeting role, as optional', () => {
		expect(detectKind(HEADERS.meetings.filter((c) => c !== 'id'))).toBe('meetings');
		// A version-1 meetings.csv has no role column.
		expect(detectKind(HEADERS.meetings.filter((c) => c !== 'role'))).toBe('meetings');
		expect(detectKind(HEADERS.documents.filter((c) => c !== 'id'))).toBe('documents');
	});

	it('returns null when a required column is missing', () => {
		expect(detectKind(HEADERS.procedures.filter((c) => c !== 'digitized'))).toBeNull();
		expect(detectKind(HEADERS.plans.filter((c) => c !== 'year'))).toBeNull();
		expect(detectKind(['foo', 'bar'])).toBeNull();
		expect(detectKind([])).toBeNull();
	});
});
