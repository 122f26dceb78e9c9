/** One sentence per target that is missed or at risk, in the words of an administrative report. */
import { fullTargetMisses, honestPercent } from '../progress/honest-percent';
import { REDUCTION_CODES, type Finding, type FigureRow } from './findings';
import { projectedCount } from '../progress/projected-count';
import { viInteger, viNumber } from './words';

/** Names the document needs from the UI's Vietnamese texts (indicator names, status words). */
export interface DocumentWords {
	indicator: (code: string) => string;
	status: (status: string | null) => string;
	/** A unit's name from its code. */
	unit: (code: string) => string;
}

const NOUN: Record<string, { verb: string; noun: string }> = {
	conference_reduction: { verb: 'tổ chức', noun: 'hội nghị' },
	document_reduction: { verb: 'ban hành', noun: 'văn bản hành chính' }
};

/** "từ 60% trở lên", or "100%" for a target that must be met in full. */
export const targetPhrase = (target: number): string =>
	target === 100 ? '100%' : `từ ${target}% trở lên`;

/**
 * A projected yearly count in words: a whole number ("624"), "trên 10" when the projection is over
 * a cap it rounds to (the status stays true; projected-count.ts).
 */
export function projectedWords(projected: number, cap?: number): string {
	const { n, over } = projectedCount(projected, cap);
	return over ? `trên ${viInteger(n)}` : viInteger(n);
}

/** Decimals of a machine decimal string ('94.97' -> 2). */
const decimalsOf = (s: string): number => {
	const dot = s.indexOf('.');
	return dot < 0 ? 0 : s.length - dot - 1;
};

/**
 * How far a ratio is under its target, in percentage points, as a machine string: the gap between
 * the target and the figure the document shows (`honestPercent`, the same in the table), at that
 * figure's precision, so the two add up to the target ('94.97' and '0.03' for 95%). The shown
 * figure comes from the exact fraction (rounded, or rounded down when one decimal would read as
 * reaching the target), and the gap is integer arithmetic on it: never '0.0' for a target not
 * reached. null when the figure is not under its target (nothing to say).
 */
export function gapPoints(row: FigureRow): string | null {
	if (row.target === null) return null;
	const shown = honestPercent(row);
	if (shown === '') return null;
	const digits = Math.max(1, decimalsOf(shown));
	const scale = 10 ** digits;
	const gap = Math.round(row.target * scale) - Math.round(Number(shown) * scale);
	if (gap <= 0) return null;
	return (gap / scale).toFixed(digits);
}

/**
 * What keeps a 100% target out of reach, in the words the dashboard uses (clerk review 6):
 * "1 hội nghị đã vượt thời lượng quy định", "3 văn bản chưa gửi điện tử".
 */
const FULL_MISS: Record<string, string> = {
	duration_compliance_share: 'hội nghị đã vượt thời lượng quy định',
	online_share: 'hội nghị không tổ chức trực tuyến',
	electronic_share: 'văn bản chưa gửi điện tử',
	incoming_electronic_share: 'văn bản đến chưa xử lý trên môi trường điện tử',
	digital_procedures_share: 'hồ sơ chưa xử lý trên môi trường điện tử',
	digitized_share: 'hồ sơ chưa được số hóa'
};

/** " (1 hội nghị đã vượt thời lượng quy định)" for a 100% target not reached; '' otherwise. */
function fullMissWords(row: FigureRow): string {
	const n = fullTargetMisses(row);
	const what = FULL_MISS[row.code];
	return n === null || what === undefined ? '' : ` (${viInteger(n)} ${what})`;
}

