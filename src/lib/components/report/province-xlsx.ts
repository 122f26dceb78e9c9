/**
 * "Excel (tiếng Việt)" of /province: one row per commune in the screen's order (worst first), for a
 * person at Sở Nội vụ rather than a machine — Vietnamese headers, period and report state in
 * words, the due date counted against and the days late, dates dd/MM/yyyy (when each commune's data last arrived: dd/MM/yyyy HH:mm, Hà Nội time),
 * and numbers as numbers (targets met, document number, each indicator's
 * result), so Excel sorts and sums them. provinceCsv keeps the machine format (codes as columns).
 */
import { INDICATORS } from '$lib/domain/codes';
import type { ProvinceSummary } from '$lib/domain/province';
import { honestPercent } from '$lib/domain/progress/honest-percent';
import { PERIOD_SLUG } from '$lib/domain/report-document/words';
import { formatDateTime } from '$lib/domain/time';
import { vi } from '$lib/i18n/messages';
import { XLSX_TYPE, xlsxBytes, type XlsxCell } from './xlsx';

/** A Vietnamese text by key (the file is Vietnamese whatever the screen language). */
const w = (key: string): string => (vi as Record<string, string | undefined>)[key] ?? key;

const COUNTS = new Set(['conferences_held', 'conferences_attended']);
const dmy = (iso: string | null): string => {
	if (iso === null) return '';
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
};
const int = (n: number | null): XlsxCell => (n === null ? null : { n, format: 'integer' });

const FIXED = [
	'province.xlsx.col.id',
	'province.xlsx.col.name',
	'province.xlsx.col.area',
	'province.xlsx.col.kind',
	'province.xlsx.col.year',
	'province.xlsx.col.from',
	'province.xlsx.col.to',
	'province.xlsx.col.asOf',
	'province.xlsx.col.lastData',
	'province.xlsx.col.dataAge',
	'province.xlsx.col.met',
	'province.xlsx.col.applicable',
	'province.xlsx.col.state',
	'province.xlsx.col.dueDate',
	'province.xlsx.col.receivedAt',
	'province.xlsx.col.lateDays',
	'province.xlsx.col.number',
	'province.xlsx.col.symbol',
	'province.xlsx.col.issuedOn',
	'province.xlsx.col.reportFrom',
	'province.xlsx.col.reportTo',
	'province.xlsx.col.reportAsOf',
	'province.xlsx.col.reportMet',
	'province.xlsx.col.reportNotes'
] as const;

const REDUCTIONS = new Set(['conference_reduction', 'document_reduction']);
type Indicator = ProvinceSummary['communes'][number]['indicators'][number];

/** An indicator's result and status as cells (numbers as numbers, words when no data). */
function resultCells(code: string, i: Indicator | undefined): XlsxCell[] {
	if (!i) return [w('pstatus.no_data'), w('pstatus.none')];
	const count = COUNTS.has(code);
	const shown = count ? i.display : honestPercent(i);
	return [
		shown === ''
			? w('pstatus.no_data')
			: { n: Number(shown), format: count ? 'integer' : 'decimal' },
		i.status === null ? w('pstatus.none') : w(`pstatus.${i.status}`)
	];
}
const projectedCell = (n: number | undefined): XlsxCell =>
	n === undefined ? null : { n: Math.round(n * 10) / 10, format: 'decimal' };

