/** A new report draft with the defaults of the spec, and the comparison of issued vs live figures. */
import type { FigureScope } from './findings';
import { prefillNarrative, type PrefillInput } from './prefill';
import { COMMUNE_SCOPE, reportId, type ReportDraft } from './schema';
import { planOn } from './words';

/** 'Lạng Sơn' or 'Tỉnh Lạng Sơn' -> 'Lạng Sơn'. */
const provinceName = (p: string): string => p.trim().replace(/^tỉnh\s+/i, '');

/** The default recipients (without the leading '- ' and the final ';' or '.'). */
export function defaultRecipients(unitCode: string | null, province: string): string[] {
	if (unitCode !== null) return ['UBND xã (qua Phòng Văn hóa - Xã hội) (b/c)', `Lưu: ${unitCode}`];
	const p = provinceName(province);
	return [
		p === '' ? 'Sở Nội vụ tỉnh (b/c)' : `Sở Nội vụ tỉnh ${p} (b/c)`,
		'Thường trực Đảng ủy xã (b/c)',
		'Thường trực HĐND xã (b/c)',
		'Chủ tịch, các PCT UBND xã',
		'Lưu: VT, VHXH'
	];
}

/** 'BC-UBND' for the commune, 'BC-<unit code>' for a unit ('BC-VHXH'). */
export const defaultSymbol = (unitCode: string | null): string =>
	unitCode === null ? 'BC-UBND' : `BC-${unitCode}`;

export interface NewDraftInput extends PrefillInput {
	year: number;
	issuedOn: string;
	province: string;
	/** 'Trưởng phòng', 'Trưởng thôn'; ignored for the commune. */
	unitHeadTitle: string;
	now: number;
}

export function newReportDraft(p: NewDraftInput): ReportDraft {
	const scope = p.unitCode ?? COMMUNE_SCOPE;
	return {
		id: reportId(scope, p.periodKind, p.year),
		scope,
		unitCode: p.unitCode,
		periodKind: p.periodKind,
		year: p.year,
		number: null,
		symbol: defaultSymbol(p.unitCode),
		issuedOn: p.issuedOn,
		signingForm: 'tm',
		signerTitle: p.unitCode === null ? '' : p.unitHeadTitle,
		signerName: '',
		recipients: defaultRecipients(p.unitCode, p.province),
		// The text cites the plan only when it is not dated after the report.
		...prefillNarrative({ ...p, plan: planOn(p.plan, p.issuedOn) }),
		status: 'draft',
		issued: null,
		createdAt: p.now,
		updatedAt: p.now,
		deleted: false
	};
}

interface Figures {
	units: readonly FigureScope[];
	commune: FigureScope;
}

const rowsKey = (s: FigureScope): string =>
	s.indicators.map((i) => `${i.code}=${i.display}/${i.status ?? ''}`).join(',');

/**
 * Whether the live figures differ from those a final report was issued with (any value or status
 * of the commune or of a unit, or a unit added or gone).
 */
export function figuresDiffer(issued: Figures, live: Figures): boolean {
	if (rowsKey(issued.commune) !== rowsKey(live.commune)) return true;
	if (issued.units.length !== live.units.length) return true;
	return issued.units.some((u, i) => {
		const other = live.units[i];
		return other === undefined || other.unitCode !== u.unitCode || rowsKey(u) !== rowsKey(other);
	});
}
