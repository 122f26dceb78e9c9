import { describe, expect, it } from 'vitest';
import { groupByMonth } from './group';

describe('groupByMonth', () => {
	it('groups consecutive items by the month of their local date, keeping the order', () => {
		const items = ['2026-12-10', '2026-12-01', '2026-11-30', '2025-11-02'];
		const groups = groupByMonth(items, (d) => d);
		expect(groups.map((g) => [g.key, g.year, g.month, g.items.length])).toEqual([
			['2026-12', 2026, 12, 2],
			['2026-11', 2026, 11, 1],
			['2025-11', 2025, 11, 1]
		]);
	});

	it('never makes two groups with one key (each key is a list key on screen), even out of order', () => {
		const items = ['2026-12-10', '2026-11-30', '2026-12-01', '2026-11-02'];
		const groups = groupByMonth(items, (d) => d);
		expect(groups.map((g) => [g.key, g.items])).toEqual([
			['2026-12', ['2026-12-10', '2026-12-01']],
			['2026-11', ['2026-11-30', '2026-11-02']]
		]);
	});
});
