/** The first-run flow (language, account, unit, notifications, install) and the /more page. */
const vi = {
	'more.title': 'Các mục khác',
	'more.lead': 'Những chức năng không có trên thanh điều hướng dưới màn hình.',
	'more.list': 'Các mục khác',
	'more.procedures': 'Số liệu thủ tục hành chính theo tháng',
	'more.incoming': 'Văn bản đến và tỷ lệ xử lý trên môi trường điện tử',
	'more.units': 'Danh sách phòng, ban, thôn, tổ dân phố của xã, phường',
	'more.plans': 'Kế hoạch năm về số lượng hội nghị, văn bản',
	'more.import': 'Nhập, xuất tệp CSV và sao lưu dữ liệu',
	'more.settings': 'Tên xã, kỳ báo cáo, giới hạn thời lượng họp, lưu trữ, dữ liệu mẫu',
	'more.users': 'Tạo và khóa tài khoản cán bộ',
	'more.province': 'Kết quả chỉ tiêu và báo cáo của các xã, phường trong tỉnh',
	'more.login': 'Đăng nhập tài khoản để đồng bộ dữ liệu với máy chủ',
	'firstRun.stepOf': 'Bước {n}/{total}',
	'firstRun.welcome': 'Chào mừng đến với Sổ họp 534',
	'firstRun.langLead': 'Chọn ngôn ngữ hiển thị (đổi được bất cứ lúc nào ở đầu màn hình).',
	'firstRun.accountTitle': 'Tài khoản',
	'firstRun.accountLead':
		'Đăng nhập bằng tài khoản được cấp để đồng bộ dữ liệu với máy chủ và các máy khác. Cũng có thể chỉ dùng trên điện thoại này và đăng nhập sau.',
	'firstRun.signIn': 'Đăng nhập bằng tài khoản được cấp',
	'firstRun.localOnly': 'Chỉ dùng trên điện thoại này',
	'firstRun.localOnlyHint':
		'Dữ liệu vẫn được lưu trên máy; khi đăng nhập, dữ liệu sẽ được gửi lên máy chủ.',
	'firstRun.signedInAs': 'Đã đăng nhập: {name}.',
	'firstRun.next': 'Tiếp tục',
	'firstRun.unitTitle': 'Đơn vị của bạn',
	'firstRun.unitOfAccount': 'Tài khoản của bạn thuộc {unit}; các biểu mẫu sẽ điền sẵn đơn vị này.',
	'firstRun.notifyTitle': 'Thông báo',
	'firstRun.notifyLead':
		'Ứng dụng có thể báo cho bạn khi cuộc họp đang diễn ra sắp hết thời gian cho phép, kể cả khi màn hình đang tắt.',
	'firstRun.notifyAllow': 'Cho phép thông báo',
	'firstRun.later': 'Để sau',
	'firstRun.notifyDenied':
		'Thông báo chưa được bật; có thể bật trong phần cài đặt của trình duyệt.',
	'firstRun.installTitle': 'Cài ứng dụng lên điện thoại',
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
	'firstRun.finish': 'Bắt đầu sử dụng',
	'firstRun.skip': 'Bỏ qua hướng dẫn'
};

const en: Record<keyof typeof vi, string> = {
	'more.title': 'More',
	'more.lead': 'The functions that are not on the bar at the bottom of the screen.',
	'more.list': 'Other sections',
	'more.procedures': 'Monthly administrative-procedure figures',
	'more.incoming': 'Incoming documents and the share handled electronically',
	'more.units': "The commune's departments and hamlets",
	'more.plans': "The year's planned numbers of conferences and documents",
	'more.import': 'Import and export CSV files, back up the data',
	'more.settings': 'Commune name, reporting periods, meeting time limits, storage, sample data',
	'more.users': 'Create and lock staff accounts',
	'more.province': "Every commune's targets and reports in the province",
	'more.login': "Sign in to the commune's server to sync",
	'firstRun.stepOf': 'Step {n} of {total}',
	'firstRun.welcome': 'Welcome to Sổ họp 534',
	'firstRun.langLead':
		'Choose the display language (you can switch at any time at the top of the screen).',
	'firstRun.accountTitle': 'Account',
	'firstRun.accountLead':
		'Sign in to the commune server so your records sync with the other phones; or use the app on this phone only and sign in later.',
	'firstRun.signIn': 'Sign in with your account',
	'firstRun.localOnly': 'Use on this phone only',
	'firstRun.localOnlyHint':
		'Records are kept on this phone; when you sign in later they are sent to the server.',
	'firstRun.signedInAs': 'Signed in: {name}.',
	'firstRun.next': 'Continue',
	'firstRun.unitTitle': 'Your unit',
	'firstRun.unitOfAccount':
		'Your account belongs to {unit}; forms will be pre-filled with this unit.',
	'firstRun.notifyTitle': 'Notifications',
	'firstRun.notifyLead':
		'The app can tell you when a running meeting is close to its time limit, even with the screen off.',
	'firstRun.notifyAllow': 'Allow notifications',
	'firstRun.later': 'Later',
	'firstRun.notifyDenied': 'Not allowed; you can turn them on in the browser settings.',
	'firstRun.installTitle': 'Install the app on this phone',
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
	'firstRun.finish': 'Start using the app',
	'firstRun.skip': 'Skip the introduction'
};

export default { vi, en };
