/**
 * The first-run flow: what its first screen shows (language and account steps, every step's
 * heading). The later steps' texts are in onboarding-steps.ts, loaded with those steps.
 */
const vi = {
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
	'firstRun.notifyTitle': 'Thông báo',
	'firstRun.installTitle': 'Cài ứng dụng lên điện thoại',
	'firstRun.skip': 'Bỏ qua hướng dẫn',
	'firstRun.stepsFailed': 'Chưa tải được nội dung bước này (có thể do mất kết nối).',
	'firstRun.stepsRetry': 'Tải lại'
};

const en: Record<keyof typeof vi, string> = {
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
	'firstRun.notifyTitle': 'Notifications',
	'firstRun.installTitle': 'Install the app on this phone',
	'firstRun.skip': 'Skip the introduction',
	'firstRun.stepsFailed': 'This step could not be loaded (the connection may be down).',
	'firstRun.stepsRetry': 'Try again'
};

export default { vi, en };
