import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from './parse';

describe('parseCsv', () => {
	it('strips a UTF-8 byte-order mark from the first header', () => {
		const parsed = parseCsv('\uFEFFcode,name,kind\r\nVP,Văn phòng,department\r\n');
		expect(parsed.headers).toEqual(['code', 'name', 'kind']);
		expect(parsed.rows[0]?.cells.code).toBe('VP');
	});

	it('lower-cases and trims header names', () => {
		const parsed = parseCsv(' Code ,NAME,  Kind\nVP,A,department');
		expect(parsed.headers).toEqual(['code', 'name', 'kind']);
		expect(parsed.rows[0]?.cells).toEqual({ code: 'VP', name: 'A', kind: 'department' });
	});

	it('detects a semicolon delimiter from the header line', () => {
		const parsed = parseCsv('unit_code;month;total;digital;digitized\nVP;2026-01;10;9;8');
		expect(parsed.delimiter).toBe(';');
		expect(parsed.rows[0]?.cells).toEqual({
			unit_code: 'VP',
			month: '2026-01',
			total: '10',
			digital: '9',
			digitized: '8'
		});
	});

	it('keeps comma as the delimiter when the header has commas, even with semicolons in data', () => {
		const parsed = parseCsv('a,b\n"x;y;z",2');
		expect(parsed.delimiter).toBe(',');
		expect(parsed.rows[0]?.cells).toEqual({ a: 'x;y;z', b: '2' });
	});

	it('reads quoted fields holding commas, semicolons, doubled quotes and line breaks', () => {
		const text = 'id,title\n1,"Họp, bàn; ""gấp""\nvề đê"\n2,plain';
		const parsed = parseCsv(text);
		expect(parsed.rows.map((r) => r.cells.title)).toEqual(['Họp, bàn; "gấp"\nvề đê', 'plain']);
	});

	it('numbers rows by the physical line they start on, after multi-line quoted fields', () => {
		const text = [
			'id,title', // 1
			'1,"first', // 2
			'second', // 3
			'third"', // 4
			'2,after', // 5
			'3,"a\r\nb"', // 6-7 (CRLF inside the field)
			'4,last' // 8
		].join('\n');
		const parsed = parseCsv(text);
		expect(parsed.rows.map((r) => [r.cells.id, r.line])).toEqual([
			['1', 2],
			['2', 5],
			['3', 6],
			['4', 8]
		]);
	});

	it('counts lines the same way with CRLF line endings', () => {
		const parsed = parseCsv('id,title\r\n1,"x\r\ny"\r\n2,z\r\n');
		expect(parsed.rows.map((r) => r.line)).toEqual([2, 4]);
	});

	it('skips blank lines and lines of empty cells while keeping later line numbers right', () => {
		const parsed = parseCsv('a,b\n\n1,2\n,\n   \n3,4\n');
		expect(parsed.rows.map((r) => [r.cells.a, r.line])).toEqual([
			['1', 3],
			['3', 6]
		]);
	});

	it('gives missing trailing cells as empty and ignores cells beyond the header', () => {
		const parsed = parseCsv('a,b,c\n1\n1,2,3,4');
		expect(parsed.rows[0]?.cells).toEqual({ a: '1', b: '', c: '' });
		expect(parsed.rows[1]?.cells).toEqual({ a: '1', b: '2', c: '3' });
	});

	it('reports a row with an unclosed quote instead of returning it', () => {
		const parsed = parseCsv('a,b\n1,ok\n2,"broken\n3,x');
		expect(parsed.rows.map((r) => r.cells.a)).toEqual(['1']);
		expect(parsed.errors).toHaveLength(1);
		expect(parsed.errors[0]?.line).toBe(3);
		expect(parsed.errors[0]?.reason).toContain('ngoặc kép');
	});

	it('takes off the one quote the export put before formula-leading text, and only that', () => {
		const rows = parseCsv(
			['a,b,c,d,e', `'=1+1,"''@x","'-3",'plain,'`, `=raw,-4,"'\t=y",x'=z,''`].join('\n')
		).rows;
		expect(rows.map((r) => Object.values(r.cells))).toEqual([
			['=1+1', "'@x", '-3', "'plain", "'"],
			['=raw', '-4', '\t=y', "x'=z", "''"]
		]);
	});

	it('returns no headers and no rows for an empty file', () => {
		expect(parseCsv('')).toMatchObject({ headers: [], rows: [], errors: [] });
		expect(parseCsv('\uFEFF')).toMatchObject({ headers: [], rows: [] });
	});
});

describe('detectDelimiter', () => {
	it('ignores delimiters inside quoted header names', () => {
		expect(detectDelimiter('"a,b,c";d;e\n1,2,3')).toBe(';');
		expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
	});
});
