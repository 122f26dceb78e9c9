/**
 * The date and month rules read a date's digits in place (issue 13, point 2: a pushed record's
 * parse) instead of splitting the text: the same texts pass and fail, with the same issues (code,
 * message, path and the rest) in the same order, as the rules did when they were written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as schemas from './schemas';

const outcome = (schema: z.ZodType, value: unknown) => {
	let r: ReturnType<z.ZodType['safeParse']>;
	try {
		r = schema.safeParse(value);
	} catch (e) {
		return { threw: String(e) };
	}
	if (r.success) return { data: r.data, keys: JSON.stringify(r.data) };
	// Every field of every issue (code, message, path, bounds, format...), in order.
	return { issues: r.error.issues };
};

const same = (now: z.ZodType, before: z.ZodType, value: unknown): void => {
	expect(outcome(now, value)).toEqual(outcome(before, value));
};

/** Values near every rule's edge, and of every wrong type. */
const tricky = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'  VP ',
		'VP',
		'vp',
		'A'.repeat(20),
		'A'.repeat(21),
		' '.repeat(3) + 'B'.repeat(20),
		'𝕏',
		'\uD800',
		'𝕏'.repeat(100),
		'𝕏'.repeat(150),
		'𝕏'.repeat(200),
		'𝕏'.repeat(201),
		'x'.repeat(64),
		'x'.repeat(65),
		'x'.repeat(300),
		'x'.repeat(301),
		'2026-02-28',
		'2026-02-29',
		'2024-02-29',
		'1900-02-29',
		'2000-02-29',
		'0099-02-29',
		'0096-02-29',
		'2026-04-31',
		'2026-13-01',
		'2026-00-10',
		'2026-01-00',
		'2026-2-28',
		' 2026-01-01',
		'2026-01-01 ',
		'1999-12-31',
		'2100-01-01',
		'2099-12-31',
		'20260-1-01',
		'1e3-01-01',
		'2026-01',
		'2026-12',
		'2026-13',
		'1999-06',
		'2100-01',
		'+202-01',
		'٢٠٢٦-01-01',
		0,
		-0,
		1,
		-1,
		0.5,
		1e9,
		1e9 + 1,
		Number.MAX_SAFE_INTEGER,
		Number.MAX_SAFE_INTEGER + 2,
		-Number.MAX_SAFE_INTEGER - 2,
		NaN,
		Infinity,
		-Infinity,
		946_659_600_000 - 25_200_000,
		946_659_600_000,
		4_102_419_600_000,
		4_102_419_600_000 - 25_200_000,
		4_102_419_600_000 - 25_200_001,
		null,
		undefined,
		true,
		[],
		{},
		[1, 2]
	),
	fc.string({ unit: fc.constantFrom('A', '0', '-', ' ', 'ệ', '𝕏', '_', '\t'), maxLength: 24 }),
	fc.integer(),
	fc.double(),
	fc.anything()
);

describe('the date and month rules, read in place (issue 13, point 2)', () => {
	const digit = fc.constantFrom(...'0123456789');
	const dateLike = fc.oneof(
		fc.string({ unit: fc.constantFrom(...'0123456789--- +e.x٢'), maxLength: 12 }),
		fc
			.tuple(
				fc.integer({ min: 0, max: 10_099 }),
				fc.integer({ min: 0, max: 99 }),
				fc.integer({ min: 0, max: 99 })
			)
			.map(
				([y, m, d]) =>
					`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
			),
		fc
			.tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 13 }))
			.map(([y, m]) => `${y.join('')}-${String(m).padStart(2, '0')}`),
		// A date or month with one or two characters changed, dropped or added.
		fc
			.tuple(
				fc.constantFrom('2026-02-28', '2024-02-29', '0099-12-31', '2026-07'),
				fc.array(
					fc.tuple(fc.nat(10), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...'09- +e.x٢')),
					{ minLength: 1, maxLength: 2 }
				)
			)
			.map(([text, edits]) =>
				edits.reduce<string>(
					(t, [at, drop, c]) =>
						t.slice(0, at) + (drop === 1 ? '' : c) + t.slice(at + (drop === 0 ? 1 : 0)),
					text
				)
			),
		tricky
	);
	// The date rules as they were written before they read the digits in place.
	const inYearRange = (s: string): boolean => {
		const y = Number(s.slice(0, 4));
		return y >= 2000 && y <= 2099;
	};
	const before = {
		localDateSchema: z
			.string()
			.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'err.date')
			.refine((s) => {
				const [y, m, d] = s.split('-').map(Number) as [number, number, number];
				const dt = new Date(Date.UTC(y, m - 1, d));
				return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
			}, 'err.date')
			.refine(inYearRange, 'err.dateRange'),
		monthSchema: z
			.string()
			.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'err.month')
			.refine(inYearRange, 'err.dateRange')
	};
	it.each(['localDateSchema', 'monthSchema'] as const)('%s, as the rules were written', (name) => {
		fc.assert(
			fc.property(dateLike, (v) => same(schemas[name], before[name], v)),
			{ numRuns: 20_000 }
		);
	});
});
