// Records the sync benches send: meetings of a commune's year across its units, and device clocks.
/** The commune's units (the 11 default ones). */
export const UNITS = [
	'VP',
	'VHXH',
	'KT',
	'TTPVHCC',
	'TTDV',
	'THON01',
	'THON02',
	'THON03',
	'THON04',
	'THON05',
	'THON06'
];
const DAY = 86_400_000;
const YEAR_START = Date.UTC(2026, 0, 1) - 7 * 3_600_000; // 2026-01-01 00:00 UTC+7

export const hlc = (wall, counter, node) =>
	`${String(wall).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;

export function meeting(n, now) {
	const start = YEAR_START + (n % 365) * DAY + 8 * 3_600_000;
	const local = new Date(start + 7 * 3_600_000).toISOString().slice(0, 10);
	return {
		id: `bench-m-${n}`,
		unitCode: UNITS[n % UNITS.length],
		title: `Cuộc họp giao ban số ${n}`,
		category: 'hop',
		format: n % 3 === 0 ? 'truc_tuyen' : 'truc_tiep',
		paperless: n % 2 === 0,
		status: 'held',
		sittings: [{ start, end: start + 90 * 60_000 }],
		plannedMinutes: 90,
		attendees: 10 + (n % 30),
		chair: 'Chủ tịch UBND xã',
		location: 'Hội trường UBND xã',
		notes: '',
		agenda: [],
		date: local,
		createdAt: now,
		updatedAt: now,
		deleted: false
	};
}
