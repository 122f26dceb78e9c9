import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent } from './rounding';

describe('formatPercent', () => {
	it('shows one decimal with a dot', () => {
		expect(formatPercent(8, 13)).toBe('61.5');
		expect(formatPercent(1, 1)).toBe('100.0');
		expect(formatPercent(0, 5)).toBe('0.0');
	});

	it('rounds an exact half away from zero', () => {
		expect(formatPercent(1, 1600)).toBe('0.1'); // 0.0625 -> 0.1
		expect(formatPercent(1, 2000)).toBe('0.1'); // 0.05 -> 0.1
		expect(formatPercent(-1, 2000)).toBe('-0.1');
		expect(formatPercent(1001, 2000)).toBe('50.1'); // 50.05 -> 50.1 (a float would give 50.0)
		expect(formatPercent(-1001, 2000)).toBe('-50.1');
	});

	it('rounds just below a half down', () => {
		expect(formatPercent(999, 20000)).toBe('5.0'); // 4.995
		expect(formatPercent(1, 3)).toBe('33.3');
		expect(formatPercent(2, 3)).toBe('66.7');
	});

	it('never prints minus zero', () => {
		expect(formatPercent(-1, 3000)).toBe('0.0');
	});

	it('handles a negative denominator and bigints', () => {
		expect(formatPercent(1, -3)).toBe('-33.3');
		expect(formatPercent(10n ** 30n, 3n * 10n ** 30n)).toBe('33.3');
	});

	it('refuses a zero denominator', () => {
		expect(() => formatPercent(1, 0)).toThrow(RangeError);
	});
});

describe('formatCount', () => {
	it('shows a whole number', () => {
		expect(formatCount(38)).toBe('38');
		expect(formatCount(0)).toBe('0');
	});
});

describe('formatPercent properties', () => {
	it('rounding matches a BigInt reference that reads the hundredths digit', () => {
		const reference = (num: bigint, den: bigint): string => {
			const negative = num < 0n !== den < 0n && num !== 0n;
			const n = num < 0n ? -num : num;
			const d = den < 0n ? -den : den;
			const hundredths = (n * 10000n) / d;
			let tenths = hundredths / 10n;
			if (hundredths % 10n >= 5n) tenths += 1n;
			const sign = negative && tenths !== 0n ? '-' : '';
			return `${sign}${tenths / 10n}.${tenths % 10n}`;
		};
		fc.assert(
			fc.property(
				fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
				fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((d) => d !== 0n),
				(num, den) => {
					expect(formatPercent(num, den)).toBe(reference(num, den));
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('rounding agrees with the float value to within half a tenth', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -5000, max: 5000 }),
				fc.integer({ min: 1, max: 5000 }),
				(num, den) => {
					expect(Math.abs(Number(formatPercent(num, den)) - (num * 100) / den)).toBeLessThanOrEqual(
						0.05 + 1e-9
					);
				}
			)
		);
	});
});
