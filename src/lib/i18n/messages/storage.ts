/**
 * A write to the device that failed (storage full, IndexedDB error): what the forms and delete
 * buttons say. And what a reload into a new version does to unsaved input (the update prompt asks
 * first; a form's screen is never a first screen, so these load after the first paint), and why
 * the reload did not come (shown once the layout's update prompt has waited for these texts).
 */
const vi = {
	'save.failed.quota':
		'Chưa lưu được: máy đã hết dung lượng. Nội dung bạn nhập vẫn còn trên màn hình. Hãy đồng bộ, xóa bớt ảnh, tệp hoặc ứng dụng khác rồi bấm lưu lại.',
	'save.failed.other':
		'Chưa lưu được: máy không ghi được dữ liệu. Nội dung bạn nhập vẫn còn trên màn hình; hãy bấm lưu lại. Nếu vẫn lỗi, hãy chép lại nội dung rồi khởi động lại ứng dụng. (Mã lỗi để báo bộ phận kỹ thuật: {detail})',
	'save.failed.settings': 'Xem dung lượng đang dùng ở Cài đặt',
	'update.dirty': 'Bạn đang nhập dở một biểu mẫu. Bản nháp đã được lưu trên máy; tải lại ngay?',
	'update.switching': 'Đang chuyển sang phiên bản mới…',
	'update.slow':
		'Phiên bản mới đang chờ phiên bản cũ dừng hẳn; ứng dụng sẽ tự tải lại khi xong (có thể mất vài phút). Nếu không muốn chờ, hãy đóng hẳn ứng dụng (mọi thẻ, cửa sổ đang mở) rồi mở lại.',
	'delete.failed.quota':
		'Chưa xóa được: máy đã hết dung lượng, bản ghi vẫn còn trên máy. Hãy đồng bộ, xóa bớt ảnh, tệp hoặc ứng dụng khác rồi bấm xóa lại.',
	'delete.failed.other':
		'Chưa xóa được: máy không ghi được dữ liệu, bản ghi vẫn còn trên máy. Hãy bấm xóa lại. Nếu vẫn lỗi, hãy khởi động lại ứng dụng. (Mã lỗi để báo bộ phận kỹ thuật: {detail})',
	'run.failed.quota':
		'Chưa ghi được: máy đã hết dung lượng, cuộc họp vẫn như trước khi bấm. Hãy đồng bộ, xóa bớt ảnh, tệp hoặc ứng dụng khác rồi bấm lại.',
	'run.failed.other':
		'Chưa ghi được: máy không ghi được dữ liệu, cuộc họp vẫn như trước khi bấm. Hãy bấm lại. Nếu vẫn lỗi, hãy khởi động lại ứng dụng. (Mã lỗi để báo bộ phận kỹ thuật: {detail})'
} as const;

const en: Record<keyof typeof vi, string> = {
	'save.failed.quota':
		'Not saved: this device is out of storage. What you typed is still on screen. Sync, remove some photos, files or other apps, then save again.',
	'save.failed.other':
		'Not saved: the device could not write the data. What you typed is still on screen; save again. If it fails again, copy your text and restart the app. (Error code for technical support: {detail})',
	'save.failed.settings': 'See the storage in use in Settings',
	'update.dirty': 'You have an unsaved form. Its draft is kept on this device; reload now?',
	'update.switching': 'Switching to the new version…',
	'update.slow':
		'The new version is waiting for the old one to stop; the app will reload by itself when it has (this can take a few minutes). If you do not want to wait, close the app completely (every tab and window of it) and open it again.',
	'delete.failed.quota':
		'Not deleted: this device is out of storage, and the record is still on it. Sync, remove some photos, files or other apps, then delete again.',
	'delete.failed.other':
		'Not deleted: the device could not write the data, and the record is still on it. Delete again. If it fails again, restart the app. (Error code for technical support: {detail})',
	'run.failed.quota':
		'Not recorded: this device is out of storage; the meeting is as it was before you pressed. Sync, remove some photos, files or other apps, then press again.',
	'run.failed.other':
		'Not recorded: the device could not write the data; the meeting is as it was before you pressed. Press again. If it fails again, restart the app. (Error code for technical support: {detail})'
};

export default { vi, en };
