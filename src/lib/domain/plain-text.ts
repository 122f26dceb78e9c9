/**
 * Text that names or identifies something (record ids, codes, usernames, route ids, display and
 * commune names) holds no control characters: no C0 control (U+0000..U+001F, NUL included), no DEL
 * (U+007F) and no lone UTF-16 surrogate. PostgreSQL cannot store a NUL in a text value at all (the
 * query fails: a 500 before this rule), SQLite could, so an id one engine accepted could not move
 * to the other; and a control character or a broken surrogate in an id or a name only ever comes
 * from a bug or an attack. Free text inside a record (titles, notes) is stored as JSON text, where
 * a NUL is escaped, and stays allowed. One rule, used by every schema at the edges (docs/SECURITY.md).
 */
import type { z } from 'zod';

/** True when `s` has no C0 control, no DEL and no lone surrogate. */
export function isPlainText(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x20 || c === 0x7f) return false;
		if (c >= 0xd800 && c <= 0xdfff) {
			// A high surrogate followed by a low one is one character; anything else is broken.
			const next = s.charCodeAt(i + 1);
			if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
			i++;
		}
	}
	return true;
}

/** `schema` that also refuses text that is not plain (see above), with `message`. */
export const plainText = <S extends z.ZodType<string>>(schema: S, message: string): S =>
	schema.refine(isPlainText, message) as S;
