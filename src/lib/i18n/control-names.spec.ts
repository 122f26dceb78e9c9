/**
 * A text that tells the user to press a control names it as the control is labelled (field
 * review: the English help said “Resend” for the button “Resend rejected changes”). Every
 * “quoted” name after "press" (English) or "bấm" (Vietnamese) is the text of some message, i.e.
 * a label the app shows.
 */
import { describe, expect, it } from 'vitest';
import { en, vi } from './messages';

/**
 * Vietnamese names “Gửi lại” by its first words: the button reads “Gửi lại các thay đổi bị từ
 * chối” (sync.retry), and the short form is what the texts have always said (e2e specs read it).
 */
const SHORT_FORMS: Record<string, string> = { 'Gửi lại': vi['sync.retry'] };

function named(dict: Record<string, string>, verb: RegExp): { key: string; name: string }[] {
	return Object.entries(dict).flatMap(([key, text]) =>
		[...text.matchAll(verb)].map((m) => ({ key, name: m[1]! }))
	);
}

describe('texts name controls as they are labelled', () => {
	it('English: every “…” after "press" is a label, in full', () => {
		const labels = new Set(Object.values(en));
		const refs = named(en, /\bpress “([^”]+)”/gi);
		expect(refs.length).toBeGreaterThan(0);
		expect(refs.filter((r) => !labels.has(r.name))).toEqual([]);
		// The resend button, by its own label, wherever a text sends the user to it.
		expect(new Set(refs.filter((r) => /resend/i.test(r.name)).map((r) => r.name))).toEqual(
			new Set([en['sync.retry']])
		);
	});

	it('Vietnamese: every “…” after "bấm" is a label, or the first words of the one it stands for', () => {
		const labels = new Set(Object.values(vi));
		for (const [short, label] of Object.entries(SHORT_FORMS))
			expect(label.startsWith(short)).toBe(true);
		const refs = named(vi, /\bbấm “([^”]+)”/gi);
		expect(refs.length).toBeGreaterThan(0);
		expect(refs.filter((r) => !labels.has(r.name) && !(r.name in SHORT_FORMS))).toEqual([]);
	});
});
