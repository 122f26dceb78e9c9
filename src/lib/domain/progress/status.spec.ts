import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareFractions, reachesPercent, targetFraction } from './rational';
import { ratioStatus, reductionCap, reductionStatus, STATUS_RANK as rank } from './status';

describe('ratioStatus', () => {
	it('is met or missed once the period is over', () => {
		expect(ratioStatus(3, 5, 60, true)).toBe('met');
		expect(ratioStatus(2, 5, 60, true)).toBe('missed');
	});

	it('is on_track or at_risk while the period runs', () => {
		expect(ratioStatus(3, 5, 60, false)).toBe('on_track');
		expect(ratioStatus(2, 5, 60, false)).toBe('at_risk');
	});

	it('decides on exact values, not on the rounded display', () => {
		// 99.96% shows as 100.0 but is below a 100% target.
		expect(ratioStatus(2499, 2500, 100, true)).toBe('missed');
		// 94.99...% is below 95 even though the float comparison is close.
		expect(ratioStatus(1899, 1999, 95, true)).toBe('missed');
		expect(ratioStatus(1900, 2000, 95, true)).toBe('met');
	});

	it('is no_data without a denominator and empty without a target', () => {
		expect(ratioStatus(0, 0, 60, true)).toBe('no_data');
		expect(ratioStatus(1, 2, null, true)).toBeNull();
		expect(ratioStatus(0, 0, null, true)).toBeNull();
	});

	it('accepts a target with decimals', () => {
		expect(targetFraction(62.5)).toEqual({ num: 625, den: 10 });
		expect(reachesPercent(5, 8, 62.5)).toBe(true);
		expect(reachesPercent(4, 8, 62.5)).toBe(false);
	});
});

describe('compareFractions', () => {
	it('compares by cross-multiplication', () => {
		expect(compareFractions(1, 3, 2, 6)).toBe(0);
		expect(compareFractions(1, 3, 1, 2)).toBe(-1);
		expect(compareFractions(2, 3, 1, 2)).toBe(1);
	});
});

describe('reductionCap', () => {
	it('is floor(B * (100 - T) / 100)', () => {
		expect(reductionCap(12, 10)).toBe(10); // 10.8
		expect(reductionCap(20, 10)).toBe(18);
		expect(reductionCap(300, 15)).toBe(255);
		expect(reductionCap(125, 15)).toBe(106); // 106.25
		expect(reductionCap(6, 15)).toBe(5); // 5.1
	});
});

describe('reductionStatus', () => {
	const running = { cap: 10, elapsed: 182, yearDays: 365, yearFinished: false };

	it('is at_risk when the projection passes the cap although the percentage passes the target', () => {
		// B = 12, T = 10: 5 conferences by mid-year project to 10.03 > 10.
		expect(reductionStatus({ ...running, count: 5 })).toBe('at_risk');
	});

	it('is on_track when the projection stays within the cap', () => {
		expect(reductionStatus({ ...running, count: 4 })).toBe('on_track');
		// exactly the cap: 5 * 364 / 182 = 10
		expect(reductionStatus({ ...running, count: 5, yearDays: 364 })).toBe('on_track');
	});

	it('is off_track once the count is already above the cap', () => {
		expect(reductionStatus({ ...running, count: 11 })).toBe('off_track');
	});

	it('is met or missed once the target year is finished', () => {
		expect(reductionStatus({ ...running, yearFinished: true, count: 10 })).toBe('met');
		expect(reductionStatus({ ...running, yearFinished: true, count: 11 })).toBe('missed');
	});
});

describe('status monotonicity', () => {
	it('a larger share never gets a worse status', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1000 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.integer({ min: 0, max: 100 }),
				fc.boolean(),
				(den, a, b, target, over) => {
					const [lo, hi] = [Math.floor(den * Math.min(a, b)), Math.floor(den * Math.max(a, b))];
					const sLo = ratioStatus(lo, den, target, over)!;
					const sHi = ratioStatus(hi, den, target, over)!;
					expect(rank[sHi]).toBeGreaterThanOrEqual(rank[sLo]);
				}
			)
		);
	});

	it('more conferences never get a better reduction status', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 100 }),
				fc.integer({ min: 0, max: 100 }),
				fc.integer({ min: 0, max: 50 }),
				fc.integer({ min: 1, max: 365 }),
				fc.boolean(),
				(c1, c2, cap, elapsed, yearFinished) => {
					const r = { cap, elapsed, yearDays: 365, yearFinished };
					const sLo = reductionStatus({ ...r, count: Math.min(c1, c2) });
					const sHi = reductionStatus({ ...r, count: Math.max(c1, c2) });
					expect(rank[sHi]).toBeLessThanOrEqual(rank[sLo]);
				}
			)
		);
	});
});
