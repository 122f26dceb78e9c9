/**
 * The reminder about meetings still "Dự kiến" whose day is past (components/meetings/
 * OverduePlanned.svelte, on /meetings and /dashboard): loaded by that component itself, after
 * the first paint, never with the first screen's texts. Vietnamese first; English typed against it.
 */
const vi = {
	'overdue.notice':
		'Có {n} cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến”. Đề nghị cập nhật thành “Đã tổ chức” hoặc “Đã hủy” để số liệu báo cáo được chính xác.',
	'overdue.show': 'Xem các cuộc họp này',
	'overdue.active':
		'Đang xem {n} cuộc họp đã qua ngày họp nhưng vẫn ở trạng thái “Dự kiến”. Mở từng cuộc họp để cập nhật trạng thái.',
	'overdue.none': 'Không còn cuộc họp nào đã qua ngày họp mà vẫn ở trạng thái “Dự kiến”.',
	'overdue.clear': 'Xem tất cả cuộc họp'
};

const en: Record<keyof typeof vi, string> = {
	'overdue.notice':
		'Meetings whose date has passed but are still “Planned”: {n}. Please mark them “Held” or “Cancelled” so the report figures are right.',
	'overdue.show': 'Show these meetings',
	'overdue.active':
		'Showing the meetings whose date has passed but are still “Planned”: {n}. Open each one to update its status.',
	'overdue.none': 'No meeting whose date has passed is still “Planned”.',
	'overdue.clear': 'Show all meetings'
};

export default { vi, en };
