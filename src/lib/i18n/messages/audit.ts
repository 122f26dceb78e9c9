/**
 * The audit log of administrative actions (/users/audit). Its own module, loaded after the first
 * paint like every module outside FIRST_SCREEN_TEXTS (../first-screen.ts).
 */
const vi = {
	'audit.title': 'Nhật ký quản trị',
	'audit.link': 'Nhật ký quản trị',
	'audit.linkHint':
		'Ai đã tạo, khóa, đổi vai trò tài khoản, sửa danh sách đơn vị hay cài đặt của xã, vào lúc nào.',
	'audit.lead':
		'Mọi thao tác quản trị trên tài khoản, đơn vị và cài đặt của xã, mới nhất trước. Nhật ký không sửa hay xóa được; được giữ 2 năm.',
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
	'audit.actor': 'Người thực hiện',
	'audit.target': 'Đối tượng',
	'audit.settings': 'Cài đặt của xã',
	'audit.commune': 'Xã, phường',
	'audit.provinceOwn': 'Tài khoản cấp tỉnh',
	'audit.provinceLinkHint':
		'Ai đã làm gì với tài khoản, đơn vị và cài đặt của từng xã, và với tài khoản cấp tỉnh, vào lúc nào.',
	'audit.provinceLead':
		'Thao tác quản trị của một xã, hoặc của mọi xã và tài khoản cấp tỉnh, mới nhất trước. Nhật ký không sửa hay xóa được; được giữ 2 năm.',
	'audit.provinceBack': 'Quay lại Toàn tỉnh',
	'audit.pick': 'Xem nhật ký của',
	'audit.pickAll': 'Mọi xã và tài khoản cấp tỉnh',
	'audit.notProvinceAdmin':
		'Chỉ tài khoản quản trị cấp tỉnh mới xem được nhật ký quản trị của các xã.',
	'audit.unknownCommune': 'Không có xã này. Hãy chọn một xã trong danh sách.',
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
	'audit.a.unit.created': 'Thêm đơn vị',
	'audit.a.unit.updated': 'Sửa đơn vị',
	'audit.a.unit.deleted': 'Xóa đơn vị',
	'audit.a.admin.signed_in': 'Đăng nhập quản trị',
	'audit.d.change': '{from} → {to}',
	'audit.d.fields': 'Đã sửa: {fields}',
	'audit.d.unit': '{kind}, mã {code}',
	'audit.d.due': '{period}: {change}',
	'audit.d.noDue': 'chưa đặt'
} as const;

const en: Record<keyof typeof vi, string> = {
	'audit.title': 'Admin log',
	'audit.link': 'Admin log',
	'audit.linkHint':
		'Who created, disabled or changed the role of an account, changed the unit list or the commune settings, and when.',
	'audit.lead':
		'Every admin action on the commune’s accounts, units and settings, newest first. The log cannot be edited or deleted; it is kept 2 years.',
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
	'audit.actor': 'Done by',
	'audit.target': 'Target',
	'audit.settings': 'Commune settings',
	'audit.commune': 'Commune',
	'audit.provinceOwn': 'Province accounts',
	'audit.provinceLinkHint':
		'Who did what to each commune’s accounts, units and settings, and to the province accounts, and when.',
	'audit.provinceLead':
		'The admin actions of one commune, or of every commune and the province accounts, newest first. The log cannot be edited or deleted; it is kept 2 years.',
	'audit.provinceBack': 'Back to Province',
	'audit.pick': 'Show the log of',
	'audit.pickAll': 'Every commune and the province accounts',
	'audit.notProvinceAdmin': 'Only a province admin account can see the communes’ admin logs.',
	'audit.unknownCommune': 'There is no such commune. Pick one from the list.',
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
	'audit.a.unit.created': 'Added a unit',
	'audit.a.unit.updated': 'Changed a unit',
	'audit.a.unit.deleted': 'Deleted a unit',
	'audit.a.admin.signed_in': 'Admin sign-in',
	'audit.d.change': '{from} → {to}',
	'audit.d.fields': 'Changed: {fields}',
	'audit.d.unit': '{kind}, code {code}',
	'audit.d.due': '{period}: {change}',
	'audit.d.noDue': 'not set'
};

export default { vi, en };
