/** Pure meeting maths: durations and limits. */
import type { MeetingCategory } from './codes';
import type { Meeting, Sitting } from './schemas';

export type Limits = Readonly<Record<MeetingCategory, number | null>>;
import { toLocalDate } from './time';

export const MINUTE_MS = 60_000;

/** Duration in ms; a running sitting counts up to `now`. */
export function durationMs(sittings: readonly Sitting[], now?: number): number {
	let total = 0;
	for (const s of sittings) {
		const end = s.end ?? now;
		if (end !== undefined && end > s.start) total += end - s.start;
	}
	return total;
}

export const durationMinutes = (sittings: readonly Sitting[], now?: number): number =>
	Math.floor(durationMs(sittings, now) / MINUTE_MS);

/** Within limit means duration <= limit; no limit means always within. */
export function isWithinLimit(m: Pick<Meeting, 'category' | 'sittings'>, limits: Limits): boolean {
	const limit = limits[m.category];
	return limit === null || durationMs(m.sittings) <= limit * MINUTE_MS;
}

/** A meeting's date is the local date of its first sitting's start. */
export function meetingDate(sittings: readonly Sitting[]): string {
	const first = sittings.reduce((a, s) => (s.start < a ? s.start : a), Number.POSITIVE_INFINITY);
	return toLocalDate(first);
}
