/**
 * "Excel (tiếng Việt)" of /province: one row per commune in the screen's order (worst first), for a
 * person at Sở Nội vụ rather than a machine — Vietnamese headers, period and report state in
 * words, the due date counted against and the days late, dates as Excel dates shown dd/mm/yyyy
 * (when each commune's data last arrived and when its report was received: dd/mm/yyyy hh:mm, Hà
 * Nội time), and numbers as numbers (targets met and assessed, document number, each indicator's
 * result, a share's numerator and denominator), so Excel sorts, filters and sums them. provinceCsv keeps the machine format (codes as columns).
 */
import { INDICATORS } from '$lib/domain/codes';
import { standingOf, type ProvinceSummary } from '$lib/domain/province';
import { honestPercent } from '$lib/domain/progress/honest-percent';
import { PERIOD_SLUG } from '$lib/domain/report-document/words';
import { vi } from '$lib/i18n/messages';
import { XLSX_TYPE, excelDate, excelDateTime, xlsxBytes, type XlsxCell } from './xlsx';

/** A Vietnamese text by key (the file is Vietnamese whatever the screen language). */
const w = (key: string): string => (vi as Record<string, string | undefined>)[key] ?? key;

const COUNTS = new Set(['conferences_held', 'conferences_attended']);
const REDUCTIONS = new Set(['conference_reduction', 'document_reduction']);
/** A share (a percentage of counts): its numerator and denominator stand beside it. */
const isShare = (code: string) => !COUNTS.has(code) && !REDUCTIONS.has(code);

const dmy = (iso: string | null): string => {
	if (iso === null) return '';
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
};
const int = (n: number | null | undefined): XlsxCell =>
	n === null || n === undefined ? null : { n, format: 'integer' };
/** A day as a real Excel date (dd/mm/yyyy), empty when none. */
const day = (iso: string | null | undefined): XlsxCell => (iso ? excelDate(iso) : null);

type Commune = ProvinceSummary['communes'][number];
type Indicator = Commune['indicators'][number];

/** A column: its header, its width in characters and its cell for a commune. */
interface Column {
	header: string;
	width: number;
	cell: (c: Commune, s: ProvinceSummary) => XlsxCell;
}
const col = (key: string, width: number, cell: Column['cell']): Column => ({
	header: w(key),
	width,
	cell
});

/** An indicator's result as a cell (numbers as numbers, words when no data). */
function resultCell(code: string, i: Indicator | undefined): XlsxCell {
	if (!i) return w('pstatus.no_data');
	const count = COUNTS.has(code);
	const shown = count ? i.display : honestPercent(i);
	return shown === ''
		? w('pstatus.no_data')
		: { n: Number(shown), format: count ? 'integer' : 'decimal' };
}
const statusCell = (i: Indicator | undefined): XlsxCell =>
	!i || i.status === null ? w('pstatus.none') : w(`pstatus.${i.status}`);
const projectedCell = (n: number | undefined): XlsxCell =>
	n === undefined ? null : { n: Math.round(n * 10) / 10, format: 'decimal' };

/** What a reader must know about a sent report's figures, in words ('' when nothing). */
function reportNotes(c: Commune): string {
	const issued = c.report.issued;
	if (!issued) return '';
	const notes: string[] = [];
	if (issued.otherPeriod)
		notes.push(
			w('province.flag.otherPeriod')
				.replace('{start}', dmy(issued.period.start))
				.replace('{end}', dmy(issued.period.end))
		);
	if (issued.partial) notes.push(w('province.flag.partial').replace('{date}', dmy(issued.asOf)));
	if (issued.changed.length > 0)
		notes.push(
			w('province.xlsx.changed').replace(
				'{names}',
				issued.changed.map((code) => w(`indicator.${code}`)).join('; ')
			)
		);
	return notes.join(' ');
}

const FIXED: Column[] = [
	col('province.xlsx.col.id', 14, (c) => c.id),
	col('province.xlsx.col.name', 28, (c) => c.name),
	col('province.xlsx.col.area', 20, (c) => c.area ?? ''),
	col('province.xlsx.col.kind', 16, (_, s) => w(`province.kind.${s.kind}`)),
	col('province.xlsx.col.year', 8, (_, s) => int(s.year)),
	col('province.xlsx.col.from', 12, (_, s) => day(s.period.start)),
	col('province.xlsx.col.to', 12, (_, s) => day(s.period.end)),
	col('province.xlsx.col.asOf', 14, (_, s) => day(s.asOf)),
	col('province.xlsx.col.lastData', 18, (c) =>
		c.lastDataAt === null ? w('province.neverData') : excelDateTime(c.lastDataAt)
	),
	col('province.xlsx.col.dataAge', 10, (c) => int(c.dataAgeDays)),
	col('province.xlsx.col.met', 10, (c) => int(c.met)),
	col('province.xlsx.col.applicable', 10, (c) => int(c.applicable)),
	col('province.xlsx.col.state', 24, (c) => w(`province.state.${c.report.state}`)),
	// The due date /province counts against (set there, or the server settings'), one per row so a
	// filtered or sorted sheet keeps it beside each commune's days late.
	col('province.xlsx.col.dueDate', 14, (_, s) =>
		s.dueDate === null ? w('province.xlsx.noDue') : excelDate(s.dueDate)
	),
	col('province.xlsx.col.receivedAt', 18, (c) =>
		c.report.receivedAt === null ? null : excelDateTime(c.report.receivedAt)
	),
	col('province.xlsx.col.lateDays', 10, (c) => int(c.report.lateDays)),
	col('province.xlsx.col.number', 10, (c) => int(c.report.number)),
	col('province.xlsx.col.symbol', 12, (c) => c.report.symbol ?? ''),
	col('province.xlsx.col.issuedOn', 14, (c) => day(c.report.issuedOn)),
	col('province.xlsx.col.reportFrom', 12, (c) => day(c.report.issued?.period.start)),
	col('province.xlsx.col.reportTo', 12, (c) => day(c.report.issued?.period.end)),
	col('province.xlsx.col.reportAsOf', 14, (c) => day(c.report.issued?.asOf)),
	col('province.xlsx.col.reportMet', 10, (c) => int(c.report.issued?.met)),
	col('province.xlsx.col.reportApplicable', 10, (c) => int(c.report.issued?.applicable)),
	col('province.xlsx.col.reportNotes', 40, reportNotes),
	// Which figures put the row in its place, as on the screen and in the CSV's ranked_by.
	col('province.xlsx.col.rankedBy', 18, (c) =>
		w(standingOf(c).source === 'report' ? 'province.xlsx.sent' : 'province.xlsx.live')
	)
];

