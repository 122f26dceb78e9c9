/**
 * The report as a structured administrative document (Decree 30/2020/NĐ-CP layout): masthead,
 * title, sections I-V, signature, recipients, annex. One model, two renderers (the screen/print
 * page and the .docx writer), so both carry the same words in the same order.
 */
import type { Period } from '../periods';
import { honestPercent } from '../progress/honest-percent';
import { scorecard, type ScoredScope, type ScorecardEntry } from '../progress/scorecard';
import {
	anyAssessed,
	findingsOf,
	REDUCTION_CODES,
	type FigureRow,
	type FigureScope
} from './findings';
import type { OverLimitConference, ReportDraft } from './schema';
import { findingSentence, projectedWords, type DocumentWords } from './sentences';
import {
	countedWindow,
	DECISION_534,
	documentNumber,
	periodSpan,
	periodWords,
	placeDateLine,
	communeLevel,
	placeName,
	type CommuneLevel,
	openingCitation,
	planOn,
	yearClosed,
	type CommunePlan,
	textDate,
	viNumber,
	viDuration,
	viInteger
} from './words';

export interface DocLine {
	text: string;
	bold?: boolean;
	/** A short solid rule under the line (masthead, motto, subject). */
	rule?: boolean;
}
export interface DocTable {
	/** Keys the renderers use as ids (the unit code, '*' for the commune). */
	key: string;
	caption: string;
	header: readonly string[];
	rows: string[][];
	/** The indicator code of each row (the unit code in the scorecard). */
	codes: string[];
}
/** The scorecard annex: per unit, targets met out of those that apply, the missed ones, ranked. */
export interface DocScorecard {
	heading: string;
	title: string;
	attached: string;
	lead: string;
	table: DocTable;
	rule: string;
}
export interface DocSection {
	id: 'deployment' | 'results' | 'shortcomings' | 'directions' | 'proposals';
	heading: string;
	paragraphs: string[];
	table?: DocTable;
	/** Paragraphs after the table (section II: a sentence per target missed or at risk). */
	after?: string[];
}
export interface ReportDocument {
	masthead: { body: DocLine[]; number: string; nation: DocLine[]; placeDate: string };
	title: string;
	subject: string;
	/** The dates the figures cover (the period, or its start to asOf before it closes), under the subject. */
	periodLine: string;
	opening: string;
	sections: DocSection[];
	signature: { lines: string[]; name: string };
	recipients: { heading: string; lines: string[] };
	annex: { heading: string; title: string; attached: string; tables: DocTable[] } | null;
	/** The commune's report only: the scorecard of the figures, as a second annex. */
	scorecard: DocScorecard | null;
}

export interface DocumentFigures {
	period: Pick<Period, 'start' | 'end'>;
	asOf: string;
	units: readonly FigureScope[];
	commune: FigureScope;
	/** Held conferences over their limit (of the report's scope). */
	overLimit: readonly OverLimitConference[];
}

export interface DocumentInput {
	draft: Pick<
		ReportDraft,
		| 'unitCode'
		| 'periodKind'
		| 'year'
		| 'number'
		| 'symbol'
		| 'issuedOn'
		| 'signingForm'
		| 'signerTitle'
		| 'signerName'
		| 'recipients'
		| 'deployment'
		| 'shortcomings'
		| 'directions'
		| 'proposals'
	>;
	figures: DocumentFigures;
	communeName: string;
	/**
	 * The commune's implementation plan, cited by the opening; absent: not entered. A draft's is the
	 * settings'; a final report's the one stored when it was issued (`issued.plan`). Never cited when
	 * dated after the report (`planOn`).
	 */
	plan?: CommunePlan | null;
	words: DocumentWords;
}

const upper = (s: string): string => s.toLocaleUpperCase('vi');
const paragraphs = (text: string): string[] =>
	text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l !== '');

const COUNT_CODES = new Set(['conferences_held', 'conferences_attended']);

function targetCell(row: FigureRow): string {
	if (row.target === null) return 'Không giao chỉ tiêu';
	if (REDUCTION_CODES.has(row.code)) return `Giảm ≥ ${row.target}%`;
	return `${row.target === 100 ? '=' : '≥'} ${row.target}%`;
}

