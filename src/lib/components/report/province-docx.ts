/**
 * Sở Nội vụ opens a commune's sent report as the Word file the commune issued: the same document
 * model (buildReportDocument) over what the server returns from /api/province/reports/{id} — the
 * report's text, its issued figures and unit names, and the commune's name from its settings. No
 * record of the commune is needed. Loaded only when the button is pressed.
 */
import type { ProvinceReport } from '$lib/domain/province';
import {
	buildReportDocument,
	reportFileBase,
	type ReportDocument
} from '$lib/domain/report-document';
import { reportDocxBlob } from './docx-file';
import { documentWords } from './document-words';

export function provinceReportDocument(r: ProvinceReport): ReportDocument {
	return buildReportDocument({
		draft: {
			unitCode: null,
			periodKind: r.kind,
			year: r.year,
			number: r.number,
			symbol: r.symbol,
			issuedOn: r.issuedOn,
			signerName: r.signerName,
			...r.text
		},
		figures: r.issued,
		communeName: r.issuerName,
		plan: r.plan,
		words: documentWords(new Map(Object.entries(r.issued.unitNames)))
	});
}

/** `bao-cao-<commune>-6-thang-2026-den-20-06-2026.docx`, the commune's own file name (words.ts) with the commune. */
export const provinceReportFileName = (
	r: Pick<ProvinceReport, 'communeId' | 'kind' | 'year'> & { issued: { asOf: string } }
) => `${reportFileBase(`bao-cao-${r.communeId}`, r.kind, r.year, null, r.issued.asOf)}.docx`;

export const provinceReportDocx = (r: ProvinceReport): Promise<Blob> =>
	reportDocxBlob(provinceReportDocument(r));