/**
 * One indicator's columns for one set of figures (`live` or the report sent, `pick` finds it; the
 * report's are empty when none was sent): the result, its status, a share's numerator and
 * denominator (province review r21, 3), a live reduction's cap and projected count.
 */
function indicatorColumns(
	code: string,
	label: string,
	pick: (c: Commune) => { sent: boolean; i: Indicator | undefined },
	live: boolean
): Column[] {
	const name = w(`indicator.${code}`);
	const unit = COUNTS.has(code) ? w('xlsx.measure.count').toLowerCase() : '%';
	const of = (cell: (i: Indicator | undefined) => XlsxCell) => (c: Commune) => {
		const { sent, i } = pick(c);
		return sent ? cell(i) : null;
	};
	const cols: Column[] = [
		{ header: `${label}: ${name} (${unit})`, width: 18, cell: of((i) => resultCell(code, i)) },
		{
			header: `${label}: ${name}: ${w('xlsx.col.status').toLowerCase()}`,
			width: 16,
			cell: of(statusCell)
		}
	];
	if (isShare(code))
		cols.push(
			{
				header: `${label}: ${name}: ${w('province.xlsx.numerator')}`,
				width: 12,
				cell: of((i) => int(i?.numerator))
			},
			{
				header: `${label}: ${name}: ${w('province.xlsx.denominator')}`,
				width: 12,
				cell: of((i) => int(i?.denominator))
			}
		);
	if (live && REDUCTIONS.has(code))
		cols.push(
			{
				header: `${label}: ${name}: ${w('province.xlsx.cap')}`,
				width: 12,
				cell: of((i) => int(i?.cap))
			},
			{
				header: `${label}: ${name}: ${w('province.xlsx.projected')}`,
				width: 12,
				cell: of((i) => projectedCell(i?.projected))
			}
		);
	return cols;
}

/**
 * Every column: the fixed ones, then each indicator's live figures ("Số liệu hiện tại: …", as of
 * the "as of" column), then the report's own ("Báo cáo đã gửi: …", empty when none was sent), so a
 * report number never stands beside figures the report does not hold.
 */
function columns(): Column[] {
	const live = w('province.xlsx.live');
	const sent = w('province.xlsx.sent');
	return [
		...FIXED,
		...INDICATORS.flatMap((code) =>
			indicatorColumns(
				code,
				live,
				(c) => ({ sent: true, i: c.indicators.find((i) => i.code === code) }),
				true
			)
		),
		...INDICATORS.flatMap((code) =>
			indicatorColumns(
				code,
				sent,
				(c) => ({
					sent: c.report.issued !== null,
					i: c.report.issued?.indicators.find((i) => i.code === code)
				}),
				false
			)
		)
	];
}

/** The sheet's rows: the header, then one row per commune in the summary's order. */
export function provinceSheetRows(s: ProvinceSummary): XlsxCell[][] {
	const cols = columns();
	return [cols.map((c) => c.header), ...s.communes.map((c) => cols.map((col) => col.cell(c, s)))];
}

/**
 * `tong-hop-6-thang-2026[-khu-vuc][-qua-han].xlsx`: the period in Vietnamese words, as the report
 * files are named (province review r20, 9: 'tong-hop-6month-2026'), then `suffix`, what the list on
 * screen was narrowed to ('-khu-vuc', a report-state filter's slug). The CSV keeps its code
 * ('6month'): tools read it.
 */
export const provinceXlsxName = (s: Pick<ProvinceSummary, 'kind' | 'year'>, suffix = '') =>
	`tong-hop-${PERIOD_SLUG[s.kind] ?? s.kind}-${s.year}${suffix}.xlsx`;

export function provinceXlsxBlob(s: ProvinceSummary): Blob {
	const bytes = xlsxBytes({
		name: 'Tổng hợp',
		rows: provinceSheetRows(s),
		widths: columns().map((c) => c.width)
	});
	return new Blob([bytes as BlobPart], { type: XLSX_TYPE });
}
