import { describe, expect, it } from 'vitest';
import { startMovesDay } from './meeting-run';
import { localToMs } from './time';

describe('startMovesDay', () => {
	const at = (date: string, time: string) => localToMs(date, time);

	it('names the planned day when a start now would record another day', () => {
		expect(
			startMovesDay({ status: 'planned', date: '2026-12-10' }, at('2026-12-02', '09:00'))
		).toBe('2026-12-10');
		// An earlier day too (a meeting put off, started late).
		expect(
			startMovesDay({ status: 'planned', date: '2026-11-28' }, at('2026-12-02', '09:00'))
		).toBe('2026-11-28');
	});

	it('is null for a meeting planned for today, in Vietnam time, or one not planned', () => {
		expect(
			startMovesDay({ status: 'planned', date: '2026-12-02' }, at('2026-12-02', '00:00'))
		).toBeNull();
		// 23:59 in Hà Nội is 16:59 UTC the same day; 00:30 the next day is still the 1st in UTC.
		expect(
			startMovesDay({ status: 'planned', date: '2026-12-02' }, at('2026-12-02', '23:59'))
		).toBeNull();
		expect(
			startMovesDay({ status: 'planned', date: '2026-12-01' }, at('2026-12-02', '00:30'))
		).toBe('2026-12-01');
		expect(
			startMovesDay({ status: 'in_progress', date: '2026-12-10' }, at('2026-12-02', '09:00'))
		).toBeNull();
		expect(
			startMovesDay({ status: 'held', date: '2026-12-10' }, at('2026-12-02', '09:00'))
		).toBeNull();
	});
});
