/**
 * The notice after an admin changed this account's role or unit (components/AccountChangeNotice.svelte,
 * sync/account-scope.ts): loaded with every other screen's texts after the first paint, not with the
 * first screen's. Vietnamese first; English typed against it.
 */
const vi = {
	'scope.unitMoved': 'Tài khoản của bạn đã được chuyển sang đơn vị {unit}.',
	'scope.roleChanged': 'Tài khoản của bạn đã được đổi vai trò từ “{from}” thành “{to}”.',
	'scope.noUnit': 'Tài khoản của bạn không còn gắn với đơn vị nào.',
	'scope.removed': 'Đã xóa khỏi máy này {n} bản ghi mà tài khoản không còn quyền xem.',
	'scope.kept':
		'{n} bản ghi có thay đổi chưa gửi vẫn được giữ lại; nếu máy chủ từ chối, chúng hiện trong mục đồng bộ kèm lý do.',
	'scope.pulling': 'Máy đang tải lại dữ liệu theo vai trò, đơn vị hiện nay của tài khoản.',
	'scope.newRecords': 'Cuộc họp, văn bản nhập từ nay được ghi cho {unit}.',
	'scope.ok': 'Đã hiểu'
} as const;

const en: Record<keyof typeof vi, string> = {
	'scope.unitMoved': 'Your account has been moved to the unit {unit}.',
	'scope.roleChanged': 'Your account’s role has been changed from “{from}” to “{to}”.',
	'scope.noUnit': 'Your account no longer belongs to a unit.',
	'scope.removed': 'Removed from this device: {n} records your account may no longer see.',
	'scope.kept':
		'{n} records with unsent changes are kept; if the server refuses them, they show in the sync panel with the reason.',
	'scope.pulling':
		'This device is downloading again what your account’s current role and unit may see.',
	'scope.newRecords': 'Meetings and documents entered from now on are recorded for {unit}.',
	'scope.ok': 'Got it'
};

export default { vi, en };
