/** The yearly scorecard (dashboard and report annex) and the baseline help on /plans. */
const vi = {
	'ranking.title': 'Các đơn vị cần chú ý trong kỳ',
	'ranking.lead':
		'Xếp từ đơn vị có kết quả thấp nhất (cùng quy tắc xếp hạng với bảng tổng hợp năm). Chạm vào đơn vị để xem chi tiết.',
	'ranking.rankOf': 'Hạng {rank}/{n}',
	'ranking.noData': 'Chưa có chỉ tiêu có số liệu',
	'ranking.allOk': 'Các chỉ tiêu đều đạt hoặc đúng tiến độ',
	'ranking.miss': '{name}: {value} (chỉ tiêu {target})',
	'ranking.missCap': '{name}: {value} ({cap}; chỉ tiêu {target})',
	'scorecard.title': 'Tổng hợp kết quả thực hiện chỉ tiêu năm {year} theo đơn vị',
	'scorecard.lead':
		'Phục vụ đánh giá, xếp loại và thi đua, khen thưởng cuối năm. Chỉ tiêu đạt gồm chỉ tiêu đã đạt hoặc đúng tiến độ; chỉ tính các chỉ tiêu đã có số liệu.',
	'scorecard.asOf': 'Số liệu tính đến ngày {date}.',
	'scorecard.rankRule':
		'Xếp hạng theo tỷ lệ chỉ tiêu đạt trên số chỉ tiêu có số liệu; bằng nhau thì đơn vị đạt nhiều chỉ tiêu hơn xếp trên; vẫn bằng nhau thì đồng hạng.',
	'scorecard.col.rank': 'Xếp hạng',
	'scorecard.col.unit': 'Đơn vị',
	'scorecard.col.met': 'Chỉ tiêu đạt',
	'scorecard.col.missed': 'Chỉ tiêu chưa đạt (kết quả / chỉ tiêu)',
	'scorecard.metOf': '{met}/{n}',
	'scorecard.metOfLong': 'Đạt {met}/{n} chỉ tiêu',
	'scorecard.rankN': 'Hạng {n}',
	'scorecard.noRank': 'Chưa xếp hạng',
	'scorecard.noTargets': 'Chưa có chỉ tiêu có số liệu',
	'scorecard.noneMissed': 'Không có',
	'scorecard.miss': '{name}: {value} (chỉ tiêu {target}) — {status}',
	'scorecard.missCap': '{name}: {value} ({cap}; chỉ tiêu {target}) — {status}',
	'scorecard.commune': 'Toàn xã',
	'scorecard.notes': 'Ghi chú:',
	'scorecard.print': 'In bảng tổng hợp',
	'plans.months': 'Số tháng hoạt động năm trước',
	'plans.monthsHint':
		'Đơn vị thành lập trong năm (ví dụ từ 01/07/2025: 6 tháng) nhập số tháng; số năm trước được quy đổi ra cả năm.',
	'plans.annualised': 'Quy đổi cả năm: hội nghị {c}, văn bản hành chính {d}.',
	'plans.suggest':
		'Theo sổ trên máy, năm {year}: {c} hội nghị chủ trì tổ chức, {d} văn bản hành chính.',
	'plans.useSuggestion': 'Dùng số liệu này',
	'plans.suggestionUsed': 'Đã điền số liệu năm {year}. Kiểm tra rồi bấm Lưu.',
	'plans.noSuggestion': 'Trên máy chưa có hội nghị, văn bản nào của đơn vị trong năm {year}.'
};

const en: Record<keyof typeof vi, string> = {
	'ranking.title': 'Units that need attention in the period',
	'ranking.lead':
		'Lowest results first (the same ranking rule as the yearly scorecard). Tap a unit to see its figures.',
	'ranking.rankOf': 'Rank {rank}/{n}',
	'ranking.noData': 'No target with data yet',
	'ranking.allOk': 'All targets met or on track',
	'ranking.miss': '{name}: {value} (target {target})',
	'ranking.missCap': '{name}: {value} ({cap}; target {target})',
	'scorecard.title': 'Targets met by unit, {year}',
	'scorecard.lead':
		'For the annual rating and awards. Met means met or on track; only targets with data count.',
	'scorecard.asOf': 'Figures up to {date}.',
	'scorecard.rankRule':
		'Ranked by targets met over targets with data; equal shares by more targets met; still equal, the same rank.',
	'scorecard.col.rank': 'Rank',
	'scorecard.col.unit': 'Unit',
	'scorecard.col.met': 'Targets met',
	'scorecard.col.missed': 'Targets not met (result / target)',
	'scorecard.metOf': '{met}/{n}',
	'scorecard.metOfLong': '{met} of {n} targets met',
	'scorecard.rankN': 'Rank {n}',
	'scorecard.noRank': 'Not ranked',
	'scorecard.noTargets': 'No target with data yet',
	'scorecard.noneMissed': 'None',
	'scorecard.miss': '{name}: {value} (target {target}) — {status}',
	'scorecard.missCap': '{name}: {value} ({cap}; target {target}) — {status}',
	'scorecard.commune': 'Whole commune',
	'scorecard.notes': 'Notes:',
	'scorecard.print': 'Print the scorecard',
	'plans.months': 'Months active last year',
	'plans.monthsHint':
		"A unit founded during the year (e.g. from 01/07/2025: 6 months) enters its months; last year's figures are annualised.",
	'plans.annualised': 'Annualised: {c} conferences, {d} administrative documents.',
	'plans.suggest':
		'From the records on this device, {year}: {c} organised conferences, {d} administrative documents.',
	'plans.useSuggestion': 'Use these figures',
	'plans.suggestionUsed': 'Figures of {year} filled in. Check them, then press Save.',
	'plans.noSuggestion': 'No conference or document of this unit in {year} on this device.'
};

export default { vi, en };
