import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '$lib/domain/progress';
import { capLine, capShortText, fractionText, shortfallText } from './format';

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

	it('a target below 100% still says how many are missing', () => {
		expect(shortfallText(ratio('digital_procedures_share', 3818, 4020, 95, 'at_risk'))).toBe(
			'còn thiếu 1 hồ sơ để đạt chỉ tiêu'
		);
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
