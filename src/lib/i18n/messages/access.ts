/**
 * What an account's device can show and do (domain/data-scope.ts): the progress screens' scope
 * and the report actions a role may not take. Vietnamese first; English typed against it.
 */
const vi = {
	'access.commune':
		'Tài khoản {role} chỉ có số liệu của đơn vị mình; số liệu toàn xã do tài khoản quản trị hoặc giám sát xã lập.',
	'access.otherUnit':
		'Tài khoản {role} chỉ có số liệu của đơn vị mình; không xem được số liệu của đơn vị khác. Đang hiện số liệu của {unit}.',
	'access.noUnit': 'Tài khoản {role} chưa được gán đơn vị; hãy nhờ quản trị xã gán đơn vị.',
	'access.reportReadOnly':
		'Tài khoản {role} không được sửa báo cáo này; vẫn xem, in và tải về được. Báo cáo do {writers} lập.',
	'access.writers.commune': 'tài khoản quản trị hoặc giám sát xã',
	'access.writers.unit': 'trưởng đơn vị hoặc tài khoản quản trị, giám sát xã',
	'access.unitsReadOnly':
		'Tài khoản {role} chỉ xem được danh sách đơn vị; thêm, đổi tên, lưu trữ hoặc xóa đơn vị do tài khoản quản trị làm.',
	'access.plansReadOnly':
		'Tài khoản {role} không được sửa kế hoạch; vẫn xem được. Kế hoạch do trưởng đơn vị hoặc tài khoản quản trị, giám sát xã lập.',
	'access.plansOwnOnly':
		'Tài khoản {role} chỉ sửa được kế hoạch của đơn vị mình; kế hoạch của đơn vị khác chỉ xem được.',
	'access.settingsReadOnly':
		'Tài khoản {role} chỉ xem được thông tin chung của xã; tài khoản quản trị hoặc giám sát xã sửa được.'
};

const en: Record<keyof typeof vi, string> = {
	'access.commune':
		'A {role} account holds only its own unit’s figures; the whole commune’s figures are prepared by a commune admin or monitor account.',
	'access.otherUnit':
		'A {role} account holds only its own unit’s figures; another unit’s cannot be shown. Showing {unit}.',
	'access.noUnit': 'This {role} account has no unit yet; ask the commune admin to assign one.',
	'access.reportReadOnly':
		'A {role} account may not edit this report; it can still view, print and download it. The report is prepared by {writers}.',
	'access.writers.commune': 'a commune admin or monitor account',
	'access.writers.unit': 'the unit head or a commune admin or monitor account',
	'access.unitsReadOnly':
		'A {role} account can only view the list of units; a commune admin account adds, renames, archives or deletes units.',
	'access.plansReadOnly':
		'A {role} account may not edit plans; it can still view them. Plans are prepared by the unit head or a commune admin or monitor account.',
	'access.plansOwnOnly':
		'A {role} account can edit only its own unit’s plan; the other units’ plans are view-only.',
	'access.settingsReadOnly':
		'A {role} account can only view the commune’s general information; a commune admin or monitor account can edit it.'
};

export default { vi, en };
