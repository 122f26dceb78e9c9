/**
 * Meetings whose day is past but still "Dự kiến" or "Đang diễn ra" (domain/meeting-overdue.ts):
 * the reminder (components/meetings/OverduePlanned.svelte, on /meetings, /dashboard and /reports),
 * loaded by that component itself after the first paint, never with the first screen's texts; and
 * the meeting's screen (a planned sitting, the one-step update: OverdueUpdate.svelte).
 * Vietnamese first; English typed against it.
 */
const vi = {
	'overdue.notice':
		'Có {n} cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”. Đề nghị cập nhật thành “Đã tổ chức” hoặc “Đã hủy” để số liệu báo cáo được chính xác.',
	'overdue.report':
		'Trong kỳ báo cáo còn {n} cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”; số liệu báo cáo chưa tính các cuộc họp này.',
	'overdue.short':
		'Có {n} cuộc họp đã qua ngày họp chưa cập nhật trạng thái, chưa được tính vào số liệu.',
	'overdue.show': 'Xem các cuộc họp này',
	'overdue.active':
		'Đang xem {n} cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”. Mở từng cuộc họp để cập nhật trạng thái.',
	'overdue.none':
		'Không còn cuộc họp nào đã qua ngày họp mà vẫn ở trạng thái “Dự kiến” hoặc “Đang diễn ra”.',
	'overdue.clear': 'Xem tất cả cuộc họp',
	'overdue.plannedStart': 'Dự kiến bắt đầu {d}',
	'overdue.pastPlanned':
		'Cuộc họp này đã qua ngày họp ({d}) nhưng vẫn ở trạng thái “Dự kiến”, nên chưa được tính vào số liệu báo cáo. Hãy cập nhật trạng thái.',
	'overdue.unended':
		'Cuộc họp bắt đầu từ {d} nhưng chưa kết thúc, nên chưa được tính vào số liệu báo cáo. Nếu cuộc họp đã xong, bấm “Nhập giờ kết thúc” và nhập giờ kết thúc thực tế của từng phiên.',
	'overdue.heading': 'Cập nhật trạng thái',
	'overdue.markHeld': 'Đã tổ chức — nhập giờ kết thúc',
	'overdue.markCancelled': 'Đã hủy',
	'overdue.enterEnds': 'Nhập giờ kết thúc',
	'overdue.endsLegend': 'Giờ kết thúc thực tế của từng phiên',
	'overdue.sittingEnd': 'Phiên {n} ({d}, bắt đầu {start}): giờ kết thúc',
	'overdue.savedHeld': 'Đã lưu: cuộc họp chuyển sang “Đã tổ chức”.',
	'overdue.savedCancelled': 'Đã lưu: cuộc họp chuyển sang “Đã hủy”.'
};

const en: Record<keyof typeof vi, string> = {
	'overdue.notice':
		'Meetings whose date has passed but are still “Planned” or “In progress”: {n}. Please mark them “Held” or “Cancelled” so the report figures are right.',
	'overdue.report':
		'Meetings of this period whose date has passed but are still “Planned” or “In progress”: {n}; the report’s figures do not count them.',
	'overdue.short':
		'Meetings past their date whose status was not updated, not counted in the figures: {n}.',
	'overdue.show': 'Show these meetings',
	'overdue.active':
		'Showing the meetings whose date has passed but are still “Planned” or “In progress”: {n}. Open each one to update its status.',
	'overdue.none': 'No meeting whose date has passed is still “Planned” or “In progress”.',
	'overdue.clear': 'Show all meetings',
	'overdue.plannedStart': 'Planned to start {d}',
	'overdue.pastPlanned':
		'This meeting’s date ({d}) has passed but it is still “Planned”, so the report figures do not count it. Please update its status.',
	'overdue.unended':
		'This meeting began on {d} and was never ended, so the report figures do not count it. If it is over, press “Enter the end times” and enter the real end time of each sitting.',
	'overdue.heading': 'Update the status',
	'overdue.markHeld': 'Held — enter the end times',
	'overdue.markCancelled': 'Cancelled',
	'overdue.enterEnds': 'Enter the end times',
	'overdue.endsLegend': 'Real end time of each sitting',
	'overdue.sittingEnd': 'Sitting {n} ({d}, started {start}): end time',
	'overdue.savedHeld': 'Saved: the meeting is now “Held”.',
	'overdue.savedCancelled': 'Saved: the meeting is now “Cancelled”.'
};

export default { vi, en };
