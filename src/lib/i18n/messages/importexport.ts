/** /import (CSV import and export, backup and restore) and the demo-data loader. */
const vi = {
	'io.title': 'Nhập và xuất dữ liệu',
	'io.import.h': 'Nhập từ tệp CSV',
	'io.import.intro':
		'Chọn một hoặc nhiều tệp CSV (đơn vị, kế hoạch, cuộc họp, văn bản, thủ tục hành chính, văn bản đến). Loại tệp được nhận ra từ dòng tiêu đề; dấu phẩy hoặc chấm phẩy đều được. Chưa có gì được ghi cho đến khi bạn xác nhận.',
	'io.import.choose': 'Chọn tệp CSV',
	'io.import.drop': 'Hoặc kéo thả tệp CSV vào khung này.',
	'io.import.dropZone': 'Khung kéo thả tệp CSV',
	'io.import.checking': 'Đang kiểm tra dữ liệu',
	'io.import.progress': 'Đã kiểm tra {pct}%',
	'io.import.previewH': 'Xem trước',
	'io.import.summary': 'Sẽ thêm mới {added}, cập nhật {updated} bản ghi; {rejected} dòng bị loại.',
	'io.import.kind': 'Loại dữ liệu',
	'io.import.rows': 'Số dòng dữ liệu',
	'io.import.added': 'Thêm mới',
	'io.import.updated': 'Cập nhật',
	'io.import.rejected': 'Dòng bị loại',
	'io.import.rejectedList': 'Các dòng bị loại ({n})',
	'io.import.sittingRows':
		'{rows} dòng hợp lệ là {n} cuộc họp: cuộc họp có nhiều phiên ghi mỗi phiên một dòng.',
	'io.import.heldAhead':
		'{n} cuộc họp ghi “Đã tổ chức” nhưng chưa tới ngày họp. Kiểm tra lại ngày hoặc trạng thái trong tệp; nếu vẫn nhập, các cuộc họp này được tính là đã tổ chức:',
	'io.import.heldAheadItem': '{title} (ngày {date})',
	'io.import.heldAheadMore': 'và {n} cuộc họp khác.',
	'io.import.line': 'Dòng {line}',
	'io.import.problem.unknownKind':
		'Không nhận ra loại tệp từ dòng tiêu đề (thiếu cột bắt buộc); tệp này được bỏ qua.',
	'io.import.problem.reportKind':
		'Tệp báo cáo (report.csv) chỉ dùng để xuất, không nhập được; tệp này được bỏ qua.',
	'io.import.confirm': 'Nhập {n} bản ghi',
	'io.import.writing': 'Đang ghi…',
	'io.import.nothing': 'Không có bản ghi hợp lệ nào để nhập.',
	'io.import.done': 'Đã nhập {n} bản ghi ({added} mới, {updated} cập nhật).',
	'io.import.failed': 'Không nhập được, chưa có gì được ghi: {error}',
	'io.import.saving': 'Đang ghi vào máy',
	'io.import.saved': 'Đã ghi {pct}%',
	'io.import.stop': 'Dừng nhập',
	'io.import.stopped': 'Đã dừng nhập, chưa có bản ghi nào được ghi.',
	'io.import.readFailed': 'Không đọc được tệp: {error}',
	'io.kind.units': 'Đơn vị',
	'io.kind.plans': 'Kế hoạch',
	'io.kind.meetings': 'Cuộc họp',
	'io.kind.documents': 'Văn bản',
	'io.kind.procedures': 'Thủ tục hành chính',
	'io.kind.incoming': 'Văn bản đến',
	'io.kind.unknown': 'Không rõ',
	'io.export.h': 'Xuất dữ liệu (CSV)',
	'io.export.intro':
		'Mỗi tệp đúng định dạng nhập (mở được bằng Excel) và nhập lại được trên máy khác.',
	'io.export.button': '{kind} ({file})',
	'io.export.done': 'Đã tải {file}.',
	'io.backup.h': 'Sao lưu và khôi phục',
	'io.backup.intro':
		'Bản sao lưu là một tệp JSON chứa toàn bộ dữ liệu trên máy này (kể cả bản ghi đã xóa và cài đặt).',
	'io.backup.download': 'Tải bản sao lưu',
	'io.backup.downloaded': 'Đã tải {file}.',
	'io.backup.choose': 'Chọn tệp sao lưu (.json) để khôi phục',
	'io.backup.holds': 'Bản sao lưu tạo lúc {date} gồm:',
	'io.backup.count': '{kind}: {n}',
	'io.backup.deleted': '{kind}: {n} (và {d} bản ghi đã xóa)',
	'io.backup.settings': 'Cài đặt chung',
	'io.backup.rule':
		'Bản ghi chưa có trên máy được thêm; bản ghi trên máy chỉ được thay khi bản sao lưu mới hơn. Không bản ghi nào trên máy bị xóa.',
	'io.backup.restore': 'Khôi phục',
	'io.backup.restoring': 'Đang khôi phục…',
	'io.backup.restored':
		'Đã khôi phục {n} bản ghi; giữ nguyên {kept} bản ghi trên máy (mới hơn hoặc giống bản sao lưu).',
	'io.backup.failed': 'Không khôi phục được, chưa có gì được ghi: {error}',
	'io.demo.h': 'Dữ liệu mẫu',
	'io.demo.intro':
		'Dùng thử ứng dụng với dữ liệu của một xã mẫu (dùng được cả khi không có mạng). Dữ liệu mẫu nằm riêng, không lẫn với dữ liệu thật và không đồng bộ lên máy chủ.',
	'io.demo.load': 'Dùng thử với dữ liệu mẫu',
	'io.demo.loading': 'Đang nạp dữ liệu mẫu…',
	'io.demo.done': 'Đã nạp dữ liệu mẫu: {n} bản ghi ({added} mới, {updated} cập nhật).',
	'io.demo.failed': 'Không nạp được dữ liệu mẫu: {error}',
	'demo.active':
		'Ứng dụng đang ở chế độ dùng thử. Thoát chế độ dùng thử sẽ xóa dữ liệu mẫu; dữ liệu thật trên máy được giữ nguyên.'
} as const;

