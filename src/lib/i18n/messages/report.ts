/** Drafting the periodic report (/reports). Vietnamese first; English typed against it. */
const vi = {
	'report.word': 'Tải bản Word (.docx)',
	'report.csvHint':
		'Tệp CSV là tệp dữ liệu để nhập vào phần mềm khác (số liệu kèm mã, theo định dạng quy định); để đọc, in hoặc sửa báo cáo, dùng tệp Word hoặc Excel.',
	'report.excel': 'Tải bản Excel (tiếng Việt)',
	'report.excelError': 'Không tạo được tệp Excel: {msg}',
	'xlsx.col.unit': 'Đơn vị',
	'xlsx.col.from': 'Từ ngày',
	'xlsx.col.to': 'Đến ngày',
	'xlsx.col.asOf': 'Số liệu tính đến ngày',
	'xlsx.col.indicator': 'Chỉ tiêu',
	'xlsx.col.value': 'Kết quả',
	'xlsx.col.measure': 'Đơn vị tính',
	'xlsx.col.target': 'Chỉ tiêu giao',
	'xlsx.col.status': 'Đánh giá',
	'xlsx.measure.count': 'Hội nghị',
	'report.wordBusy': 'Đang tạo tệp Word…',
	'report.wordError': 'Không tạo được tệp Word: {msg}',
	'report.draft': 'Soạn thảo báo cáo',
	'report.draftHint':
		'Nội dung các mục I, III, IV, V được soạn sẵn từ số liệu và tự cập nhật theo số liệu, Kế hoạch cho đến khi bạn sửa mục đó; hãy sửa cho phù hợp. Nội dung được lưu trên máy ngay khi nhập.',
	'report.number': 'Số văn bản',
	'report.numberHint': 'Để trống nếu văn thư chưa cấp số.',
	'report.symbol': 'Ký hiệu',
	'report.issuedOn': 'Ngày ban hành',
	'report.signingForm': 'Thẩm quyền ký',
	'report.signingForm.tm': 'Chủ tịch ký (TM.)',
	'report.signingForm.kt': 'Phó Chủ tịch ký thay (KT.)',
	'report.signingForm.unitTm': 'Người đứng đầu ký',
	'report.signingForm.unitKt': 'Cấp phó ký thay (KT.)',
	'report.signerTitle': 'Chức danh người đứng đầu',
	'report.signerName': 'Họ và tên người ký',
	'report.recipients': 'Nơi nhận (mỗi dòng một nơi)',
	'report.section.deployment': 'I. Tình hình triển khai thực hiện',
	'report.section.shortcomings': 'III. Tồn tại, hạn chế và nguyên nhân',
	'report.section.directions': 'IV. Phương hướng, nhiệm vụ thời gian tới',
	'report.section.proposals': 'V. Đề xuất, kiến nghị',
	'report.section.stale':
		'Số liệu hoặc Kế hoạch đã thay đổi sau khi sửa mục này, nên nội dung soạn sẵn nay đã khác. Kiểm tra lại mục này, rồi bấm "Đã kiểm tra, giữ nội dung đã sửa" hoặc "Lấy lại nội dung soạn sẵn".',
	'report.section.keep': 'Đã kiểm tra, giữ nội dung đã sửa',
	'report.section.moved': 'Số liệu đã thay đổi trong nội dung soạn sẵn: {list}.',
	'report.section.edited': 'Mục này đã sửa: giữ nguyên nội dung đã nhập.',
	'report.section.regenerate': 'Lấy lại nội dung soạn sẵn',
	'report.section.regenerateAsk':
		'Bỏ nội dung đã sửa của mục này và lấy lại nội dung soạn sẵn theo số liệu hiện tại?',
	'report.section.regenerateYes': 'Lấy lại',
	'report.section.regenerateNo': 'Giữ nội dung đã sửa',
	'report.saving': 'Đang lưu…',
	'report.noCommuneName': 'Chưa nhập tên xã, nên đầu báo cáo còn để trống (XÃ ……): vào',
	'report.noCommuneNameLink': 'Cài đặt → Thông tin chung',
	'report.saved': 'Đã lưu trên máy.',
	'report.saveError': 'Chưa lưu được: {msg}',
	'report.status.draft': 'Dự thảo',
	'report.markFinal': 'Đánh dấu bản chính thức',
	'err.finalBeforeTargets':
		'Quyết định 534 giao chỉ tiêu từ năm 2026, nên báo cáo của năm trước đó không thể là bản chính thức.',
	'report.confirmFinal':
		'Đánh dấu bản chính thức? Số liệu trong báo cáo được chốt theo số liệu hiện tại; sửa hội nghị, văn bản sau này không làm thay đổi báo cáo đã ban hành.',
	'report.confirm': 'Xác nhận',
	'report.cancel': 'Hủy',
	'report.isFinal': 'Bản chính thức, số liệu chốt đến ngày {date}.',
	'report.reopen': 'Chuyển về dự thảo',
	'report.confirmReopen': 'Chuyển về dự thảo? Số liệu đã chốt sẽ được thay bằng số liệu hiện tại.',
	'report.figuresDiffer':
		'Số liệu hiện tại khác với số liệu của bản chính thức. Báo cáo vẫn giữ số liệu đã ban hành.',
	'report.finalLocked': 'Bản chính thức không sửa được; chuyển về dự thảo để sửa.',
	'report.filesFinal':
		'Bản in, tệp Word, Excel và tệp số liệu CSV dưới đây là của bản chính thức số {no}, số liệu tính đến ngày {date}.',
	'report.filesDraft':
		'Bản in, tệp Word, Excel và tệp số liệu CSV dưới đây là dự thảo, số liệu hiện tại tính đến ngày {date}.',
	'report.liveNote':
		'Số liệu hiện tại tính đến ngày {date} (không phải số liệu của bản chính thức; dùng để theo dõi):',
	'report.liveExcel': 'Tải số liệu hiện tại đến ngày {date} (Excel)',
	'report.warnIssuedEarly':
		'Ngày ban hành ({issued}) trước ngày tính số liệu ({asOf}). Báo cáo chỉ được ban hành chính thức từ ngày {asOf} trở đi; sửa ngày ban hành hoặc ngày tính số liệu.',
	'report.refuseIssuedEarly':
		'Chưa đánh dấu được bản chính thức: ngày ban hành ({issued}) trước ngày tính số liệu ({asOf}). Sửa ngày ban hành từ ngày {asOf} trở đi, hoặc chọn ngày tính số liệu không sau ngày ban hành.',
	'report.asOfAhead':
		'Ngày tính số liệu ({asOf}) sau ngày hôm nay ({today}): số liệu mới tính đến hôm nay, kết quả chưa phải số liệu cuối kỳ.',
	'report.refuseAsOfAhead':
		'Chưa đánh dấu được bản chính thức: ngày tính số liệu ({asOf}) sau ngày hôm nay ({today}). Chọn ngày tính số liệu không sau ngày hôm nay.',
	'report.finalMissing': 'Báo cáo chưa có: {list}.',
	'report.finalBlanks': 'Mục {list} còn chỗ chưa điền (……).',
	'report.finalOverdue':
		'Còn {n} cuộc họp trong kỳ đã qua ngày họp nhưng chưa cập nhật trạng thái, chưa được tính vào báo cáo.',
	'report.finalAnyway': 'Vẫn đánh dấu bản chính thức?',
	'report.periodOpen':
		'Kỳ báo cáo chưa kết thúc (kết thúc ngày {end}). Số liệu của báo cáo chỉ tính đến ngày {asOf}, chưa đủ cả kỳ; báo cáo ghi rõ thời gian tính số liệu.',
	'report.periodOpenConfirm':
		'Tôi xác nhận ban hành bản chính thức với số liệu tính đến ngày {asOf}, trước khi kết thúc kỳ báo cáo.'
};

