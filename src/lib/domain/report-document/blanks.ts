/**
 * Places a drafter left to fill: the prefilled text writes "Nguyên nhân: ……" for her to complete,
 * and a clerk marks her own gaps the same way ("...", "___", "[…]"). Marking a report final asks
 * first when a section still holds one (clerk review r11, 7): she may still go on.
 */
import { NARRATIVE_SECTIONS, type NarrativeSection } from './schema';

/** The section numbers of the document (I, III, IV, V: II is the figures' table). */
export const SECTION_NUMERALS: Record<NarrativeSection, string> = {
	deployment: 'I',
	shortcomings: 'III',
	directions: 'IV',
	proposals: 'V'
};

/**
 * An unfilled mark: two or more "…" (with spaces between, too), three or more dots (not the "..."
 * of "v.v..."), three or more "_", an ellipsis or dots alone in brackets, or an ellipsis alone after
 * a colon at the end of a line ("Nguyên nhân: …").
 */
const BLANK = /…\s*…|(?<!v\.v)\.{3,}|_{3,}|[[(]\s*(?:…|\.{2,})?\s*[\])]|:\s*(?:…|\.{2,})\s*$/mu;

/** Whether the text still holds a place left to fill. */
export const hasBlank = (text: string): boolean => BLANK.test(text);

/** The narrative sections, in the document's order, that still hold a place left to fill. */
export function sectionsWithBlanks(
	draft: Readonly<Record<NarrativeSection, string>>
): NarrativeSection[] {
	return NARRATIVE_SECTIONS.filter((s) => hasBlank(draft[s]));
}
