/**
 * The sign-in page's texts (/login): loaded after the first paint with every other screen's, not
 * with the first screen's (the header and the sync panel, ./sync.ts). Vietnamese first; English
 * typed against it.
 */
const vi = {
	'login.title': 'Đăng nhập',
	'login.lead': 'Đăng nhập một lần khi có mạng; sau đó ứng dụng vẫn dùng được khi mất mạng.',
	'login.username': 'Tên đăng nhập',
	'login.password': 'Mật khẩu',
	'login.submit': 'Đăng nhập',
	'login.submitting': 'Đang đăng nhập…',
	'login.ok': 'Đã đăng nhập. Đang đồng bộ dữ liệu…',
	'login.err.unauthenticated': 'Sai tên đăng nhập hoặc mật khẩu.',
	'login.err.rate_limited': 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.',
	'login.err.offline': 'Không có mạng. Cần kết nối mạng để đăng nhập lần đầu.',
	'login.err.server': 'Máy chủ đang gặp lỗi. Vui lòng thử lại sau.',
	'login.err.invalid': 'Tên đăng nhập hoặc mật khẩu không hợp lệ. Kiểm tra lại rồi đăng nhập.',
	'login.need.username': 'Nhập tên đăng nhập.',
	'login.need.password': 'Nhập mật khẩu.',
	'login.signedIn': 'Bạn đang đăng nhập với tài khoản {name}{unit}.',
	'login.logout': 'Đăng xuất',
	'login.logoutRefused':
		'Chưa thể đăng xuất: còn {n} thay đổi chưa gửi lên máy chủ. Hãy kết nối mạng và đợi đồng bộ xong.',
	'login.logoutRefusedRejected':
		'Chưa thể đăng xuất: còn {n} thay đổi chưa gửi lên máy chủ, trong đó {r} thay đổi bị máy chủ từ chối nên không tự gửi được. Xem lý do trong “Trạng thái đồng bộ”: sửa, hoặc nhờ quản trị xã kiểm tra, rồi bấm “Gửi lại”; hoặc bấm “Bỏ thay đổi của tôi”.',
	'login.loggedOut':
		'Đã đăng xuất. Dữ liệu của tài khoản đã được xóa khỏi máy này; đăng nhập lại để tải về.',
	'login.err.other_account':
		'Máy này còn {n} thay đổi chưa gửi của tài khoản {account}. Hãy đăng nhập lại bằng tài khoản {account} để gửi lên máy chủ.',
	'login.err.other_account_rejected':
		'Máy này còn {n} thay đổi chưa gửi của tài khoản {account}, trong đó {r} thay đổi bị máy chủ từ chối nên không tự gửi được. Hãy đăng nhập lại bằng tài khoản {account}, rồi xem lý do trong “Trạng thái đồng bộ”: sửa, hoặc nhờ quản trị xã kiểm tra, rồi bấm “Gửi lại”; hoặc bấm “Bỏ thay đổi của tôi”.'
} as const;

const en: Record<keyof typeof vi, string> = {
	'login.title': 'Sign in',
	'login.lead': 'Sign in once while online; the app then keeps working offline.',
	'login.username': 'Username',
	'login.password': 'Password',
	'login.submit': 'Sign in',
	'login.submitting': 'Signing in…',
	'login.ok': 'Signed in. Syncing data…',
	'login.err.unauthenticated': 'Wrong username or password.',
	'login.err.rate_limited': 'Too many failed sign-ins. Try again in {minutes} minutes.',
	'login.err.offline': 'No network. The first sign-in needs a connection.',
	'login.err.server': 'The server has a problem. Try again later.',
	'login.err.invalid': 'The username or password is not valid. Check them and sign in again.',
	'login.need.username': 'Enter the username.',
	'login.need.password': 'Enter the password.',
	'login.signedIn': 'You are signed in as {name}{unit}.',
	'login.logout': 'Sign out',
	'login.logoutRefused':
		'Cannot sign out yet: {n} changes are not on the server. Connect and wait for the sync to finish.',
	'login.logoutRefusedRejected':
		'Cannot sign out yet: {n} changes are not on the server, {r} of them rejected by the server, so they will not be sent by themselves. See why under “Sync status”: fix them, or ask the commune admin to check, then press “Resend rejected changes”; or press “Discard my change”.',
	'login.loggedOut':
		'Signed out. The account’s data has been removed from this device; sign in again to download it.',
	'login.err.other_account':
		'This device still has {n} unsent changes of the account {account}. Sign in again with the account {account} to send them to the server.',
	'login.err.other_account_rejected':
		'This device still has {n} unsent changes of the account {account}, {r} of them rejected by the server, so they will not be sent by themselves. Sign in again with the account {account}, then see why under “Sync status”: fix them, or ask the commune admin to check, then press “Resend rejected changes”; or press “Discard my change”.'
};

export default { vi, en };
