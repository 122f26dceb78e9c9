/**
 * Items grouped by the calendar month (YYYY-MM of their local date), groups in the order their
 * first item appears, items in the given order. A month appears once even when its items are not
 * consecutive (the keys are list keys on screen: a repeated key would break the whole list).
 */
export interface MonthGroup<T> {
	/** 'YYYY-MM' */
	key: string;
	year: number;
	month: number;
	items: T[];
}

export function groupByMonth<T>(items: readonly T[], dateOf: (item: T) => string): MonthGroup<T>[] {
	const byKey = new Map<string, MonthGroup<T>>();
	for (const item of items) {
		const key = dateOf(item).slice(0, 7);
		let g = byKey.get(key);
		if (!g) {
			g = { key, year: Number(key.slice(0, 4)), month: Number(key.slice(5)), items: [] };
			byKey.set(key, g);
		}
		g.items.push(item);
	}
	return [...byKey.values()];
}
