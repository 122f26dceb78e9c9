/** One sentence per target that is missed or at risk, in the words of an administrative report. */
import { REDUCTION_CODES, type Finding } from './findings';
import { viNumber, viOneDecimal } from './words';

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

const projectedWords = (n: number): string => (Number.isInteger(n) ? String(n) : viOneDecimal(n));

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
		if (status === 'at_risk')
			return `${name}: từ đầu năm đến nay đã ${verb} ${count} ${noun}; theo nhịp độ này cả năm dự kiến ${projectedWords(row.projected ?? count)} ${noun}, vượt mức tối đa ${cap} ${noun} để giảm ít nhất ${target}% so với năm trước; ${verdict}.`;
		const over = count - cap;
		const since = status === 'missed' ? 'cả năm' : 'từ đầu năm đến nay';
		return `${name}: ${since} đã ${verb} ${count} ${noun}, vượt mức tối đa ${cap} ${noun} là ${over} ${noun} (chỉ tiêu giảm ít nhất ${target}% so với năm trước); ${verdict}.`;
	}
	const gap = viOneDecimal(target - (row.value ?? 0));
	const value = `${viNumber(row.display)}%`;
	const fraction =
		row.numerator !== undefined && row.denominator !== undefined
			? ` (${row.numerator}/${row.denominator})`
			: '';
	const lead = status === 'at_risk' ? 'đến nay đạt' : 'đạt';
	return `${name} ${lead} ${value}${fraction}, thấp hơn chỉ tiêu (${targetPhrase(target)}) ${gap} điểm phần trăm; ${verdict}.`;
}

/** The task of section IV for a target that is missed or at risk. */
export function taskSentence(f: Finding, words: DocumentWords): string {
	const t = f.row.target ?? 0;
	switch (f.row.code) {
		case 'online_share':
			return `Tăng số hội nghị tổ chức theo hình thức trực tuyến, trực tiếp kết hợp trực tuyến, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
		case 'conference_reduction':
			return `Rà soát, cắt giảm hội nghị không cần thiết, lồng ghép nội dung các hội nghị; bảo đảm cả năm không vượt ${f.row.cap ?? 0} hội nghị.`;
		case 'document_reduction':
			return `Rà soát, cắt giảm văn bản hành chính không cần thiết; bảo đảm cả năm không vượt ${f.row.cap ?? 0} văn bản hành chính.`;
		case 'electronic_share':
			return `Gửi văn bản không thuộc danh mục bí mật nhà nước trên môi trường điện tử, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
		case 'incoming_electronic_share':
			return `Tiếp nhận, xử lý văn bản đến trên môi trường số, bảo đảm tỷ lệ ${targetPhrase(t)}.`;
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
