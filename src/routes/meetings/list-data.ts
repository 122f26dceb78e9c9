// What the meetings list reads, loaded after the first paint (+page.svelte): Dexie and the checks.
import { systemClock } from '$lib/db/clock';
import { overdueMeetingsFilter, type MeetingFilter } from '$lib/db/meetings';
import { toLocalDate } from '$lib/domain/time';

export { getDb } from '$lib/db';
export { listMeetingsChecked } from '$lib/db/meetings';
export { listUnits } from '$lib/db/units';

/** The meetings still planned or in progress after their day (before today, by the app's clock). */
export const overdueFilter = (): Pick<MeetingFilter, 'statuses' | 'to'> => {
	const { statuses, to } = overdueMeetingsFilter(toLocalDate(systemClock.now()));
	return { statuses, to };
};
/** The reminder about them (its import here keeps its preload list out of the page's chunk). */
export const overdueNotice = () => import('$lib/components/meetings/OverduePlanned.svelte');
