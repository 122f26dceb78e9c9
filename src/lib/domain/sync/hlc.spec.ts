import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	compareHlc,
	compareHlcText,
	formatHlc,
	HlcFailure,
	initialHlc,
	parseHlc,
	receive,
	tick,
	withinSkew,
	type Hlc
} from './hlc';

const T = 1_777_860_000_000;
const node = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const hlc: fc.Arbitrary<Hlc> = fc.record({
	wall: fc.integer({ min: 0, max: 4_102_444_800_000 }),
	counter: fc.integer({ min: 0, max: 0xfff0 }),
	node
});

describe('hlc', () => {
	it('formats and parses back to the same stamp', () => {
		fc.assert(
			fc.property(hlc, (h) => {
				expect(parseHlc(formatHlc(h))).toEqual(h);
			})
		);
	});

	it('rejects malformed text', () => {
		expect(parseHlc('')).toBeNull();
		expect(parseHlc('123-0000-a')).toBeNull();
		expect(parseHlc('000001777860000-00g0-a')).toBeNull();
		expect(parseHlc('000001777860000-0000-')).toBeNull();
	});

	it('sorts text the same way as compareHlc', () => {
		fc.assert(
			fc.property(hlc, hlc, (a, b) => {
				expect(Math.sign(compareHlcText(formatHlc(a), formatHlc(b)))).toBe(
					Math.sign(compareHlc(a, b))
				);
			})
		);
	});

	it('breaks equal wall and counter by node id', () => {
		expect(compareHlc({ wall: T, counter: 0, node: 'a' }, { wall: T, counter: 0, node: 'b' })).toBe(
			-1
		);
	});

	it('tick is strictly monotonic whatever the wall clock does (even backwards)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 0, max: 2 * T }), { minLength: 1, maxLength: 50 }),
				(nows) => {
					let prev = initialHlc('dev');
					for (const now of nows) {
						const next = tick(prev, now);
						expect(compareHlc(next, prev)).toBe(1);
						expect(next.wall).toBeGreaterThanOrEqual(now);
						prev = next;
					}
				}
			)
		);
	});

	it('receive returns a stamp after both the local and the remote one', () => {
		fc.assert(
			fc.property(
				hlc,
				hlc,
				fc.integer({ min: 0, max: 4_102_444_800_000 }),
				(local, remote, now) => {
					fc.pre(remote.wall - now <= 60_000);
					const next = receive(local, remote, now, 60_000);
					expect(compareHlc(next, { ...local, node: next.node })).toBe(1);
					expect(
						next.wall > remote.wall || (next.wall === remote.wall && next.counter > remote.counter)
					).toBe(true);
					expect(next.node).toBe(local.node);
				}
			)
		);
	});

	it('refuses a remote stamp further ahead than the skew limit', () => {
		const local = { wall: T, counter: 0, node: 'server' };
		const remote = { wall: T + 60_001, counter: 0, node: 'dev' };
		expect(() => receive(local, remote, T, 60_000)).toThrow(HlcFailure);
		expect(withinSkew(remote, T, 60_000)).toBe(false);
		expect(withinSkew({ ...remote, wall: T + 60_000 }, T, 60_000)).toBe(true);
	});

	it('refuses to overflow the counter', () => {
		expect(() => tick({ wall: T, counter: 0xffff, node: 'a' }, T)).toThrow('counter_overflow');
	});
});

describe('parseHlc', () => {
	// The pattern it reads, as a regex (how it was read before, issue 13).
	const PATTERN = /^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9_.:-]{1,64})$/;
	const byPattern = (text: string) => {
		const m = PATTERN.exec(text);
		return m ? { wall: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! } : null;
	};
	const near = fc
		.tuple(
			fc.constantFrom(
				'001767240000000-00af-dev-1',
				'999999999999999-ffff-' + 'x'.repeat(64),
				'000000000000000-0000-a'
			),
			fc.array(
				fc.tuple(
					fc.nat(90),
					fc.integer({ min: 0, max: 2 }),
					fc.constantFrom(...'09afAFgz-_.:/ \n\u00e9'.split(''))
				),
				{ maxLength: 3 }
			)
		)
		.map(([text, edits]) =>
			edits.reduce<string>(
				(t, [at, drop, c]) =>
					t.slice(0, at) + (drop === 1 ? '' : c) + t.slice(at + (drop === 0 ? 1 : 0)),
				text
			)
		);

	it('reads exactly what the pattern matches, to the same stamp', () => {
		fc.assert(
			fc.property(fc.oneof(near, fc.string({ maxLength: 90 })), (text) => {
				expect(parseHlc(text)).toEqual(byPattern(text));
			}),
			{ numRuns: 20_000 }
		);
	});
});
