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

/** What JSON.stringify writes nothing for (an object member) or `null` for (an array element). */
const unwritable = (v: unknown): boolean =>
	v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * `canonicalJson(a) === canonicalJson(b)`, without building either text (issue 13: the merge of
 * an edit compared every field's canonical JSON several times). For the plain data records are:
 * JSON.stringify's rules for undefined, functions, symbols and non-finite numbers are kept
 * (property-tested against canonicalJson).
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a === 'number' && !Number.isFinite(a)) a = null;
	if (typeof b === 'number' && !Number.isFinite(b)) b = null;
	if (unwritable(a)) a = undefined;
	if (unwritable(b)) b = undefined;
	if (a === b) return true;
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) {
			const x: unknown = unwritable(a[i]) ? null : a[i];
			const y: unknown = unwritable(b[i]) ? null : b[i];
			if (!sameJson(x, y)) return false;
		}
		return true;
	}
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	let written = 0;
	for (const key of Object.keys(ra)) {
		if (unwritable(ra[key])) continue;
		written++;
		if (!Object.hasOwn(rb, key) || !sameJson(ra[key], rb[key])) return false;
	}
	for (const key of Object.keys(rb)) if (!unwritable(rb[key])) written--;
	return written === 0;
}

/**
 * `[...keys].sort()`, remembered for the last few key lists: the records of a kind share theirs
 * (the schema's shape), so a push sorts each list once instead of once per record (issue 13).
 * The lists given back are shared: callers only read them.
 */
const sorts: { keys: readonly string[]; sorted: readonly string[] }[] = [];
function sortedKeys(keys: readonly string[]): readonly string[] {
	for (const s of sorts) if (sameList(s.keys, keys)) return s.sorted;
	const sorted = [...keys].sort();
	sorts.unshift({ keys: [...keys], sorted });
	if (sorts.length > 8) sorts.pop();
	return sorted;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
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
	if (a === b) {
		// A state merged with itself (a new record): every field wins against itself.
		for (const key of sortedKeys(Object.keys(a.data))) {
			data[key] = a.data[key];
			clocks[key] = a.clocks[key] ?? UNWRITTEN;
		}
		return { data, clocks };
	}
	const aKeys = Object.keys(a.data);
	const bKeys = Object.keys(b.data);
	// The same fields in the same order (the usual edit): their union is either list.
	const keys = sameList(aKeys, bKeys)
		? sortedKeys(aKeys)
		: [...new Set([...aKeys, ...bKeys])].sort();
	for (const key of keys) {
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
	return sameJson(a.data, b.data) && sameJson(a.clocks, b.clocks);
}

/** The greatest clock of a state: the record's version stamp. */
export function maxClock(state: FieldState): string {
	let max = UNWRITTEN;
	// Most fields share a clock: one equal to the greatest so far is not compared again.
	for (const c of Object.values(state.clocks)) if (c !== max && compareHlcText(c, max) > 0) max = c;
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
			merged.clocks[key] === incoming.clocks[key] && sameJson(merged.data[key], incoming.data[key]);
		if (written && !kept) incomingLost.push(key);
	}
	const currentOverwritten: string[] = [];
	for (const key of Object.keys(current.data)) {
		if (!sameJson(merged.data[key], current.data[key])) currentOverwritten.push(key);
	}
	return { merged, changed: !sameState(current, merged), incomingLost, currentOverwritten };
}
