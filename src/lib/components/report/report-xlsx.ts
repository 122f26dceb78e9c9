/**
 * "Excel (tiếng Việt)": the figures of report.csv for a person, not a machine — Vietnamese headers,
 * unit and indicator names, statuses in words, dates dd/MM/yyyy, numbers as numbers (Excel shows
 * them in the reader's regional form). report.csv itself keeps the spec's machine format.
 */
import type { ReportResult } from '$lib/domain/progress';
import { vi } from '$lib/i18n/messages';
import { honestPercent } from '$lib/domain/progress/honest-percent';
import { XLSX_TYPE, xlsxBytes, type XlsxCell } from './xlsx';

/** A Vietnamese text by key (the file is Vietnamese whatever the screen language). */
const w = (key: string): string => (vi as Record<string, string | undefined>)[key] ?? key;

const COUNTS = new Set(['conferences_held', 'conferences_attended']);
const dmy = (iso: string) => {
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
};

const REDUCTIONS = new Set(['conference_reduction', 'document_reduction']);
function targetWords(code: string, target: number | null): string {
	if (target === null) return w('progress.noTarget');
	const key = REDUCTIONS.has(code)
		? 'progress.targetReduce'
		: target === 100
			? 'progress.targetExactly'
			: 'progress.targetAtLeast';
	return w(key).replace('{t}', String(target));
}

/** The sheet's rows: a header, then one row per unit (or the commune) and indicator. */
export function reportSheetRows(
	result: ReportResult,
	unitName: (code: string) => string,
	unitCode: string | null = null
): XlsxCell[][] {
	const header = [
		w('xlsx.col.unit'),
		w('xlsx.col.from'),
		w('xlsx.col.to'),
		w('xlsx.col.asOf'),
		w('xlsx.col.indicator'),
		w('xlsx.col.value'),
		w('xlsx.col.measure'),
		w('xlsx.col.target'),
		w('xlsx.col.status')
	];
	const scopes = unitCode
		? result.units.filter((u) => u.unitCode === unitCode)
		: [...result.units, result.commune];
	const rows: XlsxCell[][] = [header];
	for (const u of scopes) {
		const name =
			u.unitCode === result.commune.unitCode ? w('progress.commune') : unitName(u.unitCode);
		for (const i of u.indicators) {
			const count = COUNTS.has(i.code);
			const shown = count ? i.display : honestPercent(i);
			rows.push([
				name,
				dmy(result.period.start),
				dmy(result.period.end),
				dmy(result.asOf),
				w(`indicator.${i.code}`),
				shown === ''
					? w('pstatus.no_data')
					: { n: Number(shown), format: count ? 'integer' : 'decimal' },
				count ? w('xlsx.measure.count') : '%',
				targetWords(i.code, i.target),
				i.status === null ? w('pstatus.none') : w(`pstatus.${i.status}`)
			]);
		}
	}
	return rows;
}

export function reportXlsxBlob(
	result: ReportResult,
	unitName: (code: string) => string,
	unitCode: string | null = null
): Blob {
	const bytes = xlsxBytes({
		name: 'Báo cáo',
		rows: reportSheetRows(result, unitName, unitCode),
		widths: [28, 12, 12, 12, 48, 10, 12, 18, 22]
	});
	return new Blob([bytes as BlobPart], { type: XLSX_TYPE });
}
