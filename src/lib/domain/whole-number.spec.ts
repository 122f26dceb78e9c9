import { describe, expect, it } from 'vitest';
import { readWholeNumber } from './whole-number';

describe('a count typed the Vietnamese way', () => {
	it('accepts thousands grouped with dots or spaces, and plain digits', () => {
		expect(readWholeNumber('1.200')).toBe(1200);
		expect(readWholeNumber(' 12.000.000 ')).toBe(12_000_000);
		expect(readWholeNumber('1 200')).toBe(1200);
		expect(readWholeNumber('1\u00a0200\u00a0000')).toBe(1_200_000);
		expect(readWholeNumber('3602')).toBe(3602);
		expect(readWholeNumber('0')).toBe(0);
	});

	it('reads a decimal as the fraction it is (the schema then asks for a whole number)', () => {
		expect(readWholeNumber('1.5')).toBe(1.5);
		expect(readWholeNumber('1,5')).toBe(1.5);
		expect(readWholeNumber('1.20')).toBe(1.2);
		expect(readWholeNumber('1.2000')).toBe(1.2);
		expect(Number.isInteger(readWholeNumber('2.5'))).toBe(false);
	});

	it('refuses mixed or broken groups and words; empty is not set; a sign stays for the schema', () => {
		expect(readWholeNumber('1.200 000')).toBeNaN();
		expect(readWholeNumber('1..200')).toBeNaN();
		expect(readWholeNumber('.200')).toBeNaN();
		expect(readWholeNumber('1,200,000')).toBeNaN();
		expect(readWholeNumber('1.200,5')).toBeNaN();
		expect(readWholeNumber('hai mươi')).toBeNaN();
		expect(readWholeNumber('   ')).toBeNull();
		expect(readWholeNumber('-1')).toBe(-1);
	});
});
