import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthClosingDay, targetYear } from './periods';
import { periodWindow, recordDay } from './record-day';

describe('recordDay', () => {
	it('files a record under its own date, month or year, and nothing else', () => {
		expect(recordDay('meeting', { date: '2026-03-02' })).toBe('2026-03-02');
		expect(recordDay('document', { issuedOn: '2025-12-15' })).toBe('2025-12-15');
		expect(recordDay('procedure', { month: '2026-04' })).toBe('2026-04');
		expect(recordDay('incoming', { month: '2026-12' })).toBe('2026-12');
		expect(recordDay('plan', { year: 2026 })).toBe('2026');
		// Another field, another shape, or a kind without a date: read for every period.
		expect(recordDay('meeting', { issuedOn: '2026-03-02' })).toBeNull();
		expect(recordDay('meeting', { date: '2026-13-02' })).toBeNull();
		expect(recordDay('meeting', { date: '2026-03-32' })).toBeNull();
		expect(recordDay('meeting', { date: '2026-3-2' })).toBeNull();
		expect(recordDay('document', { issuedOn: 20260302 })).toBeNull();
		expect(recordDay('procedure', { month: '2026-00' })).toBeNull();
		expect(recordDay('plan', { year: '2026' })).toBeNull();
		expect(recordDay('plan', { year: 2026.5 })).toBeNull();
		expect(recordDay('unit', { code: 'VP' })).toBeNull();
		expect(recordDay('settings', { date: '2026-03-02' })).toBeNull();
	});
});

describe('periodWindow', () => {
	const year = fc.integer({ min: 2000, max: 2100 });
	const day = fc
		.date({ min: new Date('1999-01-01'), max: new Date('2101-12-31'), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10));

	it('holds every date, month (by its closing day) and plan year a target year counts', () => {
		fc.assert(
			fc.property(year, day, fc.constantFrom('decree09', 'calendar'), (y, d, mode) => {
				const range = targetYear(y, mode as 'decree09');
				const w = periodWindow(range.start, range.end);
				const inside = (key: string) => key >= w.from && key <= w.to;
				if (d >= range.start && d <= range.end) expect(inside(d)).toBe(true);
				const month = d.slice(0, 7);
				const closes = monthClosingDay(month, mode as 'decree09');
				if (closes >= range.start && closes <= range.end) expect(inside(month)).toBe(true);
				expect(inside(String(y))).toBe(true);
			})
		);
	});

	it('keeps the other years out', () => {
		const w = periodWindow('2025-12-15', '2026-12-14');
		expect(w).toEqual({ from: '2025-11', to: '2027-01-99' });
		for (const key of [
			'2024-12-31',
			'2025-10-31',
			'2025-10',
			'2025',
			'2027-02',
			'2027-02-01',
			'2028'
		])
			expect(key >= w.from && key <= w.to).toBe(false);
	});
});