/** `closed`: the period is over; a count so far is the year's, so no "dự kiến cả năm" beside it. */
function valueCell(row: FigureRow, closed = false): string {
	if (row.display === '') return 'Chưa có dữ liệu';
	// Never a figure that reads as reaching a target its status says is not reached (94,95%, not 95,0%).
	const percent = COUNT_CODES.has(row.code) ? '' : honestPercent(row);
	// A reduction below zero is a rise: 'tăng 3,4%', never '-3,4%' under 'Giảm …' (as on screen).
	const value = COUNT_CODES.has(row.code)
		? viInteger(Number(row.display))
		: REDUCTION_CODES.has(row.code) && percent.startsWith('-')
			? `tăng ${viNumber(percent.slice(1))}%`
			: `${viNumber(percent)}%`;
	if (REDUCTION_CODES.has(row.code) && row.cap !== undefined) {
		const p = row.projected;
		const projected = p === undefined ? '—' : projectedWords(p, row.cap);
		// A figure the row does not carry is left out, never printed as 0 (clerk review r11 #1).
		const parts = [
			row.baseline === undefined ? null : `năm trước ${viInteger(row.baseline)}`,
			`tối đa ${viInteger(row.cap)}`,
			row.count === undefined ? null : `đến nay ${viInteger(row.count)}`,
			closed ? null : `dự kiến cả năm ${projected}`
		].filter((x) => x !== null);
		return `${value} (${parts.join('; ')})`;
	}
	if (row.numerator !== undefined && row.denominator !== undefined)
		return `${value} (${viInteger(row.numerator)}/${viInteger(row.denominator)})`;
	return value;
}

/**
 * The target column is "Chỉ tiêu giao", as in the Excel file and Phụ lục II: "Kế hoạch" read as the
 * commune's Kế hoạch số …/KH-UBND the opening cites (clerk review r11 #7; report-format.md names
 * no header).
 */
export const TABLE_HEADER = ['TT', 'Chỉ tiêu', 'Chỉ tiêu giao', 'Kết quả', 'Đánh giá'] as const;

export function figureTable(
	scope: FigureScope,
	caption: string,
	words: DocumentWords,
	closed = false
): DocTable {
	return {
		key: scope.unitCode,
		caption,
		header: TABLE_HEADER,
		codes: scope.indicators.map((r) => r.code),
		rows: scope.indicators.map((r, i) => [
			String(i + 1),
			words.indicator(r.code),
			targetCell(r),
			valueCell(r, closed),
			words.status(r.status)
		])
	};
}

/** The "Số:" line: 'Số: 15/BC-UBND', 'Số: 03/BC-VHXH', or a blank for the office to fill. */
export const numberLine = (number: number | null, symbol: string): string =>
	`Số: ${documentNumber(number)}/${symbol}`;

function signatureLines(d: DocumentInput['draft']): string[] {
	if (d.unitCode === null)
		return d.signingForm === 'kt'
			? ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']
			: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'];
	const title = upper(d.signerTitle.trim() || 'THỦ TRƯỞNG ĐƠN VỊ');
	return d.signingForm === 'kt' ? [`KT. ${title}`, `PHÓ ${title}`] : [title];
}

/** '- Sở Nội vụ tỉnh Lạng Sơn (b/c);' ... '- Lưu: VT, VHXH.' */
export function recipientLines(recipients: readonly string[]): string[] {
	const list = recipients.map((r) =>
		r
			.trim()
			.replace(/^-\s*/, '')
			.replace(/[;.]+$/, '')
	);
	const kept = list.filter((r) => r !== '');
	return kept.map((r, i) => `- ${r}${i === kept.length - 1 ? '.' : ';'}`);
}

/** The conferences over their duration limit, one line each (none: one sentence saying so). */
/** Spec v2: the meeting indicators count only the conferences the unit organised. */
export const ROLE_NOTE =
	'Các chỉ tiêu về hội nghị chỉ tính hội nghị do đơn vị chủ trì tổ chức; hội nghị đơn vị tham dự (do cơ quan khác tổ chức) được thống kê riêng.';

function overLimitLines(
	list: readonly OverLimitConference[],
	unitCode: string | null,
	words: DocumentWords
): string[] {
	const own = unitCode === null ? list : list.filter((m) => m.unitCode === unitCode);
	if (own.length === 0) return ['Trong kỳ, không có hội nghị vượt thời lượng quy định.'];
	return [
		`Trong kỳ có ${own.length} hội nghị vượt thời lượng quy định:`,
		...own.map(
			(m, i) =>
				`${i + 1}. ${m.title} (${words.unit(m.unitCode)}, ngày ${textDate(m.date)}): ${viDuration(m.minutes)}, quy định ${viDuration(m.limit)}${i === own.length - 1 ? '.' : ';'}`
		)
	];
}

const REDUCTION_NOUN: Record<string, string> = {
	conference_reduction: 'hội nghị',
	document_reduction: 'văn bản hành chính'
};

/**
 * The commune's reduction indicators leave out the units with no last-year figure: say which, and
 * that the counts beside them are the other units' (clerk review r11 #5: "50 hội nghị" beside
 * "đến nay 48" with no word why; /dashboard says it, the report did not).
 */
