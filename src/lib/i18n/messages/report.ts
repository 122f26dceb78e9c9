/** Drafting the periodic report (/reports). Vietnamese first; English typed against it. */
const vi = {
	'report.word': 'Tải bản Word (.docx)',
	'report.wordBusy': 'Đang tạo tệp Word…',
	'report.wordError': 'Không tạo được tệp Word: {msg}',
	'report.draft': 'Soạn thảo báo cáo',
	'report.draftHint':
		'Nội dung các mục I, III, IV, V được soạn sẵn từ số liệu; hãy sửa cho phù hợp. Nội dung được lưu trên máy ngay khi nhập.',
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
	'report.saving': 'Đang lưu…',
	'report.saved': 'Đã lưu trên máy.',
	'report.saveError': 'Chưa lưu được: {msg}',
	'report.status.draft': 'Dự thảo',
	'report.markFinal': 'Đánh dấu bản chính thức',
	'report.confirmFinal':
		'Đánh dấu bản chính thức? Số liệu trong báo cáo được chốt theo số liệu hiện tại; sửa hội nghị, văn bản sau này không làm thay đổi báo cáo đã ban hành.',
	'report.confirm': 'Xác nhận',
	'report.cancel': 'Hủy',
	'report.isFinal': 'Bản chính thức, số liệu chốt đến ngày {date}.',
	'report.reopen': 'Chuyển về dự thảo',
	'report.confirmReopen': 'Chuyển về dự thảo? Số liệu đã chốt sẽ được thay bằng số liệu hiện tại.',
	'report.figuresDiffer':
		'Số liệu hiện tại khác với số liệu của bản chính thức. Báo cáo vẫn giữ số liệu đã ban hành.',
	'report.finalLocked': 'Bản chính thức không sửa được; chuyển về dự thảo để sửa.'
};

const en: Record<keyof typeof vi, string> = {
	'report.word': 'Download Word file (.docx)',
	'report.wordBusy': 'Making the Word file…',
	'report.wordError': 'Could not make the Word file: {msg}',
	'report.draft': 'Draft the report',
	'report.draftHint':
		'Sections I, III, IV and V are pre-drafted from the figures; edit them. What you type is saved on this device at once.',
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
	'report.saving': 'Saving…',
	'report.saved': 'Saved on this device.',
	'report.saveError': 'Not saved: {msg}',
	'report.status.draft': 'Draft',
	'report.markFinal': 'Mark as final',
	'report.confirmFinal':
		'Mark as final? The report keeps today’s figures; later edits of meetings or documents will not change the issued report.',
	'report.confirm': 'Confirm',
	'report.cancel': 'Cancel',
	'report.isFinal': 'Final report, figures as of {date}.',
	'report.reopen': 'Back to draft',
	'report.confirmReopen': 'Back to draft? The issued figures will be replaced by the live ones.',
	'report.figuresDiffer':
		'The live figures differ from those of the final report. The report keeps the issued figures.',
	'report.finalLocked': 'A final report cannot be edited; turn it back into a draft to edit.'
};

export default { vi, en };
