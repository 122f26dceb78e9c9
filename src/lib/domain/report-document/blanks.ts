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
 * Three dots as a phone types an ellipsis: after a word and before the next on the same line, with
 * no space before ("họp không giấy... còn ít"). Prose like the one "…", never a blank; standing
 * alone ("tổ chức ... hội nghị"), at a line's end, or four and more, they are one.
 */
const TYPED_ELLIPSIS = String.raw`(?<=[\p{L}\p{M}\p{N}])\.{3}(?=[^\S\r\n]+[\p{L}\p{N}])`;

/**
 * An unfilled mark: two or more "…" (with spaces between, too), three or more dots (not the "..."
 * of "v.v...", nor a TYPED_ELLIPSIS), three or more "_", an ellipsis or dots alone in brackets, or
 * an ellipsis alone after a colon at the end of a line ("Nguyên nhân: …").
 */
const BLANK = new RegExp(
	String.raw`…\s*…|(?<!v\.v)(?!${TYPED_ELLIPSIS})\.{3,}|_{3,}|[[(]\s*(?:…|\.{2,})?\s*[\])]|:\s*(?:…|\.{2,})\s*$`,
	'mu'
);

/** Whether the text still holds a place left to fill. */
export const hasBlank = (text: string): boolean => BLANK.test(text);

/** The narrative sections, in the document's order, that still hold a place left to fill. */
export function sectionsWithBlanks(
	draft: Readonly<Record<NarrativeSection, string>>
): NarrativeSection[] {
	return NARRATIVE_SECTIONS.filter((s) => hasBlank(draft[s]));
}
