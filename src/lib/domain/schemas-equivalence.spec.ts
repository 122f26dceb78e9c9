/**
 * The schemas with their check chains folded (`oneStep`, fast-checks.ts; issue 13, point 2) hold
 * exactly the rules of the plain chains: the same records pass, parsed to the same data, and the
 * same records fail with the same issues (code, message, path and the rest), in the same order.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
	makeDocument,
	makeIncoming,
	makeMeeting,
	makePlan,
	makeProcedure,
	makeUnit
} from '$factories/records';
import { ENTITY_SCHEMAS } from './entities/schemas';
import { oneStep } from './fast-checks';
import * as folded from './schemas';
import { pushRequestSchema } from './sync/protocol';

type Schemas = typeof ENTITY_SCHEMAS;
/** The same schemas built with `oneStep` as the identity: the plain zod chains. */
let plain: Schemas;
let plainFields: typeof folded;
let plainPush: typeof pushRequestSchema;
beforeAll(async () => {
	vi.resetModules();
	vi.doMock('./fast-checks', () => ({ oneStep: <S>(s: S): S => s }));
	plain = (await import('./entities/schemas')).ENTITY_SCHEMAS;
	plainFields = await import('./schemas');
	plainPush = (await import('./sync/protocol')).pushRequestSchema;
	expect(plainPush).not.toBe(pushRequestSchema);
	expect(plainFields.meetingSchema).not.toBe(folded.meetingSchema);
	vi.doUnmock('./fast-checks');
	vi.resetModules();
});

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

const same = (folded: z.ZodType, chain: z.ZodType, value: unknown): void => {
	expect(outcome(folded, value)).toEqual(outcome(chain, value));
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

describe('oneStep', () => {
	const chains: [string, z.ZodString | z.ZodNumber | z.ZodArray<z.ZodType>][] = [
		['trim min max', z.string().trim().min(1, 'a').max(20, 'b')],
		['min 3 max 5', z.string().min(3).max(5)],
		[
			'regex',
			z
				.string()
				.trim()
				.regex(/^[A-Z0-9_-]+$/, 'c')
		],
		[
			'min refine',
			z
				.string()
				.min(2)
				.refine((s) => s.length % 2 === 0, 'even')
		],
		['int min max', z.number({ error: 'n' }).int('i').min(0, 'lo').max(1e9, 'hi')],
		['gt lt', z.number().gt(-1).lt(10)],
		['array', z.array(z.unknown()).min(1, 'none').max(2, 'many')]
	];

	it.each(chains)('%s: the same outcome as the chain, whatever the value', (_, chain) => {
		const folded = oneStep(chain);
		expect(folded).not.toBe(chain);
		expect(folded._zod.def.checks).toHaveLength(1);
		fc.assert(
			fc.property(fc.oneof(tricky, fc.array(tricky, { maxLength: 3 })), (v) =>
				same(folded, chain, v)
			),
			{ numRuns: 3000 }
		);
	});

	it('leaves a chain with a check it cannot fold as it is', () => {
		const chain = z
			.string()
			.min(1)
			.superRefine(() => {});
		expect(oneStep(chain)).toBe(chain);
		const one = z.string().max(3);
		expect(oneStep(one)).toBe(one);
		const email = z.email();
		expect(oneStep(email as unknown as z.ZodString)).toBe(email);
	});
});

describe('the folded field schemas and the plain chains agree', () => {
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
			fc.property(dateLike, (v) => same(folded[name], before[name], v)),
			{ numRuns: 20_000 }
		);
	});
	it.each(['localDateSchema', 'monthSchema', 'unitCodeSchema', 'idSchema'] as const)(
		'%s',
		(name) => {
			fc.assert(
				fc.property(dateLike, (v) => same(folded[name], plainFields[name], v)),
				{ numRuns: 20_000 }
			);
		}
	);
});

