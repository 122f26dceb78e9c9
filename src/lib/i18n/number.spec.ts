import { describe, expect, it } from 'vitest';
import {
	formatDecimal,
	formatInteger,
	formatUpToOne,
	localizeDecimal,
	localizePercent
} from './number';
import {
	honestPercent,
	ratioCatchUp,
	ratioShortfall,
	type PercentFigure
} from '$lib/domain/progress/honest-percent';

const ratio = (
	num: number,
	den: number,
	target: number | null,
	status: PercentFigure['status'],
	display: string
): PercentFigure => ({
	display,
	value: (num * 100) / den,
	target,
	status,
	numerator: num,
	denominator: den
});

describe('numbers in the language of the screen', () => {
	it('Vietnamese: thousands with a dot, decimal comma', () => {
		expect(formatInteger('vi', 4020)).toBe('4.020');
		expect(formatInteger('vi', 1234567)).toBe('1.234.567');
		expect(formatDecimal('vi', 1234.5, 1)).toBe('1.234,5');
		expect(formatUpToOne('vi', 11)).toBe('11');
		expect(formatUpToOne('vi', 11.46)).toBe('11,5');
		expect(localizePercent('vi', '92.5')).toBe('92,5%');
		expect(localizeDecimal('vi', '-20.0')).toBe('-20,0');
		expect(localizeDecimal('vi', '1234.56')).toBe('1.234,56');
	});
	it('English: thousands with a comma, decimal point', () => {
		expect(formatInteger('en', 4020)).toBe('4,020');
		expect(localizePercent('en', '92.5')).toBe('92.5%');
		expect(localizeDecimal('en', '1234.56')).toBe('1,234.56');
	});
	it('keeps the engine digits exactly (no float rounding)', () => {
		expect(localizeDecimal('vi', '0.1')).toBe('0,1');
		expect(localizeDecimal('vi', '94.95')).toBe('94,95');
		expect(localizeDecimal('vi', 'abc')).toBe('abc');
	});
});

describe('a percentage next to a status never contradicts it', () => {
	it('3817/4020 at risk against 95%: 94.95, not 95.0', () => {
		const i = ratio(3817, 4020, 95, 'at_risk', '95.0');
		expect(honestPercent(i)).toBe('94.95');
		expect(localizePercent('vi', honestPercent(i))).toBe('94,95%');
		expect(ratioShortfall(i)).toBe(2);
	});
	it('rounds down so the figure stays under the target, with two decimals', () => {
		// 18999/20000 = 94.995%: one decimal '95.0', two decimals rounded down '94.99'.
		expect(honestPercent(ratio(18999, 20000, 95, 'missed', '95.0'))).toBe('94.99');
		// 189999/200000 = 94.9995%: rounded down, never up to the target.
		expect(honestPercent(ratio(189999, 200000, 95, 'at_risk', '95.0'))).toBe('94.99');
		// 99.96% against 100%.
		expect(honestPercent(ratio(2499, 2500, 100, 'missed', '100.0'))).toBe('99.96');
	});
	it('leaves one decimal when it does not contradict', () => {
		expect(honestPercent(ratio(3819, 4020, 95, 'on_track', '95.0'))).toBe('95.0');
		expect(honestPercent(ratio(8, 13, 95, 'at_risk', '61.5'))).toBe('61.5');
		expect(honestPercent(ratio(8, 13, null, null, '61.5'))).toBe('61.5');
		expect(honestPercent(ratio(4020, 4020, 100, 'met', '100.0'))).toBe('100.0');
		expect(honestPercent({ display: '', value: null, target: 95, status: 'no_data' })).toBe('');
	});
	it('without the fraction (reductions) works on the value, and keeps a figure that reaches', () => {
		expect(honestPercent({ display: '10.0', value: 9.96, target: 10, status: 'off_track' })).toBe(
			'9.96'
		);
		expect(honestPercent({ display: '12.0', value: 12.01, target: 10, status: 'at_risk' })).toBe(
			'12.0'
		);
	});
	it('shortfall: how many more reach the target', () => {
		expect(ratioShortfall(ratio(3818, 4020, 95, 'at_risk', '95.0'))).toBe(1);
		expect(ratioShortfall(ratio(3819, 4020, 95, 'on_track', '95.0'))).toBeNull();
		expect(ratioShortfall(ratio(5, 10, 60, 'at_risk', '50.0'))).toBe(1);
		expect(ratioShortfall(ratio(0, 3, 100, 'missed', '0.0'))).toBe(3);
		expect(ratioShortfall(ratio(5, 10, null, null, '50.0'))).toBeNull();
	});
	it('catch-up: each record added counts in the total too, so more are needed than with the total fixed', () => {
		// (3817 + 40) / (4020 + 40) = 95.0%; 39 more give 94.99%.
		expect(ratioCatchUp(ratio(3817, 4020, 95, 'at_risk', '95.0'))).toBe(40);
		expect((3817 + 40) * 100).toBeGreaterThanOrEqual(95 * (4020 + 40));
		expect((3817 + 39) * 100).toBeLessThan(95 * (4020 + 39));
		// 4/10 online against 60%: 5 more online conferences (9/15), not 2.
		expect(ratioCatchUp(ratio(4, 10, 60, 'at_risk', '40.0'))).toBe(5);
		expect(ratioShortfall(ratio(4, 10, 60, 'at_risk', '40.0'))).toBe(2);
		expect(ratioCatchUp(ratio(5, 10, 60, 'at_risk', '50.0'))).toBe(3);
		expect(ratioCatchUp(ratio(0, 1, 95, 'at_risk', '0.0'))).toBe(19);
		// A decimal target (plans may set one): 66,5% of 1/2 needs 1 more (2/3 = 66,7%).
		expect(ratioCatchUp(ratio(1, 2, 66.5, 'at_risk', '50.0'))).toBe(1);
		// Reached, no target, no fraction, or a 100% target (never reachable by adding): null.
		expect(ratioCatchUp(ratio(3819, 4020, 95, 'on_track', '95.0'))).toBeNull();
		expect(ratioCatchUp(ratio(5, 10, null, null, '50.0'))).toBeNull();
		expect(ratioCatchUp(ratio(0, 3, 100, 'missed', '0.0'))).toBeNull();
		expect(ratioCatchUp({ display: '', value: null, target: 95, status: 'no_data' })).toBeNull();
	});
});
