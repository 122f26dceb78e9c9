/**
 * Time in Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving, so plain offset arithmetic is exact.
 * Instants are epoch ms (UTC); a local date is 'YYYY-MM-DD'. Nothing here reads the machine's clock.
 */
export const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local date (UTC+7) of an instant. */
export function toLocalDate(ms: number): string {
	const d = new Date(ms + VN_OFFSET_MS);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Local time HH:mm (24h) of an instant. */
export function toLocalTime(ms: number): string {
	const d = new Date(ms + VN_OFFSET_MS);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Epoch ms of a local date and time ('YYYY-MM-DD', 'HH:mm') in UTC+7. */
export function localToMs(date: string, time = '00:00'): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const [hh, mm] = time.split(':').map(Number) as [number, number];
	return Date.UTC(y, m - 1, d, hh, mm) - VN_OFFSET_MS;
}

/** 'YYYY-MM-DD' -> 'dd/MM/yyyy'. */
export function formatDate(localDate: string): string {
	const [y, m, d] = localDate.split('-');
	return `${d}/${m}/${y}`;
}

/** Instant -> 'dd/MM/yyyy HH:mm' in UTC+7. */
export function formatDateTime(ms: number): string {
	return `${formatDate(toLocalDate(ms))} ${toLocalTime(ms)}`;
}

/** Days since 1970-01-01 of a local date; differences of these are exact day counts. */
export function dayNumber(localDate: string): number {
	const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
	return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function addDays(localDate: string, days: number): string {
	const d = new Date((dayNumber(localDate) + days) * DAY_MS);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Days from a to b, both inclusive (a <= b gives >= 1). */
export function daysInclusive(a: string, b: string): number {
	return dayNumber(b) - dayNumber(a) + 1;
}
