/** Consecutive items of the same calendar month (YYYY-MM of their local date), in the given order. */
export interface MonthGroup<T> {
	/** 'YYYY-MM' */
	key: string;
	year: number;
	month: number;
	items: T[];
}

export function groupByMonth<T>(items: readonly T[], dateOf: (item: T) => string): MonthGroup<T>[] {
	const out: MonthGroup<T>[] = [];
	for (const item of items) {
		const key = dateOf(item).slice(0, 7);
		let g = out.at(-1);
		if (!g || g.key !== key) {
			g = { key, year: Number(key.slice(0, 4)), month: Number(key.slice(5)), items: [] };
			out.push(g);
		}
		g.items.push(item);
	}
	return out;
}
