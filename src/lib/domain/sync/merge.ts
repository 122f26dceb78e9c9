/**
 * Per-field last-writer-wins merge on hybrid logical clocks. Pure and deterministic.
 *
 * A record's sync state is its data plus one HLC text per field. For every field the value with the
 * greater clock wins; clocks embed the device id, so equal wall times break ties by device id. Equal
 * clocks with different values (only possible from a buggy device) break ties by the canonical JSON
 * of the value. The clock `''` means "not written by this change" and loses to every real clock.
 *
 * mergeStates is commutative, associative and idempotent (a state-based CRDT), so every order of
 * applying the same changes converges on the same record.
 */
import { compareHlcText } from './hlc';

export interface FieldState {
	readonly data: Readonly<Record<string, unknown>>;
	readonly clocks: Readonly<Record<string, string>>;
}

/** Clock of a field that a change carries but did not write (e.g. untouched fields of a full put). */
export const UNWRITTEN = '';

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort())
			out[key] = sortKeys((value as Record<string, unknown>)[key]);
		return out;
	}
	return value;
}

function aWins(va: unknown, ca: string, vb: unknown, cb: string): boolean {
	const byClock = compareHlcText(ca, cb);
	if (byClock !== 0) return byClock > 0;
	// The same value (a primitive, or one object merged with itself) wins against itself.
	return va === vb || canonicalJson(va) >= canonicalJson(vb);
}

export function mergeStates(a: FieldState, b: FieldState): FieldState {
	const data: Record<string, unknown> = {};
	const clocks: Record<string, string> = {};
	const keys = new Set([...Object.keys(a.data), ...Object.keys(b.data)]);
	for (const key of [...keys].sort()) {
		const inA = Object.hasOwn(a.data, key);
		const inB = Object.hasOwn(b.data, key);
		const ca = a.clocks[key] ?? UNWRITTEN;
		const cb = b.clocks[key] ?? UNWRITTEN;
		const takeA = inA && (!inB || aWins(a.data[key], ca, b.data[key], cb));
		data[key] = takeA ? a.data[key] : b.data[key];
		clocks[key] = takeA ? ca : cb;
	}
	return { data, clocks };
}

/** The state of one change: fields in `written` (all fields when omitted) get the change's clock. */
export function changeState(
	record: Readonly<Record<string, unknown>>,
	hlc: string,
	written?: readonly string[]
): FieldState {
	const clocks: Record<string, string> = {};
	for (const key of Object.keys(record)) {
		clocks[key] = written === undefined || written.includes(key) ? hlc : UNWRITTEN;
	}
	return { data: { ...record }, clocks };
}

export function sameState(a: FieldState, b: FieldState): boolean {
	return (
		canonicalJson(a.data) === canonicalJson(b.data) &&
		canonicalJson(a.clocks) === canonicalJson(b.clocks)
	);
}

/** The greatest clock of a state: the record's version stamp. */
export function maxClock(state: FieldState): string {
	let max = UNWRITTEN;
	for (const c of Object.values(state.clocks)) if (compareHlcText(c, max) > 0) max = c;
	return max;
}

export interface Resolution {
	readonly merged: FieldState;
	/** The stored state changed (false for a change that lost every field or repeated a value). */
	readonly changed: boolean;
	/** Fields the incoming change wrote but lost: the incoming version goes to history. */
	readonly incomingLost: readonly string[];
	/** Fields of the stored version that were overwritten: the stored version goes to history. */
	readonly currentOverwritten: readonly string[];
}

/** Resolve an incoming change against the stored state (null when the record is new). */
export function resolve(current: FieldState | null, incoming: FieldState): Resolution {
	if (current === null) {
		return {
			merged: mergeStates(incoming, incoming),
			changed: true,
			incomingLost: [],
			currentOverwritten: []
		};
	}
	const merged = mergeStates(current, incoming);
	const incomingLost: string[] = [];
	for (const key of Object.keys(incoming.data)) {
		const written = (incoming.clocks[key] ?? UNWRITTEN) !== UNWRITTEN;
		const kept =
			merged.clocks[key] === incoming.clocks[key] &&
			canonicalJson(merged.data[key]) === canonicalJson(incoming.data[key]);
		if (written && !kept) incomingLost.push(key);
	}
	const currentOverwritten: string[] = [];
	for (const key of Object.keys(current.data)) {
		if (canonicalJson(merged.data[key]) !== canonicalJson(current.data[key]))
			currentOverwritten.push(key);
	}
	return { merged, changed: !sameState(current, merged), incomingLost, currentOverwritten };
}
