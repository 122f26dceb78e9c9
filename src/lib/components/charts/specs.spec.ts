import { describe, expect, it } from 'vitest';
import { wrapLabel } from './specs';

describe('wrapLabel', () => {
	it('breaks a long unit name between words into lines of at most the width', () => {
		expect(wrapLabel('Văn phòng HĐND và UBND xã')).toEqual(['Văn phòng HĐND và', 'UBND xã']);
		expect(wrapLabel('Văn phòng HĐND và UBND xã', 12)).toEqual(['Văn phòng', 'HĐND và UBND', 'xã']);
		// After a dash first, not a lone word on the last line.
		expect(wrapLabel('Phòng Văn hóa - Xã hội')).toEqual(['Phòng Văn hóa -', 'Xã hội']);
		expect(wrapLabel('Phòng Kinh tế - Hạ tầng - Đô thị')).toEqual([
			'Phòng Kinh tế -',
			'Hạ tầng - Đô thị'
		]);
		for (const line of wrapLabel('Ban Chỉ huy Quân sự xã Hòa Bình Thượng'))
			expect(line.length).toBeLessThanOrEqual(18);
	});

	it('keeps a short name on one line, a word longer than the width on its own line, and never loses text', () => {
		expect(wrapLabel('Thôn Đông')).toEqual(['Thôn Đông']);
		expect(wrapLabel('Thôn Đông-Tây-Nam-Bắc-Trung', 10)).toEqual([
			'Thôn',
			'Đông-Tây-Nam-Bắc-Trung'
		]);
		expect(wrapLabel('  Tổ   1 ')).toEqual(['Tổ 1']);
		expect(wrapLabel('')).toEqual(['']);
		const name = 'Hội Liên hiệp Phụ nữ xã và Đoàn Thanh niên';
		expect(wrapLabel(name, 10).join(' ')).toBe(name);
	});
});
