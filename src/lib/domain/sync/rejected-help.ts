/**
 * The refused-changes panel's help, worded by the kinds of refusal present (field review finding 7):
 * a `conflict` asks to re-check the figures against the server's, a refusal about rights or units
 * asks the commune admin, a fixable one (`invalid`, `too_large`, `clock_skew`) asks to fix and
 * resend. One paragraph per kind present, in that order; never a permissions explanation for a
 * conflict. Keys are in i18n/messages/sync-rejected.ts.
 */
export type RejectedHelpKey =
	| 'sync.rejectedHelp.fix'
	| 'sync.rejectedHelp.conflict'
	| 'sync.rejectedHelp.access'
	| 'sync.rejectedHelp.gone';

const KIND: Record<string, RejectedHelpKey> = {
	conflict: 'sync.rejectedHelp.conflict',
	forbidden: 'sync.rejectedHelp.access',
	locked: 'sync.rejectedHelp.access',
	unknown_unit: 'sync.rejectedHelp.access',
	missing: 'sync.rejectedHelp.gone',
	id_mismatch: 'sync.rejectedHelp.gone'
};
const ORDER: readonly RejectedHelpKey[] = [
	'sync.rejectedHelp.fix',
	'sync.rejectedHelp.conflict',
	'sync.rejectedHelp.access',
	'sync.rejectedHelp.gone'
];

/** Any other code (`invalid`, `too_large`, `clock_skew`, one this version does not know): fix it. */
export function rejectedHelpKeys(codes: readonly string[]): RejectedHelpKey[] {
	const present = new Set(codes.map((c) => KIND[c] ?? 'sync.rejectedHelp.fix'));
	return ORDER.filter((k) => present.has(k));
}
