/**
 * The language CSV and backup rejection reasons are written in (./messages.ts) and labels are
 * read in (./labels.ts). A module of its own: the root layout sets it, and importing the reasons'
 * texts and code lists for that would put them in the first screen.
 */
import type { Lang } from '../i18n/translate';

let reasonLang: Lang = 'vi';

/** The language of the reasons written from now on (the app's; the import worker's own copy). */
export function setReasonLanguage(lang: Lang): void {
	reasonLang = lang;
}

/** The language reasons are written in (labels are also read in it: labels.ts). */
export const reasonLanguage = (): Lang => reasonLang;
