import { describe, expect, it } from 'vitest';
import { minutesText } from './translate';

describe('a duration on screen (clerk review 16)', () => {
	it('whole hours read "8 giờ", never "8 giờ 0 phút"', () => {
		expect(minutesText('vi', 480)).toBe('8 giờ');
		expect(minutesText('en', 480)).toBe('8 h');
	});

	it('hours and minutes, or minutes alone', () => {
		expect(minutesText('vi', 515)).toBe('8 giờ 35 phút');
		expect(minutesText('vi', 30)).toBe('30 phút');
		expect(minutesText('vi', 0)).toBe('0 phút');
	});
});