const en: Record<keyof typeof vi, string> = {
	'report.word': 'Download Word file (.docx)',
	'report.csvHint':
		'The CSV file is data for other software (figures with codes, as the format sets out); to read, print or edit the report, use the Word or Excel file.',
	'report.excel': 'Download Excel (Vietnamese)',
	'report.excelError': 'Could not build the Excel file: {msg}',
	'xlsx.col.unit': 'Unit',
	'xlsx.col.from': 'From',
	'xlsx.col.to': 'To',
	'xlsx.col.asOf': 'Figures up to',
	'xlsx.col.indicator': 'Indicator',
	'xlsx.col.value': 'Result',
	'xlsx.col.measure': 'Measure',
	'xlsx.col.target': 'Target',
	'xlsx.col.status': 'Assessment',
	'xlsx.measure.count': 'Conferences',
	'report.wordBusy': 'Making the Word file…',
	'report.wordError': 'Could not make the Word file: {msg}',
	'report.draft': 'Draft the report',
	'report.draftHint':
		'Sections I, III, IV and V are pre-drafted from the figures and follow the figures and the plan until you edit them; edit them. What you type is saved on this device at once.',
	'report.number': 'Document number',
	'report.numberHint': 'Leave empty until the office assigns a number.',
	'report.symbol': 'Symbol',
	'report.issuedOn': 'Date of issue',
	'report.signingForm': 'Signing authority',
	'report.signingForm.tm': 'The chairman signs (TM.)',
	'report.signingForm.kt': 'A vice-chairman signs for the chairman (KT.)',
	'report.signingForm.unitTm': 'The head signs',
	'report.signingForm.unitKt': 'The deputy signs for the head (KT.)',
	'report.signerTitle': 'Title of the head',
	'report.signerName': 'Signer’s full name',
	'report.recipients': 'Recipients (one per line)',
	'report.section.deployment': 'I. Implementation',
	'report.section.shortcomings': 'III. Shortcomings and causes',
	'report.section.directions': 'IV. Tasks ahead',
	'report.section.proposals': 'V. Proposals',
	'report.section.stale':
		'The figures or the plan changed after this section was edited, so its pre-drafted text now differs. Check this section, then press "Checked, keep the edited text" or "Take the pre-drafted text again".',
	'report.section.keep': 'Checked, keep the edited text',
	'report.section.moved': 'Figures changed in the prepared text: {list}.',
	'report.section.edited': 'This section was edited: your text is kept as typed.',
	'report.section.regenerate': 'Take the pre-drafted text again',
	'report.section.regenerateAsk':
		'Discard your text of this section and take the text pre-drafted from the current figures?',
	'report.section.regenerateYes': 'Take it',
	'report.section.regenerateNo': 'Keep my text',
	'report.noCommuneName': 'The commune name is not set, so the masthead is blank (XÃ ……): go to',
	'report.noCommuneNameLink': 'Settings → General',
	'report.saving': 'Saving…',
	'report.saved': 'Saved on this device.',
	'report.saveError': 'Not saved: {msg}',
	'report.status.draft': 'Draft',
	'report.markFinal': 'Mark as final',
	'err.finalBeforeTargets':
		'Decision 534 sets targets from 2026, so a report of an earlier year cannot be final.',
	'report.confirmFinal':
		'Mark as final? The report keeps today’s figures; later edits of meetings or documents will not change the issued report.',
	'report.confirm': 'Confirm',
	'report.cancel': 'Cancel',
	'report.isFinal': 'Final report, figures as of {date}.',
	'report.reopen': 'Back to draft',
	'report.confirmReopen': 'Back to draft? The issued figures will be replaced by the live ones.',
	'report.figuresDiffer':
		'The live figures differ from those of the final report. The report keeps the issued figures.',
	'report.finalLocked': 'A final report cannot be edited; turn it back into a draft to edit.',
	'report.filesFinal':
		'The print, Word, Excel and CSV files below are those of final report no. {no}, figures as of {date}.',
	'report.filesDraft':
		'The print, Word, Excel and CSV files below are a draft with the live figures as of {date}.',
	'report.liveNote':
		'Live figures as of {date} (not the figures of the final report; for follow-up):',
	'report.liveExcel': 'Download the live figures as of {date} (Excel)',
	'report.warnIssuedEarly':
		'The date of issue ({issued}) is before the date the figures run to ({asOf}). The report can be final only from {asOf}; change the date of issue or the figures’ date.',
	'report.refuseIssuedEarly':
		'Not marked final: the date of issue ({issued}) is before the date the figures run to ({asOf}). Set the date of issue to {asOf} or later, or choose figures up to no later than the date of issue.',
	'report.asOfAhead':
		'The figures’ date ({asOf}) is after today ({today}): the figures run to today only and are not the period’s final ones.',
	'report.refuseAsOfAhead':
		'Not marked final: the figures’ date ({asOf}) is after today ({today}). Choose a date no later than today.',
	'report.finalMissing': 'The report has no {list} yet.',
	'report.finalBlanks': 'Section {list} still has blanks to fill in (……).',
	'report.finalOverdue':
		'{n} meetings of the period are past their day but not yet updated, and are left out of the report.',
	'report.finalAnyway': 'Mark it final anyway?',
	'report.periodOpen':
		'The reporting period has not ended (it ends on {end}). The report’s figures run only to {asOf}, not the whole period; the report states the dates counted.',
	'report.periodOpenConfirm':
		'I confirm issuing the final report with figures as of {asOf}, before the reporting period ends.'
};

export default { vi, en };
