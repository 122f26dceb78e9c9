/**
 * The words of a report document: always Vietnamese (it is the commune's official text, whatever
 * the screen language). Used by /reports and by the province's copy of a sent report.
 */
import type { DocumentWords } from '$lib/domain/report-document';
import { vi } from '$lib/i18n/messages';

export function documentWords(unitNames: ReadonlyMap<string, string>): DocumentWords {
	const dict = vi as Record<string, string>;
	return {
		indicator: (c) => dict[`indicator.${c}`] ?? c,
		status: (s) => dict[s === null ? 'pstatus.none' : `pstatus.${s}`] ?? String(s),
		unit: (c) => unitNames.get(c) ?? c
	};
}