/** What a reader must know about a sent report's figures, in words ('' when nothing). */
function reportNotes(c: ProvinceSummary['communes'][number]): string {
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

/**
 * The sheet's rows: the header, then one row per commune. Two sets of figures in separate, named
 * columns: "Số liệu hiện tại: …" (live, as of the "as of" column) and "Báo cáo đã gửi: …" (the
 * report's own figures, empty when none was sent), so a report number never stands beside figures
 * the report does not hold.
 */
export function provinceSheetRows(s: ProvinceSummary): XlsxCell[][] {
	const live = w('province.xlsx.live');
	const sent = w('province.xlsx.sent');
	const header: XlsxCell[] = [
		...FIXED.map(w),
		...INDICATORS.flatMap((code) => {
			const name = w(`indicator.${code}`);
			const unit = COUNTS.has(code) ? w('xlsx.measure.count').toLowerCase() : '%';
			const cols = [
				`${live}: ${name} (${unit})`,
				`${live}: ${name}: ${w('xlsx.col.status').toLowerCase()}`
			];
			if (REDUCTIONS.has(code))
				cols.push(
					`${live}: ${name}: ${w('province.xlsx.cap')}`,
					`${live}: ${name}: ${w('province.xlsx.projected')}`
				);
			return cols;
		}),
		...INDICATORS.flatMap((code) => {
			const name = w(`indicator.${code}`);
			const unit = COUNTS.has(code) ? w('xlsx.measure.count').toLowerCase() : '%';
			return [
				`${sent}: ${name} (${unit})`,
				`${sent}: ${name}: ${w('xlsx.col.status').toLowerCase()}`
			];
		})
	];
	const rows = s.communes.map((c): XlsxCell[] => {
		const byCode = new Map(c.indicators.map((i) => [i.code, i]));
		const issued = c.report.issued;
		const issuedByCode = new Map((issued?.indicators ?? []).map((i) => [i.code, i]));
		return [
			c.id,
			c.name,
			c.area ?? '',
			w(`province.kind.${s.kind}`),
			int(s.year),
			dmy(s.period.start),
			dmy(s.period.end),
			dmy(s.asOf),
			c.lastDataAt === null ? w('province.neverData') : formatDateTime(c.lastDataAt),
			int(c.dataAgeDays),
			int(c.met),
			int(c.applicable),
			w(`province.state.${c.report.state}`),
			// The due date /province counts against (set there, or the server settings'), one per row
			// so a filtered or sorted sheet keeps it beside each commune's days late.
			s.dueDate === null ? w('province.xlsx.noDue') : dmy(s.dueDate),
			c.report.receivedAt === null ? '' : formatDateTime(c.report.receivedAt),
			int(c.report.lateDays),
			int(c.report.number),
			c.report.symbol ?? '',
			dmy(c.report.issuedOn),
			dmy(issued?.period.start ?? null),
			dmy(issued?.period.end ?? null),
			dmy(issued?.asOf ?? null),
			int(issued?.met ?? null),
			reportNotes(c),
			...INDICATORS.flatMap((code): XlsxCell[] => {
				const i = byCode.get(code);
				const cells = resultCells(code, i);
				if (REDUCTIONS.has(code)) cells.push(int(i?.cap ?? null), projectedCell(i?.projected));
				return cells;
			}),
			...INDICATORS.flatMap((code): XlsxCell[] =>
				issued ? resultCells(code, issuedByCode.get(code)) : [null, null]
			)
		];
	});
	return [header, ...rows];
}

/**
 * `tong-hop-6-thang-2026[-khu-vuc].xlsx`: the period in Vietnamese words, as the report files are
 * named (province review r20, 9: 'tong-hop-6month-2026'). The CSV keeps its code ('6month'): tools
 * read it.
 */
export const provinceXlsxName = (s: Pick<ProvinceSummary, 'kind' | 'year'>, area: boolean) =>
	`tong-hop-${PERIOD_SLUG[s.kind] ?? s.kind}-${s.year}${area ? '-khu-vuc' : ''}.xlsx`;

export function provinceXlsxBlob(s: ProvinceSummary): Blob {
	const bytes = xlsxBytes({
		name: 'Tổng hợp',
		rows: provinceSheetRows(s),
		widths: [
			14,
			28,
			20,
			16,
			8,
			12,
			12,
			14,
			18,
			10,
			10,
			10,
			24,
			14,
			10,
			10,
			12,
			14,
			12,
			12,
			14,
			10,
			40,
			...INDICATORS.flatMap((code) => (REDUCTIONS.has(code) ? [18, 16, 12, 12] : [18, 16])),
			...INDICATORS.flatMap(() => [18, 16])
		]
	});
	return new Blob([bytes as BlobPart], { type: XLSX_TYPE });
}
