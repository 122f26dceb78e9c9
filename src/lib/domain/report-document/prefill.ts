/**
 * The first draft of the narrative sections (I, III, IV, V), written from the figures; the drafter
 * edits it. Paragraphs are separated by a newline.
 */
import { anyAssessed, findingsOf, unitStandings, type FigureScope } from './findings';
import { shortcomingSentence, taskSentence, type DocumentWords } from './sentences';
import type { NarrativeSection } from './schema';
import {
	communeLevel,
	countedWindow,
	DECISION_534_SHORT,
	endsEarly,
	periodSpan,
	planReference,
	yearClosed,
	type CommunePlan,
	type ReportPeriodKind
} from './words';
import type { Period } from '../periods';

export interface PrefillInput {
	/** null: the commune's report. */
	unitCode: string | null;
	periodKind: ReportPeriodKind;
	period: Pick<Period, 'start' | 'end'>;
	/** The date the figures run to: the text states the window counted, not the whole period. */
	asOf: string;
	/** The scope's own figures (the commune's, or the unit's). */
	own: FigureScope;
	/** Every unit's figures (the commune's report names the units off track). */
	units: readonly FigureScope[];
	words: DocumentWords;
	/** The commune's implementation plan (settings) the text cites; absent: not entered. */
	plan?: CommunePlan | null;
	/** The commune's name (settings), beside the plan's citation. */
	communeName?: string;
}

const upperFirst = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

const countOf = (s: FigureScope, code: string): number | undefined => {
	const row = s.indicators.find((i) => i.code === code);
	return row?.value === null || row === undefined ? undefined : (row.count ?? row.value);
};

/** 'UBND xã', 'UBND phường', 'UBND đặc khu': as the commune's name says (province review r20, 1). */
const ubnd = (p: PrefillInput): string => `UBND ${communeLevel(p.communeName)}`;

function deployment(p: PrefillInput): string {
	const who = p.unitCode === null ? ubnd(p) : p.words.unit(p.unitCode);
	const ref = planReference(p.plan);
	// The opening cites the plan and the Decision in full: section I refers back to them, never
	// cites them again (clerk review r11 #7).
	const lines = [
		p.unitCode === null
			? `${ubnd(p)} đã ban hành ${ref === '' ? `Kế hoạch triển khai thực hiện ${DECISION_534_SHORT}` : `Kế hoạch ${ref}`} (nêu trên); tổ chức quán triệt, phân công nhiệm vụ cho các cơ quan, đơn vị và các thôn; chỉ đạo cập nhật đầy đủ số liệu hội nghị, văn bản, thủ tục hành chính để theo dõi, đánh giá.`
			: `${who} đã quán triệt ${ref === '' ? `Kế hoạch của ${ubnd(p)}` : `Kế hoạch ${ref} của ${ubnd(p)}`} (nêu trên), phân công nhiệm vụ đến cán bộ, công chức và người lao động; cập nhật số liệu hội nghị, văn bản, thủ tục hành chính để theo dõi, đánh giá.`
	];
	const held = countOf(p.own, 'conferences_held') ?? 0;
	const online = p.own.indicators.find((i) => i.code === 'online_share')?.numerator;
	const attended = countOf(p.own, 'conferences_attended');
	// A report made before its period closed counts only up to asOf: say those dates, not the period's.
	const when = endsEarly(p.period, p.asOf)
		? `${upperFirst(periodSpan(countedWindow(p.period, p.asOf)))} (kỳ báo cáo chưa kết thúc)`
		: `Trong kỳ báo cáo (${periodSpan(p.period)})`;
	const subject = p.unitCode === null ? 'các cơ quan, đơn vị' : who;
	// None held reads "chưa chủ trì tổ chức hội nghị nào", not "0 hội nghị" (clerk review r19). The
	// line's shape then differs from a line with a count, as it already did by the online clause, so
	// a draft's stale notice names no "0 → N" move for it (figureMoves matches lines by shape).
	let figures =
		held === 0
			? `${when}, ${subject} chưa chủ trì tổ chức hội nghị nào`
			: `${when}, ${subject} đã chủ trì tổ chức ${held} hội nghị`;
	if (held > 0 && online !== undefined)
		figures += `, trong đó ${online} hội nghị tổ chức theo hình thức trực tuyến hoặc trực tiếp kết hợp trực tuyến`;
	if (attended !== undefined && attended > 0)
		figures += `; tham dự ${attended} hội nghị do cơ quan khác tổ chức`;
	lines.push(`${figures}.`);
	return lines.join('\n');
}

