/**
 * Which refusals of a change only "Bỏ thay đổi của tôi" can settle. A module of its own with no
 * imports: the sync panel in the app's shell reads it, and the first screen must not pull in the
 * record registry (first-screen.spec, 60 KB).
 *
 * Refusals the user cannot fix by editing the record (the account may not write it, the unit is
 * gone or archived, the record is not on the device): the change can only be dropped, taking the
 * server's version back. `invalid`, `too_large` and `clock_skew` are fixed and sent again.
 */
const DISCARD_ONLY: ReadonlySet<string> = new Set([
	'forbidden',
	'locked',
	'unknown_unit',
	'id_mismatch',
	'conflict',
	'missing'
]);
export const discardOnly = (code: string): boolean => DISCARD_ONLY.has(code);