/** E.g. "Tỷ lệ hội nghị trực tuyến đạt 45,0%, thấp hơn chỉ tiêu (từ 60% trở lên) 15,0 điểm phần trăm; không đạt." */
export function findingSentence(f: Finding, words: DocumentWords): string {
	const { row, status } = f;
	const name = words.indicator(row.code);
	const target = row.target ?? 0;
	const verdict = words.status(status).toLocaleLowerCase('vi');
	if (REDUCTION_CODES.has(row.code)) {
		const { verb, noun } = NOUN[row.code] ?? { verb: 'thực hiện', noun: '' };
		const count = row.count ?? 0;
		const cap = row.cap ?? 0;
		if (status === 'at_risk') {
			const p = row.projected ?? count;
			const about = Number.isInteger(p) || projectedCount(p, cap).over ? '' : 'khoảng ';
			return `${name}: từ đầu năm đến nay đã ${verb} ${viInteger(count)} ${noun}; theo nhịp độ này cả năm dự kiến ${about}${projectedWords(p, cap)} ${noun}, vượt mức tối đa ${viInteger(cap)} ${noun} để giảm ít nhất ${target}% so với năm trước; ${verdict}.`;
		}
		const over = count - cap;
		const since = status === 'missed' ? 'cả năm' : 'từ đầu năm đến nay';
		// "vượt 6 văn bản so với mức tối đa 616 văn bản", not "văn bản hành chính" three times (clerk review 21).
		const short = row.code === 'document_reduction' ? 'văn bản' : noun;
		return `${name}: ${since} đã ${verb} ${viInteger(count)} ${noun}, vượt ${viInteger(over)} ${short} so với mức tối đa ${viInteger(cap)} ${short} (chỉ tiêu giảm ít nhất ${target}% so với năm trước); ${verdict}.`;
	}
	// The figure of the table (honestPercent), never a second rounding of the same ratio.
	const value = `${viNumber(honestPercent(row))}%`;
	const fraction =
		row.numerator !== undefined && row.denominator !== undefined
			? ` (${viInteger(row.numerator)}/${viInteger(row.denominator)})`
			: '';
	const lead = status === 'at_risk' ? 'đến nay đạt' : 'đạt';
	const gap = gapPoints(row);
	const under =
		gap === null
			? `chưa đạt chỉ tiêu (${targetPhrase(target)})`
			: `thấp hơn chỉ tiêu (${targetPhrase(target)}) ${viNumber(gap)} điểm phần trăm`;
	return `${name} ${lead} ${value}${fraction}, ${under}${fullMissWords(row)}; ${verdict}.`;
}

/**
 * Section III names the shortcoming itself, where section II gave the figure against its target
 * (the closing note: III repeated II word for word). Per ratio: what falls short, and the records
 * outside it ("6/10 hội nghị không tổ chức trực tuyến", denominator - numerator: a count the
 * figures hold, not a second percentage).
 */
const SHORTCOMING: Record<string, string> = {
	online_share:
		'Việc tổ chức hội nghị theo hình thức trực tuyến, trực tiếp kết hợp trực tuyến chưa nhiều',
	electronic_share: 'Việc gửi văn bản trên môi trường điện tử chưa đầy đủ',
	incoming_electronic_share:
		'Việc tiếp nhận, xử lý văn bản đến trên môi trường điện tử chưa đầy đủ',
	digital_procedures_share:
		'Việc giải quyết hồ sơ thủ tục hành chính trên môi trường điện tử chưa đạt yêu cầu',
	digitized_share: 'Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính chưa đạt yêu cầu',
	duration_compliance_share: 'Việc bảo đảm thời lượng hội nghị theo quy định chưa nghiêm'
};

/** A reduction's shortcoming: over its yearly cap already, or on course to be (at risk). */
const REDUCTION_SHORTCOMING: Record<
	string,
	{ over: string; pace: string; verb: string; noun: string }
> = {
	conference_reduction: {
		over: 'Số hội nghị chưa giảm được theo chỉ tiêu',
		pace: 'Số hội nghị tổ chức còn nhiều',
		verb: 'tổ chức',
		noun: 'hội nghị'
	},
	document_reduction: {
		over: 'Số văn bản hành chính ban hành chưa giảm được theo chỉ tiêu',
		pace: 'Số văn bản hành chính ban hành còn nhiều',
		verb: 'ban hành',
		noun: 'văn bản'
	}
};

/**
 * The shortcoming of section III for a target that is missed or at risk, e.g. "Việc tổ chức hội
 * nghị theo hình thức trực tuyến, trực tiếp kết hợp trực tuyến chưa nhiều: trong kỳ có 6/10 hội
 * nghị không tổ chức trực tuyến; không đạt chỉ tiêu (từ 60% trở lên)." Never the sentence of
 * section II.
 */
