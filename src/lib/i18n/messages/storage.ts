/**
 * A write to the device that failed (storage full, IndexedDB error): what the forms say. And what a
 * reload into a new version does to unsaved input (the update prompt asks first; a form's screen is
 * never a first screen, so these load after the first paint).
 */
const vi = {
	'save.failed.quota':
		'Chưa lưu được: máy đã hết dung lượng. Nội dung bạn nhập vẫn còn trên màn hình. Hãy đồng bộ, xóa bớt ảnh, tệp hoặc ứng dụng khác rồi bấm lưu lại.',
	'save.failed.other':
		'Chưa lưu được: máy không ghi được dữ liệu ({detail}). Nội dung bạn nhập vẫn còn trên màn hình; hãy bấm lưu lại. Nếu vẫn lỗi, hãy chép lại nội dung rồi khởi động lại ứng dụng.',
	'save.failed.settings': 'Xem dung lượng đang dùng ở Cài đặt',
	'update.dirty': 'Bạn đang nhập dở một biểu mẫu. Bản nháp đã được lưu trên máy; tải lại ngay?',
	'update.dirtyLost':
		'Bạn đang nhập dở một biểu mẫu chưa lưu. Tải lại sẽ mất những gì vừa nhập; tải lại ngay?'
} as const;

const en: Record<keyof typeof vi, string> = {
	'save.failed.quota':
		'Not saved: this device is out of storage. What you typed is still on screen. Sync, remove some photos, files or other apps, then save again.',
	'save.failed.other':
		'Not saved: the device could not write the data ({detail}). What you typed is still on screen; save again. If it fails again, copy your text and restart the app.',
	'save.failed.settings': 'See the storage in use in Settings',
	'update.dirty': 'You have an unsaved form. Its draft is kept on this device; reload now?',
	'update.dirtyLost': 'You have an unsaved form. Reloading loses what you typed; reload now?'
};

export default { vi, en };
