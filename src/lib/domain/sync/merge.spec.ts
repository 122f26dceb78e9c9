import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import {
	canonicalJson,
	changeState,
	mergeStates,
	resolve,
	sameJson,
	sameState,
	UNWRITTEN,
	type FieldState
} from './merge';

const T = 1_777_860_000_000;
const FIELDS = ['title', 'status', 'notes', 'deleted'] as const;
const clock = fc.oneof(
	fc.constant(UNWRITTEN),
	fc
		.record({
			wall: fc.integer({ min: T, max: T + 5 }),
			counter: fc.integer({ min: 0, max: 2 }),
			node: fc.constantFrom('dev-a', 'dev-b', 'dev-c')
		})
		.map(formatHlc)
);
const value = fc.oneof(
	fc.integer({ min: 0, max: 3 }),
	fc.constantFrom('x', 'y'),
	fc.boolean(),
	fc.constant(null)
);
const state: fc.Arbitrary<FieldState> = fc.subarray([...FIELDS], { minLength: 1 }).chain((keys) =>
	fc
		.tuple(fc.tuple(...keys.map(() => value)), fc.tuple(...keys.map(() => clock)))
		.map(([vs, cs]) => ({
			data: Object.fromEntries(keys.map((k, i) => [k, vs[i]])),
			clocks: Object.fromEntries(keys.map((k, i) => [k, cs[i]!]))
		}))
);