export function exclusionLines(
	scope: FigureScope,
	words: DocumentWords,
	level: CommuneLevel = 'xã'
): string[] {
	const rows = scope.indicators.filter(
		(r) => REDUCTION_CODES.has(r.code) && (r.excludedUnits?.length ?? 0) > 0
	);
	if (rows.length === 0) return [];
	// No unit has a last-year figure: nothing is counted, so say that, not "the other units' (0)".
	const none = rows.filter((r) => r.baseline === undefined);
	if (none.length > 0) {
		const what = none.map((r) => REDUCTION_NOUN[r.code]).join(', ');
		return [
			`Chưa tính được chỉ tiêu giảm số lượng ${what} của toàn ${level}: chưa có đơn vị nào có số liệu năm trước.`,
			...exclusionLines(
				{ ...scope, indicators: scope.indicators.filter((r) => !none.includes(r)) },
				words,
				level
			)
		];
	}
	const names = (r: FigureRow): string =>
		(r.excludedUnits ?? []).map((c) => words.unit(c)).join(', ');
	const counts = (list: readonly FigureRow[]): string =>
		list
			.filter((r) => r.count !== undefined)
			.map((r) => `${viInteger(r.count ?? 0)} ${REDUCTION_NOUN[r.code]}`)
			.join(', ');
	const line = (list: readonly FigureRow[]): string => {
		const what = list.map((r) => REDUCTION_NOUN[r.code]).join(', ');
		const n = counts(list);
		const these = list.length > 1 ? 'hai chỉ tiêu này' : 'chỉ tiêu này';
		return `Chỉ tiêu giảm số lượng ${what} của toàn ${level} không tính ${names(list[0] as FigureRow)} (chưa có số liệu năm trước): số năm trước và số đến nay của ${these} chỉ gồm các đơn vị còn lại${n === '' ? '' : ` (${n})`}.`;
	};
	const [a, b] = rows;
	if (b !== undefined && a !== undefined && names(a) === names(b)) return [line(rows)];
	return rows.map((r) => line([r]));
}

export const SCORECARD_HEADER = [
	'Xếp hạng',
	'Đơn vị',
	'Chỉ tiêu đạt',
	'Chỉ tiêu chưa đạt (kết quả; chỉ tiêu giao)'
] as const;

function missCell(e: ScorecardEntry, words: DocumentWords, closed: boolean): string {
	if (e.applicable === 0) return '';
	if (e.missed.length === 0) return 'Không có';
	return e.missed
		.map((m) => {
			const row = { ...m, code: m.code as string };
			return `${words.indicator(m.code)}: ${valueCell(row, closed)}; chỉ tiêu ${targetCell(row)} (${words.status(m.status)})`;
		})
		.join('\n');
}

/** The scorecard of the document's figures (the same ranking as the dashboard). */
export function scorecardTable(
	figures: DocumentFigures,
	words: DocumentWords,
	closed = false,
	level: CommuneLevel = 'xã'
): DocTable {
	// Figures are the engine's results (or their issued snapshot): codes are indicator codes.
	const card = scorecard(figures as unknown as { units: ScoredScope[]; commune: ScoredScope });
	const rows = [...card.units, card.commune].map((e) => [
		e === card.commune ? '' : e.rank === null ? '—' : String(e.rank),
		e === card.commune ? `Toàn ${level}` : words.unit(e.unitCode),
		e.applicable === 0 ? 'Chưa có chỉ tiêu có số liệu' : `${e.met}/${e.applicable}`,
		missCell(e, words, closed)
	]);
	return {
		key: 'scorecard',
		caption: 'Tổng hợp theo đơn vị',
		header: SCORECARD_HEADER,
		codes: [...card.units, card.commune].map((e) => e.unitCode),
		rows
	};
}

