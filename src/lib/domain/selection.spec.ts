import { describe, expect, it } from 'vitest';
import {
	BASELINE_YEAR,
	FIRST_TARGET_YEAR,
	parseSelection,
	resolveSelection,
	selectionQuery,
	yearOptions
} from './selection';

const parse = (q: string, kinds?: Parameters<typeof parseSelection>[1]) =>
	parseSelection(new URLSearchParams(q), kinds);

describe('parseSelection', () => {
	it('reads a report link', () => {
		const { selection, invalid } = parse('period=annual&year=2026&asOf=2026-12-20&unit=VP');
		expect(invalid).toBe(false);
		expect(selection).toEqual({
			kind: 'annual',
			year: 2026,
			index: null,
			asOf: '2026-12-20',
			unit: 'VP'
		});
	});

	it('falls back to defaults and says so when a value is not valid', () => {
		const { selection, invalid } = parse('period=weekly&year=abc&asOf=2026-13-01&unit=v p', [
			'6month',
			'9month',
			'annual'
		]);
		expect(invalid).toBe(true);
		expect(selection).toEqual({ kind: 'annual', year: null, index: null, asOf: null, unit: null });
	});

	it('round-trips through selectionQuery', () => {
		const q = '?period=quarter&year=2026&index=2&asOf=2026-05-10&unit=KT';
		expect(selectionQuery(parse(q.slice(1)).selection)).toBe(q);
	});
});

describe('resolveSelection', () => {
	it('caps "as of" today at the period end when the URL gives none', () => {
		const s = parse('period=6month&year=2026').selection;
		const r = resolveSelection(s, '2026-09-30', 'decree09');
		expect(r.period).toMatchObject({ start: '2025-12-15', end: '2026-06-14' });
		expect(r.asOf).toBe('2026-06-14');
	});

	it('keeps an explicit "as of" after the period end (the report names it)', () => {
		const s = parse('period=annual&year=2026&asOf=2026-12-20').selection;
		expect(resolveSelection(s, '2027-02-01', 'decree09').asOf).toBe('2026-12-20');
	});

	it('picks the Decree-09 month that holds today: 15/03 is already month 4', () => {
		const s = parse('period=month').selection;
		const r = resolveSelection(s, '2026-03-15', 'decree09');
		expect(r.period).toMatchObject({
			year: 2026,
			index: 4,
			start: '2026-03-15',
			end: '2026-04-14'
		});
		expect(r.asOf).toBe('2026-03-15');
	});

	it('in Decree-09 mode 20/12/2026 already belongs to target year 2027', () => {
		const r = resolveSelection(parse('').selection, '2026-12-20', 'decree09');
		expect(r.period).toMatchObject({ year: 2027, start: '2026-12-15', end: '2027-12-14' });
	});

	it('shows the last quarter of a past year and calendar bounds in calendar mode', () => {
		const r = resolveSelection(
			parse('period=quarter&year=2025').selection,
			'2026-05-01',
			'calendar'
		);
		expect(r.period).toMatchObject({ index: 4, start: '2025-10-01', end: '2025-12-31' });
		expect(r.asOf).toBe('2025-12-31');
	});
});

describe('yearOptions', () => {
	it('offers recent years, newest first, and keeps a selected year outside them', () => {
		expect(yearOptions(2026, 2015)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2015]);
	});

	it('starts at the first year asked for: /reports at the Decision’s first target year, /dashboard at its baseline year (clerk review r11, 8)', () => {
		expect(yearOptions(2026, 2026, FIRST_TARGET_YEAR)).toEqual([2027, 2026]);
		expect(yearOptions(2026, 2026, BASELINE_YEAR)).toEqual([2027, 2026, 2025]);
		// Never more than five back, and a selected year before the first stays shown.
		expect(yearOptions(2035, 2035, FIRST_TARGET_YEAR)).toEqual([
			2036, 2035, 2034, 2033, 2032, 2031, 2030
		]);
		expect(yearOptions(2026, 2024, FIRST_TARGET_YEAR)).toEqual([2027, 2026, 2024]);
		// A phone whose clock is wrong (a year before the Decision) still offers the first year.
		expect(yearOptions(2024, 2024, FIRST_TARGET_YEAR)).toEqual([2026, 2024]);
	});
});