describe('mergeStates', () => {
	it('is commutative', () => {
		fc.assert(
			fc.property(state, state, (a, b) => {
				expect(sameState(mergeStates(a, b), mergeStates(b, a))).toBe(true);
			})
		);
	});

	it('is idempotent', () => {
		fc.assert(
			fc.property(state, state, (a, b) => {
				const ab = mergeStates(a, b);
				expect(sameState(mergeStates(ab, b), ab)).toBe(true);
				expect(sameState(mergeStates(a, a), a)).toBe(true);
			})
		);
	});

	it('is associative, so any order of changes converges', () => {
		fc.assert(
			fc.property(state, state, state, (a, b, c) => {
				expect(
					sameState(mergeStates(mergeStates(a, b), c), mergeStates(a, mergeStates(b, c)))
				).toBe(true);
			})
		);
	});

	it('every permutation of the same changes gives the same record', () => {
		fc.assert(
			fc.property(
				fc.array(state, { minLength: 1, maxLength: 5 }),
				fc.infiniteStream(fc.nat()),
				(changes, rnd) => {
					const shuffled = [...changes];
					for (let i = shuffled.length - 1; i > 0; i--) {
						const j = rnd.next().value % (i + 1);
						[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
					}
					const fold = (xs: FieldState[]) => xs.reduce((acc, s) => mergeStates(acc, s));
					expect(sameState(fold(changes), fold(shuffled))).toBe(true);
				}
			)
		);
	});
});

describe('per-field last writer wins', () => {
	const base = { title: 'Họp', status: 'planned', notes: '' };
	const at = (ms: number, node: string) => formatHlc({ wall: T + ms, counter: 0, node });

	it('keeps both edits when two devices change different fields', () => {
		const stored = changeState(base, at(0, 'dev-a'));
		const a = changeState({ ...base, title: 'Họp giao ban' }, at(10, 'dev-a'), ['title']);
		const b = changeState({ ...base, status: 'held' }, at(5, 'dev-b'), ['status']);
		const merged = mergeStates(mergeStates(stored, a), b);
		expect(merged.data).toEqual({ title: 'Họp giao ban', status: 'held', notes: '' });
	});

	it('takes the later clock on the same field, and the greater device id on a tie', () => {
		const a = changeState({ ...base, title: 'A' }, at(10, 'dev-a'));
		const b = changeState({ ...base, title: 'B' }, at(10, 'dev-b'));
		const c = changeState({ ...base, title: 'C' }, at(9, 'dev-z'));
		expect(mergeStates(a, b).data.title).toBe('B');
		expect(mergeStates(b, a).data.title).toBe('B');
		expect(mergeStates(c, a).data.title).toBe('A');
	});

	it('resolve reports the losing incoming fields and the overwritten stored fields', () => {
		const stored = mergeStates(
			changeState(base, at(0, 'dev-a')),
			changeState({ ...base, title: 'New' }, at(20, 'dev-a'), ['title'])
		);
		const stale = changeState({ ...base, title: 'Old', notes: 'n' }, at(10, 'dev-b'), [
			'title',
			'notes'
		]);
		const r = resolve(stored, stale);
		expect(r.merged.data).toEqual({ title: 'New', status: 'planned', notes: 'n' });
		expect(r.incomingLost).toEqual(['title']);
		expect(r.currentOverwritten).toEqual(['notes']);
		expect(r.changed).toBe(true);
	});

	it('a change that loses everywhere leaves the record unchanged', () => {
		const stored = changeState(base, at(20, 'dev-a'));
		const r = resolve(stored, changeState({ ...base, title: 'x' }, at(10, 'dev-b'), ['title']));
		expect(r.changed).toBe(false);
		expect(r.incomingLost).toEqual(['title']);
		expect(r.currentOverwritten).toEqual([]);
	});
});

describe('sameJson', () => {
	/** A copy with every object's keys in another order: the same canonical JSON. */
	const reordered = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(reordered);
		if (v !== null && typeof v === 'object')
			return Object.fromEntries(
				Object.keys(v)
					.reverse()
					.map((k) => [k, reordered((v as Record<string, unknown>)[k])])
			);
		return v;
	};

	it('agrees with comparing canonical JSON, for any two values', () => {
		const any = fc.anything({ maxDepth: 3, withNullPrototype: true, withSparseArray: true });
		fc.assert(
			fc.property(any, any, (a, b) => {
				expect(sameJson(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
			}),
			{ numRuns: 2000 }
		);
	});

	it('agrees on values that differ only a little or not at all', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 1 }), (a, tweak) => {
				const b = reordered(a);
				expect(sameJson(a, b)).toBe(true);
				const c = Array.isArray(a)
					? [...a, tweak]
					: a !== null && typeof a === 'object'
						? { ...a, extra: tweak }
						: tweak;
				expect(sameJson(a, c)).toBe(canonicalJson(a) === canonicalJson(c));
			}),
			{ numRuns: 2000 }
		);
	});

	it('follows JSON for undefined, functions and non-finite numbers', () => {
		expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(sameJson([undefined], [null])).toBe(true);
		expect(sameJson(Number.NaN, null)).toBe(true);
		expect(sameJson({ a: () => 1 }, {})).toBe(true);
		expect(sameJson(undefined, 'undefined')).toBe(false);
		expect(sameJson({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
		expect(sameJson('1', 1)).toBe(false);
	});
});

describe('mergeStates of a state with itself', () => {
	it('is the state, fields in key order (the shortcut for a new record)', () => {
		fc.assert(
			fc.property(state, (a) => {
				const m = mergeStates(a, a);
				expect(m).toEqual(mergeStates(a, { data: { ...a.data }, clocks: { ...a.clocks } }));
				expect(Object.keys(m.data)).toEqual(Object.keys(a.data).sort());
			})
		);
	});
});

describe('the fields of a merge, in key order', () => {
	// The sorted order of a key list is remembered (a push sorts each record kind's fields once):
	// states with the same fields in other orders, and more lists than are remembered, in turn.
	const keys = ['title', 'status', 'notes', 'deleted', 'a', 'Z', '_', 'ệ', 'x1', 'X', 'updatedAt'];
	const shuffled = fc.shuffledSubarray(keys, { minLength: 1 });
	const of = (ks: string[], v: number, c: string): FieldState => ({
		data: Object.fromEntries(ks.map((k) => [k, v])),
		clocks: Object.fromEntries(ks.map((k) => [k, c]))
	});
	it('whatever the fields and their order on either side', () => {
		const c1 = formatHlc({ wall: T, counter: 0, node: 'dev-a' });
		const c2 = formatHlc({ wall: T, counter: 1, node: 'dev-a' });
		fc.assert(
			fc.property(
				fc.array(fc.tuple(shuffled, shuffled), { minLength: 1, maxLength: 20 }),
				(pairs) => {
					for (const [ka, kb] of pairs) {
						const a = of(ka, 1, c1);
						const b = of(kb, 2, c2);
						const all = [...new Set([...ka, ...kb])].sort();
						expect(Object.keys(mergeStates(a, a).data)).toEqual([...ka].sort());
						const m = mergeStates(a, b);
						expect(Object.keys(m.data)).toEqual(all);
						expect(Object.keys(m.clocks)).toEqual(all);
						for (const k of all) expect(m.data[k]).toBe(kb.includes(k) ? 2 : 1);
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});
