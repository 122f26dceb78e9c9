import { describe, expect, it } from 'vitest';
import {
	monthClosingDay,
	periodContaining,
	periodOf,
	reportMonthOfDate,
	targetYear,
	targetYearOfDate
} from './periods';

const span = (p: { start: string; end: string }): string => `${p.start}..${p.end}`;

describe('Decree-09 periods', () => {
	it('month 1 runs from 15/12 of the previous year to 14/01', () => {
		expect(span(periodOf('month', 2026, 1, 'decree09'))).toBe('2025-12-15..2026-01-14');
	});

	it('month 3 runs from 15/02 to 14/03, whatever the length of February', () => {
		expect(span(periodOf('month', 2024, 3, 'decree09'))).toBe('2024-02-15..2024-03-14');
		expect(span(periodOf('month', 2026, 3, 'decree09'))).toBe('2026-02-15..2026-03-14');
	});

	it('month 12 runs from 15/11 to 14/12', () => {
		expect(span(periodOf('month', 2026, 12, 'decree09'))).toBe('2026-11-15..2026-12-14');
	});

	it('quarters run from the 15th of the month before the quarter to the 14th of its last month', () => {
		expect([1, 2, 3, 4].map((q) => span(periodOf('quarter', 2026, q, 'decree09')))).toEqual([
			'2025-12-15..2026-03-14',
			'2026-03-15..2026-06-14',
			'2026-06-15..2026-09-14',
			'2026-09-15..2026-12-14'
		]);
	});

	it('the 6-month, 9-month and annual reports start on 15/12 of the previous year', () => {
		expect(span(periodOf('6month', 2026, 0, 'decree09'))).toBe('2025-12-15..2026-06-14');
		expect(span(periodOf('9month', 2026, 0, 'decree09'))).toBe('2025-12-15..2026-09-14');
		expect(span(periodOf('annual', 2026, 0, 'decree09'))).toBe('2025-12-15..2026-12-14');
		expect(targetYear(2026, 'decree09')).toEqual(periodOf('annual', 2026, 0, 'decree09'));
	});

	it('records the kind, target year and index, with index 0 for cumulative reports', () => {
		expect(periodOf('quarter', 2026, 2, 'decree09')).toMatchObject({
			kind: 'quarter',
			year: 2026,
			index: 2
		});
		expect(periodOf('annual', 2026, 7, 'decree09').index).toBe(0);
	});

	it('rejects a month or quarter out of range', () => {
		expect(() => periodOf('month', 2026, 0, 'decree09')).toThrow(RangeError);
		expect(() => periodOf('month', 2026, 13, 'decree09')).toThrow(RangeError);
		expect(() => periodOf('quarter', 2026, 5, 'calendar')).toThrow(RangeError);
		expect(() => periodOf('quarter', 2026, 1.5, 'calendar')).toThrow(RangeError);
	});
});

describe('calendar periods', () => {
	it('months run from the 1st to the last day, with 29 days in a leap February', () => {
		expect(span(periodOf('month', 2024, 2, 'calendar'))).toBe('2024-02-01..2024-02-29');
		expect(span(periodOf('month', 2026, 2, 'calendar'))).toBe('2026-02-01..2026-02-28');
		expect(span(periodOf('month', 2100, 2, 'calendar'))).toBe('2100-02-01..2100-02-28');
		expect(span(periodOf('month', 2000, 2, 'calendar'))).toBe('2000-02-01..2000-02-29');
		expect(span(periodOf('month', 2026, 4, 'calendar'))).toBe('2026-04-01..2026-04-30');
	});

	it('quarters and cumulative reports follow the calendar', () => {
		expect(span(periodOf('quarter', 2026, 4, 'calendar'))).toBe('2026-10-01..2026-12-31');
		expect(span(periodOf('6month', 2026, 0, 'calendar'))).toBe('2026-01-01..2026-06-30');
		expect(span(periodOf('9month', 2026, 0, 'calendar'))).toBe('2026-01-01..2026-09-30');
		expect(span(targetYear(2026, 'calendar'))).toBe('2026-01-01..2026-12-31');
	});
});

