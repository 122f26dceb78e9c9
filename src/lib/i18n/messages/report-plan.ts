/**
 * /reports: which implementation plan the opening cites, or why none (clerk review r11, 6). Apart
 * from report.ts so the report's other notices change without touching these lines.
 */
const vi = {
	'reportPlan.cited':
		'Câu mở đầu báo cáo dẫn Kế hoạch {ref} (Kế hoạch thực hiện năm {year} của xã). Sửa tại',
	'reportPlan.none':
		'Chưa nhập Kế hoạch thực hiện năm {year} của xã, nên câu mở đầu chỉ ghi “Thực hiện Kế hoạch của UBND xã”: vào',
	'reportPlan.noneOther':
		'Chưa nhập Kế hoạch thực hiện năm {year} của xã (Kế hoạch đã nhập: năm {others}; báo cáo của năm nào dẫn Kế hoạch của năm đó), nên câu mở đầu chỉ ghi “Thực hiện Kế hoạch của UBND xã”: vào',
	'reportPlan.after':
		'Kế hoạch thực hiện năm {year} ({ref}) ban hành sau ngày ban hành báo cáo ({date}), nên câu mở đầu không dẫn Kế hoạch này mà chỉ ghi “Thực hiện Kế hoạch của UBND xã”. Kiểm tra lại ngày ban hành của báo cáo, hoặc của Kế hoạch tại',
	'reportPlan.final':
		'Bản chính thức dẫn Kế hoạch {ref}, như khi ban hành; sửa Cài đặt không làm thay đổi báo cáo đã ban hành.',
	'reportPlan.finalNone':
		'Bản chính thức giữ nguyên nội dung như khi ban hành (không dẫn số, ngày Kế hoạch); sửa Cài đặt không làm thay đổi báo cáo này.',
	'reportPlan.link': 'Cài đặt → Kế hoạch thực hiện'
} as const;

const en: Record<keyof typeof vi, string> = {
	'reportPlan.cited':
		'The opening cites Kế hoạch {ref} (the commune’s implementation plan for {year}). Change it in',
	'reportPlan.none':
		'The commune’s implementation plan for {year} is not entered, so the opening reads only “Thực hiện Kế hoạch của UBND xã”: go to',
	'reportPlan.noneOther':
		'The commune’s implementation plan for {year} is not entered (plans entered: {others}; each year’s report cites that year’s plan), so the opening reads only “Thực hiện Kế hoạch của UBND xã”: go to',
	'reportPlan.after':
		'The implementation plan for {year} ({ref}) was issued after the report’s date of issue ({date}), so the opening does not cite it and reads only “Thực hiện Kế hoạch của UBND xã”. Check the report’s date of issue, or the plan’s in',
	'reportPlan.final':
		'The final report cites Kế hoạch {ref}, as when it was issued; changing the settings does not change an issued report.',
	'reportPlan.finalNone':
		'The final report cites no plan number or date, as when it was issued; changing the settings does not change an issued report.',
	'reportPlan.link': 'Settings → Implementation plan'
};

export default { vi, en };
