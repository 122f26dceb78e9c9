/**
 * Why a row is rejected, in the user's language (texts: src/lib/i18n/messages/csv.ts). The screen
 * that validates sets the language once (`setReasonLanguage`, ./reason-language.ts); Vietnamese otherwise. A reason
 * names the column and the bad value.
 */
import {
	DOCUMENT_KINDS,
	MEETING_CATEGORIES,
	MEETING_FORMATS,
	MEETING_ROLES,
	MEETING_STATUSES
} from '../domain/codes';
import type { MessageKey } from '../i18n/messages';
import { isMessageKey, translate } from '../i18n/translate';
import { reasonLanguage } from './reason-language';

/** A reason text in the current reason language. */
export const say = (key: MessageKey, params: Record<string, string | number> = {}): string =>
	translate(reasonLanguage(), key, params);

/** An enum's codes and the i18n prefix of the labels the app shows for them. */
const ONE_OF: Record<string, { codes: readonly string[]; label: string }> = {
	'err.category': { codes: MEETING_CATEGORIES, label: 'category' },
	'err.format': { codes: MEETING_FORMATS, label: 'format' },
	'err.role': { codes: MEETING_ROLES, label: 'role' },
	'err.status': { codes: MEETING_STATUSES, label: 'status' },
	'err.documentKind': { codes: DOCUMENT_KINDS, label: 'docKind' }
};

/**
 * The codes a column takes, each with the label the app shows for it: "quan_triet (Hội nghị quán
 * triệt), chuyen_mon (…)". The file holds the code (the CSV format does not change); the label tells
 * a clerk whose sheet holds the app's words which code to write.
 */
function codesWithLabels(codes: readonly string[], label: string): string {
	return codes
		.map((code) => {
			const key = `${label}.${code}`;
			return isMessageKey(key) ? `${code} (${say(key)})` : code;
		})
		.join(', ');
}

/** The text of a schema message key (`err.*`), or null when it is not one. */
function messageText(message: string): string | null {
	if (!message.startsWith('err.')) return null;
	const key = `csv.err.${message.slice('err.'.length)}`;
	if (!isMessageKey(key)) return null;
	const one = ONE_OF[message];
	return say(
		key,
		one ? { oneOf: say('csv.oneOf', { values: codesWithLabels(one.codes, one.label) }) } : {}
	);
}

/** The parts of a zod issue used here (structural, so zod's types stay out of the API). */
export interface IssueLike {
	code: string;
	message: string;
	path: readonly PropertyKey[];
	minimum?: unknown;
	maximum?: unknown;
}

/** Text of one issue: the schema's message key, else zod's issue code. */
export function issueText(issue: IssueLike): string {
	const known = messageText(issue.message);
	if (known) return known;
	switch (issue.code) {
		case 'too_small':
			return issue.minimum === undefined
				? say('csv.zod.tooSmall')
				: say('csv.zod.below', { min: String(issue.minimum) });
		case 'too_big':
			return issue.maximum === undefined
				? say('csv.zod.tooBig')
				: say('csv.zod.above', { max: String(issue.maximum) });
		case 'invalid_type':
			return say('csv.zod.type');
		case 'invalid_value':
			return say('csv.zod.value');
		default:
			return say('csv.zod.invalid');
	}
}

const shown = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** `Cột "x" = "v": text`, or `Cột "x" (trống): text` for an empty cell. */
export function cellReason(column: string, value: string, text: string): string {
	return value.trim() === ''
		? say('csv.cellEmpty', { column, text })
		: say('csv.cell', { column, value: shown(value), text });
}

export interface CellRef {
	column: string;
	value: string;
	/** Appended after the reason, e.g. ' (dòng 12)'. */
	suffix?: string;
}

/** Reasons of all issues, each naming its column and value when `locate` finds the cell. */
export function issueReasons(
	issues: readonly IssueLike[],
	locate: (path: readonly PropertyKey[]) => CellRef | null
): string[] {
	const out: string[] = [];
	for (const issue of issues) {
		const ref = locate(issue.path);
		const text = issueText(issue);
		const reason = ref ? cellReason(ref.column, ref.value, text) + (ref.suffix ?? '') : text;
		if (!out.includes(reason)) out.push(reason);
	}
	return out;
}
