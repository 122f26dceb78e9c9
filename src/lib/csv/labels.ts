/**
 * An enumerated cell read as a code or as the label the app shows for it (clerk review 17): a
 * sheet kept with the app's own words ("Hội nghị chuyên môn", "Trực tuyến", "Đã tổ chức") imports
 * like one with the codes (chuyen_mon, truc_tuyen, held). The codes stay the format
 * (spec/import-export.md): export writes them, and a label is only an extra way in. Labels are
 * matched in Vietnamese and in the reason language (the screen's), case, spacing and Unicode form
 * aside; anything else is returned as it is, for the schema to refuse with the list of codes.
 */
import {
	DOCUMENT_KINDS,
	MEETING_CATEGORIES,
	MEETING_FORMATS,
	MEETING_ROLES,
	MEETING_STATUSES,
	UNIT_KINDS
} from '../domain/codes';
import { isMessageKey, translate } from '../i18n/translate';
import { reasonLanguage } from './reason-language';

/** The i18n prefix of each enumerated column's labels, and its codes. */
export const LABELLED = {
	category: MEETING_CATEGORIES,
	format: MEETING_FORMATS,
	status: MEETING_STATUSES,
	role: MEETING_ROLES,
	docKind: DOCUMENT_KINDS,
	unitKind: UNIT_KINDS
} as const;
export type LabelPrefix = keyof typeof LABELLED;

const norm = (s: string): string =>
	s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** The code of a cell: its code (any case), or the code whose label it is; else the cell lowercased. */
export function codeOfCell(prefix: LabelPrefix, raw: string): string {
	const cell = norm(raw);
	const codes: readonly string[] = LABELLED[prefix];
	if (codes.includes(cell)) return cell;
	for (const lang of new Set(['vi', reasonLanguage()] as const)) {
		for (const code of codes) {
			const key = `${prefix}.${code}`;
			if (isMessageKey(key) && norm(translate(lang, key)) === cell) return code;
		}
	}
	return raw.trim().toLowerCase();
}
