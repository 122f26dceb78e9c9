/**
 * A minimal Office Open XML workbook (.xlsx): one sheet of text and number cells, written with
 * fflate (already a dependency, 8 kB) instead of a spreadsheet library (exceljs is ~1 MB; the npm
 * `xlsx` package is no longer maintained there). Numbers are stored as numbers, so Excel shows
 * them in the reader's regional form (Vietnamese "94,95" and "4.020") and computes with them —
 * which a CSV cannot promise: its separator and decimal mark depend on the reader's settings.
 */
import { strToU8, zipSync } from 'fflate';
import { DAY_MS, dayNumber, VN_OFFSET_MS } from '$lib/domain/time';

/**
 * A cell: text, a number with a display format, or empty. A `date` (dd/mm/yyyy) or `datetime`
 * (dd/mm/yyyy hh:mm) is Excel's serial day number (`excelDate`, `excelDateTime`), so Excel sorts,
 * filters and counts days with it.
 */
export type XlsxCell =
	string | { n: number; format: 'integer' | 'decimal' | 'date' | 'datetime' } | null | undefined;

/** Days from Excel's day 0 (30/12/1899, the 1900 date system) to 01/01/1970. */
const EPOCH_DAYS = 25569;
/** A calendar day 'YYYY-MM-DD' as an Excel date cell. */
export const excelDate = (iso: string): XlsxCell => ({
	n: dayNumber(iso) + EPOCH_DAYS,
	format: 'date'
});
/** An instant (epoch ms) as an Excel date-time cell in Hà Nội time (UTC+7, no daylight saving). */
export const excelDateTime = (ms: number): XlsxCell => ({
	n: Math.round(((ms + VN_OFFSET_MS) / DAY_MS + EPOCH_DAYS) * 86_400) / 86_400,
	format: 'datetime'
});

export interface XlsxSheet {
	name: string;
	/** The first row is the header (bold, frozen). */
	rows: readonly (readonly XlsxCell[])[];
	/** Column widths in characters. */
	widths?: readonly number[];
}

// Characters XML 1.0 forbids (control characters other than tab, LF, CR).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const esc = (s: string): string =>
	s
		.replace(INVALID, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');

/** 0 -> A, 25 -> Z, 26 -> AA. */
export function columnName(index: number): string {
	let n = index + 1;
	let s = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		s = String.fromCharCode(65 + r) + s;
		n = Math.floor((n - 1) / 26);
	}
	return s;
}

// Style indexes of styles.xml below.
const STYLE = { header: 1, integer: 2, decimal: 3, date: 4, datetime: 5 } as const;

function cellXml(c: XlsxCell, ref: string, header: boolean): string {
	if (c === null || c === undefined || c === '') return '';
	if (typeof c === 'string') {
		const s = header ? ` s="${STYLE.header}"` : '';
		return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${esc(c)}</t></is></c>`;
	}
	if (!Number.isFinite(c.n)) return '';
	return `<c r="${ref}" s="${STYLE[c.format]}"><v>${c.n}</v></c>`;
}

function sheetXml(sheet: XlsxSheet): string {
	const cols =
		sheet.widths === undefined
			? ''
			: `<cols>${sheet.widths
					.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
					.join('')}</cols>`;
	const rows = sheet.rows
		.map(
			(row, r) =>
				`<row r="${r + 1}">${row.map((c, i) => cellXml(c, `${columnName(i)}${r + 1}`, r === 0)).join('')}</row>`
		)
		.join('');
	return (
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
		'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
		'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
		cols +
		`<sheetData>${rows}</sheetData></worksheet>`
	);
}

const STYLES =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
	'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
	'<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0#"/>' +
	'<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="dd/mm/yyyy hh:mm"/></numFmts>' +
	'<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font>' +
	'<font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="6">' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
	'<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'</cellXfs></styleSheet>';

/** The .xlsx file's bytes. */
export function xlsxBytes(sheet: XlsxSheet): Uint8Array {
	const name = esc(sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
	const files: Record<string, string> = {
		'[Content_Types].xml':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
			'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
			'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
			'</Types>',
		'_rels/.rels':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
			'</Relationships>',
		'xl/workbook.xml':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
			`<sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
			'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
			'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
			'</Relationships>',
		'xl/styles.xml': STYLES,
		'xl/worksheets/sheet1.xml': sheetXml(sheet)
	};
	return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
