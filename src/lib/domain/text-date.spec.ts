import { describe, expect, it } from 'vitest';
import { parseTextDate, readTextDate } from './text-date';
import { formatDate } from './time';

describe('a date typed as day/month/year', () => {
	it('reads dd/MM/yyyy and d/M/yyyy (also with . or -) as a local date', () => {
		expect(parseTextDate('15/04/2026')).toBe('2026-04-15');
		expect(parseTextDate(' 5/4/2026 ')).toBe('2026-04-05');
		expect(parseTextDate('05.04.2026')).toBe('2026-04-05');
		expect(parseTextDate('29-02-2028')).toBe('2028-02-29');
		expect(formatDate(parseTextDate('1/12/2026')!)).toBe('01/12/2026');
	});
	it('refuses a date that does not exist and any other form', () => {
		for (const text of [
			'31/02/2026',
			'29/02/2026',
			'32/01/2026',
			'15/13/2026',
			'0/1/2026',
			'2026-04-15',
			'15/4/26',
			'15 tháng 4 năm 2026',
			'15/04/2026x',
			'',
			'0050-01-01'
		])
			expect(parseTextDate(text), text).toBeNull();
	});
	it('says whether a refused text is in another form or a day the calendar lacks', () => {
		expect(readTextDate('31/02/2026')).toEqual({ ok: false, reason: 'no_such_day' });
		expect(readTextDate('0/1/2026')).toEqual({ ok: false, reason: 'no_such_day' });
		expect(readTextDate('15/13/2026')).toEqual({ ok: false, reason: 'no_such_day' });
		expect(readTextDate('2026-04-15')).toEqual({ ok: false, reason: 'format' });
		expect(readTextDate('15/4/26')).toEqual({ ok: false, reason: 'format' });
		expect(readTextDate('15/4/2026')).toEqual({ ok: true, date: '2026-04-15' });
	});
});