export function shortcomingSentence(f: Finding, words: DocumentWords): string {
	const { row, status } = f;
	const target = row.target ?? 0;
	const verdict = words.status(status).toLocaleLowerCase('vi');
	const reduction = REDUCTION_SHORTCOMING[row.code];
	if (reduction !== undefined) {
		const goal = `${verdict} chỉ tiêu (giảm ít nhất ${target}% so với năm trước)`;
		const cap = row.cap ?? 0;
		const over = (row.count ?? 0) - cap;
		// The count and the ceiling beside "vượt N" (clerk review r11, 7): the ceiling is the cap
		// of indicators.md, floor(B × (100 − T) / 100), the most the year may hold for the target.
		if (status !== 'at_risk') {
			if (over <= 0 || row.count === undefined || row.cap === undefined)
				return `${reduction.over}; ${goal}.`;
			const { verb, noun } = reduction;
			const held =
				status === 'missed'
					? `cả năm đã ${verb} ${viInteger(row.count)} ${noun}, vượt ${viInteger(over)} ${noun} so với mức tối đa ${viInteger(cap)} ${noun}`
					: `từ đầu năm đến nay đã ${verb} ${viInteger(row.count)} ${noun}, vượt ${viInteger(over)} ${noun} so với mức tối đa của cả năm là ${viInteger(cap)} ${noun}`;
			return `${reduction.over}: ${held}; ${goal}.`;
		}
		return `${reduction.pace}: theo nhịp độ đến nay, cả năm dự kiến vượt mức tối đa ${viInteger(cap)} ${reduction.noun}; ${goal}.`;
	}
	const lead = SHORTCOMING[row.code] ?? `Chỉ tiêu “${words.indicator(row.code)}” chưa bảo đảm`;
	const goal = `${verdict} chỉ tiêu (${targetPhrase(target)})`;
	const what = FULL_MISS[row.code];
	const outside =
		row.numerator !== undefined && row.denominator !== undefined
			? row.denominator - row.numerator
			: 0;
	if (what === undefined || outside <= 0) return `${lead}; ${goal}.`;
	const since = status === 'at_risk' ? 'đến nay có ' : 'trong kỳ có ';
	return `${lead}: ${since}${viInteger(outside)}/${viInteger(row.denominator ?? 0)} ${what}; ${goal}.`;
}

/** The task of section IV for a target that is missed or at risk. */
export function taskSentence(f: Finding, words: DocumentWords): string {
	const t = f.row.target ?? 0;
	switch (f.row.code) {
		case 'online_share':
			return `Tăng số hội nghị tổ chức theo hình thức trực tuyến, trực tiếp kết hợp trực tuyến, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
		case 'conference_reduction':
			return `Rà soát, cắt giảm hội nghị không cần thiết, lồng ghép nội dung các hội nghị; bảo đảm cả năm không vượt ${viInteger(f.row.cap ?? 0)} hội nghị.`;
		case 'document_reduction':
			return `Rà soát, cắt giảm văn bản hành chính không cần thiết; bảo đảm cả năm không vượt ${viInteger(f.row.cap ?? 0)} văn bản hành chính.`;
		case 'electronic_share':
			return `Gửi văn bản không thuộc danh mục bí mật nhà nước trên môi trường điện tử, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
		case 'incoming_electronic_share':
			return `Tiếp nhận, xử lý văn bản đến trên môi trường điện tử, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
		case 'digital_procedures_share':
			return `Đẩy mạnh giải quyết hồ sơ thủ tục hành chính trên môi trường điện tử, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
		case 'digitized_share':
			return `Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
		case 'duration_compliance_share':
			return 'Chuẩn bị kỹ nội dung, điều hành hội nghị chặt chẽ, bảo đảm không vượt thời lượng quy định.';
		default:
			return `Có giải pháp khắc phục chỉ tiêu “${words.indicator(f.row.code)}”.`;
	}
}