/** A valid record of each kind, for the fields to be replaced with tricky values. */
const samples: Record<keyof Schemas, () => Record<string, unknown>> = {
	unit: () => makeUnit(),
	plan: () => makePlan(),
	meeting: () =>
		makeMeeting({
			agenda: [
				{
					id: 'a-1',
					title: ' Báo cáo ',
					kind: 'presentation',
					plannedMinutes: 10,
					spans: [{ start: 1_767_240_000_000, end: 1_767_240_600_000 }]
				}
			]
		}),
	document: () => makeDocument(),
	procedure: () => makeProcedure(),
	incoming: () => makeIncoming(),
	settings: () => ({
		id: 'settings',
		communeName: ' Xã ',
		province: 'Tỉnh',
		periodMode: 'calendar',
		limits: { quan_triet: 1, chuyen_mon: 2, thao_luan: 3, hop: null },
		warningLeadMinutes: 15,
		updatedAt: 1
	}),
	report: () => ({})
};

describe('the folded schemas and the plain chains agree', () => {
	const kinds = Object.keys(samples) as (keyof Schemas)[];

	it('on the valid samples (the same data back)', () => {
		for (const kind of kinds.filter((k) => k !== 'report')) {
			const record = samples[kind]();
			const o = outcome(ENTITY_SCHEMAS[kind], record);
			expect(o, kind).toHaveProperty('data');
			expect(o).toEqual(outcome(plain[kind], record));
		}
	});

	it('on records with fields (top level and nested) replaced by values near every edge', () => {
		const paths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
			v !== null && typeof v === 'object'
				? Object.entries(v).flatMap(([k, x]) => {
						const p = [...prefix, Array.isArray(v) ? Number(k) : k];
						return [p, ...paths(x, p)];
					})
				: [];
		for (const kind of kinds) {
			const sample = samples[kind]();
			const fields = paths(sample);
			fc.assert(
				fc.property(
					fc.array(fc.tuple(fc.constantFrom(...(fields.length ? fields : [['x']])), tricky), {
						minLength: 1,
						maxLength: 3
					}),
					(edits) => {
						const record = structuredClone(sample);
						for (const [path, value] of edits) {
							let at: Record<string | number, unknown> = record;
							for (const key of path.slice(0, -1)) {
								const next = at[key];
								if (next === null || typeof next !== 'object') return;
								at = next as Record<string | number, unknown>;
							}
							at[path.at(-1)!] = value;
						}
						same(ENTITY_SCHEMAS[kind], plain[kind], record);
					}
				),
				{ numRuns: kind === 'meeting' ? 4000 : 800 }
			);
		}
	});

	it('on anything at all', () => {
		for (const kind of kinds)
			fc.assert(
				fc.property(fc.anything(), (v) => same(ENTITY_SCHEMAS[kind], plain[kind], v)),
				{ numRuns: 300 }
			);
	});
});

describe('the folded push envelope and the plain one agree', () => {
	it('on requests with fields replaced by values near every edge', () => {
		const request = () => ({
			version: 1,
			deviceId: 'dev-1',
			mutations: [
				{
					mutationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
					entity: 'meeting',
					recordId: 'm-1',
					op: 'put',
					record: {},
					hlc: '001767240000000-0001-dev-1',
					fields: ['title', 'notes']
				}
			]
		});
		const fields = [
			['deviceId'],
			['mutations', 0, 'recordId'],
			['mutations', 0, 'hlc'],
			['mutations', 0, 'fields'],
			['mutations', 0, 'fields', 0],
			['mutations', 0, 'fields', 1]
		] as const;
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.constantFrom(...fields),
						fc.oneof(
							tricky,
							fc.string({
								unit: fc.constantFrom('a', '0', '-', ':', ' ', '.', 'ệ'),
								maxLength: 70
							}),
							fc.array(fc.oneof(tricky, fc.string({ maxLength: 66 })), { maxLength: 66 })
						)
					),
					{ minLength: 1, maxLength: 3 }
				),
				(edits) => {
					const body = request();
					for (const [path, value] of edits) {
						let at: Record<string | number, unknown> = body;
						for (const key of path.slice(0, -1)) {
							const next = at[key];
							if (next === null || typeof next !== 'object') return;
							at = next as Record<string | number, unknown>;
						}
						at[path.at(-1)!] = value;
					}
					same(pushRequestSchema, plainPush, body);
				}
			),
			{ numRuns: 3000 }
		);
	});
});
