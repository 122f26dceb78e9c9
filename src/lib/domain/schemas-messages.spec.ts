import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, vi } from '$lib/i18n/messages';
import { fieldErrors } from './issues';
import { LIMITS, meetingSchema } from './schemas';
import { localToMs } from './time';

/** Every message key the schemas can give (read from the source, so a new rule cannot be missed). */
const keys = [
	...new Set(
		[
			...readFileSync(new URL('./schemas.ts', import.meta.url), 'utf8').matchAll(/'(err\.\w+)'/g)
		].map((m) => m[1]!)
	)
];

describe('every schema rule has a reason people can read', () => {
	it('in Vietnamese and English, on the forms and in CSV import reasons', () => {
		expect(keys).toContain('err.dateMismatch');
		for (const key of keys) {
			expect(vi[key as keyof typeof vi], key).toMatch(/\S/);
			expect(en[key as keyof typeof en], key).toMatch(/\S/);
			const csvKey = `csv.${key}` as keyof typeof vi;
			expect(vi[csvKey], csvKey).toMatch(/\S/);
			expect(en[csvKey], csvKey).toMatch(/\S/);
		}
	});

	it('the form gets a field key for the new meeting rules', () => {
		const start = localToMs('2026-03-02', '08:00');
		const base = {
			id: 'm',
			unitCode: 'VP',
			title: 'Họp',
			category: 'hop',
			format: 'truc_tiep',
			paperless: false,
			status: 'held',
			plannedMinutes: null,
			attendees: null,
			chair: '',
			location: '',
			notes: '',
			agenda: [],
			createdAt: start,
			updatedAt: start,
			deleted: false
		};
		const far = meetingSchema.safeParse({
			...base,
			sittings: [{ start, end: LIMITS.maxInstant + 1 }],
			date: '2026-03-02'
		});
		expect(far.success ? {} : fieldErrors(far.error)).toEqual({
			'sittings.0.end': 'err.instantRange'
		});
		const many = meetingSchema.safeParse({
			...base,
			sittings: Array.from({ length: 32 }, (_, i) => ({
				start: start + i * 86_400_000,
				end: start + i * 86_400_000 + 60_000
			})),
			date: '2026-03-02'
		});
		expect(many.success ? {} : fieldErrors(many.error)).toEqual({
			sittings: 'err.tooManySittings'
		});
	});
});
