/** A new report draft with the defaults of the spec, and the comparison of issued vs live figures. */
import type { FigureScope } from './findings';
import { prefillNarrative, type PrefillInput } from './prefill';
import {
	COMMUNE_SCOPE,
	NARRATIVE_SECTIONS,
	reportId,
	type NarrativeSection,
	type ReportDraft
} from './schema';
import { communeLevel, planOn, type CommuneLevel } from './words';
import { figureMoves } from './moved';

/** 'Lạng Sơn' or 'Tỉnh Lạng Sơn' -> 'Lạng Sơn'. */
const provinceName = (p: string): string => p.trim().replace(/^tỉnh\s+/i, '');

/** The default recipients (without the leading '- ' and the final ';' or '.'). */
export function defaultRecipients(
	unitCode: string | null,
	province: string,
	level: CommuneLevel = 'xã'
): string[] {
	if (unitCode !== null)
		return [`UBND ${level} (qua Phòng Văn hóa - Xã hội) (b/c)`, `Lưu: ${unitCode}`];
	const p = provinceName(province);
	return [
		p === '' ? 'Sở Nội vụ tỉnh (b/c)' : `Sở Nội vụ tỉnh ${p} (b/c)`,
		`Thường trực Đảng ủy ${level} (b/c)`,
		`Thường trực HĐND ${level} (b/c)`,
		`Chủ tịch, các PCT UBND ${level}`,
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
		recipients: defaultRecipients(p.unitCode, p.province, communeLevel(p.communeName)),
		// The text cites the plan only when it is not dated after the report.
		...prefillNarrative({ ...p, plan: planOn(p.plan, p.issuedOn) }),
		// Every section starts generated: it follows the figures until the clerk edits it.
		deploymentBase: null,
		shortcomingsBase: null,
		directionsBase: null,
		proposalsBase: null,
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

/** The four narrative sections as generated from the figures (`prefillNarrative`). */
export type Narrative = Record<NarrativeSection, string>;

type BaseField = `${NarrativeSection}Base`;
const baseField = (s: NarrativeSection): BaseField => `${s}Base`;

export interface SectionState {
	/** What the document prints for the section. */
	text: string;
	/** The clerk's own text (kept as typed); false: the generated text, following the figures. */
	edited: boolean;
	/**
	 * The generated text has changed since the clerk edited the section (the figures or the plan
	 * moved): her text may no longer agree with section II. Never for a final report, nor for a
	 * draft stored before the sections' bases were kept (its starting point is unknown).
	 */
	stale: boolean;
	/**
	 * The figures of the generated text that moved since her edit ("chủ trì tổ chức 50 → 52 hội
	 * nghị", moved.ts), at most three; empty when the text cannot tell (a line reworded).
	 */
	moves: string[];
	/** More figures moved than `moves` names. */
	moreMoves: boolean;
}

/** Where one section stands in a draft against the text generated now (see the schema's `*Base`). */
export function sectionState(
	draft: ReportDraft,
	section: NarrativeSection,
	generated: Narrative
): SectionState {
	const still = { moves: [], moreMoves: false };
	if (draft.status === 'final')
		return { text: draft[section], edited: true, stale: false, ...still };
	const base = draft[baseField(section)];
	if (base === null) return { text: generated[section], edited: false, stale: false, ...still };
	if (base === undefined || base === generated[section])
		return { text: draft[section], edited: true, stale: false, ...still };
	const { moves, more } = figureMoves(base, generated[section]);
	return { text: draft[section], edited: true, stale: true, moves, moreMoves: more };
}

/**
 * The draft as the document prints it: a section the clerk has not edited is today's generated
 * text, so editing section III never freezes section IV. A final report is returned as issued.
 */
export function materialised(draft: ReportDraft, generated: Narrative): ReportDraft {
	if (draft.status === 'final') return draft;
	const out = { ...draft };
	for (const s of NARRATIVE_SECTIONS) out[s] = sectionState(draft, s, generated).text;
	return out;
}

/**
 * The clerk types in a section: her text. Its first edit records the generated text she wrote
 * over; later edits keep that, so a typo fixed in a stale section does not silence its notice
 * (code review r11, 3): only "Đã kiểm tra, giữ nội dung đã sửa" (keepSection) or "Lấy lại nội
 * dung soạn sẵn" answer it. A section of a draft stored before the bases were kept starts
 * being followed from today's text.
 */
export function editSection(
	section: NarrativeSection,
	text: string,
	generated: Narrative,
	draft: ReportDraft
): Partial<ReportDraft> {
	const base = draft[baseField(section)];
	if (typeof base === 'string') return { [section]: text };
	return { [section]: text, [baseField(section)]: generated[section] };
}

/** "Đã kiểm tra, giữ nội dung đã sửa": her text stands against the generated text of now. */
export function keepSection(section: NarrativeSection, generated: Narrative): Partial<ReportDraft> {
	return { [baseField(section)]: generated[section] };
}

/** "Lấy lại nội dung soạn sẵn": the section is the generated text again, and follows the figures. */
export function regenerateSection(
	section: NarrativeSection,
	generated: Narrative
): Partial<ReportDraft> {
	return { [section]: generated[section], [baseField(section)]: null };
}
