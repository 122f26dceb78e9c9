/**
 * The record size cap (LIMITS.recordBytes) decided from a bound of the JSON's size (issue 13,
 * point 2: no second JSON.stringify of every pushed meeting): the bound is never below the real
 * size, so the cap accepts and rejects exactly what measuring the JSON would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytesAtMost, LIMITS, meetingSchema, recordBytes } from './schemas';
import { meeting } from '$factories/sync';

/** Property runs are CPU-bound: on a loaded two-core machine they took past vitest's 5 s. */
const PROPERTY_TIMEOUT = 30_000;

describe('jsonBytesAtMost', () => {
	it(
		'is never below the UTF-8 size of the JSON, whatever the value',
		() => {
			fc.assert(
				fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
					for (const v of [value, text, { text, value }, [text, value, undefined]])
						expect(jsonBytesAtMost(v, Infinity)).toBeGreaterThanOrEqual(recordBytes(v));
				}),
				{ numRuns: 2000 }
			);
		},
		PROPERTY_TIMEOUT
	);

	it('gives up on values JSON.stringify renders its own way', () => {
		expect(jsonBytesAtMost(new Date(0), 1000)).toBe(Infinity);
		expect(jsonBytesAtMost({ at: { toJSON: () => 'x'.repeat(99) } }, 1000)).toBe(Infinity);
		expect(jsonBytesAtMost([1n], 1000)).toBe(Infinity);
	});
});

describe('the meeting size cap', () => {
	const tooLarge = (m: unknown) => {
		const r = meetingSchema.safeParse(m);
		return !r.success && r.error.issues.some((i) => i.message === 'err.recordTooLarge');
	};

	it(
		'rejects exactly the meetings whose JSON is over the cap',
		() => {
			// Agenda items near the edge: titles of escapes and multi-byte characters.
			const title = fc.string({
				unit: fc.constantFrom('a', 'ệ', 'ệ', 'ệ', '"', '\n', '𝕏'),
				minLength: 250,
				maxLength: 300
			});
			const seen = new Set<boolean>();
			fc.assert(
				fc.property(fc.array(title, { minLength: 60, maxLength: 100 }), (titles) => {
					const m = meeting({
						agenda: titles.map((t, i) => ({
							id: `a-${i}`,
							title: t.trim() === '' ? 'x' : t,
							kind: 'discussion' as const,
							plannedMinutes: 5,
							spans: []
						}))
					});
					const parsed = meetingSchema.safeParse(m);
					const size = recordBytes(parsed.success ? parsed.data : m);
					expect(tooLarge(m)).toBe(size > LIMITS.recordBytes);
					seen.add(size > LIMITS.recordBytes);
				}),
				{ numRuns: 300 }
			);
			// Both sides of the cap were tried.
			expect(seen).toEqual(new Set([true, false]));
		},
		PROPERTY_TIMEOUT
	);
});
