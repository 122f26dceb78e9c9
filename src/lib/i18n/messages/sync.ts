/**
 * Sync and role texts (the header's badge, the sync panel), and the shell's two banners (password
 * to change, demo mode): a first-screen module (../first-screen.ts).
 * The sign-in page's texts are a module of their own (./login.ts). Vietnamese first; English typed
 * against it.
 */
const vi = {
	'sync.badge.synced': 'Đã đồng bộ',
	'sync.badge.pending': '{n} chưa gửi',
	'sync.badge.problem': 'Lỗi đồng bộ',
	'sync.badge.local': 'Chưa đăng nhập',
	'sync.badge.expired': 'Cần đăng nhập lại',
	'sync.badge.syncing': 'Đang đồng bộ…',
	'sync.badge.checking': 'Đang kiểm tra…',
	'sync.badge.demo': 'Không đồng bộ (dùng thử)',
	'sync.details': 'Trạng thái đồng bộ',
	'sync.pending': 'Thay đổi chưa gửi: {n}',
	'sync.oldest': 'Thay đổi cũ nhất chưa gửi: {age}',
	'sync.lastSuccess': 'Đồng bộ thành công lần cuối: {when}',
	'sync.never': 'chưa lần nào',
	'sync.lastError': 'Lỗi lần cuối ({when}): {message}',
	'sync.now': 'Đồng bộ ngay',
	'sync.retry': 'Gửi lại các thay đổi bị từ chối',
	'sync.notSignedIn': 'Dữ liệu chỉ lưu trên máy này. Đăng nhập để đồng bộ với máy chủ.',
	'sync.signedInAs': 'Tài khoản: {name}',
	'sync.expired':
		'Phiên đăng nhập đã hết hạn. Dữ liệu trên máy vẫn còn nguyên; hãy đăng nhập lại để tiếp tục đồng bộ.',
	'sync.login': 'Đăng nhập',
	'sync.clockSkew':
		'Đồng hồ của máy này đang lệch {minutes} phút so với máy chủ. Hãy chỉnh lại ngày giờ của điện thoại (bật “Tự động”), nếu không dữ liệu có thể bị đồng bộ sai.',
	'sync.age.now': 'vừa xong',
	'sync.age.minutes': '{n} phút trước',
	'sync.age.hours': '{n} giờ trước',
	'sync.age.days': '{n} ngày trước',
	'sync.err.offline': 'Không kết nối được máy chủ (mất mạng?). Sẽ tự thử lại.',
	'sync.err.unauthenticated': 'Phiên đăng nhập hết hạn.',
	'sync.err.rate_limited': 'Máy chủ đang bận, sẽ thử lại sau.',
	'sync.err.unsupported_version': 'Ứng dụng cần cập nhật phiên bản mới để đồng bộ.',
	'sync.err.password_change_required': 'Cần đổi mật khẩu trước khi đồng bộ.',
	'sync.err.other': 'Máy chủ báo lỗi ({code}). Sẽ tự thử lại.',
	// The shell's banner while the account must change its password (sync is held until then).
	'password.banner': 'Bạn cần đổi mật khẩu trước khi đồng bộ dữ liệu.',
	'password.bannerLink': 'Đổi mật khẩu ngay',
	// The shell's banner on every screen while the device holds the sample commune (demo mode).
	'demo.banner': 'Chế độ dùng thử — dữ liệu mẫu, không đồng bộ',
	'demo.leave': 'Thoát dùng thử và xóa dữ liệu mẫu',
	// One word per role on every screen (login, /users).
	'role.admin': 'Quản trị',
	'role.monitor': 'Giám sát xã',
	'role.unit_head': 'Trưởng đơn vị',
	'role.staff': 'Cán bộ',
	'role.province_admin': 'Quản trị cấp tỉnh',
	'role.province_monitor': 'Sở Nội vụ (theo dõi)'
} as const;

const en: Record<keyof typeof vi, string> = {
	'sync.badge.synced': 'Synced',
	'sync.badge.pending': '{n} unsent',
	'sync.badge.problem': 'Sync error',
	'sync.badge.local': 'Not signed in',
	'sync.badge.expired': 'Sign in again',
	'sync.badge.syncing': 'Syncing…',
	'sync.badge.checking': 'Checking…',
	'sync.badge.demo': 'Not syncing (demo)',
	'sync.details': 'Sync status',
	'sync.pending': 'Unsent changes: {n}',
	'sync.oldest': 'Oldest unsent change: {age}',
	'sync.lastSuccess': 'Last successful sync: {when}',
	'sync.never': 'never',
	'sync.lastError': 'Last error ({when}): {message}',
	'sync.now': 'Sync now',
	'sync.retry': 'Resend rejected changes',
	'sync.notSignedIn': 'Data is kept on this device only. Sign in to sync with the server.',
	'sync.signedInAs': 'Account: {name}',
	'sync.expired': 'Your session has expired. Data on this device is kept; sign in again to sync.',
	'sync.login': 'Sign in',
	'sync.clockSkew':
		'This device’s clock is {minutes} minutes off the server’s. Set the phone’s date and time (turn on “Automatic”), or data may sync wrongly.',
	'sync.age.now': 'just now',
	'sync.age.minutes': '{n} min ago',
	'sync.age.hours': '{n} h ago',
	'sync.age.days': '{n} days ago',
	'sync.err.offline': 'Cannot reach the server (no network?). Will retry.',
	'sync.err.unauthenticated': 'Session expired.',
	'sync.err.rate_limited': 'The server is busy; will retry later.',
	'sync.err.unsupported_version': 'Update the app to sync.',
	'sync.err.password_change_required': 'Change your password before syncing.',
	'sync.err.other': 'Server error ({code}). Will retry.',
	'password.banner': 'You must change your password before syncing.',
	'password.bannerLink': 'Change it now',
	'demo.banner': 'Demo mode — sample data, not synced',
	'demo.leave': 'Leave demo and delete sample data',
	'role.admin': 'Admin',
	'role.monitor': 'Commune monitor',
	'role.unit_head': 'Unit head',
	'role.staff': 'Staff',
	'role.province_admin': 'Province admin',
	'role.province_monitor': 'Department of Home Affairs (monitor)'
};

export default { vi, en };
