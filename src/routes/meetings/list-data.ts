// What the meetings list reads, loaded after the first paint (+page.svelte): Dexie and the checks.
import { systemClock } from '$lib/db/clock';
import { overduePlannedFilter } from '$lib/db/meetings';
import { toLocalDate } from '$lib/domain/time';

export { getDb } from '$lib/db';
export { listMeetingsChecked } from '$lib/db/meetings';
export { listUnits } from '$lib/db/units';

/** The last day of the meetings still planned after their day (yesterday, by the app's clock). */
export const overdueTo = (): string | null | undefined =>
	overduePlannedFilter(toLocalDate(systemClock.now())).to;
/** The reminder about them (its import here keeps its preload list out of the page's chunk). */
export const overdueNotice = () => import('$lib/components/meetings/OverduePlanned.svelte');
