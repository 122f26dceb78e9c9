/**
 * "Excel (tiếng Việt)" of /province: one row per commune in the screen's order (worst first), for a
 * person at Sở Nội vụ rather than a machine — Vietnamese headers, period and report state in
 * words, dates dd/MM/yyyy, and numbers as numbers (targets met, document number, each indicator's
 * result), so Excel sorts and sums them. provinceCsv keeps the machine format (codes as columns).
 */
import { INDICATORS } from '$lib/domain/codes';
import type { ProvinceSummary } from '$lib/domain/province';
import { honestPercent } from '$lib/domain/progress/honest-percent';
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
	'province.xlsx.col.met',
	'province.xlsx.col.applicable',
	'province.xlsx.col.state',
	'province.xlsx.col.number',
	'province.xlsx.col.symbol',
	'province.xlsx.col.issuedOn'
] as const;

/** The sheet's rows: the header, then one row per commune. */
export function provinceSheetRows(s: ProvinceSummary): XlsxCell[][] {
	const header: XlsxCell[] = [
		...FIXED.map(w),
		...INDICATORS.flatMap((code) => {
			const name = w(`indicator.${code}`);
			const unit = COUNTS.has(code) ? w('xlsx.measure.count').toLowerCase() : '%';
			return [`${name} (${unit})`, `${name}: ${w('xlsx.col.status').toLowerCase()}`];
		})
	];
	const rows = s.communes.map((c): XlsxCell[] => {
		const byCode = new Map(c.indicators.map((i) => [i.code, i]));
		return [
			c.id,
			c.name,
			c.area ?? '',
			w(`province.kind.${s.kind}`),
			int(s.year),
			dmy(s.period.start),
			dmy(s.period.end),
			dmy(s.asOf),
			int(c.met),
			int(c.applicable),
			w(`province.state.${c.report.state}`),
			int(c.report.number),
			c.report.symbol ?? '',
			dmy(c.report.issuedOn),
			...INDICATORS.flatMap((code): XlsxCell[] => {
				const i = byCode.get(code);
				if (!i) return [w('pstatus.no_data'), w('pstatus.none')];
				const count = COUNTS.has(code);
				const shown = count ? i.display : honestPercent(i);
				return [
					shown === ''
						? w('pstatus.no_data')
						: { n: Number(shown), format: count ? 'integer' : 'decimal' },
					i.status === null ? w('pstatus.none') : w(`pstatus.${i.status}`)
				];
			})
		];
	});
	return [header, ...rows];
}

/** `tong-hop-<kind>-<year>[-khu-vuc].xlsx`, like the CSV's name. */
export const provinceXlsxName = (s: Pick<ProvinceSummary, 'kind' | 'year'>, area: boolean) =>
	`tong-hop-${s.kind}-${s.year}${area ? '-khu-vuc' : ''}.xlsx`;

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
			10,
			10,
			24,
			10,
			12,
			14,
			...INDICATORS.flatMap(() => [18, 16])
		]
	});
	return new Blob([bytes as BlobPart], { type: XLSX_TYPE });
}
