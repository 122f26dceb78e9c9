// What the meetings list reads, loaded after the first paint (+page.svelte): Dexie and the checks.
export { getDb } from '$lib/db';
export { listMeetingsChecked } from '$lib/db/meetings';
export { listUnits } from '$lib/db/units';
