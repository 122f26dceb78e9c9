/**
 * The sync panel's list of changes the server refused (components/RejectedChanges.svelte): loaded
 * with every other screen's texts after the first paint, not with the first screen's. Vietnamese
 * first; English typed against it.
 */
const vi = {
	'sync.rejectedTitle': 'Bản ghi bị máy chủ từ chối ({n})',
	'sync.rejectedHelp':
		'Các bản ghi này vẫn còn trên máy; các thay đổi khác vẫn được gửi bình thường.',
	'sync.rejectedHelp.fix': 'Dữ liệu chưa đúng: sửa theo lý do bên dưới rồi bấm “Gửi lại”.',
	'sync.rejectedHelp.conflict':
		'Xung đột: bản trên máy chủ đã được người khác sửa, nên thay đổi của bạn không ghi được. Hãy xem lại số liệu: bấm “Bỏ thay đổi của tôi” để lấy bản trên máy chủ về, rồi nhập lại nếu vẫn cần.',
	'sync.rejectedHelp.access':
		'Lý do về quyền của tài khoản hoặc đơn vị (đã lưu trữ, không có trên máy chủ) không sửa được trên máy. Nhờ quản trị xã kiểm tra rồi bấm “Gửi lại”, hoặc bấm “Bỏ thay đổi của tôi” để lấy lại bản trên máy chủ.',
	'sync.rejectedHelp.gone':
		'Bản ghi không còn trên máy hoặc mã không khớp: bấm “Bỏ thay đổi của tôi” để lấy lại bản trên máy chủ.',
	'sync.reject.invalid': 'Dữ liệu không hợp lệ',
	'sync.reject.id_mismatch': 'Mã bản ghi không khớp',
	'sync.reject.forbidden': 'Tài khoản của bạn không được ghi bản ghi này (khác đơn vị hoặc quyền)',
	'sync.reject.unknown_unit': 'Đơn vị không có trên máy chủ',
	'sync.reject.locked': 'Đơn vị đã lưu trữ (chỉ đọc)',
	'sync.reject.clock_skew': 'Đồng hồ máy bị lệch; chỉnh lại giờ rồi gửi lại',
	'sync.reject.conflict': 'Xung đột với bản trên máy chủ',
	'sync.reject.missing': 'Bản ghi không còn trên máy',
	'sync.reject.too_large':
		'Bản ghi quá lớn để gửi lên máy chủ; đề nghị rút gọn nội dung (chương trình, ghi chú, trích yếu) rồi lưu lại để gửi lại',
	'sync.entity.meeting': 'Cuộc họp',
	'sync.entity.document': 'Văn bản',
	'sync.entity.procedure': 'Thủ tục',
	'sync.entity.incoming': 'Văn bản đến',
	'sync.entity.plan': 'Kế hoạch',
	'sync.entity.unit': 'Đơn vị',
	'sync.entity.settings': 'Cài đặt',
	'sync.entity.report': 'Báo cáo',
	'sync.reject.forbiddenRole': 'Tài khoản {role} không được ghi bản ghi này',
	'sync.label.report': 'Báo cáo {period} {year} của {scope}',
	'sync.label.period.annual': 'năm',
	'sync.label.period.6month': '6 tháng năm',
	'sync.label.period.9month': '9 tháng năm',
	'sync.label.commune': 'toàn xã',
	'sync.label.month': '{entity} tháng {month}/{year} của {unit}',
	'sync.label.year': '{entity} năm {year} của {unit}',
	'sync.label.settings': 'Cài đặt chung của xã',
	'sync.label.unknown': '{entity} (không rõ tên)',
	'sync.discard': 'Bỏ thay đổi của tôi',
	'sync.discardConfirm':
		'Bỏ thay đổi của bạn ở bản ghi này? Bản ghi trở về như trên máy chủ (tải về khi có mạng); bản ghi chưa từng được gửi lên máy chủ sẽ bị xóa khỏi máy. Thay đổi đã bỏ không lấy lại được.',
	'sync.discardYes': 'Bỏ thay đổi',
	'sync.discardNo': 'Giữ lại',
	'sync.technical': 'Chi tiết kỹ thuật'
};

const en: Record<keyof typeof vi, string> = {
	'sync.rejectedTitle': 'Records rejected by the server ({n})',
	'sync.rejectedHelp': 'These records are still on this device; other changes are still sent.',
	'sync.rejectedHelp.fix':
		'Data not right: fix it as the reason says, then press “Resend rejected changes”.',
	'sync.rejectedHelp.conflict':
		'Conflict: someone else changed the server’s version, so your change could not be written. Re-check the figures: press “Discard my change” to take the server’s version back, then enter it again if still needed.',
	'sync.rejectedHelp.access':
		'A reason about the account’s rights or the unit (archived, missing on the server) cannot be fixed on this device. Ask the commune admin to check, then press “Resend rejected changes”, or press “Discard my change” to take the server’s version back.',
	'sync.rejectedHelp.gone':
		'The record is no longer on this device or its id does not match: press “Discard my change” to take the server’s version back.',
	'sync.reject.invalid': 'Invalid data',
	'sync.reject.id_mismatch': 'Record id mismatch',
	'sync.reject.forbidden': 'Your account may not write this record (other unit or role)',
	'sync.reject.unknown_unit': 'Unit does not exist on the server',
	'sync.reject.locked': 'Unit is archived (read-only)',
	'sync.reject.clock_skew': 'Device clock is wrong; fix it and resend',
	'sync.reject.conflict': 'Conflicts with the server’s version',
	'sync.reject.missing': 'Record no longer on this device',
	'sync.reject.too_large':
		'Record too large to send; shorten its content (agenda, notes, summary) and save it to resend',
	'sync.entity.meeting': 'Meeting',
	'sync.entity.document': 'Document',
	'sync.entity.procedure': 'Procedure',
	'sync.entity.incoming': 'Incoming documents',
	'sync.entity.plan': 'Plan',
	'sync.entity.unit': 'Unit',
	'sync.entity.settings': 'Settings',
	'sync.entity.report': 'Report',
	'sync.reject.forbiddenRole': 'A {role} account may not write this record',
	'sync.label.report': '{period} report {year}, {scope}',
	'sync.label.period.annual': 'Annual',
	'sync.label.period.6month': '6-month',
	'sync.label.period.9month': '9-month',
	'sync.label.commune': 'whole commune',
	'sync.label.month': '{entity}, {month}/{year}, {unit}',
	'sync.label.year': '{entity} {year}, {unit}',
	'sync.label.settings': 'Commune settings',
	'sync.label.unknown': '{entity} (name unknown)',
	'sync.discard': 'Discard my change',
	'sync.discardConfirm':
		'Discard your change to this record? It returns to the server’s version (downloaded when online); a record never sent to the server is removed from this device. The discarded change cannot be recovered.',
	'sync.discardYes': 'Discard',
	'sync.discardNo': 'Keep',
	'sync.technical': 'Technical details'
};

export default { vi, en };
