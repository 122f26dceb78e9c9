/**
 * Vietnamese text for the message keys of ../domain/schemas.ts and for zod's own issue codes, and
 * the shape of a rejection reason: it names the column and the bad value.
 */
import {
	DOCUMENT_KINDS,
	MEETING_CATEGORIES,
	MEETING_FORMATS,
	MEETING_ROLES,
	MEETING_STATUSES
} from '../domain/codes';

const oneOf = (values: readonly string[]): string => `cần một trong: ${values.join(', ')}`;

export const MESSAGES: Record<string, string> = {
	'err.id': 'mã (id) phải dài từ 1 đến 64 ký tự',
	'err.date': 'ngày không hợp lệ',
	'err.month': 'tháng không hợp lệ (cần YYYY-MM)',
	'err.unitCode': 'mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số, "_" hoặc "-" (tối đa 20 ký tự)',
	'err.number': 'phải là số',
	'err.integer': 'phải là số nguyên',
	'err.nonNegative': 'không được âm',
	'err.required': 'không được để trống',
	'err.tooLong': 'quá dài',
	'err.unitKind': 'loại đơn vị không hợp lệ (cần department hoặc hamlet)',
	'err.category': `loại cuộc họp không hợp lệ (${oneOf(MEETING_CATEGORIES)})`,
	'err.format': `hình thức họp không hợp lệ (${oneOf(MEETING_FORMATS)})`,
	'err.role': `vai trò của đơn vị không hợp lệ (${oneOf(MEETING_ROLES)}; để trống là chu_tri)`,
	'err.status': `trạng thái không hợp lệ (${oneOf(MEETING_STATUSES)})`,
	'err.documentKind': `loại văn bản không hợp lệ (${oneOf(DOCUMENT_KINDS)})`,
	'err.endBeforeStart': 'thời điểm kết thúc phải sau thời điểm bắt đầu',
	'err.sittingsRequired': 'cuộc họp cần ít nhất một phiên',
	'err.sittingOverlap': 'phiên họp chồng lên phiên trước (hoặc phiên trước chưa kết thúc)',
	'err.heldNeedsEnd':
		'cuộc họp "held" (đã họp) thì mọi phiên phải có thời điểm kết thúc (cột "end")',
	'err.digitalAboveTotal':
		'số hồ sơ xử lý trên môi trường điện tử lớn hơn tổng số hồ sơ (cột "total")',
	'err.digitizedAboveTotal': 'số hồ sơ được số hóa lớn hơn tổng số hồ sơ (cột "total")',
	'err.electronicAboveReceived':
		'số văn bản đến xử lý trên môi trường điện tử lớn hơn số văn bản đến (cột "received")',
	'err.secretElectronic':
		'văn bản mật (cột "secret") không được gửi qua mạng: không thể vừa mật vừa gửi điện tử',
	'err.tooLarge': 'số quá lớn',
	'err.instantRange': 'thời điểm phải trong khoảng từ 01/01/2000 đến trước 01/01/2100',
	'err.dateRange': 'ngày phải trong khoảng từ năm 2000 đến năm 2099',
	'err.dateMismatch': 'ngày họp không khớp với ngày của phiên họp đầu tiên',
	'err.tooManySittings': 'một cuộc họp có tối đa 31 phiên',
	'err.tooManyItems': 'chương trình họp có tối đa 100 nội dung',
	'err.tooManySpans': 'một nội dung được chuyển sang tối đa 100 lần',
	'err.recordTooLarge': 'bản ghi quá lớn (tối đa 64 KB)',
	// Not a plans.csv column; a backup's plan can carry it.
	'err.baselineMonths': 'số tháng hoạt động năm trước phải từ 1 đến 12'
};

/** The parts of a zod issue used here (structural, so zod's types stay out of the API). */
export interface IssueLike {
	code: string;
	message: string;
	path: readonly PropertyKey[];
	minimum?: unknown;
	maximum?: unknown;
}

/** Vietnamese text of one issue: the message table, else zod's issue code. */
export function issueText(issue: IssueLike): string {
	const known = MESSAGES[issue.message];
	if (known) return known;
	switch (issue.code) {
		case 'too_small':
			return issue.minimum === undefined ? 'giá trị quá nhỏ' : `nhỏ hơn ${String(issue.minimum)}`;
		case 'too_big':
			return issue.maximum === undefined ? 'giá trị quá lớn' : `lớn hơn ${String(issue.maximum)}`;
		case 'invalid_type':
			return 'sai kiểu dữ liệu';
		case 'invalid_value':
			return 'giá trị không được phép';
		default:
			return 'giá trị không hợp lệ';
	}
}

const shown = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** `Cột "x" = "v": text`, or `Cột "x" (trống): text` for an empty cell. */
export function cellReason(column: string, value: string, text: string): string {
	return value.trim() === ''
		? `Cột "${column}" (trống): ${text}`
		: `Cột "${column}" = "${shown(value)}": ${text}`;
}

export interface CellRef {
	column: string;
	value: string;
	/** Appended after the reason, e.g. ' (dòng 12)'. */
	suffix?: string;
}

/** Reasons of all issues, each naming its column and value when `locate` finds the cell. */
export function issueReasons(
	issues: readonly IssueLike[],
	locate: (path: readonly PropertyKey[]) => CellRef | null
): string[] {
	const out: string[] = [];
	for (const issue of issues) {
		const ref = locate(issue.path);
		const text = issueText(issue);
		const reason = ref ? cellReason(ref.column, ref.value, text) + (ref.suffix ?? '') : text;
		if (!out.includes(reason)) out.push(reason);
	}
	return out;
}
