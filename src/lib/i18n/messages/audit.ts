/**
 * The audit log of administrative actions (/users/audit). Its own module, loaded after the first
 * paint like every module outside FIRST_SCREEN_TEXTS (../first-screen.ts).
 */
const vi = {
	'audit.title': 'Nhật ký quản trị',
	'audit.link': 'Nhật ký quản trị',
	'audit.linkHint': 'Ai đã tạo, khóa, đổi vai trò tài khoản hay sửa cài đặt của xã, vào lúc nào.',
	'audit.lead':
		'Mọi thao tác quản trị trên tài khoản và cài đặt của xã, mới nhất trước. Nhật ký không sửa hay xóa được; được giữ 2 năm.',
	'audit.back': 'Quay lại Quản lý tài khoản',
	'audit.needSignIn': 'Bạn cần đăng nhập bằng tài khoản quản trị để xem nhật ký quản trị.',
	'audit.notAdmin': 'Chỉ tài khoản quản trị của xã mới xem được nhật ký quản trị.',
	'audit.passwordRequired': 'Bạn cần đổi mật khẩu trước khi xem nhật ký quản trị.',
	'audit.offline': 'Xem nhật ký quản trị cần kết nối mạng. Hãy bật mạng rồi mở lại trang này.',
	'audit.loading': 'Đang tải nhật ký…',
	'audit.loadError': 'Không tải được nhật ký quản trị.',
	'audit.empty': 'Chưa có thao tác quản trị nào được ghi.',
	'audit.more': 'Xem thêm',
	'audit.end': 'Đã hiển thị toàn bộ nhật ký.',
	'audit.actor': 'Tài khoản',
	'audit.target': 'Đối tượng',
	'audit.settings': 'Cài đặt của xã',
	'audit.a.user.created': 'Tạo tài khoản',
	'audit.a.user.role_changed': 'Đổi vai trò và đơn vị',
	'audit.a.user.disabled': 'Khóa tài khoản',
	'audit.a.user.enabled': 'Mở lại tài khoản',
	'audit.a.user.password_reset': 'Đặt lại mật khẩu',
	'audit.a.user.sessions_ended': 'Kết thúc mọi phiên đăng nhập',
	'audit.a.user.unlocked': 'Gỡ tạm khóa đăng nhập',
	'audit.a.settings.changed': 'Sửa cài đặt của xã',
	'audit.a.report_due.changed': 'Đặt hạn gửi báo cáo',
	'audit.a.commune.created': 'Tạo xã',
	'audit.a.commune.updated': 'Sửa tên, khu vực',
	'audit.a.admin.signed_in': 'Đăng nhập quản trị',
	'audit.d.change': '{from} → {to}',
	'audit.d.fields': 'Đã sửa: {fields}'
} as const;

const en: Record<keyof typeof vi, string> = {
	'audit.title': 'Admin log',
	'audit.link': 'Admin log',
	'audit.linkHint':
		'Who created, disabled or changed the role of an account, or changed the commune settings, and when.',
	'audit.lead':
		'Every admin action on the commune’s accounts and settings, newest first. The log cannot be edited or deleted; it is kept 2 years.',
	'audit.back': 'Back to Accounts',
	'audit.needSignIn': 'Sign in with an admin account to see the admin log.',
	'audit.notAdmin': 'Only a commune admin account can see the admin log.',
	'audit.passwordRequired': 'You must change your password before reading the admin log.',
	'audit.offline': 'The admin log needs a network connection. Turn it on and open this page again.',
	'audit.loading': 'Loading the log…',
	'audit.loadError': 'Could not load the admin log.',
	'audit.empty': 'No admin action has been logged yet.',
	'audit.more': 'Show more',
	'audit.end': 'The whole log is shown.',
	'audit.actor': 'Account',
	'audit.target': 'Target',
	'audit.settings': 'Commune settings',
	'audit.a.user.created': 'Created the account',
	'audit.a.user.role_changed': 'Changed role and unit',
	'audit.a.user.disabled': 'Disabled the account',
	'audit.a.user.enabled': 'Re-enabled the account',
	'audit.a.user.password_reset': 'Reset the password',
	'audit.a.user.sessions_ended': 'Ended all sessions',
	'audit.a.user.unlocked': 'Lifted the sign-in lock-out',
	'audit.a.settings.changed': 'Changed the commune settings',
	'audit.a.report_due.changed': 'Set the report due date',
	'audit.a.commune.created': 'Created the commune',
	'audit.a.commune.updated': 'Changed name, area',
	'audit.a.admin.signed_in': 'Admin sign-in',
	'audit.d.change': '{from} → {to}',
	'audit.d.fields': 'Changed: {fields}'
};

export default { vi, en };