const en: Record<keyof typeof vi, string> = {
	'io.title': 'Import and export',
	'io.import.h': 'Import CSV files',
	'io.import.intro':
		'Choose one or several CSV files (units, plans, meetings, documents, administrative procedures, incoming documents). The kind is recognised from the header line; commas or semicolons both work. Nothing is saved until you confirm.',
	'io.import.choose': 'Choose CSV files',
	'io.import.drop': 'Or drop CSV files onto this box.',
	'io.import.dropZone': 'CSV drop box',
	'io.import.checking': 'Checking the data',
	'io.import.progress': '{pct}% checked',
	'io.import.previewH': 'Preview',
	'io.import.summary':
		'{added} records will be added, {updated} updated; {rejected} rows rejected.',
	'io.import.kind': 'Kind',
	'io.import.rows': 'Data rows',
	'io.import.added': 'New',
	'io.import.updated': 'Updated',
	'io.import.rejected': 'Rejected rows',
	'io.import.sittingRows':
		'{rows} valid lines are {n} meetings: a meeting of several sittings takes one line per sitting.',
	'io.import.heldAhead':
		'{n} meetings are marked “Held” but their date has not come yet. Check the date or the status in the file; if imported, they count as held:',
	'io.import.heldAheadItem': '{title} (on {date})',
	'io.import.heldAheadMore': 'and {n} more meetings.',
	'io.import.rejectedList': 'Rejected rows ({n})',
	'io.import.line': 'Line {line}',
	'io.import.problem.unknownKind':
		'The file kind could not be recognised from its header (required columns missing); the file is skipped.',
	'io.import.problem.reportKind':
		'A report file (report.csv) is export only and cannot be imported; the file is skipped.',
	'io.import.confirm': 'Import {n} records',
	'io.import.writing': 'Saving…',
	'io.import.nothing': 'There are no valid records to import.',
	'io.import.done': '{n} records imported ({added} new, {updated} updated).',
	'io.import.failed': 'Import failed, nothing was saved: {error}',
	'io.import.saving': 'Saving to this device',
	'io.import.saved': '{pct}% saved',
	'io.import.stop': 'Stop import',
	'io.import.stopped': 'Import stopped; no record was saved.',
	'io.import.readFailed': 'The file could not be read: {error}',
	'io.kind.units': 'Units',
	'io.kind.plans': 'Plans',
	'io.kind.meetings': 'Meetings',
	'io.kind.documents': 'Documents',
	'io.kind.procedures': 'Administrative procedures',
	'io.kind.incoming': 'Incoming documents',
	'io.kind.unknown': 'Unknown',
	'io.export.h': 'Export (CSV)',
	'io.export.intro':
		'Each file is in the import format (opens in Excel) and can be imported again on another device.',
	'io.export.button': '{kind} ({file})',
	'io.export.done': '{file} downloaded.',
	'io.backup.h': 'Backup and restore',
	'io.backup.intro':
		'A backup is one JSON file holding all the data on this device (deleted records and settings included).',
	'io.backup.download': 'Download a backup',
	'io.backup.downloaded': '{file} downloaded.',
	'io.backup.choose': 'Choose a backup file (.json) to restore',
	'io.backup.holds': 'Backup made on {date} holds:',
	'io.backup.count': '{kind}: {n}',
	'io.backup.deleted': '{kind}: {n} (and {d} deleted records)',
	'io.backup.settings': 'General settings',
	'io.backup.rule':
		'Records missing on this device are added; a record on the device is replaced only when the backup is newer. Nothing on the device is deleted.',
	'io.backup.restore': 'Restore',
	'io.backup.restoring': 'Restoring…',
	'io.backup.restored':
		'{n} records restored; {kept} records kept as they are on the device (newer or the same).',
	'io.backup.failed': 'Restore failed, nothing was saved: {error}',
	'io.demo.h': 'Sample data',
	'io.demo.intro':
		'Try the app with the data of a sample commune (works offline too). The sample is kept apart from real records and never synced to the server.',
	'io.demo.load': 'Try with sample data',
	'io.demo.loading': 'Loading sample data…',
	'io.demo.done': 'Sample data loaded: {n} records ({added} new, {updated} updated).',
	'io.demo.failed': 'The sample data could not be loaded: {error}',
	'demo.active':
		'This device is in demo mode. Leaving demo mode deletes the sample data; the real records on the device stay as they are.'
};

export default { vi, en };