describe('targetYearOfDate', () => {
	it('puts 14/12 in the year and 15/12 in the next year under Decree 09', () => {
		expect(targetYearOfDate('2026-12-14', 'decree09')).toBe(2026);
		expect(targetYearOfDate('2026-12-15', 'decree09')).toBe(2027);
		expect(targetYearOfDate('2026-12-31', 'decree09')).toBe(2027);
		expect(targetYearOfDate('2026-01-01', 'decree09')).toBe(2026);
	});

	it('keeps every date in its calendar year in calendar mode', () => {
		expect(targetYearOfDate('2026-12-15', 'calendar')).toBe(2026);
		expect(targetYearOfDate('2026-12-31', 'calendar')).toBe(2026);
	});
});

describe('monthClosingDay', () => {
	it('is the 14th under Decree 09', () => {
		expect(monthClosingDay('2026-02', 'decree09')).toBe('2026-02-14');
		expect(monthClosingDay('2026-12', 'decree09')).toBe('2026-12-14');
	});

	it('is the last day of the month in calendar mode, leap years included', () => {
		expect(monthClosingDay('2024-02', 'calendar')).toBe('2024-02-29');
		expect(monthClosingDay('2026-02', 'calendar')).toBe('2026-02-28');
		expect(monthClosingDay('2026-12', 'calendar')).toBe('2026-12-31');
	});

	it('puts a monthly figure in the period holding its closing day', () => {
		const june = periodOf('month', 2026, 6, 'decree09');
		const day = monthClosingDay('2026-06', 'decree09');
		expect(day >= june.start && day <= june.end).toBe(true);
	});
});

describe('periodContaining', () => {
	it('gives the month that holds a date: 14/06 is month 6, 15/06 is month 7', () => {
		expect(periodContaining('month', '2026-06-14', 'decree09').index).toBe(6);
		expect(periodContaining('month', '2026-06-15', 'decree09').index).toBe(7);
	});

	it('gives month 1 of the next year from 15/12', () => {
		const p = periodContaining('month', '2026-12-15', 'decree09');
		expect(p).toMatchObject({ year: 2027, index: 1, start: '2026-12-15', end: '2027-01-14' });
		expect(periodContaining('month', '2026-12-14', 'decree09')).toMatchObject({
			year: 2026,
			index: 12
		});
	});

	it('gives the quarter that holds a date at its edges', () => {
		expect(periodContaining('quarter', '2026-03-14', 'decree09').index).toBe(1);
		expect(periodContaining('quarter', '2026-03-15', 'decree09').index).toBe(2);
		expect(periodContaining('quarter', '2026-12-15', 'decree09')).toMatchObject({
			year: 2027,
			index: 1
		});
		expect(periodContaining('quarter', '2026-12-31', 'calendar')).toMatchObject({
			year: 2026,
			index: 4
		});
	});

	it('gives the 6-month report of the target year, even once it has closed', () => {
		expect(span(periodContaining('6month', '2026-06-14', 'decree09'))).toBe(
			'2025-12-15..2026-06-14'
		);
		expect(span(periodContaining('6month', '2026-06-15', 'decree09'))).toBe(
			'2025-12-15..2026-06-14'
		);
		expect(span(periodContaining('6month', '2026-12-15', 'decree09'))).toBe(
			'2026-12-15..2027-06-14'
		);
	});

	it('gives the annual period that holds a date at the year edge', () => {
		expect(periodContaining('annual', '2026-12-14', 'decree09').year).toBe(2026);
		expect(periodContaining('annual', '2026-12-15', 'decree09').year).toBe(2027);
		expect(periodContaining('annual', '2026-12-15', 'calendar').year).toBe(2026);
		expect(periodContaining('annual', '2027-01-01', 'calendar').year).toBe(2027);
	});

	it('contains the date for every day of a leap year, for months and quarters, in both modes', () => {
		for (const mode of ['decree09', 'calendar'] as const) {
			for (let day = 0; day < 366; day++) {
				const d = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
				for (const kind of ['month', 'quarter', 'annual'] as const) {
					const p = periodContaining(kind, d, mode);
					expect(d >= p.start && d <= p.end, `${mode} ${kind} ${d}`).toBe(true);
				}
			}
		}
	});
});

describe('reportMonthOfDate', () => {
	it('moves dates after the 14th to the next report month under Decree 09 only', () => {
		expect(reportMonthOfDate('2026-02-15', 'decree09')).toEqual({ year: 2026, month: 3 });
		expect(reportMonthOfDate('2026-02-15', 'calendar')).toEqual({ year: 2026, month: 2 });
		expect(reportMonthOfDate('2026-12-15', 'decree09')).toEqual({ year: 2027, month: 1 });
	});
});
