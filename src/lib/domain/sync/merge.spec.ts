import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import {
	canonicalJson,
	changeState,
	mergeStates,
	partName,
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

describe('a keyed list (settings plans by year) merges item by item', () => {
	const KEYED = { plans: 'year' } as const;
	const at = (ms: number, node: string) => formatHlc({ wall: T + ms, counter: 0, node });
	const plan = (year: number, number: string) => ({ year, number, date: null });
	const base = { communeName: 'Xã A', plans: [plan(2025, '10/KH-UBND')] };
	const stored = resolve(null, changeState(base, at(0, 'dev-a')), KEYED).merged;

	it('two devices adding different years both keep theirs, in either order', () => {
		const a = changeState(
			{ ...base, plans: [plan(2025, '10/KH-UBND'), plan(2026, '20/KH-UBND')] },
			at(10, 'dev-a'),
			['plans'],
			{ keyed: KEYED, names: [partName('plans', '2026')] }
		);
		// B never saw A's 2026: its list lacks it, and its change does not name it.
		const b = changeState(
			{ ...base, plans: [plan(2025, '10/KH-UBND'), plan(2027, '30/KH-UBND')] },
			at(20, 'dev-b'),
			['plans'],
			{ keyed: KEYED, names: [partName('plans', '2027')] }
		);
		const ab = resolve(resolve(stored, a, KEYED).merged, b, KEYED);
		const ba = resolve(resolve(stored, b, KEYED).merged, a, KEYED);
		const years = (s: FieldState) => (s.data.plans as { year: number }[]).map((p) => p.year);
		expect(years(ab.merged)).toEqual([2025, 2026, 2027]);
		expect(sameState(ab.merged, ba.merged)).toBe(true);
		// Nothing B wrote lost, and A's version is not overwritten: no history of a loss either way.
		expect(ab.incomingLost).toEqual([]);
		expect(ba.incomingLost).toEqual([]);
	});

	it('the same year edited on two devices goes to the later clock; the other is a loss', () => {
		const a = changeState(
			{ ...base, plans: [plan(2025, '11/KH-UBND')] },
			at(10, 'dev-a'),
			['plans'],
			{
				keyed: KEYED,
				names: [partName('plans', '2025')]
			}
		);
		const b = changeState(
			{ ...base, plans: [plan(2025, '12/KH-UBND')] },
			at(5, 'dev-b'),
			['plans'],
			{
				keyed: KEYED,
				names: [partName('plans', '2025')]
			}
		);
		const afterA = resolve(stored, a, KEYED).merged;
		const r = resolve(afterA, b, KEYED);
		expect(r.merged.data.plans).toEqual([plan(2025, '11/KH-UBND')]);
		expect(r.incomingLost).toEqual(['plans']);
		expect(r.changed).toBe(false);
	});

	it('a year removed by its own clock stays removed; a stale copy that does not name it does not bring it back', () => {
		const removal = changeState({ ...base, plans: [] }, at(10, 'dev-a'), ['plans'], {
			keyed: KEYED,
			names: [partName('plans', '2025')]
		});
		const afterRemoval = resolve(stored, removal, KEYED).merged;
		expect(afterRemoval.data.plans).toEqual([]);
		const stale = changeState(
			{ ...base, plans: [plan(2025, '10/KH-UBND'), plan(2026, '20/KH-UBND')] },
			at(20, 'dev-b'),
			['plans'],
			{ keyed: KEYED, names: [partName('plans', '2026')] }
		);
		expect(resolve(afterRemoval, stale, KEYED).merged.data.plans).toEqual([
			plan(2026, '20/KH-UBND')
		]);
	});

	it('a list written whole (an older app: no parts) changes the years it holds and removes none', () => {
		const a = changeState(
			{ ...base, plans: [plan(2025, '10/KH-UBND'), plan(2026, '20/KH-UBND')] },
			at(10, 'dev-a'),
			['plans'],
			{ keyed: KEYED, names: [partName('plans', '2026')] }
		);
		const old = changeState({ ...base, plans: [plan(2025, '15/KH-UBND')] }, at(20, 'dev-old'), [
			'plans'
		]);
		const r = resolve(resolve(stored, a, KEYED).merged, old, KEYED);
		expect(r.merged.data.plans).toEqual([plan(2025, '15/KH-UBND'), plan(2026, '20/KH-UBND')]);
		// Without the keyed rule the whole list went to the later clock: 2026 was lost.
		expect(resolve(resolve(stored, a).merged, old).merged.data.plans).toEqual([
			plan(2025, '15/KH-UBND')
		]);
	});

	const year = fc.constantFrom(2025, 2026, 2027);
	const keyedState: fc.Arbitrary<FieldState> = fc
		.record({
			items: fc.uniqueArray(fc.record({ year, number: fc.constantFrom('a', 'b') }), {
				selector: (p) => p.year
			}),
			field: clock,
			parts: fc.array(fc.tuple(year, clock), { maxLength: 3 })
		})
		.map(({ items, field, parts }) => ({
			data: { plans: items },
			clocks: {
				plans: field,
				...Object.fromEntries(parts.map(([y, c]) => [partName('plans', String(y)), c]))
			}
		}));
	const merge = (a: FieldState, b: FieldState) => mergeStates(a, b, KEYED);

	it('is commutative, associative and idempotent', () => {
		fc.assert(
			fc.property(keyedState, keyedState, keyedState, (a, b, c) => {
				expect(sameState(merge(a, b), merge(b, a))).toBe(true);
				expect(sameState(merge(merge(a, b), c), merge(a, merge(b, c)))).toBe(true);
				const ab = merge(a, b);
				expect(sameState(merge(ab, b), ab)).toBe(true);
				expect(sameState(merge(ab, ab), ab)).toBe(true);
			})
		);
	});
});
