/** A user's edit that lost a field to a newer edit on another device (the record's screen). */
const vi = {
	'record.updatedAt': 'Cập nhật lần cuối',
	'record.sent': 'Đã gửi lên máy chủ',
	'record.pending': 'Chưa gửi lên máy chủ',
	'record.rejected': 'Bị máy chủ từ chối (xem Trạng thái đồng bộ)',
	'record.localOnly': 'Chỉ lưu trên máy này (chưa đăng nhập)',
	'lost.heading': 'Có thông tin bạn sửa không được giữ lại',
	'lost.intro':
		'Sau khi bạn sửa, các thông tin dưới đây đã được sửa tiếp bởi người khác hoặc trên máy khác; hệ thống giữ lần sửa sau cùng.',
	'lost.byUser': 'Thông tin “{field}” đã được {who} sửa lúc {at}; giá trị bạn nhập: {value}.',
	'lost.byOther':
		'Thông tin “{field}” đã được sửa trên máy khác lúc {at}; giá trị bạn nhập: {value}.',
	'lost.reapply': 'Áp dụng lại giá trị của tôi',
	'lost.dismiss': 'Bỏ qua',
	'lost.reapplied': 'Đã áp dụng lại giá trị của bạn; thay đổi sẽ được đồng bộ lên máy chủ.',
	'lost.dismissed': 'Đã bỏ qua; giữ thông tin hiện có.',
	'lost.failed': 'Không áp dụng lại được: {reason}',
	'lost.empty': '(để trống)',
	'lost.items': '{n} nội dung'
};

const en: Record<keyof typeof vi, string> = {
	'record.updatedAt': 'Last updated',
	'record.sent': 'Sent to the server',
	'record.pending': 'Not yet sent to the server',
	'record.rejected': 'Rejected by the server (see Sync status)',
	'record.localOnly': 'Kept on this device only (not signed in)',
	'lost.heading': 'A change of yours was not kept',
	'lost.intro':
		'After your edit, the information below was changed on another device; the latest edit is kept.',
	'lost.byUser': '“{field}” was changed by {who} at {at}; the value you entered: {value}.',
	'lost.byOther':
		'“{field}” was changed on another device at {at}; the value you entered: {value}.',
	'lost.reapply': 'Re-apply my value',
	'lost.dismiss': 'Dismiss',
	'lost.reapplied': 'Your value is applied again; the change will sync to the server.',
	'lost.dismissed': 'Dismissed; the current information is kept.',
	'lost.failed': 'Could not re-apply: {reason}',
	'lost.empty': '(empty)',
	'lost.items': '{n} items'
};

export default { vi, en };