function offTrackUnits(p: PrefillInput): { off: string[]; noData: string[] } {
	if (p.unitCode !== null) return { off: [], noData: [] };
	const standings = unitStandings(p.units);
	return {
		off: standings
			.filter((s) => s.shortfalls > 0)
			.map((s) => `${p.words.unit(s.unitCode)} (${s.shortfalls} chỉ tiêu)`),
		noData: standings.filter((s) => s.noData).map((s) => p.words.unit(s.unitCode))
	};
}

/** The year is over (an annual report as of its end or later): no risk, pace or projection. */
const closed = (p: PrefillInput): boolean => yearClosed(p.periodKind, p);

function shortcomings(p: PrefillInput): string {
	const findings = findingsOf(p.own);
	const { off, noData } = offTrackUnits(p);
	const lines: string[] = [];
	if (findings.length === 0 && off.length === 0)
		lines.push(
			!anyAssessed(p.own)
				? // Never "everything is achieved" when nothing has data (clerk review r11 #8).
					'Chưa có số liệu để đánh giá kết quả thực hiện các chỉ tiêu.'
				: closed(p)
					? 'Các chỉ tiêu có số liệu đều đạt; chưa phát sinh tồn tại, hạn chế đáng kể.'
					: 'Các chỉ tiêu có số liệu đều đạt hoặc đúng tiến độ; chưa phát sinh tồn tại, hạn chế đáng kể.'
		);
	else {
		lines.push('Bên cạnh kết quả đạt được, việc thực hiện còn một số tồn tại, hạn chế:');
		// The shortcoming itself, not section II's sentence again (its figure against the target).
		for (const f of findings) lines.push(`- ${shortcomingSentence(f, p.words)}`);
		if (off.length > 0)
			lines.push(
				`- Các đơn vị chưa đạt${closed(p) ? '' : ' hoặc có nguy cơ không đạt'} chỉ tiêu: ${off.join(', ')}.`
			);
	}
	if (noData.length > 0) lines.push(`- Các đơn vị chưa cập nhật số liệu: ${noData.join(', ')}.`);
	if (findings.length > 0 || off.length > 0) lines.push('Nguyên nhân: ……');
	return lines.join('\n');
}

function directions(p: PrefillInput): string {
	const who = p.unitCode === null ? ubnd(p) : p.words.unit(p.unitCode);
	// Cited in full in the opening: here by number only (clerk review r11 #7).
	const number = p.plan?.number.trim() ?? '';
	const plan = number === '' ? `Kế hoạch của ${ubnd(p)}` : `Kế hoạch số ${number} của ${ubnd(p)}`;
	const lines = [
		`Trong thời gian tới, ${who} tập trung thực hiện các nhiệm vụ sau:`,
		`- Tiếp tục quán triệt, triển khai nghiêm túc ${DECISION_534_SHORT} và ${plan}.`
	];
	for (const f of findingsOf(p.own)) lines.push(`- ${taskSentence(f, p.words)}`);
	const { off } = offTrackUnits(p);
	if (off.length > 0)
		lines.push(
			`- Yêu cầu các đơn vị chưa đạt${closed(p) ? '' : ' hoặc có nguy cơ không đạt'} chỉ tiêu rà soát nguyên nhân, có giải pháp khắc phục.`
		);
	lines.push('- Cập nhật đầy đủ, kịp thời số liệu để theo dõi, đánh giá kết quả thực hiện.');
	return lines.join('\n');
}

function proposals(p: PrefillInput): string {
	return p.unitCode === null
		? 'Đề nghị Sở Nội vụ tỉnh tiếp tục hướng dẫn, tập huấn về tổ chức hội nghị trực tuyến, xử lý văn bản trên môi trường điện tử; quan tâm hỗ trợ hạ tầng kỹ thuật, đường truyền cho điểm cầu cấp xã.'
		: `Đề nghị ${ubnd(p)} quan tâm, tạo điều kiện về trang thiết bị, đường truyền để đơn vị tổ chức hội nghị trực tuyến, xử lý văn bản trên môi trường điện tử.`;
}

/** The four narrative sections, drafted from the figures. */
export function prefillNarrative(p: PrefillInput): Record<NarrativeSection, string> {
	return {
		deployment: deployment(p),
		shortcomings: shortcomings(p),
		directions: directions(p),
		proposals: proposals(p)
	};
}
