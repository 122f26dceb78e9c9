/** The /more page: the destinations not on the bottom bar. */
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
	'more.account': 'Tài khoản / Đăng xuất',
	'more.accountHint': 'Tài khoản đang dùng trên máy này; đổi mật khẩu, đăng xuất',
	/** /login's "…, đơn vị VP." (here, not in the first screen's sync texts). */
	'more.accountUnit': ', đơn vị {unit}'
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
	'more.account': 'Account / Sign out',
	'more.accountHint': 'The account used on this device; change the password, sign out',
	'more.accountUnit': ', unit {unit}'
};

export default { vi, en };
