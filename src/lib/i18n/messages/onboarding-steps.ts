/** The first-run flow's later steps (unit, notifications, install): FirstRunSteps.svelte. */
const vi = {
	'firstRun.unitOfAccount': 'Tài khoản của bạn thuộc {unit}; các biểu mẫu sẽ điền sẵn đơn vị này.',
	'firstRun.notifyLead':
		'Ứng dụng có thể báo cho bạn khi cuộc họp đang diễn ra sắp hết thời gian cho phép, kể cả khi màn hình đang tắt.',
	'firstRun.notifyAllow': 'Cho phép thông báo',
	'firstRun.later': 'Để sau',
	'firstRun.notifyDenied':
		'Thông báo chưa được bật; có thể bật trong phần cài đặt của trình duyệt.',
	'firstRun.installLead':
		'Cài ứng dụng để mở nhanh từ màn hình chính và dùng được khi không có mạng.',
	'firstRun.installButton': 'Cài ứng dụng',
	'firstRun.installed': 'Ứng dụng đã được cài trên máy này.',
	'firstRun.installLater': 'Chưa cài; có thể cài sau từ menu của trình duyệt.',
	'firstRun.iosLead': 'Trên iPhone, cài ứng dụng bằng Safari:',
	'firstRun.ios1': 'Bấm nút Chia sẻ (hình vuông có mũi tên lên) ở cuối màn hình.',
	'firstRun.ios2': 'Kéo xuống, chọn "Thêm vào Màn hình chính".',
	'firstRun.ios3': 'Bấm "Thêm" ở góc trên bên phải.',
	'firstRun.iosPicture':
		'Hình minh họa: (1) nút Chia sẻ ở cuối màn hình Safari; (2) dòng "Thêm vào Màn hình chính" trong menu.',
	'firstRun.manualLead':
		'Trình duyệt này không hiện nút cài đặt. Có thể cài từ menu của trình duyệt:',
	'firstRun.manual1': 'Mở menu của trình duyệt (dấu ba chấm).',
	'firstRun.manual2': 'Chọn "Cài đặt ứng dụng" hoặc "Thêm vào màn hình chính".',
	'firstRun.manual3': 'Mở ứng dụng từ biểu tượng trên màn hình chính.',
	'firstRun.storageHint':
		'Sau khi cài, ứng dụng xin quyền lưu trữ lâu dài để trình duyệt không tự xóa dữ liệu trên máy.',
	'firstRun.finish': 'Bắt đầu sử dụng'
};

const en: Record<keyof typeof vi, string> = {
	'firstRun.unitOfAccount':
		'Your account belongs to {unit}; forms will be pre-filled with this unit.',
	'firstRun.notifyLead':
		'The app can tell you when a running meeting is close to its time limit, even with the screen off.',
	'firstRun.notifyAllow': 'Allow notifications',
	'firstRun.later': 'Later',
	'firstRun.notifyDenied': 'Not allowed; you can turn them on in the browser settings.',
	'firstRun.installLead': 'Install the app to open it from the home screen and use it offline.',
	'firstRun.installButton': 'Install the app',
	'firstRun.installed': 'The app is installed on this device.',
	'firstRun.installLater': 'Not installed; you can install it later from the browser menu.',
	'firstRun.iosLead': 'On an iPhone, install the app from Safari:',
	'firstRun.ios1': 'Tap the Share button (a square with an arrow up) at the bottom of the screen.',
	'firstRun.ios2': 'Scroll down and choose "Add to Home Screen".',
	'firstRun.ios3': 'Tap "Add" at the top right.',
	'firstRun.iosPicture':
		'Picture: (1) the Share button at the bottom of Safari; (2) the "Add to Home Screen" row of the menu.',
	'firstRun.manualLead': 'This browser offers no install button. Install from its menu:',
	'firstRun.manual1': 'Open the browser menu (three dots).',
	'firstRun.manual2': 'Choose "Install app" or "Add to Home screen".',
	'firstRun.manual3': 'Open the app from its icon on the home screen.',
	'firstRun.storageHint':
		'Once installed, the app asks for persistent storage so the browser does not delete its data.',
	'firstRun.finish': 'Start using the app'
};

export default { vi, en };
