import { describe, expect, it } from 'vitest';
import { countText, parseCount } from './count-field';

describe('parseCount', () => {
	it('reads empty as not set, numbers as numbers and anything else as NaN', () => {
		expect(parseCount('  ')).toBeNull();
		expect(parseCount(' 12 ')).toBe(12);
		expect(parseCount('-1')).toBe(-1);
		expect(parseCount('2.5')).toBe(2.5);
		expect(parseCount('mười')).toBeNaN();
		// Thousands grouped the Vietnamese way are the whole number they say.
		expect(parseCount('1.200')).toBe(1200);
		expect(parseCount('1 200')).toBe(1200);
		expect(parseCount('1.5')).toBe(1.5);
		expect(countText(null)).toBe('');
		expect(countText(0)).toBe('0');
	});
});
