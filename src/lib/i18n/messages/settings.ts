/** /settings: storage, this device, the commune's settings. */
const vi = {
	'settings.title': 'Cài đặt',
	'settings.storage': 'Lưu trữ trên máy',
	'settings.persisted':
		'Trình duyệt đã cho phép lưu trữ lâu dài: dữ liệu không bị tự xóa khi máy thiếu dung lượng.',
	'settings.notPersisted':
		'Trình duyệt chưa cho phép lưu trữ lâu dài, nghĩa là khi máy thiếu dung lượng trình duyệt có thể tự xóa dữ liệu chưa đồng bộ trên máy; hãy cài ứng dụng lên màn hình chính, đồng bộ và sao lưu thường xuyên.',
	'settings.persistAsk': 'Xin quyền lưu trữ lâu dài',
	'settings.usage': 'Dữ liệu đang dùng {used} trên {quota} khả dụng.',
	'settings.usageUnknown': 'Trình duyệt không cho biết dung lượng đã dùng.',
	'settings.records':
		'Trên máy có {m} cuộc họp, {d} văn bản, {p} dòng thủ tục, {i} dòng văn bản đến, {k} kế hoạch, {u} đơn vị.',
	'settings.general': 'Thông tin chung',
	'settings.notSaved': 'Chưa lưu được thông tin chung: hãy sửa {n} ô được đánh dấu.',
	'settings.communeName': 'Tên xã',
	'settings.province': 'Tỉnh/thành phố',
	'settings.userUnit': 'Đơn vị của tôi (mặc định khi nhập)',
	'settings.userUnitHint':
		'Chỉ lưu trên máy này; để trống thì dùng đơn vị của tài khoản đăng nhập.',
	'settings.periodMode': 'Kỳ báo cáo',
	'settings.decree09': 'Theo Nghị định 09/2019 (15 tháng trước – 14 tháng này)',
	'settings.calendar': 'Theo tháng dương lịch',
	'settings.limits': 'Giới hạn thời lượng (phút)',
	'settings.limitHop': 'Cuộc họp làm việc (để trống = không giới hạn)',
	'settings.warningLead': 'Báo trước khi hết giờ (phút)',
	'settings.plan': 'Kế hoạch thực hiện Quyết định 534 của xã',
	'settings.planHint':
		'Báo cáo của mỗi năm dẫn Kế hoạch của năm đó ở câu mở đầu, ví dụ: “Thực hiện Kế hoạch số 45/KH-UBND ngày 15/4/2026 của UBND xã …”. Để trống nếu xã chưa ban hành.',
	'settings.planHintOwn':
		'Báo cáo của mỗi năm dẫn Kế hoạch của năm đó ở câu mở đầu, như ghi dưới đây. Năm chưa có Kế hoạch thì câu mở đầu chỉ ghi “Thực hiện Kế hoạch của UBND xã”.',
	'settings.planOfYear': 'Kế hoạch thực hiện năm {year}',
	'settings.planPrinted': 'Báo cáo năm {year} sẽ ghi:',
	'settings.planRemove': 'Bỏ Kế hoạch thực hiện năm {year}',
	'settings.planAddYear': 'Thêm Kế hoạch thực hiện năm',
	'settings.planAdd': 'Thêm',
	'err.planEmpty': 'Ghi số, ký hiệu hoặc ngày ban hành của Kế hoạch.',
	'err.planYearTwice': 'Mỗi năm chỉ ghi một kế hoạch.',
	'err.planTooMany': 'Ghi tối đa 100 kế hoạch.',
	'settings.planNumber': 'Số, ký hiệu',
	'settings.planDate': 'Ngày ban hành',
	'settings.planDateForm': 'ngày/tháng/năm',
	'err.planNumber': 'Ghi số và ký hiệu như trên văn bản, ví dụ 45/KH-UBND.',
	'err.planDate': 'Ghi ngày theo dạng ngày/tháng/năm, ví dụ 15/04/2026.',
	'err.planDateNoSuchDay': 'Không có ngày này trên lịch; kiểm tra lại ngày và tháng.',
	'err.planDateFuture': 'Ngày ban hành không được sau ngày hôm nay; kiểm tra lại.',
	'settings.language': 'Ngôn ngữ',
	'settings.device': 'Trên máy này',
	'settings.version': 'Phiên bản ứng dụng',
	'settings.versionBuilt': 'bản dựng ngày {d} lúc {t}'
};

const en: Record<keyof typeof vi, string> = {
	'settings.title': 'Settings',
	'settings.storage': 'Storage on this device',
	'settings.persisted':
		'Persistent storage granted: the browser will not clear this data when space runs low.',
	'settings.notPersisted':
		'The browser has not granted persistent storage, which means it may delete unsynced records on this device when storage runs low; install the app on the home screen, sync and back up often.',
	'settings.persistAsk': 'Ask for persistent storage',
	'settings.usage': 'Data uses {used} of {quota} available.',
	'settings.usageUnknown': 'The browser does not report storage use.',
	'settings.records':
		'This device holds {m} meetings, {d} documents, {p} procedure rows, {i} incoming-document rows, {k} plans, {u} units.',
	'settings.general': 'General',
	'settings.notSaved': 'General settings not saved: fix the {n} marked fields.',
	'settings.communeName': 'Commune name',
	'settings.province': 'Province/city',
	'settings.userUnit': 'My unit (default in forms)',
	'settings.userUnitHint': 'Kept on this device only; empty means the signed-in account’s unit.',
	'settings.periodMode': 'Reporting periods',
	'settings.decree09': 'Decree 09/2019 (15th of previous month – 14th)',
	'settings.calendar': 'Calendar months',
	'settings.limits': 'Duration limits (minutes)',
	'settings.limitHop': 'Working meetings (empty = no limit)',
	'settings.warningLead': 'Warn before the limit (minutes)',
	'settings.plan': 'The commune’s plan implementing Decision 534',
	'settings.planHint':
		'Each year’s report cites that year’s plan in its opening sentence, for example: “Thực hiện Kế hoạch số 45/KH-UBND ngày 15/4/2026 của UBND xã …”. Leave empty if the commune has not issued one.',
	'settings.planHintOwn':
		'Each year’s report cites that year’s plan in its opening sentence, as written below. For a year without a plan the opening reads only “Thực hiện Kế hoạch của UBND xã”.',
	'settings.planOfYear': 'Implementation plan for {year}',
	'settings.planPrinted': 'The {year} report will read:',
	'settings.planRemove': 'Remove the implementation plan for {year}',
	'settings.planAddYear': 'Add the implementation plan for the year',
	'settings.planAdd': 'Add',
	'err.planEmpty': 'Enter the plan’s number and symbol or its date.',
	'err.planYearTwice': 'One plan per year.',
	'err.planTooMany': 'At most 100 plans.',
	'settings.planNumber': 'Number and symbol',
	'settings.planDate': 'Date issued',
	'settings.planDateForm': 'dd/mm/yyyy',
	'err.planNumber': 'Write the number and symbol as on the document, e.g. 45/KH-UBND.',
	'err.planDate': 'Write the date as day/month/year, e.g. 15/04/2026.',
	'err.planDateNoSuchDay': 'There is no such day in the calendar; check the day and the month.',
	'err.planDateFuture': 'The date issued cannot be after today; check it.',
	'settings.language': 'Language',
	'settings.device': 'This device',
	'settings.version': 'App version',
	'settings.versionBuilt': 'built on {d} at {t}'
};

export default { vi, en };
