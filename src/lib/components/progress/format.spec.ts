import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '$lib/domain/progress';
import { capLine, capShortText, fractionText, shortfallText, valueText } from './format';

const ratio = (
	code: IndicatorResult['code'],
	numerator: number,
	denominator: number,
	target: number,
	status: IndicatorResult['status']
): IndicatorResult =>
	({
		code,
		numerator,
		denominator,
		target,
		status,
		value: (100 * numerator) / denominator,
		display: ((100 * numerator) / denominator).toFixed(1)
	}) as IndicatorResult;

describe('the line under a ratio that has not reached its target', () => {
	it('a 100% duration target says a conference ran over and the target is out of reach (clerk review 6)', () => {
		const text = shortfallText(ratio('duration_compliance_share', 11, 12, 100, 'at_risk'));
		expect(text).toBe(
			'1 hội nghị đã vượt thời lượng quy định; chỉ tiêu 100% không còn đạt được trong năm'
		);
		expect(text).not.toContain('còn thiếu');
	});

	it('a 100% electronic-sending target counts the documents not sent electronically', () => {
		expect(fractionText(ratio('electronic_share', 250, 253, 100, 'at_risk'))).toBe(
			'250/253 · 3 văn bản chưa gửi điện tử'
		);
		expect(fractionText(ratio('electronic_share', 1250, 1253, 100, 'missed'))).toBe(
			'1.250/1.253 · 3 văn bản chưa gửi điện tử'
		);
	});

	it('a target below 100% says how many of the next records must all qualify: the total grows with them', () => {
		// Holding the total fixed said "còn thiếu 1 hồ sơ"; with each new dossier in the total, 20.
		expect(shortfallText(ratio('digital_procedures_share', 3818, 4020, 95, 'at_risk'))).toBe(
			'20 hồ sơ tiếp theo đều phải xử lý trên môi trường điện tử mới đạt chỉ tiêu'
		);
		expect(fractionText(ratio('online_share', 4, 10, 60, 'at_risk'))).toBe(
			'4/10 · 5 hội nghị tiếp theo đều phải tổ chức trực tuyến mới đạt chỉ tiêu'
		);
		expect(shortfallText(ratio('incoming_electronic_share', 90, 100, 95, 'off_track'))).toBe(
			'100 văn bản đến tiếp theo đều phải xử lý trên môi trường điện tử mới đạt chỉ tiêu'
		);
	});

	it('dossiers already received can still be digitized: that one counts on the fixed total', () => {
		expect(shortfallText(ratio('digitized_share', 3818, 4020, 95, 'at_risk'))).toBe(
			'cần số hóa thêm 1 hồ sơ đã tiếp nhận để đạt chỉ tiêu'
		);
	});

	it('gives no advice about the next records once the period is over (missed)', () => {
		expect(shortfallText(ratio('online_share', 4, 10, 60, 'missed'))).toBeNull();
		expect(fractionText(ratio('online_share', 4, 10, 60, 'missed'))).toBe('4/10');
	});

	it('says nothing once the target is reached or on track', () => {
		expect(shortfallText(ratio('electronic_share', 12, 12, 100, 'met'))).toBeNull();
		expect(fractionText(ratio('duration_compliance_share', 12, 12, 100, 'on_track'))).toBe('12/12');
	});
});

describe('a projected yearly count on screen (clerk review 11)', () => {
	const reduction = (projected: number, cap: number) =>
		({
			code: 'document_reduction',
			cap,
			count: 300,
			baseline: 700,
			projected,
			target: 15,
			status: 'at_risk',
			value: 10,
			display: '10.0'
		}) as IndicatorResult;

	it('is a whole number beside the cap', () => {
		expect(capShortText(reduction(623.7, 616))).toBe('tối đa cả năm 616; dự kiến cả năm 624');
		expect(capLine(reduction(623.7, 616))).toBe(
			'Năm trước (gốc so sánh): 700 · Tối đa cả năm: 616 · Đến nay: 300 · Dự kiến cả năm: 624'
		);
	});

	it('reads "trên" the cap when it is over a cap it rounds to', () => {
		expect(capShortText(reduction(616.3, 616))).toBe('tối đa cả năm 616; dự kiến cả năm trên 616');
	});
});

describe('a ratio with nothing counted (clerk review 21)', () => {
	it('has no "0/0" under "Chưa có dữ liệu"', () => {
		const none = {
			code: 'online_share',
			numerator: 0,
			denominator: 0,
			target: 60,
			status: 'no_data',
			value: null,
			display: ''
		} as IndicatorResult;
		expect(fractionText(none)).toBeNull();
	});
});

describe('a reduction below zero', () => {
	it('reads as a rise, not a negative reduction (clerk review 11, finding 13)', () => {
		const up = {
			code: 'conference_reduction',
			value: -3.4,
			display: '-3.4',
			target: 10,
			status: 'at_risk'
		} as const;
		expect(valueText(up)).toBe('tăng 3,4%');
		expect(valueText({ ...up, value: 12.5, display: '12.5' })).toBe('12,5%');
		// Other indicators are never negative; a count keeps its form.
		expect(valueText({ ...up, code: 'online_share', value: 40, display: '40.0' })).toBe('40,0%');
	});
});
