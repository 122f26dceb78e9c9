/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds, a counter for events in the
 * same millisecond, and the node (device) id as the final tie-break. Pure: "now" is always passed in.
 *
 * Text form `WWWWWWWWWWWWWWW-CCCC-node`: 15 zero-padded decimal digits of epoch ms, 4 hex digits of
 * counter, then the node id. Two stamps of different nodes compare by wall, counter, then node.
 */

export interface Hlc {
	readonly wall: number;
	readonly counter: number;
	readonly node: string;
}

/** Largest allowed difference between a remote stamp and our clock (5 minutes by default). */
export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;
export const MAX_COUNTER = 0xffff;
const WALL_DIGITS = 15;

export type HlcError = 'clock_skew' | 'counter_overflow';

export class HlcFailure extends Error {
	constructor(readonly code: HlcError) {
		super(code);
	}
}

export function formatHlc(h: Hlc): string {
	return `${String(h.wall).padStart(WALL_DIGITS, '0')}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

/** Character codes a node id may use: [A-Za-z0-9_.:-]. */
const NODE_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-')
	NODE_CHARS[c.charCodeAt(0)] = 1;

/**
 * The text form read by hand, as the pattern `^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9_.:-]{1,64})$`
 * would (a push parses one clock per mutation: a quarter of the regex's time, issue 13);
 * hlc.spec.ts holds it to that pattern. 15 digits fit a double exactly.
 */
export function parseHlc(text: string): Hlc | null {
	if (typeof text !== 'string') return null;
	const n = text.length;
	if (n < 22 || n > 85 || text.charCodeAt(15) !== 45 || text.charCodeAt(20) !== 45) return null;
	let wall = 0;
	for (let i = 0; i < 15; i++) {
		const d = text.charCodeAt(i) - 48;
		if (!(d >= 0 && d <= 9)) return null;
		wall = wall * 10 + d;
	}
	let counter = 0;
	for (let i = 16; i < 20; i++) {
		const c = text.charCodeAt(i);
		const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
		if (d < 0) return null;
		counter = counter * 16 + d;
	}
	for (let i = 21; i < n; i++) {
		const c = text.charCodeAt(i);
		if (!(c < 128 && NODE_CHARS[c] === 1)) return null;
	}
	return { wall, counter, node: text.slice(21) };
}

export function compareHlc(a: Hlc, b: Hlc): number {
	if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
	if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
	return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** The formatted strings sort the same way as compareHlc (fixed-width wall and counter). */
export function compareHlcText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export function initialHlc(node: string): Hlc {
	return { wall: 0, counter: 0, node };
}

function bump(wall: number, counter: number, node: string): Hlc {
	if (counter > MAX_COUNTER) throw new HlcFailure('counter_overflow');
	return { wall, counter, node };
}

/** A local event (a write on this node): strictly greater than `local` and than any earlier stamp. */
export function tick(local: Hlc, now: number): Hlc {
	if (now > local.wall) return { wall: now, counter: 0, node: local.node };
	return bump(local.wall, local.counter + 1, local.node);
}

/**
 * Merge a stamp received from another node. Throws `clock_skew` when the remote wall clock is more
 * than `maxSkewMs` ahead of `now`, so one wrong device clock cannot drag every clock forward.
 */
export function receive(
	local: Hlc,
	remote: Hlc,
	now: number,
	maxSkewMs = DEFAULT_MAX_SKEW_MS
): Hlc {
	if (remote.wall - now > maxSkewMs) throw new HlcFailure('clock_skew');
	const wall = Math.max(local.wall, remote.wall, now);
	if (wall === local.wall && wall === remote.wall) {
		return bump(wall, Math.max(local.counter, remote.counter) + 1, local.node);
	}
	if (wall === local.wall) return bump(wall, local.counter + 1, local.node);
	if (wall === remote.wall) return bump(wall, remote.counter + 1, local.node);
	return { wall, counter: 0, node: local.node };
}

/** True when a stamp's wall clock is within the skew limit of `now` (not too far in the future). */
export function withinSkew(h: Hlc, now: number, maxSkewMs = DEFAULT_MAX_SKEW_MS): boolean {
	return h.wall - now <= maxSkewMs;
}
