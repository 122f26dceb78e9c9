import { describe, expect, it } from 'vitest';
import { projectedCount } from './projected-count';

describe('a projected yearly count as a person reads it (clerk review 11)', () => {
	it('is a whole number, rounded half away from zero', () => {
		expect(projectedCount(623.7, 616)).toEqual({ n: 624, over: false });
		expect(projectedCount(70.2, 77)).toEqual({ n: 70, over: false });
		expect(projectedCount(12.5)).toEqual({ n: 13, over: false });
		expect(projectedCount(12)).toEqual({ n: 12, over: false });
	});

	it('over a cap it rounds down to, it reads "over the cap" so the at-risk status holds', () => {
		// indicators.md: B = 12, T = 10, cap 10, projected 10.03 is over the cap.
		expect(projectedCount(10.03, 10)).toEqual({ n: 10, over: true });
		expect(projectedCount(10.49, 10)).toEqual({ n: 10, over: true });
		expect(projectedCount(10.5, 10)).toEqual({ n: 11, over: false });
	});

	it('at or under the cap it is the whole number', () => {
		expect(projectedCount(10, 10)).toEqual({ n: 10, over: false });
		expect(projectedCount(9.6, 10)).toEqual({ n: 10, over: false });
	});
});
