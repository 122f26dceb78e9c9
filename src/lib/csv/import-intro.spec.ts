import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../i18n/translate';
import type { MessageKey } from '../i18n/messages';
import { IMPORT_KINDS } from './columns';

describe("the import screen's introduction", () => {
	it.each(['vi', 'en'] as Lang[])('names every kind of file it imports (%s)', (lang) => {
		const intro = translate(lang, 'io.import.intro');
		const missing = IMPORT_KINDS.map((k) =>
			translate(lang, `io.kind.${k}` as MessageKey).toLocaleLowerCase(lang)
		).filter((label) => !intro.includes(label));
		expect(missing).toEqual([]);
		expect(IMPORT_KINDS).toContain('incoming');
	});
});