export function buildReportDocument(input: DocumentInput): ReportDocument {
	const { draft: d, figures, words } = input;
	const place = placeName(input.communeName);
	const commune = upper(place || '……');
	// Xã, phường or đặc khu, as the commune's name says (province review r20, 1).
	const level = communeLevel(input.communeName);
	const isUnit = d.unitCode !== null;
	const unitName = d.unitCode === null ? '' : words.unit(d.unitCode);
	const issuer = isUnit ? unitName : `UBND ${level}`;
	const own = isUnit
		? (figures.units.find((u) => u.unitCode === d.unitCode) ?? {
				unitCode: d.unitCode ?? '',
				indicators: []
			})
		: figures.commune;
	const number = numberLine(d.number, d.symbol);
	const words30 = periodWords(d.periodKind, d.year);

	// '(Kèm theo Báo cáo số 05/BC-UBND ngày 18/06/2026 của UBND xã Thiên Tân)'; before the
	// commune's name is set, the masthead's placeholder, never a stray space before ')'.
	const attached = `(Kèm theo Báo cáo số ${documentNumber(d.number).trim() || '…'}/${d.symbol} ngày ${textDate(d.issuedOn)} của ${issuer} ${place || '……'})`;

	const findings = findingsOf(own);
	// The period is over: no "đúng tiến độ", "có nguy cơ" or "dự kiến cả năm" (clerk review r11 #7).
	const closed = yearClosed(d.periodKind, figures);
	const assessed = anyAssessed(own);
	const results: DocSection = {
		id: 'results',
		heading: 'II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU',
		paragraphs: [
			isUnit
				? `Kết quả thực hiện các chỉ tiêu của ${unitName} (số liệu tính đến ngày ${textDate(figures.asOf)}):`
				: `Kết quả thực hiện các chỉ tiêu của toàn ${level} (số liệu tính đến ngày ${textDate(figures.asOf)}; kết quả của từng đơn vị tại Phụ lục I, tổng hợp và xếp hạng các đơn vị tại Phụ lục II kèm theo):`
		],
		table: figureTable(own, isUnit ? unitName : `Toàn ${level}`, words, closed),
		after: [
			...(findings.length > 0
				? findings.map((f) => findingSentence(f, words))
				: !assessed
					? ['Chưa có chỉ tiêu nào có số liệu để đánh giá.']
					: [`Các chỉ tiêu có số liệu đều đạt${closed ? '' : ' hoặc đúng tiến độ'}.`]),
			...(isUnit ? [] : exclusionLines(own, words, level)),
			// Spec v2: which conferences the meeting indicators count.
			ROLE_NOTE,
			...overLimitLines(figures.overLimit, d.unitCode, words)
		]
	};
	const narrative = (id: DocSection['id'], heading: string, text: string): DocSection => ({
		id,
		heading,
		paragraphs: paragraphs(text)
	});

	return {
		masthead: {
			body: isUnit
				? [
						{ text: `UBND ${upper(level)} ${commune}` },
						{ text: upper(unitName), bold: true, rule: true }
					]
				: [
						{ text: 'ỦY BAN NHÂN DÂN', bold: true },
						{ text: `${upper(level)} ${commune}`, bold: true, rule: true }
					],
			number,
			nation: [
				{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
				{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, rule: true }
			],
			placeDate: placeDateLine(input.communeName, d.issuedOn)
		},
		title: 'BÁO CÁO',
		subject: `Kết quả thực hiện ${DECISION_534} ${words30}`,
		periodLine: `(Số liệu ${periodSpan(countedWindow(figures.period, figures.asOf))})`,
		opening: `${openingCitation(planOn(input.plan, d.issuedOn), input.communeName)}, ${issuer} báo cáo kết quả thực hiện ${words30} như sau:`,
		sections: [
			narrative('deployment', 'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN', d.deployment),
			results,
			narrative('shortcomings', 'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', d.shortcomings),
			narrative('directions', 'IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', d.directions),
			narrative('proposals', 'V. ĐỀ XUẤT, KIẾN NGHỊ', d.proposals)
		],
		signature: { lines: signatureLines(d), name: d.signerName.trim() },
		recipients: { heading: 'Nơi nhận:', lines: recipientLines(d.recipients) },
		annex: isUnit
			? null
			: {
					heading: 'Phụ lục I',
					title: 'KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO ĐƠN VỊ',
					attached,
					tables: figures.units.map((u, i) =>
						figureTable(u, `${i + 1}. ${words.unit(u.unitCode)} (${u.unitCode})`, words, closed)
					)
				},
		scorecard: isUnit
			? null
			: {
					heading: 'Phụ lục II',
					title: 'TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU THEO ĐƠN VỊ',
					attached,
					lead: `Phục vụ đánh giá, xếp loại và thi đua, khen thưởng. Số liệu tính đến ngày ${textDate(figures.asOf)}. ${closed ? 'Chỉ tiêu đạt là chỉ tiêu đã đạt' : 'Chỉ tiêu đạt gồm chỉ tiêu đã đạt hoặc đúng tiến độ'}; chỉ tính các chỉ tiêu đã có số liệu.`,
					table: scorecardTable(figures, words, closed, level),
					rule: 'Xếp hạng theo tỷ lệ chỉ tiêu đạt trên số chỉ tiêu có số liệu; bằng nhau thì đơn vị đạt nhiều chỉ tiêu hơn xếp trên; vẫn bằng nhau thì đồng hạng.'
				}
	};
}
